using System.Text.Json;
using Dapper;
using Npgsql;
using Replay.Replayer.Cli;
using Replay.Replayer.Tests.Postgres;

namespace Replay.Replayer.Tests;

/// <summary>`replay bench pipeline`: passes over cases built once, each a real run, with and without the run store.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PipelineBenchTests(PostgresFixture pg)
{
    /// <summary>A core-tests network with a divergence (its register engine runs out of budget where the stack engine does not).</summary>
    private static string Network => SharedData.PathOf("corpus", "core-tests", "13ddfbcd91340230.xdr");

    private static readonly string[] TopKeys =
        ["source", "range", "ledgers", "cases", "engines", "parallel", "cores", "database", "endToEnd", "build", "passes", "steady", "passesAgree"];

    private static readonly string[] FigureKeys = ["cases", "cpuSeconds", "wallSeconds", "casesPerCpuSecond", "casesPerWallSecond", "gc"];

    private static readonly string[] PassKeys = ["pass", "runId", "casesBuilt", .. FigureKeys, "serverCpuSeconds", "rows", "verdicts"];

    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    private static async Task<long> ScalarAsync(string db, string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(db);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    /// <summary>What `replay run` says of the same source: the bench must run the same cases to the same verdicts.</summary>
    private static async Task<JsonElement> RunSummaryAsync()
    {
        var run = await CliRunner.RunAsync("run", "--source", "meta:" + Network, "--json", "--parallel", "1");
        Assert.True(run.ExitCode == ExitCodes.Findings, run.Error);
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static void AssertFigures(JsonElement f, long cases)
    {
        Assert.True(FigureKeys.All(k => f.TryGetProperty(k, out _)), string.Join(",", Keys(f)));
        Assert.Equal(cases, f.GetProperty("cases").GetInt64());
        Assert.True(f.GetProperty("cpuSeconds").GetDouble() > 0);
        Assert.True(f.GetProperty("wallSeconds").GetDouble() > 0);
        Assert.Equal(["gen0", "gen1", "gen2", "allocatedBytes"], Keys(f.GetProperty("gc")));
        Assert.True(f.GetProperty("gc").GetProperty("allocatedBytes").GetInt64() > 0);
    }

    [SharedFact]
    public async Task Each_pass_is_a_run_of_its_own_that_writes_a_row_per_case_to_the_run_store()
    {
        var expected = await RunSummaryAsync();
        var cases = expected.GetProperty("cases").GetInt64();
        Assert.True(cases > 0);
        var db = await pg.CreateDatabaseAsync();

        var result = await CliRunner.RunAsync("bench", "pipeline", "--source", "meta:" + Network, "--passes", "2", "--parallel", "1", "--db", db, "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(TopKeys, Keys(root));
        Assert.Equal(cases, root.GetProperty("cases").GetInt64());
        Assert.Equal(expected.GetProperty("ledgers").GetInt64(), root.GetProperty("ledgers").GetInt64());
        Assert.Equal(["stack", "register"], root.GetProperty("engines").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, root.GetProperty("parallel").GetInt32());
        Assert.True(root.GetProperty("database").GetBoolean());
        Assert.True(root.GetProperty("passesAgree").GetBoolean());
        Assert.Equal(FigureKeys, Keys(root.GetProperty("build")));
        AssertFigures(root.GetProperty("build"), cases);

        var passes = root.GetProperty("passes").EnumerateArray().ToArray();
        Assert.Equal(2, passes.Length);
        var runIds = new List<long>();
        var divergences = await ScalarAsync(db, "SELECT count(*) FROM divergences");
        Assert.True(divergences > 0);
        for (var i = 0; i < passes.Length; i++)
        {
            var p = passes[i];
            Assert.Equal(PassKeys, Keys(p));
            Assert.Equal(i + 1, p.GetProperty("pass").GetInt32());
            AssertFigures(p, cases);
            runIds.Add(p.GetProperty("runId").GetInt64());
            // Counted back from the database right after the pass: every case's outcome, each engine's costs, every finding.
            var rows = p.GetProperty("rows");
            Assert.Equal(["outcomes", "costs", "divergences"], Keys(rows));
            Assert.Equal(cases, rows.GetProperty("outcomes").GetInt64());
            Assert.Equal(2 * cases, rows.GetProperty("costs").GetInt64());
            Assert.Equal(divergences, rows.GetProperty("divergences").GetInt64());
            var verdicts = p.GetProperty("verdicts");
            var engines = expected.GetProperty("engines");
            Assert.Equal(engines.GetProperty("identical").GetInt64(), verdicts.GetProperty("identical").GetInt64());
            Assert.Equal(engines.GetProperty("costOnly").GetInt64(), verdicts.GetProperty("costOnly").GetInt64());
            Assert.Equal(engines.GetProperty("divergent").GetInt64(), verdicts.GetProperty("divergent").GetInt64());
        }
        Assert.True(runIds[1] > runIds[0]);
        // Two finished runs; the later pass replaced the earlier pass's rows (the store is idempotent per case), it did not skip them.
        Assert.Equal(2, await ScalarAsync(db, "SELECT count(*) FROM runs WHERE status = 'succeeded' AND summary IS NOT NULL"));
        Assert.Equal(cases, await ScalarAsync(db, "SELECT count(*) FROM case_outcomes"));
        Assert.Equal(cases, await ScalarAsync(db, "SELECT count(*) FROM case_outcomes WHERE run_id = @id", new { id = runIds[1] }));
        Assert.Equal(2 * cases, await ScalarAsync(db, "SELECT count(*) FROM case_costs"));
        Assert.Equal(2, await ScalarAsync(db, "SELECT count(*) FROM runs WHERE (summary->>'cases')::bigint = @cases", new { cases }));

        var steady = root.GetProperty("steady");
        Assert.Equal(["passes", "medianCasesPerCpuSecond", "minCasesPerCpuSecond", "maxCasesPerCpuSecond", "medianCasesPerWallSecond"], Keys(steady));
        Assert.Equal(1, steady.GetProperty("passes").GetInt32());
        Assert.Equal(passes[1].GetProperty("casesPerCpuSecond").GetDouble(), steady.GetProperty("medianCasesPerCpuSecond").GetDouble());
    }

    [SharedFact]
    public async Task Without_a_database_the_passes_write_nothing_and_agree()
    {
        var expected = await RunSummaryAsync();
        var result = await CliRunner.RunAsync("bench", "pipeline", "--source", "meta:" + Network, "--passes", "3", "--parallel", "2", "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.False(root.GetProperty("database").GetBoolean());
        Assert.False(root.GetProperty("endToEnd").GetBoolean());
        Assert.Equal(2, root.GetProperty("parallel").GetInt32());
        Assert.True(root.GetProperty("passesAgree").GetBoolean());
        var passes = root.GetProperty("passes").EnumerateArray().ToArray();
        Assert.Equal(3, passes.Length);
        foreach (var p in passes)
        {
            Assert.Equal(JsonValueKind.Null, p.GetProperty("runId").ValueKind);
            Assert.Equal(0, p.GetProperty("casesBuilt").GetInt64());
            Assert.Equal(JsonValueKind.Null, p.GetProperty("rows").ValueKind);
            Assert.Equal(JsonValueKind.Null, p.GetProperty("serverCpuSeconds").ValueKind);
            Assert.Equal(expected.GetProperty("cases").GetInt64(), p.GetProperty("cases").GetInt64());
            Assert.Equal(expected.GetProperty("engines").GetProperty("divergent").GetInt64(), p.GetProperty("verdicts").GetProperty("divergent").GetInt64());
        }
        Assert.Equal(2, root.GetProperty("steady").GetProperty("passes").GetInt32());
    }

    [SharedFact]
    public async Task End_to_end_passes_read_the_history_again_and_replace_the_same_rows()
    {
        var expected = await RunSummaryAsync();
        var cases = expected.GetProperty("cases").GetInt64();
        var db = await pg.CreateDatabaseAsync();
        var result = await CliRunner.RunAsync("bench", "pipeline", "--source", "meta:" + Network, "--passes", "2", "--parallel", "2",
            "--end-to-end", "--db", db, "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var root = JsonDocument.Parse(result.Out).RootElement;
        Assert.True(root.GetProperty("endToEnd").GetBoolean());
        Assert.True(root.GetProperty("passesAgree").GetBoolean());
        Assert.Equal(expected.GetProperty("ledgers").GetInt64(), root.GetProperty("ledgers").GetInt64());
        var passes = root.GetProperty("passes").EnumerateArray().ToArray();
        Assert.Equal(2, passes.Length);
        foreach (var p in passes)
        {
            Assert.Equal(cases, p.GetProperty("cases").GetInt64());
            Assert.Equal(cases, p.GetProperty("casesBuilt").GetInt64());
            Assert.Equal(cases, p.GetProperty("rows").GetProperty("outcomes").GetInt64());
            Assert.Equal(2 * cases, p.GetProperty("rows").GetProperty("costs").GetInt64());
            Assert.Equal(expected.GetProperty("engines").GetProperty("costOnly").GetInt64(), p.GetProperty("verdicts").GetProperty("costOnly").GetInt64());
            Assert.Equal(expected.GetProperty("engines").GetProperty("divergent").GetInt64(), p.GetProperty("verdicts").GetProperty("divergent").GetInt64());
        }
        Assert.Equal(cases, await ScalarAsync(db, "SELECT count(*) FROM case_outcomes"));
        Assert.Equal(2 * cases, await ScalarAsync(db, "SELECT count(*) FROM case_costs"));
    }

    [Fact]
    public async Task Bad_counts_are_usage_errors()
    {
        var passes = await CliRunner.RunAsync("bench", "pipeline", "--source", "sample", "--passes", "0");
        Assert.Equal(ExitCodes.Error, passes.ExitCode);
        Assert.Contains("--passes must be at least 1", passes.Error, StringComparison.Ordinal);
        var parallel = await CliRunner.RunAsync("bench", "pipeline", "--source", "sample", "--parallel", "0");
        Assert.Equal(ExitCodes.Error, parallel.ExitCode);
        Assert.Contains("--parallel must be at least 1", parallel.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_source_is_named()
    {
        var result = await CliRunner.RunAsync("bench", "pipeline", "--source", "meta:/nonexistent/ledgers.xdr", "--passes", "1");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("/nonexistent/ledgers.xdr", result.Error, StringComparison.Ordinal);
    }
}
