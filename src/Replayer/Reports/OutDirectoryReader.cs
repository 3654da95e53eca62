using System.Globalization;
using System.Text.Json;
using Replay.Replayer.Cli;
using Replay.Replayer.Pipeline;

namespace Replay.Replayer.Reports;

/// <summary>Reads a <see cref="ReportModel"/> from a `replay run --out DIR` directory.</summary>
public static class OutDirectoryReader
{
    /// <param name="directory">The run's --out directory.</param>
    /// <param name="reportDirectory">Where the report goes (repro commands name the divergence files relative to it); default: <paramref name="directory"/>.</param>
    public static ReportModel Read(string directory, string? reportDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var summaryPath = Path.Combine(directory, RunOutput.SummaryFile);
        if (!File.Exists(summaryPath))
            throw new UserError($"{summaryPath}: no run summary (was the run given --out {directory} and did it finish?)");
        JsonElement summary;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(summaryPath));
            summary = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new UserError($"{summaryPath}: not valid JSON: {e.Message}");
        }

        var cases = new List<CaseCost>();
        var outcomes = Path.Combine(directory, RunOutput.OutcomesFile);
        if (File.Exists(outcomes))
        {
            var lineNo = 0;
            foreach (var line in File.ReadLines(outcomes))
            {
                lineNo++;
                if (line.Length == 0)
                    continue;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    cases.Add(CaseOf(doc.RootElement));
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
                {
                    throw new UserError($"{outcomes}:{lineNo}: not an outcome line: {e.Message}");
                }
            }
        }

        var bySignature = new SortedDictionary<string, SignatureEntry>(StringComparer.Ordinal);
        var divDir = Path.Combine(directory, RunOutput.DivergencesDirectory);
        if (Directory.Exists(divDir))
        {
            foreach (var file in Directory.EnumerateFiles(divDir, "*.json").Order(StringComparer.Ordinal))
            {
                JsonElement d;
                try
                {
                    using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
                    d = doc.RootElement.Clone();
                }
                catch (JsonException e)
                {
                    throw new UserError($"{file}: not valid JSON: {e.Message}");
                }
                if (!d.TryGetProperty("signature", out var sig) || !sig.TryGetProperty("hash", out var hashEl))
                    throw new UserError($"{file}: no signature.hash: not a divergence file");
                var hash = hashEl.GetString() ?? "";
                var ledger = d.TryGetProperty("case", out var c) && c.TryGetProperty("ledger", out var l) ? l.GetRawText() : "?";
                var known = sig.TryGetProperty("known", out var k) && k.ValueKind == JsonValueKind.True;
                var allowReason = d.TryGetProperty("allowReason", out var ar) && ar.ValueKind == JsonValueKind.String ? ar.GetString() : null;
                string? difference = d.TryGetProperty("difference", out var diff) && diff.ValueKind == JsonValueKind.Object
                    ? JsonSerializer.Serialize(diff, new JsonSerializerOptions { WriteIndented = true })
                    : null;
                if (bySignature.TryGetValue(hash, out var seen))
                {
                    bySignature[hash] = seen with { Count = seen.Count + 1, LastSeen = "ledger " + ledger };
                }
                else
                {
                    bySignature[hash] = new SignatureEntry(
                        hash,
                        Str(sig, "class"),
                        Str(sig, "path"),
                        Str(sig, "function"),
                        sig.TryGetProperty("status", out var st) && st.ValueKind == JsonValueKind.String ? st.GetString() ?? "new" : known ? "known" : "new",
                        1,
                        "ledger " + ledger,
                        "ledger " + ledger,
                        allowReason,
                        difference,
                        $"replay repro {Path.GetRelativePath(reportDirectory ?? directory, file).Replace('\\', '/')}");
                }
            }
        }

        return new ReportModel
        {
            Origin = directory,
            Summary = summary,
            Cases = cases,
            Signatures = [.. bySignature.Values],
        };
    }

    internal static CaseCost CaseOf(JsonElement e)
    {
        var engines = new Dictionary<string, EngineCost>(StringComparer.Ordinal);
        if (e.TryGetProperty("engines", out var en) && en.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in en.EnumerateObject())
            {
                if (Str(p.Value, "status") == "not-implemented")
                    continue;
                var split = p.Value.TryGetProperty("instantiation", out var inst) && inst.ValueKind == JsonValueKind.Object;
                engines[p.Name] = new EngineCost(U(p.Value, "cpu"), U(p.Value, "fuel"),
                    split ? U(inst, "cpu") : null, split ? U(inst, "fuel") : null);
            }
        }
        return new CaseCost(Str(e, "contract"), Str(e, "function"), Str(e, "enginesVerdict"), engines);
    }

    internal static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    internal static ulong U(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? ulong.Parse(v.GetRawText(), NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;
}
