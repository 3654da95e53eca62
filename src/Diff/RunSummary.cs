using System.Text.Json;
using Replay.Soroban.Invocation;

namespace Replay.Diff;

/// <summary>Per-engine totals of what the engines consumed over a run.</summary>
public sealed class CostTotals
{
    public CostTotals()
    {
    }

    internal CostTotals(ulong cpu, ulong mem, ulong fuel)
    {
        Cpu = cpu;
        Mem = mem;
        Fuel = fuel;
    }

    public ulong Cpu { get; private set; }
    public ulong Mem { get; private set; }
    public ulong Fuel { get; private set; }

    public void Add(ResourceUse r)
    {
        Cpu += r.Cpu;
        Mem += r.Mem;
        Fuel += r.Fuel;
    }

    /// <summary>Adds another run's totals (checked: a sum that overflows is an error, never a wrapped figure).</summary>
    public void Add(CostTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Cpu = checked(Cpu + other.Cpu);
        Mem = checked(Mem + other.Mem);
        Fuel = checked(Fuel + other.Fuel);
    }
}

/// <summary>
/// The totals of a replay run, accumulated case by case in case order (so they never depend on
/// scheduling), in the shape of the summary JSON: case building counts, engine verdicts by class,
/// each engine against the recording, costs, and signatures.
/// </summary>
public sealed class RunSummary
{
    public required string Source { get; init; }

    /// <summary>The first and last ledger the run covered (null when it saw no ledger).</summary>
    public uint? From { get; set; }

    public uint? To { get; set; }

    public long Ledgers { get; set; }
    public long Invocations { get; set; }
    public long Cases { get; set; }
    public long NotApplied { get; set; }

    /// <summary>Cases that could not be built or run, by reason: the case builder's reasons, and the host's "not implemented: ..." for cases built but not runnable.</summary>
    public SortedDictionary<string, long> NotReplayable { get; } = new(StringComparer.Ordinal);

    public long Identical { get; private set; }
    public long CostOnly { get; private set; }
    public long Divergent { get; private set; }

    /// <summary>Divergent cases by class name; every class present (zero when none).</summary>
    public SortedDictionary<string, long> ByClass { get; } = new(VerdictNames.AllClasses.ToDictionary(c => c.Name(), _ => 0L), StringComparer.Ordinal);

    /// <summary>The reference (network) engine against the recording.</summary>
    public long StackMatch { get; private set; }
    public long StackDiffer { get; private set; }
    public long CpuChecked { get; private set; }
    public long CpuExact { get; private set; }

    /// <summary>The other engines against the recording (the worst variant per case).</summary>
    public long RegisterMatch { get; private set; }
    public long RegisterDiffer { get; private set; }

    /// <summary>Consumption per engine key ("stack", "register", or variant names when one engine runs in several modes), in engine order.</summary>
    public IReadOnlyList<KeyValuePair<string, CostTotals>> Costs => _costs;

    private readonly List<KeyValuePair<string, CostTotals>> _costs = [];

    /// <summary>Distinct signatures seen, by hash, with whether the allow-list knows each.</summary>
    public SortedDictionary<string, (DivergenceSignature Signature, bool Known, long Count)> Signatures { get; } = new(StringComparer.Ordinal);

    /// <summary>Signatures seen that the allow-list does not name, and those it does (distinct).</summary>
    /// <summary>
    /// Without run history, new is every seen signature the allow-list does not name and known
    /// every one it does; with a database, the store's triage (<see cref="SetTriage"/>) decides.
    /// </summary>
    public long NewSignatures => _triage?.New ?? Signatures.Values.Count(s => !s.Known);
    public long KnownSignatures => _triage?.Known ?? Signatures.Values.Count(s => s.Known);

    /// <summary>Signatures whose status needs run history (a database): zero without one.</summary>
    public long RegressedSignatures => _triage?.Regressed ?? 0;
    public long FixedSignatures => _triage?.Fixed ?? 0;

    private (long New, long Known, long Regressed, long Fixed)? _triage;

    /// <summary>Whether the signature counts come from run history (a database).</summary>
    public bool Triaged => _triage is not null;

    /// <summary>The signature counts from the run history's triage (new, known, regressed, fixed).</summary>
    public void SetTriage(long newSignatures, long known, long regressed, long fixedSignatures) =>
        _triage = (newSignatures, known, regressed, fixedSignatures);

    /// <summary>Cases with a finding the allow-list does not cover (a divergence, or an engine that differs from the recording).</summary>
    public long UnallowedFindings { get; private set; }

    public double Seconds { get; set; }

    public double CasesPerSecond => Seconds > 0 ? Cases / Seconds : 0;

    /// <summary>The totals of an engine key, added (after the others) on first use.</summary>
    public CostTotals CostsOf(string key)
    {
        foreach (var (k, t) in _costs)
        {
            if (k == key)
                return t;
        }
        var totals = new CostTotals();
        _costs.Add(new(key, totals));
        return totals;
    }

    /// <summary>
    /// Adds the per-case totals of another summary (a distributed run's batch): verdicts, classes,
    /// comparisons with the recording, costs, the host's not-implemented reasons, signatures and
    /// unallowed findings. Every figure is a sum (signatures keyed by hash), so the merged totals
    /// do not depend on the order batches finish in. Builder counts, range and time are the
    /// caller's.
    /// </summary>
    public void Merge(RunSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (reason, count) in other.NotReplayable)
            NotReplayable[reason] = NotReplayable.GetValueOrDefault(reason) + count;
        Identical += other.Identical;
        CostOnly += other.CostOnly;
        Divergent += other.Divergent;
        foreach (var (cls, count) in other.ByClass)
            ByClass[cls] = ByClass.GetValueOrDefault(cls) + count;
        StackMatch += other.StackMatch;
        StackDiffer += other.StackDiffer;
        CpuChecked += other.CpuChecked;
        CpuExact += other.CpuExact;
        RegisterMatch += other.RegisterMatch;
        RegisterDiffer += other.RegisterDiffer;
        foreach (var (key, totals) in other.Costs)
            CostsOf(key).Add(totals);
        foreach (var (hash, s) in other.Signatures)
            Signatures[hash] = Signatures.TryGetValue(hash, out var seen) ? seen with { Count = seen.Count + s.Count } : s;
        UnallowedFindings += other.UnallowedFindings;
    }

    /// <summary>
    /// The per-case totals as JSON (what <see cref="Merge"/> adds), for a batch that another
    /// process aggregates; <see cref="ReadPart"/> reads it back exactly.
    /// </summary>
    public void WritePart(Utf8JsonWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteNumber("version", 1);
        w.WriteStartObject("notReplayable");
        foreach (var (reason, count) in NotReplayable)
            w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.WriteNumber("identical", Identical);
        w.WriteNumber("costOnly", CostOnly);
        w.WriteNumber("divergent", Divergent);
        w.WriteStartObject("byClass");
        foreach (var (cls, count) in ByClass)
            w.WriteNumber(cls, count);
        w.WriteEndObject();
        w.WriteNumber("stackMatch", StackMatch);
        w.WriteNumber("stackDiffer", StackDiffer);
        w.WriteNumber("cpuChecked", CpuChecked);
        w.WriteNumber("cpuExact", CpuExact);
        w.WriteNumber("registerMatch", RegisterMatch);
        w.WriteNumber("registerDiffer", RegisterDiffer);
        w.WriteStartArray("costs");
        foreach (var (key, t) in Costs)
        {
            w.WriteStartObject();
            w.WriteString("key", key);
            w.WriteNumber("cpu", t.Cpu);
            w.WriteNumber("mem", t.Mem);
            w.WriteNumber("fuel", t.Fuel);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("signatures");
        foreach (var (sig, known, count) in Signatures.Values)
        {
            w.WriteStartObject();
            w.WriteString("class", sig.Class);
            w.WriteString("path", sig.Path);
            w.WriteString("wasmHash", sig.WasmHash);
            w.WriteString("function", sig.Function);
            w.WriteString("error", sig.Error);
            w.WriteBoolean("known", known);
            w.WriteNumber("count", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("unallowedFindings", UnallowedFindings);
        w.WriteEndObject();
    }

    /// <summary>Reads what <see cref="WritePart"/> wrote; <see cref="FormatException"/> naming what is wrong otherwise.</summary>
    public static RunSummary ReadPart(JsonElement e, string source)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
            throw new FormatException("summary part: not an object with a version");
        if (version.GetInt32() != 1)
            throw new FormatException($"summary part version {version.GetInt32()} is not 1");
        try
        {
            var s = new RunSummary { Source = source };
            foreach (var p in e.GetProperty("notReplayable").EnumerateObject())
                s.NotReplayable[p.Name] = p.Value.GetInt64();
            s.Identical = e.GetProperty("identical").GetInt64();
            s.CostOnly = e.GetProperty("costOnly").GetInt64();
            s.Divergent = e.GetProperty("divergent").GetInt64();
            foreach (var p in e.GetProperty("byClass").EnumerateObject())
                s.ByClass[p.Name] = p.Value.GetInt64();
            s.StackMatch = e.GetProperty("stackMatch").GetInt64();
            s.StackDiffer = e.GetProperty("stackDiffer").GetInt64();
            s.CpuChecked = e.GetProperty("cpuChecked").GetInt64();
            s.CpuExact = e.GetProperty("cpuExact").GetInt64();
            s.RegisterMatch = e.GetProperty("registerMatch").GetInt64();
            s.RegisterDiffer = e.GetProperty("registerDiffer").GetInt64();
            foreach (var c in e.GetProperty("costs").EnumerateArray())
            {
                var t = new CostTotals();
                t.Add(new CostTotals(c.GetProperty("cpu").GetUInt64(), c.GetProperty("mem").GetUInt64(), c.GetProperty("fuel").GetUInt64()));
                s.CostsOf(c.GetProperty("key").GetString()!).Add(t);
            }
            foreach (var x in e.GetProperty("signatures").EnumerateArray())
            {
                var sig = new DivergenceSignature(x.GetProperty("class").GetString()!, x.GetProperty("path").GetString()!,
                    x.GetProperty("wasmHash").GetString()!, x.GetProperty("function").GetString()!, x.GetProperty("error").GetString()!);
                s.Signatures[sig.Hash] = (sig, x.GetProperty("known").GetBoolean(), x.GetProperty("count").GetInt64());
            }
            s.UnallowedFindings = e.GetProperty("unallowedFindings").GetInt64();
            return s;
        }
        catch (Exception x) when (x is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"summary part: {x.Message}", x);
        }
    }

    /// <summary>Adds one compared case. <paramref name="keys"/> names each run as <see cref="ComparisonJson.EngineKeys"/> does.</summary>
    public void Add(CaseComparison c, IReadOnlyList<string> keys, AllowList allow)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(allow);
        var notImplemented = c.VsRecorded.FirstOrDefault(v => v.Verdict == RecordedVerdict.NotReplayable && v.Reason != OutcomeComparer.RefundableFeeUnjudged);
        if (c.Runs.All(r => r.Status == "not-implemented") && notImplemented?.Reason is { } reason)
            NotReplayable[reason] = NotReplayable.GetValueOrDefault(reason) + 1;
        switch (c.Verdict)
        {
            case EnginesVerdict.Identical:
                Identical++;
                break;
            case EnginesVerdict.CostOnly:
                CostOnly++;
                break;
            case EnginesVerdict.Divergent:
                Divergent++;
                ByClass[c.Class!.Value.Name()]++;
                break;
        }
        for (var i = 0; i < c.Runs.Count; i++)
        {
            if (c.Runs[i].Status == "not-implemented")
                continue;
            CostsOf(keys[i]).Add(c.Runs[i].Consumed);
        }
        if (c.VsRecorded.Count > 0)
        {
            switch (c.VsRecorded[0].Verdict)
            {
                case RecordedVerdict.Match:
                    StackMatch++;
                    break;
                case RecordedVerdict.Differ:
                    StackDiffer++;
                    break;
            }
        }
        if (ComparisonJson.WorstOtherVsRecorded(c) is { } other)
        {
            if (other.Verdict == RecordedVerdict.Match)
                RegisterMatch++;
            else if (other.Verdict == RecordedVerdict.Differ)
                RegisterDiffer++;
        }
        if (c.CpuChecked)
            CpuChecked++;
        if (c.CpuExact)
            CpuExact++;
        var unallowed = false;
        foreach (var s in c.Signatures)
        {
            var known = allow.Allows(s);
            unallowed |= !known;
            Signatures[s.Hash] = Signatures.TryGetValue(s.Hash, out var seen) ? seen with { Count = seen.Count + 1 } : (s, known, 1);
        }
        if (unallowed)
            UnallowedFindings++;
    }
}
