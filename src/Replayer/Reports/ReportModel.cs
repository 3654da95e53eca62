using System.Globalization;
using System.Text.Json;

namespace Replay.Replayer.Reports;

/// <summary>
/// What one engine consumed on one case: the whole invocation's CPU and fuel, and the part of
/// them spent instantiating contracts (null when the outcome line predates the split).
/// </summary>
public sealed record EngineCost(ulong Cpu, ulong Fuel, ulong? InstantiationCpu = null, ulong? InstantiationFuel = null);

/// <summary>One case's consumption per engine key, read from outcomes.jsonl (or case_outcomes, which hold the same lines).</summary>
public sealed record CaseCost(string Contract, string Function, string Verdict, IReadOnlyDictionary<string, EngineCost> Engines);

/// <summary>One signature with everything a reader needs to triage it.</summary>
public sealed record SignatureEntry(
    string Hash,
    string Class,
    string Path,
    string Function,
    string Status,
    long Count,
    string? FirstSeen,
    string? LastSeen,
    string? AllowReason,
    string? Difference,
    string Repro);

/// <summary>Instantiation and execution CPU and fuel of one engine key, summed over the cases whose split is known.</summary>
public sealed record StartupSplit(string Engine, ulong InstantiationCpu, ulong ExecutionCpu, ulong InstantiationFuel, ulong ExecutionFuel, long Cases);

/// <summary>
/// One run for the trend charts (database only): its signature counts by status as the run
/// reported them, and its cost delta (the other engine against the reference, in percent of the
/// reference's total) for CPU and fuel.
/// </summary>
public sealed record TrendPoint(long RunId, long New, long Known, long Regressed, long Fixed, long Divergent, double CpuDeltaPercent, double FuelDeltaPercent, double CasesPerSecond);

/// <summary>
/// What a report shows, read either from a run's --out directory or from the run store: the summary
/// JSON as written, the per-case costs, the signatures and, with a database, the trend over runs.
/// </summary>
public sealed class ReportModel
{
    public required string Origin { get; init; }
    public required JsonElement Summary { get; init; }
    public required IReadOnlyList<CaseCost> Cases { get; init; }
    public required IReadOnlyList<SignatureEntry> Signatures { get; init; }
    public IReadOnlyList<TrendPoint>? Trend { get; init; }

    /// <summary>The runs the report covers (database only), oldest first.</summary>
    public IReadOnlyList<long>? Runs { get; init; }

    /// <summary>Instantiation against execution per engine key, over the cases whose outcome line carries the split, in the summary's key order.</summary>
    public IReadOnlyList<StartupSplit> Startup
    {
        get
        {
            var splits = new List<StartupSplit>();
            foreach (var key in EngineKeys)
            {
                ulong inst = 0, exec = 0, instFuel = 0, execFuel = 0;
                long n = 0;
                foreach (var c in Cases)
                {
                    if (!c.Engines.TryGetValue(key, out var e) || e.InstantiationCpu is not { } ic || e.InstantiationFuel is not { } ifuel)
                        continue;
                    inst += ic;
                    exec += e.Cpu - Math.Min(ic, e.Cpu);
                    instFuel += ifuel;
                    execFuel += e.Fuel - Math.Min(ifuel, e.Fuel);
                    n++;
                }
                if (n > 0)
                    splits.Add(new StartupSplit(key, inst, exec, instFuel, execFuel, n));
            }
            return splits;
        }
    }

    public long Number(params string[] path)
    {
        var e = Summary;
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
                return 0;
        }
        return e.ValueKind == JsonValueKind.Number ? (long)e.GetDouble() : 0;
    }

    public double Real(params string[] path)
    {
        var e = Summary;
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
                return 0;
        }
        return e.ValueKind == JsonValueKind.Number ? e.GetDouble() : 0;
    }

    public string Text(params string[] path)
    {
        var e = Summary;
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
                return "";
        }
        return e.ValueKind switch
        {
            JsonValueKind.String => e.GetString() ?? "",
            JsonValueKind.Number => e.GetRawText(),
            _ => "",
        };
    }

    public string Range => $"{Text("range", "from")}..{Text("range", "to")}";

    public long Cases_ => Number("cases");

    /// <summary>The engine keys with costs, in the summary's order.</summary>
    public IReadOnlyList<string> EngineKeys
    {
        get
        {
            var keys = new List<string>();
            if (Summary.TryGetProperty("costs", out var costs) && costs.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in costs.EnumerateObject())
                    keys.Add(p.Name);
            }
            return keys;
        }
    }

    /// <summary>The reference engine key (stack) and the first other key (register, or its first mode).</summary>
    public (string? Reference, string? Other) Pair()
    {
        var keys = EngineKeys;
        var reference = keys.FirstOrDefault(k => k.StartsWith("stack", StringComparison.Ordinal)) ?? keys.FirstOrDefault();
        var other = keys.FirstOrDefault(k => k != reference);
        return (reference, other);
    }

    public static string Percent(long part, long whole) =>
        whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>Failing signatures (new or regressed).</summary>
    public int Failing => Signatures.Count(s => s.Status is "new" or "regressed");
}
