using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Replay.Replayer.Cli;
using Replay.Replayer.Distributed;
using Replay.Replayer.Tests.Postgres;

namespace Replay.Replayer.Tests;

/// <summary>
/// `replay run --distributed` with `replay worker` child processes against a real PostgreSQL:
/// workers killed with SIGKILL, a batch that crashes every worker that takes it, a database
/// restart in the middle of a run, and the scheduler's dashboard.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DistributedTests(PostgresFixture pg)
{
    /// <summary>The core-tests corpus: 180 networks, every kind of case.</summary>
    private static string Corpus => "meta:" + SharedData.PathOf("corpus", "core-tests");

    /// <summary>One core-tests network with findings (the register engine runs out of budget where the stack engine does not).</summary>
    private static string Network => "meta:" + SharedData.PathOf("corpus", "core-tests", "13ddfbcd91340230.xdr");

    /// <summary>The core-tests network with the most cases (30, one per ledger): many small batches.</summary>
    private static string Busy => "meta:" + SharedData.PathOf("corpus", "core-tests", "21c43b92b819267f.xdr");

    /// <summary>A `replay` child process whose output is collected; Kill is SIGKILL.</summary>
    private sealed class Child : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _log = new();

        private Child(Process process, string name)
        {
            _process = process;
            Name = name;
        }

        public string Name { get; }

        public bool HasExited => _process.HasExited;

        public string Log
        {
            get
            {
                lock (_log)
                    return _log.ToString();
            }
        }

        public static Child Start(string name, string[] args, IReadOnlyDictionary<string, string>? environment = null)
        {
            var replay = Path.Combine(AppContext.BaseDirectory, "replay.dll");
            Assert.True(File.Exists(replay), $"{replay} is missing: the Replayer project must be built beside the tests");
            var start = new ProcessStartInfo("dotnet", [replay, .. args])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var (k, v) in environment ?? new Dictionary<string, string>())
                start.Environment[k] = v;
            var process = Process.Start(start) ?? throw new InvalidOperationException("process did not start");
            var child = new Child(process, name);
            process.OutputDataReceived += (_, e) => child.Append(e.Data);
            process.ErrorDataReceived += (_, e) => child.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return child;
        }

        private void Append(string? line)
        {
            if (line is null)
                return;
            lock (_log)
                _log.Append(line).Append('\n');
        }

        /// <summary>kill -9.</summary>
        public void Kill()
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            _process.WaitForExit();
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }
    }

    private static Child StartWorker(string db, string name, IReadOnlyDictionary<string, string>? environment = null) =>
        Child.Start(name, ["worker", "--db", db, "--concurrency", "1", "--name", name, "--invisibility-timeout", "3s", "--poll-interval", "200ms",
            "--db-outage-tolerance", "60s"], environment);

    private static async Task<List<string>> QueryAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private static async Task<long> ScalarAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Every result row but run ids and times, one string per row, sorted.</summary>
    private static async Task<Dictionary<string, List<string>>> ResultsAsync(string db) => new()
    {
        ["case_outcomes"] = await QueryAsync(db, """
            SELECT concat_ws('|', source, ledger, tx_hash, op_index, engines, protocol, kind, contract, function, wasm_hash, engines_verdict, class, line::text)
            FROM case_outcomes ORDER BY 1
            """),
        ["case_costs"] = await QueryAsync(db, """
            SELECT concat_ws('|', source, ledger, tx_hash, op_index, engines, engine, status, cpu, mem, fuel, inst_cpu, inst_mem, inst_fuel)
            FROM case_costs ORDER BY 1
            """),
        ["divergences"] = await QueryAsync(db, """
            SELECT concat_ws('|', source, ledger, tx_hash, op_index, engines, signature, open, document::text, md5(case_binary))
            FROM divergences ORDER BY 1
            """),
        ["signatures"] = await QueryAsync(db, """
            SELECT concat_ws('|', hash, class, path, wasm_hash, function, error, status, count, pending) FROM signatures ORDER BY 1
            """),
    };

    /// <summary>The summary JSON without its timings.</summary>
    private static string Untimed(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("seconds");
        node.Remove("casesPerSecond");
        return node.ToJsonString();
    }

    private static async Task AssertSameResultsAsync(string reference, string db)
    {
        var expected = await ResultsAsync(reference);
        var actual = await ResultsAsync(db);
        Assert.True(expected["case_outcomes"].Count > 0);
        foreach (var (table, rows) in expected)
        {
            Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(actual[table].Count, actual[table].Distinct(StringComparer.Ordinal).Count());
            Assert.True(rows.SequenceEqual(actual[table]),
                $"{table}: {rows.Count} rows expected, {actual[table].Count} found; missing {rows.Except(actual[table]).Count()}, extra {actual[table].Except(rows).Count()}: {actual[table].Except(rows).FirstOrDefault()}");
        }
    }

    [SharedFact]
    public async Task Workers_killed_at_random_points_leave_the_rows_and_summary_of_a_single_process_run()
    {
        var reference = await pg.CreateDatabaseAsync();
        var single = await CliRunner.RunAsync("run", "--source", Corpus, "--db", reference, "--json");
        Assert.True(single.ExitCode is ExitCodes.Ok or ExitCodes.Findings, single.Error);

        var db = await pg.CreateDatabaseAsync();
        var workers = Enumerable.Range(0, 3).Select(i => StartWorker(db, $"w{i}.0")).ToArray();
        var all = new List<Child>(workers);
        try
        {
            var run = Task.Run(() => CliRunner.RunAsync("run", "--distributed", "--source", Corpus, "--db", db, "--json",
                "--batch-size", "60", "--max-attempts", "50", "--wait-timeout", "5m"));
            var random = new Random(18);
            var kills = new List<string>();
            var generation = 0;
            // Four times: wait for a worker to be in the middle of a batch, let it run a random moment more, kill -9 it, start another.
            while (!run.IsCompleted && kills.Count < 4)
            {
                var busy = await QueryAsync(db, "SELECT worker FROM dist_batches WHERE status = 'running' ORDER BY batch").ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : []);
                var candidates = Enumerable.Range(0, 3).Where(i => busy.Contains(workers[i].Name)).ToList();
                if (candidates.Count == 0)
                {
                    await Task.WhenAny(run, Task.Delay(50));
                    continue;
                }
                var victim = candidates[random.Next(candidates.Count)];
                await Task.Delay(random.Next(0, 300));
                workers[victim].Kill();
                kills.Add(workers[victim].Name);
                generation++;
                workers[victim] = StartWorker(db, $"w{victim}.{generation}");
                all.Add(workers[victim]);
            }
            var distributed = await run;
            Assert.True(distributed.ExitCode == single.ExitCode, $"{distributed.ExitCode}: {distributed.Error}\n{string.Join("\n", all.Select(w => w.Name + ": " + w.Log))}");
            Assert.True(kills.Count == 4, $"only {kills.Count} kills: {string.Join(", ", kills)}");
            Assert.Equal(Untimed(single.Out), Untimed(distributed.Out));
            await AssertSameResultsAsync(reference, db);

            Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM dist_batches WHERE status <> 'done'"));
            Assert.Equal(await ScalarAsync(reference, "SELECT count(*) FROM case_outcomes"), await ScalarAsync(db, "SELECT sum(cases) FROM dist_batches"));
            // Some kill landed mid-batch, and that batch was retried by another attempt.
            Assert.True(await ScalarAsync(db, "SELECT count(*) FROM dist_batches WHERE attempts > 1") >= 1,
                $"no batch needed a second attempt; kills: {string.Join(", ", kills)}");
            Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM runs WHERE kind = 'distributed' AND status = 'succeeded'"));
            Assert.Equal(await ScalarAsync(reference, "SELECT exit_code FROM runs"), await ScalarAsync(db, "SELECT exit_code FROM runs"));
        }
        finally
        {
            foreach (var w in all)
                w.Dispose();
        }
    }

    [SharedFact]
    public async Task A_batch_that_crashes_every_worker_ends_failed_with_its_error_and_the_run_completes()
    {
        var reference = await pg.CreateDatabaseAsync();
        var single = await CliRunner.RunAsync("run", "--source", Busy, "--db", reference, "--json");
        Assert.True(single.ExitCode is ExitCodes.Ok or ExitCodes.Findings, single.Error);

        var db = await pg.CreateDatabaseAsync();
        var poison = new Dictionary<string, string> { [WorkerContext.CrashHookVariable] = "1" };
        var workers = Enumerable.Range(0, 3).Select(i => StartWorker(db, $"p{i}.0", poison)).ToArray();
        var all = new List<Child>(workers);
        try
        {
            var run = Task.Run(() => CliRunner.RunAsync("run", "--distributed", "--source", Busy, "--db", db, "--json",
                "--batch-size", "3", "--max-attempts", "2", "--wait-timeout", "3m"));
            var restarts = 0;
            // A supervisor: a worker that died is started again (as a container orchestrator would).
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(200));
                for (var i = 0; i < workers.Length; i++)
                {
                    if (!workers[i].HasExited)
                        continue;
                    restarts++;
                    workers[i] = StartWorker(db, $"p{i}.{restarts}", poison);
                    all.Add(workers[i]);
                }
            }
            var r = await run;
            Assert.True(r.ExitCode == ExitCodes.Error, $"{r.ExitCode}: {r.Error}");
            Assert.Equal(2, restarts);
            using var doc = JsonDocument.Parse(r.Out);
            var failed = doc.RootElement.GetProperty("failedBatches");
            Assert.Equal(1, failed.GetArrayLength());
            var f = failed[0];
            Assert.Equal(1, f.GetProperty("batch").GetInt32());
            Assert.Equal(2, f.GetProperty("attempts").GetInt32());
            var error = f.GetProperty("error").GetString()!;
            Assert.StartsWith("given up after 2 attempts; the last: attempt 2 on p", error);
            Assert.EndsWith("ended without a result: the worker process died (killed or crashed)", error);
            Assert.Equal(2, all.Count(w => w.Log.Contains("batch 1 crashes its worker (test hook)", StringComparison.Ordinal)));

            // Everything else was judged: the rows are the single-process run's, minus the failed batch's cases.
            var failedCases = f.GetProperty("cases").GetInt64();
            Assert.True(failedCases > 0);
            var expected = await ResultsAsync(reference);
            var actual = await ResultsAsync(db);
            Assert.Equal(expected["case_outcomes"].Count - failedCases, actual["case_outcomes"].Count);
            Assert.Empty(actual["case_outcomes"].Except(expected["case_outcomes"]));
            Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM dist_batches WHERE status = 'failed'"));
            Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM dist_batches WHERE status NOT IN ('done', 'failed')"));
            Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM runs WHERE status = 'failed' AND exit_code = 2"));
        }
        finally
        {
            foreach (var w in all)
                w.Dispose();
        }
    }

    [SharedFact]
    public async Task A_database_restart_in_the_middle_of_a_run_is_survived()
    {
        await using var cluster = await TempCluster.StartAsync();
        async Task<string> CreateAsync(string name)
        {
            await using var admin = new NpgsqlConnection(cluster.ConnectionString() + ";Pooling=false");
            await admin.OpenAsync();
            await admin.ExecuteAsync($"CREATE DATABASE {name}");
            return cluster.ConnectionString(name);
        }
        var reference = await CreateAsync("reference");
        var single = await CliRunner.RunAsync("run", "--source", Busy, "--db", reference, "--json");
        Assert.True(single.ExitCode is ExitCodes.Ok or ExitCodes.Findings, single.Error);

        var db = await CreateAsync("restarted");
        var workers = Enumerable.Range(0, 2).Select(i => StartWorker(db, $"r{i}")).ToArray();
        try
        {
            var run = Task.Run(() => CliRunner.RunAsync("run", "--distributed", "--source", Busy, "--db", db, "--json",
                "--batch-size", "2", "--db-outage-tolerance", "60s", "--wait-timeout", "3m"));
            // Wait for the first batch done, then restart the server while batches are still open.
            var open = 0L;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(180) && !run.IsCompleted)
            {
                try
                {
                    if (await ScalarAsync(db + ";Pooling=false", "SELECT count(*) FROM dist_batches WHERE status = 'done'") > 0)
                    {
                        open = await ScalarAsync(db + ";Pooling=false", "SELECT count(*) FROM dist_batches WHERE status IN ('queued', 'running')");
                        break;
                    }
                }
                catch (PostgresException)
                {
                    // the tables are not there yet
                }
                await Task.Delay(100);
            }
            Assert.True(open > 0, $"no open batch to restart under (run completed: {run.IsCompleted})");
            await cluster.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await cluster.StartAgainAsync();

            var r = await run;
            // The test's own pooled connections (to the reference database) died with the restart.
            NpgsqlConnection.ClearAllPools();
            Assert.True(r.ExitCode == single.ExitCode, $"{r.ExitCode}: {r.Error}\n{string.Join("\n", workers.Select(w => w.Name + ": " + w.Log))}");
            Assert.Equal(Untimed(single.Out), Untimed(r.Out));
            await AssertSameResultsAsync(reference, db);
            Assert.Equal(0, await ScalarAsync(db + ";Pooling=false", "SELECT count(*) FROM dist_batches WHERE status <> 'done'"));
        }
        finally
        {
            foreach (var w in workers)
                w.Dispose();
            NpgsqlConnection.ClearAllPools();
        }
    }

    private static async Task<HttpResponseMessage> WaitForAsync(HttpClient http, string url, Child process)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await http.GetAsync(url);
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    [SharedFact]
    public async Task The_scheduler_registers_the_nightly_and_serves_a_read_only_dashboard_on_loopback_unless_given_a_token()
    {
        var db = await pg.CreateDatabaseAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var trigger = () => new FormUrlEncodedContent([new("jobs[]", "nightly")]);

        var port = PostgresFixture.FreePort();
        using (var readOnly = Child.Start("scheduler", ["scheduler", "--db", db, "--cron", "0 2 * * *", "--dashboard-port", port.ToString(CultureInfo.InvariantCulture),
                   "--poll-interval", "200ms", "--", "--source", Network, "--max-ledgers", "5"]))
        {
            var page = await WaitForAsync(http, $"http://127.0.0.1:{port}/hangfire/recurring", readOnly);
            Assert.True(page.StatusCode == HttpStatusCode.OK, readOnly.Log);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("nightly", html);
            Assert.Contains("0 2 * * *", html);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync($"http://127.0.0.1:{port}/hangfire/recurring/trigger", trigger())).StatusCode);
            Assert.Contains($"dashboard on http://127.0.0.1:{port}/hangfire (read-only)", readOnly.Log);
        }
        Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs' AND value = 'nightly'"));
        Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM runs"));

        port = PostgresFixture.FreePort();
        using var withToken = Child.Start("scheduler", ["scheduler", "--db", db, "--cron", "0 2 * * *", "--dashboard-port", port.ToString(CultureInfo.InvariantCulture),
            "--poll-interval", "200ms", "--", "--source", Network, "--max-ledgers", "5"],
            new Dictionary<string, string> { [SchedulerCommand.TokenVariable] = "s3cret" });
        Assert.Equal(HttpStatusCode.OK, (await WaitForAsync(http, $"http://127.0.0.1:{port}/hangfire", withToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync($"http://127.0.0.1:{port}/hangfire/recurring/trigger", trigger())).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/hangfire/recurring/trigger") { Content = trigger() };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "s3cret");
        var acted = await http.SendAsync(request);
        Assert.True(acted.IsSuccessStatusCode, $"{acted.StatusCode}: {withToken.Log}");

        // The triggered nightly runs in the scheduler and records its run.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60) && await ScalarAsync(db, "SELECT count(*) FROM runs WHERE kind = 'nightly' AND status = 'succeeded'") == 0)
            await Task.Delay(250);
        Assert.True(await ScalarAsync(db, "SELECT count(*) FROM runs WHERE kind = 'nightly' AND status = 'succeeded'") == 1, withToken.Log);
        Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM nightly_cursors"));
    }
}
