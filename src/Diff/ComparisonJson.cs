using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Replay.Diff;

/// <summary>
/// The JSON forms of the pipeline's results: one outcomes.jsonl line per case, the summary, and
/// the parts divergence files embed. Property order is fixed; every number is exact.
/// </summary>
public static class ComparisonJson
{
    public static JsonWriterOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 512 };

    public static JsonWriterOptions Indented { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 512, Indented = true };

    /// <summary>
    /// The key each run has in "engines": the engine's name ("stack", "register") when it runs in
    /// one mode, else its variant ("register/Lazy", "register/Eager").
    /// </summary>
    public static IReadOnlyList<string> EngineKeys(IReadOnlyList<string> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var engines = variants.Select(v => v.Split('/')[0]).ToArray();
        return [.. variants.Select((v, i) => engines.Count(e => e == engines[i]) == 1 ? engines[i] : v)];
    }

    /// <summary>The worst comparison with the recording among the runs after the first (differ, then not-replayable, then match), or null with one run.</summary>
    public static RecordedComparison? WorstOtherVsRecorded(CaseComparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        RecordedComparison? worst = null;
        foreach (var v in c.VsRecorded.Skip(1))
        {
            if (worst is null || Rank(v.Verdict) > Rank(worst.Verdict))
                worst = v;
        }
        return worst;

        static int Rank(RecordedVerdict v) => v switch
        {
            RecordedVerdict.Differ => 2,
            RecordedVerdict.NotReplayable => 1,
            _ => 0,
        };
    }

    /// <summary>One outcomes.jsonl line (no trailing newline).</summary>
    public static string OutcomeLine(CaseComparison c, IReadOnlyList<string> keys)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Compact))
            WriteOutcome(w, c, keys);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// source, ledger, txHash, opIndex, protocol, kind, contract, function, engines {KEY: {status,
    /// resultHash, cpu, mem, fuel, instantiation {cpu, mem, fuel}}}, recorded {status, cpu, mem},
    /// stackVsRecorded, registerVsRecorded, enginesVerdict, class. The totals cover the whole
    /// invocation; instantiation is their part spent instantiating contracts (parsing, linking,
    /// instantiating: the host's budget), execution the rest.
    /// </summary>
    public static void WriteOutcome(Utf8JsonWriter w, CaseComparison c, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(keys);
        var f = c.Facts;
        w.WriteStartObject();
        w.WriteString("source", f.Source);
        w.WriteNumber("ledger", f.Ledger);
        w.WriteString("txHash", f.TxHash);
        w.WriteNumber("opIndex", f.OperationIndex);
        w.WriteNumber("protocol", f.Protocol);
        w.WriteString("kind", f.Kind);
        w.WriteString("contract", f.Contract);
        w.WriteString("function", f.Function);
        w.WriteStartObject("engines");
        for (var i = 0; i < c.Runs.Count; i++)
        {
            var r = c.Runs[i];
            w.WriteStartObject(keys[i]);
            w.WriteString("status", r.Status);
            w.WriteString("resultHash", r.ResultHash);
            w.WriteNumber("cpu", r.Consumed.Cpu);
            w.WriteNumber("mem", r.Consumed.Mem);
            w.WriteNumber("fuel", r.Consumed.Fuel);
            WriteUse(w, "instantiation", r.Instantiation.Cpu, r.Instantiation.Mem, r.Instantiation.Fuel);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("recorded");
        w.WriteString("status", c.Recorded.Status);
        WriteNumberOrNull(w, "cpu", c.Recorded.Cpu);
        WriteNumberOrNull(w, "mem", c.Recorded.Mem);
        w.WriteEndObject();
        w.WritePropertyName("stackVsRecorded");
        WriteVsRecorded(w, c.VsRecorded.Count > 0 ? c.VsRecorded[0] : null);
        w.WritePropertyName("registerVsRecorded");
        WriteVsRecorded(w, WorstOtherVsRecorded(c));
        w.WriteString("enginesVerdict", c.Verdict?.Name());
        w.WriteString("class", c.Class?.Name());
        w.WriteEndObject();
    }

    /// <summary>{verdict, engine, field (differ), reason (not-replayable)}, or null.</summary>
    public static void WriteVsRecorded(Utf8JsonWriter w, RecordedComparison? v)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (v is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("verdict", v.Verdict.Name());
        w.WriteString("engine", v.Engine);
        if (v.Field is { } field)
            w.WriteString("field", field);
        if (v.Reason is { } reason)
            w.WriteString("reason", reason);
        w.WriteEndObject();
    }

    /// <summary>The summary: exactly source, range, ledgers, invocations, cases, notApplied, notReplayable, engines, vsRecorded, costs, signatures, seconds, casesPerSecond.</summary>
    public static void WriteSummary(Utf8JsonWriter w, RunSummary s)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteString("source", s.Source);
        w.WriteStartObject("range");
        WriteNumberOrNull(w, "from", s.From);
        WriteNumberOrNull(w, "to", s.To);
        w.WriteEndObject();
        w.WriteNumber("ledgers", s.Ledgers);
        w.WriteNumber("invocations", s.Invocations);
        w.WriteNumber("cases", s.Cases);
        w.WriteNumber("notApplied", s.NotApplied);
        w.WriteStartObject("notReplayable");
        foreach (var (reason, count) in s.NotReplayable)
            w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.WriteStartObject("engines");
        w.WriteNumber("identical", s.Identical);
        w.WriteNumber("costOnly", s.CostOnly);
        w.WriteNumber("divergent", s.Divergent);
        w.WriteStartObject("byClass");
        foreach (var (cls, count) in s.ByClass)
            w.WriteNumber(cls, count);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("vsRecorded");
        w.WriteStartObject("stack");
        w.WriteNumber("match", s.StackMatch);
        w.WriteNumber("differ", s.StackDiffer);
        w.WriteNumber("cpuChecked", s.CpuChecked);
        w.WriteNumber("cpuExact", s.CpuExact);
        w.WriteEndObject();
        w.WriteStartObject("register");
        w.WriteNumber("match", s.RegisterMatch);
        w.WriteNumber("differ", s.RegisterDiffer);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("costs");
        foreach (var (key, t) in s.Costs)
        {
            w.WriteStartObject(key);
            w.WriteNumber("cpu", t.Cpu);
            w.WriteNumber("mem", t.Mem);
            w.WriteNumber("fuel", t.Fuel);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteStartObject("signatures");
        w.WriteNumber("new", s.NewSignatures);
        w.WriteNumber("known", s.KnownSignatures);
        w.WriteNumber("regressed", s.RegressedSignatures);
        w.WriteNumber("fixed", s.FixedSignatures);
        w.WriteEndObject();
        w.WriteNumber("seconds", Math.Round(s.Seconds, 3));
        w.WriteNumber("casesPerSecond", Math.Round(s.CasesPerSecond, 1));
        w.WriteEndObject();
    }

    public static void WriteRun(Utf8JsonWriter w, EngineRunSummary r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteString("engine", r.Engine);
        w.WriteString("status", r.Status);
        w.WriteString("resultCode", r.ResultCode);
        w.WriteString("resultHash", r.ResultHash);
        w.WriteString("error", r.Error);
        WriteUse(w, "consumed", r.Consumed.Cpu, r.Consumed.Mem, r.Consumed.Fuel);
        WriteUse(w, "instantiation", r.Instantiation.Cpu, r.Instantiation.Mem, r.Instantiation.Fuel);
        WriteUse(w, "execution", r.Execution.Cpu, r.Execution.Mem, r.Execution.Fuel);
        w.WriteEndObject();
    }

    public static void WriteCosts(Utf8JsonWriter w, CostDelta d)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(d);
        w.WriteStartObject();
        w.WriteNumber("cpu", d.Cpu);
        w.WriteNumber("mem", d.Mem);
        w.WriteNumber("fuel", d.Fuel);
        w.WriteStartObject("instantiation");
        w.WriteNumber("cpu", d.InstantiationCpu);
        w.WriteNumber("mem", d.InstantiationMem);
        w.WriteNumber("fuel", d.InstantiationFuel);
        w.WriteEndObject();
        w.WriteStartObject("execution");
        w.WriteNumber("cpu", d.ExecutionCpu);
        w.WriteNumber("mem", d.ExecutionMem);
        w.WriteNumber("fuel", d.ExecutionFuel);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>{path, first, second}: the values as embedded JSON (null when absent).</summary>
    public static void WriteDifference(Utf8JsonWriter w, FieldDifference? d, string firstName, string secondName)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (d is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteString("path", d.Path);
        w.WritePropertyName(firstName);
        WriteRawOrNull(w, d.First);
        w.WritePropertyName(secondName);
        WriteRawOrNull(w, d.Second);
        w.WriteEndObject();
    }

    public static void WriteSignature(Utf8JsonWriter w, DivergenceSignature s, bool? known)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.WriteStartObject();
        w.WriteString("hash", s.Hash);
        w.WriteString("class", s.Class);
        w.WriteString("path", s.Path);
        w.WriteString("wasmHash", s.WasmHash);
        w.WriteString("function", s.Function);
        w.WriteString("error", s.Error);
        if (known is { } k)
            w.WriteBoolean("known", k);
        w.WriteEndObject();
    }

    public static void WriteStep(Utf8JsonWriter w, HostStep? s)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (s is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteNumber("index", s.Index);
        w.WriteString("kind", s.Kind);
        w.WriteString("function", s.Function);
        w.WriteStartArray("args");
        foreach (var a in s.Args)
            w.WriteStringValue(a);
        w.WriteEndArray();
        w.WriteString("result", s.Result);
        w.WriteNumber("cpu", s.Cpu);
        w.WriteNumber("mem", s.Mem);
        w.WriteNumber("fuel", s.Fuel);
        w.WriteEndObject();
    }

    private static void WriteRawOrNull(Utf8JsonWriter w, string? json)
    {
        if (json is null)
            w.WriteNullValue();
        else
            w.WriteRawValue(json, skipInputValidation: false);
    }

    private static void WriteUse(Utf8JsonWriter w, string name, ulong cpu, ulong mem, ulong fuel)
    {
        w.WriteStartObject(name);
        w.WriteNumber("cpu", cpu);
        w.WriteNumber("mem", mem);
        w.WriteNumber("fuel", fuel);
        w.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, ulong? value)
    {
        if (value is { } v)
            w.WriteNumber(name, v);
        else
            w.WriteNull(name);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, uint? value) =>
        WriteNumberOrNull(w, name, value is { } v ? (ulong?)v : null);

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
