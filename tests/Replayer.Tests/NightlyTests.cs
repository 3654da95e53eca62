using System.Text.Json;
using Dapper;
using Npgsql;
using Replay.Replayer.Cli;
using Replay.Replayer.Pipeline;
using Replay.Replayer.Tests.Postgres;

namespace Replay.Replayer.Tests;

/// <summary>`replay run --db` and `replay nightly` against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NightlyTests(PostgresFixture pg)
{
    /// <summary>A core-tests network whose register engine runs out of budget where the stack engine does not (findings to triage).</summary>
    private static string Network => SharedData.PathOf("corpus", "core-tests", "13ddfbcd91340230.xdr");

    private static string TempDir() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "replay-nightly-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private sealed record Row(string Source, long Ledger, string TxHash, int OpIndex, string Engines, string Line);

    private static async Task<List<Row>> RowsAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        return [.. await connection.QueryAsync<Row>(
            "SELECT source AS Source, ledger AS Ledger, tx_hash AS TxHash, op_index AS OpIndex, engines AS Engines, line::text AS Line FROM case_outcomes ORDER BY source, ledger, tx_hash, op_index")];
    }

    private static async Task<List<string>> FindingsAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        return [.. await connection.QueryAsync<string>(
            "SELECT ledger || ' ' || tx_hash || ' ' || op_index || ' ' || signature || ' ' || open FROM divergences ORDER BY 1")];
    }

    private static async Task<List<string>> SignaturesAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        return [.. await connection.QueryAsync<string>("SELECT hash || ' ' || status || ' ' || count || ' ' || pending FROM signatures ORDER BY hash")];
    }

    private static async Task<long> ScalarAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Normalizes a JSON document (the database stores jsonb, which reorders keys and drops insignificant space).</summary>
    private static string Canonical(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Canonical(doc.RootElement);
    }

    private static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]",
        _ => e.GetRawText(),
    };

    [SharedFact]
    public async Task A_run_with_db_and_with_out_agree_and_a_rerun_duplicates_nothing()
    {
        var db = await pg.CreateDatabaseAsync();
        var dir = TempDir();
        var first = await CliRunner.RunAsync("run", "--source", "meta:" + Network, "--db", db, "--out", dir, "--json", "--parallel", "2");
        Assert.True(first.ExitCode == ExitCodes.Findings, first.Error);

        var lines = File.ReadAllLines(Path.Combine(dir, RunOutput.OutcomesFile)).Select(Canonical).Order(StringComparer.Ordinal).ToList();
        var rows = await RowsAsync(db);
        Assert.Equal(lines, rows.Select(r => Canonical(r.Line)).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(Directory.GetFiles(Path.Combine(dir, RunOutput.DivergencesDirectory)).Length, await ScalarAsync(db, "SELECT count(*) FROM divergences"));

        using (var summary = JsonDocument.Parse(first.Out))
        {
            var s = summary.RootElement.GetProperty("signatures");
            var news = s.GetProperty("new").GetInt64();
            Assert.True(news > 0);
            Assert.Equal(news, await ScalarAsync(db, "SELECT count(*) FROM signatures WHERE status = 'new'"));
            Assert.Equal(0, s.GetProperty("known").GetInt64());
        }
        Assert.Equal(Canonical(first.Out), Canonical(File.ReadAllText(Path.Combine(dir, RunOutput.SummaryFile))));
        Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM runs WHERE status = 'succeeded' AND exit_code = 1 AND summary IS NOT NULL"));
        var findings = await FindingsAsync(db);

        var second = await CliRunner.RunAsync("run", "--source", "meta:" + Network, "--db", db, "--json");
        Assert.True(second.ExitCode == ExitCodes.Findings, second.Error);
        Assert.Equal(rows.Count, (await RowsAsync(db)).Count);
        Assert.Equal(findings, await FindingsAsync(db));
        using var again = JsonDocument.Parse(second.Out);
        var sig = again.RootElement.GetProperty("signatures");
        Assert.Equal(0, sig.GetProperty("new").GetInt64());
        Assert.Equal(findings.Select(f => f.Split(' ')[3]).Distinct().Count(), sig.GetProperty("known").GetInt64());
        Assert.True(await ScalarAsync(db, "SELECT count(*) FROM cost_stats") > 0);
    }

    [SharedFact]
    public async Task A_nightly_reports_new_signatures_once_then_resumes_with_nothing_left()
    {
        var db = await pg.CreateDatabaseAsync();
        var first = await CliRunner.RunAsync("nightly", "--source", "meta:" + Network, "--db", db, "--json");
        Assert.True(first.ExitCode == ExitCodes.Findings, first.Error);
        var next = await ScalarAsync(db, "SELECT next_ledger FROM nightly_cursors");
        using (var s = JsonDocument.Parse(first.Out))
            Assert.Equal(next, s.RootElement.GetProperty("range").GetProperty("to").GetInt64() + 1);

        var second = await CliRunner.RunAsync("nightly", "--source", "meta:" + Network, "--db", db, "--json");
        Assert.True(second.ExitCode == ExitCodes.Ok, second.Error);
        using var doc = JsonDocument.Parse(second.Out);
        Assert.Equal(0, doc.RootElement.GetProperty("cases").GetInt64());
        Assert.Equal(next, await ScalarAsync(db, "SELECT next_ledger FROM nightly_cursors"));
        Assert.Equal(2, await ScalarAsync(db, "SELECT count(*) FROM runs WHERE kind = 'nightly' AND status = 'succeeded'"));
    }

    [SharedFact]
    public async Task A_nightly_stops_at_its_ledger_budget_and_goes_on_from_there()
    {
        var db = await pg.CreateDatabaseAsync();
        var whole = await pg.CreateDatabaseAsync();
        Assert.True((await CliRunner.RunAsync("nightly", "--source", "meta:" + Network, "--db", whole)).ExitCode != ExitCodes.Error);

        var nights = 0;
        long cases;
        do
        {
            var r = await CliRunner.RunAsync("nightly", "--source", "meta:" + Network, "--db", db, "--max-ledgers", "10", "--json");
            Assert.True(r.ExitCode != ExitCodes.Error, r.Error);
            using var doc = JsonDocument.Parse(r.Out);
            cases = doc.RootElement.GetProperty("cases").GetInt64();
            nights++;
        }
        while (cases > 0 && nights < 20);
        Assert.InRange(nights, 4, 19);
        Assert.Equal(await RowsAsync(whole), await RowsAsync(db));
        Assert.Equal(await FindingsAsync(whole), await FindingsAsync(db));
    }

    [SharedFact]
    public async Task A_nightly_killed_at_random_points_ends_with_the_rows_of_an_uninterrupted_run()
    {
        string[] Nightly(string db) => ["nightly", "--source", "meta:" + Network, "--db", db, "--max-ledgers", "4", "--json"];
        // Runs nightlies to the end of the source; returns the shortest time of a night that had work.
        static TimeSpan ToTheEnd(string[] args)
        {
            var shortest = TimeSpan.MaxValue;
            for (var night = 0; night < 20; night++)
            {
                var r = CliProcess.Run(args, TimeSpan.FromMinutes(3));
                Assert.True(r.ExitCode is ExitCodes.Ok or ExitCodes.Findings, r.ToString());
                using var doc = JsonDocument.Parse(r.Out);
                if (doc.RootElement.GetProperty("cases").GetInt64() == 0)
                    return shortest;
                shortest = r.Elapsed < shortest ? r.Elapsed : shortest;
            }
            Assert.Fail("the nightly never reached the end of the source");
            return shortest;
        }

        var reference = await pg.CreateDatabaseAsync();
        var shortest = ToTheEnd(Nightly(reference));

        // Each night is killed at a random point (start-up, case building, runs, batch writes) or
        // runs to its end, until a night finds nothing left.
        var db = await pg.CreateDatabaseAsync();
        var random = new Random(20261202);
        var kills = 0;
        var finished = false;
        var log = new List<string>();
        for (var attempt = 0; attempt < 60 && !finished; attempt++)
        {
            // Nights are killed at a random point spread over the shortest night with work seen so far (so the
            // kill lands in start-up, case building, runs or a batch write): every night until three were
            // killed, then every other night, the others running to their end so the job always progresses.
            // A night that ended before its kill point shortens the spread: how long a night takes depends on
            // the machine's load, which changes while the suite runs.
            var kill = kills < 3 || attempt % 2 == 0;
            var at = kill
                ? TimeSpan.FromMilliseconds(shortest.TotalMilliseconds * (0.1 + 0.9 * random.NextDouble()))
                : TimeSpan.FromMinutes(3);
            var r = CliProcess.Run(Nightly(db), at);
            log.Add($"{at.TotalSeconds:0.00}s: {(r.TimedOut ? "killed" : "exit " + r.ExitCode)} after {r.Elapsed.TotalSeconds:0.00}s");
            if (r.TimedOut)
            {
                kills++;
                continue;
            }
            Assert.True(r.ExitCode is ExitCodes.Ok or ExitCodes.Findings, r.ToString());
            using var doc = JsonDocument.Parse(r.Out);
            finished = doc.RootElement.GetProperty("cases").GetInt64() == 0;
            if (!finished && r.Elapsed < shortest)
                shortest = r.Elapsed;
        }
        Assert.True(finished, $"the job did not reach the end of the source in 60 nights ({kills} killed; {string.Join("; ", log)})");
        Assert.True(kills >= 3, $"only {kills} runs were killed: the kill points did not exercise the job (shortest night {shortest.TotalSeconds:0.00}s; {string.Join("; ", log)})");

        Assert.Equal(await RowsAsync(reference), await RowsAsync(db));
        Assert.Equal(await FindingsAsync(reference), await FindingsAsync(db));
        Assert.Equal((await SignaturesAsync(reference)).Select(s => string.Join(' ', s.Split(' ')[..3])), (await SignaturesAsync(db)).Select(s => string.Join(' ', s.Split(' ')[..3])));
        Assert.Equal(await ScalarAsync(reference, "SELECT next_ledger FROM nightly_cursors"), await ScalarAsync(db, "SELECT next_ledger FROM nightly_cursors"));
        Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM runs WHERE status = 'running'"));
    }

    [SharedFact]
    public async Task A_second_nightly_of_the_same_job_is_refused_while_one_runs()
    {
        var db = await pg.CreateDatabaseAsync();
        var job = "busy job";
        await using var holder = new NpgsqlConnection(db);
        await holder.OpenAsync();
        // The schema first (the nightly migrates it too), then the job's lock as a running nightly holds it.
        await Replay.Replayer.Store.MigrationRunner.MigrateAsync(holder);
        await holder.ExecuteAsync("SELECT pg_advisory_lock(hashtextextended('soroban-replay job ' || @job, 0))", new { job });
        var r = await CliRunner.RunAsync("nightly", "--source", "meta:" + Network, "--db", db, "--job", job);
        Assert.Equal(ExitCodes.Error, r.ExitCode);
        Assert.Contains("the job 'busy job' is already running", r.Error);
    }

    [Fact]
    public async Task Nightly_rejects_what_it_cannot_follow()
    {
        var dir = TempDir();
        var r = await CliRunner.RunAsync("nightly", "--source", "meta:" + dir, "--db", "Host=127.0.0.1;Port=1;Username=x");
        Assert.Equal(ExitCodes.Error, r.ExitCode);
        Assert.Contains("a nightly job follows one network", r.Error);

        var noDb = await CliRunner.RunAsync("nightly", "--source", "meta:" + dir);
        Assert.Equal(ExitCodes.Error, noDb.ExitCode);

        Assert.Equal(TimeSpan.FromMinutes(45), NightlyCommand.ParseDuration("45m"));
        Assert.Equal(TimeSpan.FromSeconds(90), NightlyCommand.ParseDuration("90s"));
        Assert.Equal(new TimeSpan(1, 30, 0), NightlyCommand.ParseDuration("01:30:00"));
        Assert.Null(NightlyCommand.ParseDuration(null));
        Assert.Throws<UserError>(() => NightlyCommand.ParseDuration("soon"));
        Assert.Throws<UserError>(() => NightlyCommand.ParseDuration("-5m"));
    }
}
