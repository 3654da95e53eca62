using Dapper;
using Npgsql;
using Replay.Diff;
using Replay.History;
using Replay.Replayer.Store;
using Replay.Replayer.Tests.Postgres;
using Replay.Soroban.Invocation;

namespace Replay.Replayer.Tests;

/// <summary>The run store on a real PostgreSQL: idempotent batches, signature triage across runs, cursors, cost statistics.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RunStoreTests(PostgresFixture pg)
{
    private static readonly string[] Keys = ["stack", "register"];

    private async Task<(RunStore Store, string Db)> FreshAsync(AllowList? allow = null)
    {
        var db = await pg.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await MigrationRunner.MigrateAsync(connection);
        }
        return (new RunStore(new Database(db), allow ?? AllowList.Empty), db);
    }

    private static CaseFacts Facts(int tx) =>
        new("net.xdr", 10 + (uint)tx, tx, 0, $"{tx:x64}", 23, "invoke-contract", "CA", "f", new string('a', 64));

    private static EngineRunSummary Run(string engine, ulong cpu, string? error = null) =>
        new(engine, error is null ? "success" : "failed", error is null ? "success" : "trapped", new string('b', 64), error,
            new ResourceUse(cpu, cpu / 2, cpu / 4), new ResourceUse(cpu / 10, cpu / 20, 0));

    private static readonly DivergenceSignature Trap = new("trap-kind", "error", new string('a', 64), "f", "WasmVm/InvalidAction | WasmVm/InvalidAction");

    private static StoredCase Case(int tx, bool diverges, ulong stackCpu = 1000, ulong registerCpu = 800)
    {
        var facts = Facts(tx);
        var comparison = new CaseComparison
        {
            Facts = facts,
            Runs = [Run("stack/Eager", stackCpu), Run("register/Lazy", registerCpu, diverges ? "WasmVm/InvalidAction" : null)],
            Recorded = new RecordedSummary("success", "success", stackCpu, stackCpu / 2),
            VsRecorded = [],
            Engines = [],
            Verdict = diverges ? EnginesVerdict.Divergent : EnginesVerdict.CostOnly,
            Class = diverges ? DivergenceClass.TrapKind : null,
            Signatures = diverges ? [Trap] : [],
        };
        var line = $$"""{"ledger":{{facts.Ledger}},"txHash":"{{facts.TxHash}}"}""";
        StoredFinding[] findings = diverges ? [new StoredFinding(Trap, $$"""{"tx":{{tx}}}""", [1, 2, (byte)tx])] : [];
        return new StoredCase(comparison, line, findings);
    }

    private static RunStart Start(string kind = "run", string? job = null) =>
        new(kind, "meta:net.xdr", new LedgerRange(0, null), Keys, "test", job);

    private static Task<SignatureCounts> FinishAsync(RunStore store, long run) =>
        store.FinishRunAsync(run, true, 1.5, c => ("{}", c.New + c.Regressed > 0 ? 1 : 0));

    private static async Task<long> CountAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task The_same_batch_written_twice_leaves_the_rows_of_one_write()
    {
        var (store, db) = await FreshAsync();
        var run = await store.StartRunAsync(Start());
        StoredCase[] batch = [Case(1, false), Case(2, true), Case(3, false)];
        await store.WriteBatchAsync(run, Keys, batch);
        await store.WriteBatchAsync(run, Keys, batch);
        var rerun = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(rerun, Keys, batch);

        Assert.Equal(3, await CountAsync(db, "SELECT count(*) FROM case_outcomes"));
        Assert.Equal(6, await CountAsync(db, "SELECT count(*) FROM case_costs"));
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM divergences"));
        Assert.Equal(1, await CountAsync(db, "SELECT count FROM signatures"));
        Assert.Equal(rerun, await CountAsync(db, "SELECT DISTINCT run_id FROM case_outcomes"));
        Assert.Equal(11, await CountAsync(db, "SELECT (line->>'ledger')::bigint FROM case_outcomes WHERE tx_hash = '" + $"{1:x64}" + "'"));
    }

    [Fact]
    public async Task A_signature_goes_new_known_fixed_regressed_across_runs()
    {
        var (store, db) = await FreshAsync();

        var first = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(first, Keys, [Case(1, true), Case(2, true)]);
        Assert.Equal(new SignatureCounts(1, 0, 0, 0), await FinishAsync(store, first));
        Assert.Equal(2, await CountAsync(db, "SELECT count FROM signatures"));

        var second = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(second, Keys, [Case(3, true)]);
        Assert.Equal(new SignatureCounts(0, 1, 0, 0), await FinishAsync(store, second));
        Assert.Equal(3, await CountAsync(db, "SELECT count FROM signatures"));

        // Cases 1 and 2 replayed clean: case 3 still shows it, so not fixed yet.
        var third = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(third, Keys, [Case(1, false), Case(2, false)]);
        Assert.Equal(new SignatureCounts(0, 0, 0, 0), await FinishAsync(store, third));
        await store.WriteBatchAsync(third, Keys, [Case(3, false)]);
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM divergences WHERE open"));

        var fourth = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(fourth, Keys, [Case(1, false), Case(2, false), Case(3, false)]);
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM signatures WHERE status = 'fixed'"));
        Assert.Equal(third, await CountAsync(db, "SELECT fixed_run_id FROM signatures"));

        var fifth = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(fifth, Keys, [Case(2, true)]);
        Assert.Equal(new SignatureCounts(0, 0, 1, 0), await FinishAsync(store, fifth));
        Assert.Equal(1, await CountAsync(db, "SELECT count(*) FROM divergences WHERE open"));

        var sixth = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(sixth, Keys, [Case(2, true)]);
        Assert.Equal(new SignatureCounts(0, 1, 0, 0), await FinishAsync(store, sixth));
    }

    [Fact]
    public async Task Findings_of_a_run_killed_before_its_end_are_reported_by_the_next_run()
    {
        var (store, db) = await FreshAsync();
        var killed = await store.StartRunAsync(Start("nightly", "night"));
        await store.WriteBatchAsync(killed, Keys, [Case(1, true)], ("night", 12));
        Assert.Equal(12u, await store.ReadCursorAsync("night"));

        var next = await store.StartRunAsync(Start("nightly", "night"));
        Assert.Equal(1, await store.AbandonUnfinishedRunsAsync("night", next));
        await store.WriteBatchAsync(next, Keys, [Case(2, false)], ("night", 13));
        Assert.Equal(new SignatureCounts(1, 0, 0, 0), await FinishAsync(store, next));
        Assert.Equal(13u, await store.ReadCursorAsync("night"));
        Assert.Equal("failed", await QueryStringAsync(db, $"SELECT status FROM runs WHERE id = {killed}"));
        Assert.Equal("succeeded", await QueryStringAsync(db, $"SELECT status FROM runs WHERE id = {next}"));
        Assert.Null(await store.ReadCursorAsync("other"));
    }

    [Fact]
    public async Task An_allow_listed_signature_is_known_with_its_reason()
    {
        var allow = AllowList.Parse($$"""{"version": 1, "entries": [{"signature": "{{Trap.Hash}}", "reason": "lazy compilation charges fuel"}]}""", "allow.json");
        var (store, db) = await FreshAsync(allow);
        var run = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(run, Keys, [Case(1, true)]);
        Assert.Equal(new SignatureCounts(0, 1, 0, 0), await FinishAsync(store, run));
        Assert.Equal("lazy compilation charges fuel", await QueryStringAsync(db, "SELECT allow_reason FROM signatures"));
    }

    [Fact]
    public async Task Finishing_aggregates_costs_per_contract_and_function_and_records_the_run()
    {
        var (store, db) = await FreshAsync();
        var run = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(run, Keys, [Case(1, false, 1000, 700), Case(2, false, 3000, 2100)]);
        await store.FinishRunAsync(run, true, 2.25, c => ("""{"cases": 2}""", 0));

        await using var connection = new NpgsqlConnection(db);
        var stats = (await connection.QueryAsync<(string Engine, long Cases, decimal Cpu, decimal Mem, decimal Fuel, decimal InstCpu)>(
            "SELECT engine, cases, cpu, mem, fuel, inst_cpu FROM cost_stats ORDER BY engine")).ToList();
        Assert.Equal([("register", 2L, 2800m, 1400m, 700m, 280m), ("stack", 2L, 4000m, 2000m, 1000m, 400m)], stats);
        var (status, exit, seconds, cases) = await connection.QuerySingleAsync<(string, int, double, int)>(
            $"SELECT status, exit_code, seconds, (summary->>'cases')::int FROM runs WHERE id = {run}");
        Assert.Equal(("succeeded", 0, 2.25, 2), (status, exit, seconds, cases));
    }

    [Fact]
    public async Task A_stored_divergence_carries_its_document_and_case()
    {
        var (store, _) = await FreshAsync();
        var run = await store.StartRunAsync(Start());
        await store.WriteBatchAsync(run, Keys, [Case(7, true)]);
        var d = await store.ReadDivergenceAsync(1);
        Assert.NotNull(d);
        Assert.Equal(("net.xdr", 17L, $"{7:x64}", 0, "stack,register", Trap.Hash, true), (d.Source, d.Ledger, d.TxHash, d.OpIndex, d.Engines, d.Signature, d.Open));
        Assert.Equal("""{"tx": 7}""", d.Document);
        Assert.Equal(new byte[] { 1, 2, 7 }, d.CaseBinary);
        Assert.Null(await store.ReadDivergenceAsync(2));
    }

    private static async Task<string?> QueryStringAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        return await connection.ExecuteScalarAsync<string?>(sql);
    }
}
