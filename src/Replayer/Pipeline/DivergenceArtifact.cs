using System.Globalization;
using System.Text;
using System.Text.Json;
using Replay.Diff;
using Replay.History.Cases;
using Replay.Soroban.Invocation;

namespace Replay.Replayer.Pipeline;

/// <summary>What a divergence file says about itself, read back for `replay repro`.</summary>
/// <param name="Kind">"engines" (two engines diverge) or "recorded" (an engine differs from the recording).</param>
/// <param name="Engines">The compared engine variants: two for "engines", one for "recorded".</param>
public sealed record DivergenceArtifactHeader(string Kind, IReadOnlyList<string> Engines, string SignatureHash, string? Class, string? Path, ReplayCase Case);

/// <summary>
/// One self-contained JSON file per finding: the case (CaseJson, so it reruns alone), which
/// engines were compared, the verdict, class, signature, the field-level diff, each side's run and
/// full outcome, the cost deltas and the first divergent host step.
/// </summary>
public static class DivergenceArtifact
{
    public const string Format = "soroban-replay/divergence";
    public const int Version = 1;

    /// <summary>The file name: ledger, transaction, operation (zero-padded, so a listing sorts in ledger order) and the short signature.</summary>
    public static string FileName(CaseId id, DivergenceSignature signature)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(signature);
        return string.Create(CultureInfo.InvariantCulture, $"{id.Ledger:D10}-{id.TransactionIndex:D4}-{id.OperationIndex:D2}-{signature.ShortHash}.json");
    }

    /// <summary>Every finding of a case: one per divergent engine pair, then one per engine that differs from the recording (the order of <see cref="CaseComparison.Signatures"/>).</summary>
    public static IEnumerable<(DivergenceSignature Signature, string Json)> Findings(CaseResult r, AllowList allow, string tool)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(allow);
        var c = r.Comparison;
        var s = 0;
        var step = 0;
        for (var i = 0; i < c.Engines.Count; i++)
        {
            var e = c.Engines[i];
            if (e.Verdict != EnginesVerdict.Divergent)
                continue;
            var signature = c.Signatures[s++];
            var steps = r.Steps[step++];
            yield return (signature, Write(w =>
            {
                Header(w, tool, "engines", [e.First, e.Second], r, signature, allow);
                w.WriteString("verdict", e.Verdict.Name());
                w.WriteString("class", e.Class?.Name());
                w.WritePropertyName("difference");
                ComparisonJson.WriteDifference(w, e.Difference, e.First, e.Second);
                Runs(w, r, [0, i + 1]);
                w.WritePropertyName("costs");
                ComparisonJson.WriteCosts(w, e.Costs);
                w.WriteStartObject("firstDivergentStep");
                if (steps.Step is { } d)
                {
                    w.WriteNumber("index", d.Index);
                    w.WriteString("reason", d.Reason);
                    w.WritePropertyName(e.First);
                    ComparisonJson.WriteStep(w, d.First);
                    w.WritePropertyName(e.Second);
                    ComparisonJson.WriteStep(w, d.Second);
                }
                else
                {
                    w.WriteNull("index");
                    w.WriteString("reason", steps.FirstSteps == 0
                        ? "no host call on either engine: the outcomes differ inside the contract's Wasm"
                        : "the host-call traces are the same step for step: the outcomes differ after the last one");
                    w.WriteStartObject("lastStep");
                    w.WritePropertyName(e.First);
                    ComparisonJson.WriteStep(w, steps.LastFirst);
                    w.WritePropertyName(e.Second);
                    ComparisonJson.WriteStep(w, steps.LastSecond);
                    w.WriteEndObject();
                }
                w.WriteStartObject("steps");
                w.WriteNumber(e.First, steps.FirstSteps);
                w.WriteNumber(e.Second, steps.SecondSteps);
                w.WriteEndObject();
                w.WriteBoolean("truncated", steps.Truncated);
                w.WriteEndObject();
                Tail(w, r, [0, i + 1]);
            }));
        }
        for (var i = 0; i < c.VsRecorded.Count; i++)
        {
            var v = c.VsRecorded[i];
            if (v.Verdict != RecordedVerdict.Differ)
                continue;
            var signature = c.Signatures[s++];
            yield return (signature, Write(w =>
            {
                Header(w, tool, "recorded", [v.Engine], r, signature, allow);
                w.WriteString("verdict", v.Verdict.Name());
                w.WriteString("class", signature.Class);
                w.WritePropertyName("difference");
                ComparisonJson.WriteDifference(w, v.Difference, "recorded", v.Engine);
                Runs(w, r, [i]);
                w.WriteStartObject("recorded");
                w.WriteString("status", c.Recorded.Status);
                w.WriteString("resultCode", c.Recorded.ResultCode);
                if (c.Recorded.Cpu is { } cpu)
                    w.WriteNumber("cpu", cpu);
                else
                    w.WriteNull("cpu");
                if (c.Recorded.Mem is { } mem)
                    w.WriteNumber("mem", mem);
                else
                    w.WriteNull("mem");
                w.WriteEndObject();
                Tail(w, r, [i]);
            }));
        }
    }

    private static void Header(Utf8JsonWriter w, string tool, string kind, string[] engines, CaseResult r, DivergenceSignature signature, AllowList allow)
    {
        var f = r.Comparison.Facts;
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteString("tool", tool);
        w.WriteString("kind", kind);
        w.WriteStartArray("engines");
        foreach (var e in engines)
            w.WriteStringValue(e);
        w.WriteEndArray();
        w.WriteStartObject("case");
        w.WriteString("source", f.Source);
        w.WriteNumber("ledger", f.Ledger);
        w.WriteNumber("txIndex", f.TransactionIndex);
        w.WriteNumber("opIndex", f.OperationIndex);
        w.WriteString("txHash", f.TxHash);
        w.WriteNumber("protocol", f.Protocol);
        w.WriteString("kind", f.Kind);
        w.WriteString("contract", f.Contract);
        w.WriteString("function", f.Function);
        w.WriteString("wasmHash", f.WasmHash);
        w.WriteEndObject();
        w.WritePropertyName("signature");
        ComparisonJson.WriteSignature(w, signature, allow.Allows(signature));
        w.WriteString("allowReason", allow.EntryFor(signature)?.Reason);
    }

    private static void Runs(Utf8JsonWriter w, CaseResult r, int[] indices)
    {
        w.WriteStartArray("runs");
        foreach (var i in indices)
            ComparisonJson.WriteRun(w, r.Comparison.Runs[i]);
        w.WriteEndArray();
    }

    private static void Tail(Utf8JsonWriter w, CaseResult r, int[] indices)
    {
        w.WriteStartArray("outcomes");
        foreach (var i in indices)
            OutcomeJson.Write(w, r.Outcomes[i]);
        w.WriteEndArray();
        w.WritePropertyName("replayCase");
        CaseJson.Write(w, r.Case);
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, ComparisonJson.Indented))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a divergence file's header and case; <see cref="FormatException"/> says what is wrong with it.</summary>
    public static DivergenceArtifactHeader Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
                throw new FormatException($"not a divergence file (no \"format\": \"{Format}\")");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != Version)
                throw new FormatException($"divergence file version {(root.TryGetProperty("version", out var v) ? v.ToString() : "(none)")}: this tool reads version {Version}");
            var kind = Text(root, "kind");
            if (kind is not ("engines" or "recorded"))
                throw new FormatException($"\"kind\" must be \"engines\" or \"recorded\", not \"{kind}\"");
            if (!root.TryGetProperty("engines", out var engines) || engines.ValueKind != JsonValueKind.Array)
                throw new FormatException("\"engines\" must be an array");
            var names = engines.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FormatException("\"engines\" must list variant names")).ToArray();
            if (names.Length != (kind == "engines" ? 2 : 1))
                throw new FormatException($"\"engines\" must name {(kind == "engines" ? 2 : 1)} variant(s) for kind \"{kind}\"");
            if (!root.TryGetProperty("signature", out var sig) || sig.ValueKind != JsonValueKind.Object)
                throw new FormatException("\"signature\" is missing");
            if (!root.TryGetProperty("replayCase", out var rc))
                throw new FormatException("\"replayCase\" is missing");
            ReplayCase c;
            try
            {
                c = CaseJson.Read(rc);
            }
            catch (Exception e) when (e is CaseFormatException or Replay.Stellar.Json.XdrJsonException or JsonException or FormatException)
            {
                throw new FormatException($"\"replayCase\": {e.Message}", e);
            }
            string? path = null;
            if (root.TryGetProperty("difference", out var d) && d.ValueKind == JsonValueKind.Object && d.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String)
                path = p.GetString();
            return new DivergenceArtifactHeader(kind, names, Text(sig, "hash"), root.TryGetProperty("class", out var cls) && cls.ValueKind == JsonValueKind.String ? cls.GetString() : null, path, c);
        }
    }

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"\"{name}\" must be a string");
}
