using System.Globalization;
using System.Text.Json;

namespace Replay.Replayer.Reports;

/// <summary>One case's consumption per engine key, read from outcomes.jsonl (or case_outcomes).</summary>
public sealed record CaseCost(string Contract, string Function, string Verdict, IReadOnlyDictionary<string, (ulong Cpu, ulong Fuel)> Engines);

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

/// <summary>Instantiation and execution CPU of one engine key over the cases whose split is known.</summary>
public sealed record StartupSplit(string Engine, ulong InstantiationCpu, ulong ExecutionCpu, long Cases);

/// <summary>One earlier run for the trend charts (database only).</summary>
public sealed record TrendPoint(long RunId, long New, long Known, long Regressed, long Fixed, double CpuDeltaPercent);

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
    public required IReadOnlyList<StartupSplit> Startup { get; init; }
    public IReadOnlyList<TrendPoint>? Trend { get; init; }

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
