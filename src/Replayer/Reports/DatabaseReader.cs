using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Replay.Replayer.Cli;
using Replay.Replayer.Store;

namespace Replay.Replayer.Reports;

/// <summary>
/// Reads a <see cref="ReportModel"/> from the run store: one finished run (<c>--run ID</c>, or
/// the latest) or the last N finished runs (<c>--last N</c>), with the trend over runs.
/// <para>
/// The model is the one an --out directory gives: the summary is the one the run recorded
/// (several runs: their figures added up), the cases are the case_outcomes lines (the same
/// outcomes.jsonl lines), the signatures are those the runs' cases show, with the database's
/// triage status. A case's rows belong to the last run that replayed it: a run whose cases were
/// all replayed again by a later run keeps its summary and trend point, not its cases.
/// </para>
/// </summary>
public static class DatabaseReader
{
    /// <summary>How many runs the trend charts show at least (the selected ones and those before them).</summary>
    public const int TrendRuns = 30;

    private sealed class RunRow
    {
        public long Id { get; init; }
        public string Source { get; init; } = "";
        public string Kind { get; init; } = "";
        public string[] Engines { get; init; } = [];
        public string Summary { get; init; } = "";
        public DateTime StartedAt { get; init; }
    }

    private sealed record SignatureRow(string Hash, string Class, string Path, string Function, string Status, string? AllowReason,
        long FirstRunId, long LastRunId, DateTime FirstSeenAt, DateTime LastSeenAt, long Cases, long FirstDivergence, string? Difference);

    public static async Task<ReportModel> ReadAsync(string connectionString, long? runId, int? last, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (last is < 1)
            throw new UserError("report: --last must be at least 1");
        if (runId is not null && last is not null)
            throw new UserError("report: give --run ID or --last N, not both");
        var database = new Database(connectionString);
        try
        {
            await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
            var hasSchema = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT to_regclass('public.case_outcomes') IS NOT NULL", cancellationToken: cancellation)).ConfigureAwait(false);
            if (!hasSchema)
                throw new UserError($"report: {database.Endpoint} holds no replay results (no case_outcomes table: run `replay db migrate` and a `replay run --db`)");

            const string columns = "id AS Id, source AS Source, kind AS Kind, engines AS Engines, summary::text AS Summary, started_at AS StartedAt";
            List<RunRow> selected;
            if (runId is { } id)
            {
                var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                    "SELECT status FROM runs WHERE id = @id", new { id }, cancellationToken: cancellation)).ConfigureAwait(false);
                if (status is null)
                    throw new UserError($"report: no run {id} in {database.Endpoint}");
                selected = [.. await connection.QueryAsync<RunRow>(new CommandDefinition(
                    $"SELECT {columns} FROM runs WHERE id = @id AND summary IS NOT NULL", new { id }, cancellationToken: cancellation)).ConfigureAwait(false)];
                if (selected.Count == 0)
                    throw new UserError($"report: run {id} has no summary (its status is {status}: it is still running or did not finish)");
            }
            else
            {
                var n = last ?? 1;
                selected = [.. (await connection.QueryAsync<RunRow>(new CommandDefinition(
                    $"SELECT {columns} FROM runs WHERE summary IS NOT NULL ORDER BY id DESC LIMIT @n", new { n }, cancellationToken: cancellation)).ConfigureAwait(false)).Reverse()];
                if (selected.Count == 0)
                    throw new UserError($"report: {database.Endpoint} holds no finished run");
            }

            var ids = selected.Select(r => r.Id).ToArray();
            var latest = selected[^1];
            var summary = Combine(selected);

            var cases = new List<CaseCost>();
            await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
                "SELECT line::text FROM case_outcomes WHERE run_id = ANY(@ids) ORDER BY source, ledger, tx_hash, op_index, engines",
                new { ids }, cancellationToken: cancellation)).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
                {
                    using var doc = JsonDocument.Parse(reader.GetString(0));
                    cases.Add(OutDirectoryReader.CaseOf(doc.RootElement));
                }
            }

            // The open findings of the runs' cases, and the signatures the runs found fixed.
            var signatures = await connection.QueryAsync<SignatureRow>(new CommandDefinition("""
                WITH findings AS (
                    SELECT d.id, d.signature, d.source, d.ledger, d.tx_hash, d.op_index, d.document
                    FROM divergences d JOIN case_outcomes o
                      ON (d.source, d.ledger, d.tx_hash, d.op_index, d.engines) = (o.source, o.ledger, o.tx_hash, o.op_index, o.engines)
                    WHERE o.run_id = ANY(@ids) AND d.open
                ), seen AS (
                    SELECT signature, count(*) AS cases,
                           (array_agg(id ORDER BY source, ledger, tx_hash, op_index))[1] AS first_divergence,
                           (array_agg(document->'difference' ORDER BY source, ledger, tx_hash, op_index))[1] AS difference
                    FROM findings GROUP BY signature
                ), fixed AS (
                    SELECT s.hash AS signature, 0::bigint AS cases, max(d.id) AS first_divergence, NULL::jsonb AS difference
                    FROM signatures s JOIN divergences d ON d.signature = s.hash
                    WHERE s.status = 'fixed' AND s.fixed_run_id = ANY(@ids) AND s.hash NOT IN (SELECT signature FROM seen)
                    GROUP BY s.hash
                )
                SELECT s.hash AS Hash, s.class AS Class, s.path AS Path, s.function AS Function, s.status AS Status, s.allow_reason AS AllowReason,
                       s.first_run_id AS FirstRunId, s.last_run_id AS LastRunId, s.first_seen_at AS FirstSeenAt, s.last_seen_at AS LastSeenAt,
                       x.cases AS Cases, x.first_divergence AS FirstDivergence, x.difference::text AS Difference
                FROM (SELECT * FROM seen UNION ALL SELECT * FROM fixed) x JOIN signatures s ON s.hash = x.signature
                ORDER BY s.hash
                """, new { ids }, cancellationToken: cancellation)).ConfigureAwait(false);

            var entries = signatures.Select(s => new SignatureEntry(
                s.Hash, s.Class, s.Path, s.Function, s.Status, s.Cases,
                string.Create(CultureInfo.InvariantCulture, $"run {s.FirstRunId} ({s.FirstSeenAt:yyyy-MM-dd HH:mm} UTC)"),
                string.Create(CultureInfo.InvariantCulture, $"run {s.LastRunId} ({s.LastSeenAt:yyyy-MM-dd HH:mm} UTC)"),
                s.AllowReason,
                s.Difference is null ? null : Indented(s.Difference),
                string.Create(CultureInfo.InvariantCulture, $"replay repro --db \"$REPLAY_DB\" --divergence {s.FirstDivergence}"))).ToList();

            // The trend: the selected runs and the runs of the same source before them.
            var trendRows = (await connection.QueryAsync<RunRow>(new CommandDefinition(
                $"SELECT {columns} FROM runs WHERE summary IS NOT NULL AND source = @Source AND id <= @Id ORDER BY id DESC LIMIT @limit",
                new { latest.Source, latest.Id, limit = Math.Max(TrendRuns, ids.Length) }, cancellationToken: cancellation)).ConfigureAwait(false)).Reverse().ToList();
            foreach (var r in selected.Where(r => !trendRows.Any(t => t.Id == r.Id)))
                trendRows.Add(r);
            var trend = trendRows.OrderBy(r => r.Id).Select(TrendOf).ToList();

            return new ReportModel
            {
                Origin = ids.Length == 1
                    ? string.Create(CultureInfo.InvariantCulture, $"run {ids[0]} ({latest.Kind}, started {latest.StartedAt:yyyy-MM-dd HH:mm} UTC) in {database.Endpoint}")
                    : string.Create(CultureInfo.InvariantCulture, $"runs {ids[0]}..{ids[^1]} ({ids.Length} runs) in {database.Endpoint}"),
                Summary = summary,
                Cases = cases,
                Signatures = entries,
                Trend = trend,
                Runs = ids,
            };
        }
        catch (NpgsqlException e)
        {
            throw new UserError($"report: the run store at {database.Endpoint} failed: {(e is PostgresException p ? p.SqlState + ": " + p.MessageText : e.Message)}", e);
        }
    }

    private static string Indented(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(doc.RootElement, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// One run's summary as recorded, or several runs' figures added up: counts summed, the range
    /// from the first ledger to the last, seconds summed and the rate recomputed from them. The
    /// engine keys keep the order the runs gave them (the database's jsonb does not keep key order).
    /// </summary>
    internal static JsonElement Combine(IReadOnlyList<(string[] Engines, string Summary)> runs)
    {
        JsonObject? total = null;
        string[] engines = [];
        foreach (var (keys, text) in runs)
        {
            var s = JsonNode.Parse(text)?.AsObject() ?? throw new UserError("report: a run's summary is not a JSON object");
            engines = [.. engines.Union(keys)];
            total = total is null ? s : Add(total, s);
        }
        if (total!["costs"] is JsonObject costs)
        {
            var ordered = new JsonObject();
            foreach (var k in engines.Where(costs.ContainsKey).Concat(costs.Select(p => p.Key).Where(k => !engines.Contains(k)).ToList()))
                ordered[k] = costs[k]!.DeepClone();
            total["costs"] = ordered;
        }
        if (runs.Count > 1)
        {
            var seconds = total["seconds"] is { } sn ? double.Parse(sn.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
            var cases = total["cases"] is { } cn ? double.Parse(cn.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : 0;
            total["seconds"] = Math.Round(seconds, 3);
            total["casesPerSecond"] = seconds > 0 ? Math.Round(cases / seconds, 1) : 0;
        }
        using var doc = JsonDocument.Parse(total.ToJsonString());
        return doc.RootElement.Clone();
    }

    private static JsonElement Combine(IReadOnlyList<RunRow> runs) => Combine([.. runs.Select(r => (r.Engines, r.Summary))]);

    /// <summary>Adds <paramref name="b"/> into <paramref name="a"/>: numbers summed, objects merged key by key, the range widened, differing sources joined.</summary>
    private static JsonObject Add(JsonObject a, JsonObject b)
    {
        foreach (var (key, value) in b)
        {
            if (value is null)
                continue;
            if (!a.ContainsKey(key) || a[key] is null)
            {
                a[key] = value.DeepClone();
                continue;
            }
            var mine = a[key]!;
            if (key == "range" && mine is JsonObject ra && value is JsonObject rb)
            {
                ra["from"] = Min(ra["from"], rb["from"]);
                ra["to"] = Max(ra["to"], rb["to"]);
            }
            else if (mine is JsonObject oa && value is JsonObject ob)
            {
                Add(oa, ob);
            }
            else if (mine is JsonValue va && value is JsonValue vb && va.GetValueKind() == JsonValueKind.Number && vb.GetValueKind() == JsonValueKind.Number)
            {
                a[key] = JsonValue.Create(Num(va) + Num(vb));
            }
            else if (mine is JsonValue sa && value is JsonValue sb && sa.GetValueKind() == JsonValueKind.String
                     && sa.GetValue<string>() is var x && sb.GetValue<string>() is var y && x != y && !x.Split(" + ").Contains(y))
            {
                a[key] = x + " + " + y;
            }
        }
        return a;

        static decimal Num(JsonNode n) => decimal.Parse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

        static JsonNode? Min(JsonNode? x, JsonNode? y) =>
            x is null ? y?.DeepClone() : y is null ? x.DeepClone() : (Num(x) <= Num(y) ? x : y).DeepClone();

        static JsonNode? Max(JsonNode? x, JsonNode? y) =>
            x is null || y is null ? null : (Num(x) >= Num(y) ? x : y).DeepClone();
    }

    private static TrendPoint TrendOf(RunRow r)
    {
        using var doc = JsonDocument.Parse(r.Summary);
        var s = doc.RootElement;
        long N(params string[] path)
        {
            var e = s;
            foreach (var p in path)
            {
                if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
                    return 0;
            }
            return e.ValueKind == JsonValueKind.Number ? (long)e.GetDouble() : 0;
        }
        var reference = r.Engines.FirstOrDefault(k => k.StartsWith("stack", StringComparison.Ordinal)) ?? r.Engines.FirstOrDefault();
        var other = r.Engines.FirstOrDefault(k => k != reference);
        double Delta(string what)
        {
            if (reference is null || other is null)
                return 0;
            var a = N("costs", reference, what);
            var b = N("costs", other, what);
            return a == 0 ? 0 : 100.0 * (b - a) / a;
        }
        return new TrendPoint(r.Id, N("signatures", "new"), N("signatures", "known"), N("signatures", "regressed"), N("signatures", "fixed"),
            N("engines", "divergent"), Delta("cpu"), Delta("fuel"),
            s.TryGetProperty("casesPerSecond", out var rate) && rate.ValueKind == JsonValueKind.Number ? rate.GetDouble() : 0);
    }
}
