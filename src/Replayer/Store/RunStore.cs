using Dapper;
using Npgsql;
using NpgsqlTypes;
using Replay.Diff;
using Replay.History;

namespace Replay.Replayer.Store;

/// <summary>How a run starts: what it replays, on what, and for which job.</summary>
/// <param name="Kind">"run", "nightly" or "distributed".</param>
/// <param name="Job">The nightly job's name (its cursor), or null.</param>
public sealed record RunStart(string Kind, string Source, LedgerRange Range, IReadOnlyList<string> Engines, string ToolVersion, string? Job = null);

/// <summary>One finding of a case to keep: its signature, the self-contained divergence document (JSON) and the case (CaseBinary).</summary>
public sealed record StoredFinding(DivergenceSignature Signature, string Document, byte[] CaseBinary);

/// <summary>One compared case to keep: the comparison, its outcomes.jsonl line, and its findings.</summary>
public sealed record StoredCase(CaseComparison Comparison, string OutcomeLine, IReadOnlyList<StoredFinding> Findings);

/// <summary>The signature counts a finished run reports (the summary's "signatures").</summary>
/// <param name="New">New signatures no finished run has reported yet (this run's, and those of a run killed before its end).</param>
/// <param name="Known">Signatures this run saw that were seen before or are allow-listed.</param>
/// <param name="Regressed">Signatures seen again after they were fixed, not reported yet.</param>
/// <param name="Fixed">Signatures this run found fixed (every case that showed one was replayed without it).</param>
public sealed record SignatureCounts(long New, long Known, long Regressed, long Fixed);

/// <summary>A stored divergence, as repro reads it.</summary>
public sealed record StoredDivergence(long Id, string Source, long Ledger, string TxHash, int OpIndex, string Engines, string Signature, bool Open, string Document, byte[] CaseBinary);

/// <summary>
/// The run store: runs, case outcomes and costs, divergences with their repro artifacts,
/// signatures with their triage status, cost statistics and nightly cursors.
/// <para>
/// Idempotent by construction: a case's rows are keyed by the case (source, ledger, transaction,
/// operation) and the engine set, and every batch replaces them in one transaction, together with
/// the nightly cursor that says the batch is done. A batch written twice (a retried job, a rerun
/// range, a nightly resumed after kill -9) leaves the same rows as once.
/// </para>
/// </summary>
public sealed class RunStore(Database database, AllowList allow)
{
    private readonly Database _database = database ?? throw new ArgumentNullException(nameof(database));
    private readonly AllowList _allow = allow ?? throw new ArgumentNullException(nameof(allow));

    // Arbitrary but fixed: "the signature triage lock" among advisory locks ("RPLAYSIG").
    private const long SignatureLockKey = 0x5250_4C41_5953_4947;

    /// <summary>Records a run as running and returns its id.</summary>
    public async Task<long> StartRunAsync(RunStart start, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO runs (started_at, tool_version, source, range, status, kind, engines, job)
            VALUES (now(), @ToolVersion, @Source, @Range, 'running', @Kind, @Engines, @Job)
            RETURNING id
            """, new { start.ToolVersion, start.Source, start.Range, start.Kind, Engines = start.Engines.ToArray(), start.Job },
            cancellationToken: cancellation)).ConfigureAwait(false);
    }

    /// <summary>
    /// Marks the earlier runs of a nightly job that never finished (killed, or the machine went
    /// away) as failed. Call it while holding the job's lock.
    /// </summary>
    public async Task<int> AbandonUnfinishedRunsAsync(string job, long exceptRun, CancellationToken cancellation = default)
    {
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE runs SET status = 'failed', finished_at = greatest(now(), started_at)
            WHERE job = @job AND status = 'running' AND id <> @exceptRun
            """, new { job, exceptRun }, cancellationToken: cancellation)).ConfigureAwait(false);
    }

    /// <summary>The ledger a nightly job resumes from, or null when it never ran.</summary>
    public async Task<uint?> ReadCursorAsync(string job, CancellationToken cancellation = default)
    {
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT next_ledger FROM nightly_cursors WHERE name = @job", new { job }, cancellationToken: cancellation)).ConfigureAwait(false);
        return next is { } n ? checked((uint)n) : null;
    }

    /// <summary>
    /// Writes a batch of compared cases in one transaction: outcomes and costs (replacing any
    /// earlier rows of the same cases), findings (closing those the cases no longer show),
    /// signature transitions, and, when given, the nightly cursor.
    /// </summary>
    /// <param name="alsoInTransaction">More to write in the same transaction (a distributed batch marks itself done with its results).</param>
    public async Task WriteBatchAsync(long runId, IReadOnlyList<string> engineKeys, IReadOnlyList<StoredCase> cases,
        (string Job, uint NextLedger)? cursor = null, CancellationToken cancellation = default,
        Func<NpgsqlConnection, NpgsqlTransaction, Task>? alsoInTransaction = null)
    {
        ArgumentNullException.ThrowIfNull(engineKeys);
        ArgumentNullException.ThrowIfNull(cases);
        var engines = string.Join(',', engineKeys);
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE t_out (LIKE case_outcomes) ON COMMIT DROP;
            CREATE TEMP TABLE t_div (
                source text, ledger bigint, tx_hash text, op_index integer, engines text,
                signature text, class text, path text, wasm_hash text, function text, error text,
                document jsonb, case_binary bytea) ON COMMIT DROP;
            """, transaction: tx, cancellationToken: cancellation)).ConfigureAwait(false);

        await CopyAsync(connection, "COPY t_out (source, ledger, tx_hash, op_index, engines, run_id, protocol, kind, contract, function, wasm_hash, engines_verdict, class, line) FROM STDIN (FORMAT BINARY)",
            cases, async (w, c) =>
            {
                var f = c.Comparison.Facts;
                await w.WriteAsync(f.Source, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync((long)f.Ledger, NpgsqlDbType.Bigint, cancellation).ConfigureAwait(false);
                await w.WriteAsync(f.TxHash, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(f.OperationIndex, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
                await w.WriteAsync(engines, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(runId, NpgsqlDbType.Bigint, cancellation).ConfigureAwait(false);
                await w.WriteAsync((int)f.Protocol, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
                await w.WriteAsync(f.Kind, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await WriteNullableAsync(w, f.Contract, cancellation).ConfigureAwait(false);
                await WriteNullableAsync(w, f.Function, cancellation).ConfigureAwait(false);
                await WriteNullableAsync(w, f.WasmHash, cancellation).ConfigureAwait(false);
                await WriteNullableAsync(w, c.Comparison.Verdict?.Name(), cancellation).ConfigureAwait(false);
                await WriteNullableAsync(w, c.Comparison.Class?.Name(), cancellation).ConfigureAwait(false);
                await w.WriteAsync(c.OutcomeLine, NpgsqlDbType.Jsonb, cancellation).ConfigureAwait(false);
            }, cancellation).ConfigureAwait(false);

        // One finding per case and signature (a case can show the same kind twice, against two variants).
        var findings = cases.SelectMany(c => c.Findings.Select(f => (c.Comparison.Facts, Finding: f)))
            .DistinctBy(x => (x.Facts.Source, x.Facts.Ledger, x.Facts.TxHash, x.Facts.OperationIndex, x.Finding.Signature.Hash));
        await CopyAsync(connection, "COPY t_div (source, ledger, tx_hash, op_index, engines, signature, class, path, wasm_hash, function, error, document, case_binary) FROM STDIN (FORMAT BINARY)",
            findings, async (w, x) =>
            {
                var s = x.Finding.Signature;
                await w.WriteAsync(x.Facts.Source, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync((long)x.Facts.Ledger, NpgsqlDbType.Bigint, cancellation).ConfigureAwait(false);
                await w.WriteAsync(x.Facts.TxHash, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(x.Facts.OperationIndex, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
                await w.WriteAsync(engines, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(s.Hash, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(s.Class, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(s.Path, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(s.WasmHash, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(s.Function, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(s.Error, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(x.Finding.Document, NpgsqlDbType.Jsonb, cancellation).ConfigureAwait(false);
                await w.WriteAsync(x.Finding.CaseBinary, NpgsqlDbType.Bytea, cancellation).ConfigureAwait(false);
            }, cancellation).ConfigureAwait(false);

        var allowed = _allow.Entries.OrderBy(e => e.Signature, StringComparer.Ordinal).ToArray();
        // Writers of several processes (a distributed run's workers) take turns from here: the
        // signature counts below are recounted from the committed findings, and two batches
        // counting at once would each miss the other's.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = SignatureLockKey }, tx,
            cancellationToken: cancellation)).ConfigureAwait(false);
        // The costs replace those of the same cases, straight into case_costs (under the lock, so that
        // two writers of the same cases, a retried batch and its first attempt, take turns).
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM case_costs c USING t_out t
            WHERE (c.source, c.ledger, c.tx_hash, c.op_index, c.engines) = (t.source, t.ledger, t.tx_hash, t.op_index, t.engines)
            """, transaction: tx, cancellationToken: cancellation)).ConfigureAwait(false);
        var costRows = cases.SelectMany(c => c.Comparison.Runs.Select((r, i) => (c.Comparison.Facts, Key: engineKeys[i], Run: r)));
        await CopyAsync(connection, "COPY case_costs (source, ledger, tx_hash, op_index, engines, engine, status, cpu, mem, fuel, inst_cpu, inst_mem, inst_fuel) FROM STDIN (FORMAT BINARY)",
            costRows, async (w, x) =>
            {
                await w.WriteAsync(x.Facts.Source, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync((long)x.Facts.Ledger, NpgsqlDbType.Bigint, cancellation).ConfigureAwait(false);
                await w.WriteAsync(x.Facts.TxHash, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(x.Facts.OperationIndex, NpgsqlDbType.Integer, cancellation).ConfigureAwait(false);
                await w.WriteAsync(engines, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(x.Key, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                await w.WriteAsync(x.Run.Status, NpgsqlDbType.Text, cancellation).ConfigureAwait(false);
                foreach (var v in new[] { x.Run.Consumed.Cpu, x.Run.Consumed.Mem, x.Run.Consumed.Fuel, x.Run.Instantiation.Cpu, x.Run.Instantiation.Mem, x.Run.Instantiation.Fuel })
                    await w.WriteAsync(checked((long)v), NpgsqlDbType.Bigint, cancellation).ConfigureAwait(false);
            }, cancellation).ConfigureAwait(false);

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO case_outcomes SELECT * FROM t_out ORDER BY source, ledger, tx_hash, op_index
            ON CONFLICT (source, ledger, tx_hash, op_index, engines) DO UPDATE SET
                run_id = EXCLUDED.run_id, protocol = EXCLUDED.protocol, kind = EXCLUDED.kind,
                contract = EXCLUDED.contract, function = EXCLUDED.function, wasm_hash = EXCLUDED.wasm_hash,
                engines_verdict = EXCLUDED.engines_verdict, class = EXCLUDED.class, line = EXCLUDED.line;

            -- Findings the replayed cases no longer show.
            UPDATE divergences d SET open = false, run_id = @runId
            FROM t_out t
            WHERE (d.source, d.ledger, d.tx_hash, d.op_index, d.engines) = (t.source, t.ledger, t.tx_hash, t.op_index, t.engines)
              AND d.open
              AND NOT EXISTS (SELECT 1 FROM t_div n
                              WHERE (n.source, n.ledger, n.tx_hash, n.op_index, n.engines, n.signature)
                                  = (d.source, d.ledger, d.tx_hash, d.op_index, d.engines, d.signature));

            -- Signatures seen: created new, or moved on (fixed -> regressed; seen again by a later run once reported -> known).
            INSERT INTO signatures AS s (hash, class, path, wasm_hash, function, error, status, first_run_id, last_run_id,
                                         first_seen_at, last_seen_at, count, pending)
            SELECT DISTINCT ON (signature) signature, class, path, wasm_hash, function, error, 'new', @runId, @runId, now(), now(), 0, true
            FROM t_div ORDER BY signature
            ON CONFLICT (hash) DO UPDATE SET
                status = CASE WHEN s.status = 'fixed' THEN 'regressed'
                              WHEN s.last_run_id <> @runId AND NOT s.pending THEN 'known'
                              ELSE s.status END,
                pending = s.pending OR s.status = 'fixed',
                fixed_run_id = CASE WHEN s.status = 'fixed' THEN NULL ELSE s.fixed_run_id END,
                last_run_id = @runId,
                last_seen_at = now();

            INSERT INTO divergences (source, ledger, tx_hash, op_index, engines, signature, first_run_id, run_id, open, document, case_binary)
            SELECT source, ledger, tx_hash, op_index, engines, signature, @runId, @runId, true, document, case_binary
            FROM t_div ORDER BY source, ledger, tx_hash, op_index, signature
            ON CONFLICT (source, ledger, tx_hash, op_index, engines, signature) DO UPDATE SET
                run_id = EXCLUDED.run_id, open = true, document = EXCLUDED.document, case_binary = EXCLUDED.case_binary;

            -- Allow-listed signatures are known, whatever they were.
            UPDATE signatures s SET status = 'known', allow_reason = a.reason, pending = false
            FROM unnest(@allowedHashes::text[], @allowedReasons::text[]) AS a (hash, reason)
            WHERE s.hash = a.hash AND s.hash IN (SELECT signature FROM t_div);

            -- Counts of the signatures this batch touched, and those no open finding shows any more.
            WITH touched AS (
                SELECT signature FROM t_div
                UNION
                SELECT d.signature FROM divergences d JOIN t_out t
                  ON (d.source, d.ledger, d.tx_hash, d.op_index, d.engines) = (t.source, t.ledger, t.tx_hash, t.op_index, t.engines)
            ), figures AS (
                SELECT d.signature, count(*) AS cases, bool_or(d.open) AS open
                FROM divergences d WHERE d.signature IN (SELECT signature FROM touched) GROUP BY d.signature
            )
            UPDATE signatures s SET
                count = f.cases,
                status = CASE WHEN NOT f.open THEN 'fixed' ELSE s.status END,
                fixed_run_id = CASE WHEN NOT f.open AND s.status <> 'fixed' THEN @runId ELSE s.fixed_run_id END,
                pending = CASE WHEN NOT f.open THEN false ELSE s.pending END
            FROM figures f WHERE s.hash = f.signature;
            """, new
        {
            runId,
            allowedHashes = allowed.Select(e => e.Signature).ToArray(),
            allowedReasons = allowed.Select(e => e.Reason).ToArray(),
        }, tx, cancellationToken: cancellation)).ConfigureAwait(false);

        if (alsoInTransaction is not null)
            await alsoInTransaction(connection, tx).ConfigureAwait(false);
        if (cursor is { } c)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO nightly_cursors (name, next_ledger, run_id, updated_at) VALUES (@Job, @NextLedger, @runId, now())
                ON CONFLICT (name) DO UPDATE SET next_ledger = EXCLUDED.next_ledger, run_id = EXCLUDED.run_id, updated_at = EXCLUDED.updated_at
                """, new { c.Job, NextLedger = (long)c.NextLedger, runId }, tx, cancellationToken: cancellation)).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a run: reports the signatures no finished run has reported (and marks them
    /// reported), aggregates cost statistics per contract and function, and records the
    /// summary, timing, status and exit code.
    /// </summary>
    public async Task<SignatureCounts> FinishRunAsync(long runId, bool succeeded, double seconds, Func<SignatureCounts, (string SummaryJson, int ExitCode)> summarize,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(summarize);
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        var counts = await connection.QuerySingleAsync<SignatureCounts>(new CommandDefinition("""
            SELECT count(*) FILTER (WHERE status = 'new' AND pending) AS new,
                   count(*) FILTER (WHERE status = 'known' AND last_run_id = @runId) AS known,
                   count(*) FILTER (WHERE status = 'regressed' AND pending) AS regressed,
                   count(*) FILTER (WHERE status = 'fixed' AND fixed_run_id = @runId) AS fixed
            FROM signatures
            """, new { runId }, tx, cancellationToken: cancellation)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE signatures SET pending = false WHERE pending;

            DELETE FROM cost_stats WHERE run_id = @runId;
            INSERT INTO cost_stats (run_id, engine, wasm_hash, function, cases, cpu, mem, fuel, inst_cpu, inst_mem, inst_fuel)
            SELECT @runId, c.engine, coalesce(o.wasm_hash, ''), coalesce(o.function, ''), count(*),
                   sum(c.cpu), sum(c.mem), sum(c.fuel), sum(c.inst_cpu), sum(c.inst_mem), sum(c.inst_fuel)
            FROM case_costs c JOIN case_outcomes o
              ON (c.source, c.ledger, c.tx_hash, c.op_index, c.engines) = (o.source, o.ledger, o.tx_hash, o.op_index, o.engines)
            WHERE o.run_id = @runId AND c.status <> 'not-implemented'
            GROUP BY c.engine, coalesce(o.wasm_hash, ''), coalesce(o.function, '');
            """, new { runId }, tx, cancellationToken: cancellation)).ConfigureAwait(false);
        var (summary, exitCode) = summarize(counts);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE runs SET finished_at = greatest(now(), started_at), status = @status, seconds = @seconds,
                            summary = @summary::jsonb, exit_code = @exitCode
            WHERE id = @runId
            """, new { runId, status = succeeded ? "succeeded" : "failed", seconds, summary, exitCode }, tx, cancellationToken: cancellation)).ConfigureAwait(false);
        await tx.CommitAsync(cancellation).ConfigureAwait(false);
        return counts;
    }

    /// <summary>Marks a run failed (it could not run to its end), keeping what it wrote.</summary>
    public async Task FailRunAsync(long runId, double seconds, CancellationToken cancellation = default)
    {
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE runs SET finished_at = greatest(now(), started_at), status = 'failed', seconds = @seconds, exit_code = 2
            WHERE id = @runId AND status = 'running'
            """, new { runId, seconds }, cancellationToken: cancellation)).ConfigureAwait(false);
    }

    /// <summary>The triage status and allow reason of each of these signatures the store holds.</summary>
    public async Task<IReadOnlyDictionary<string, (string Status, string? AllowReason)>> ReadSignatureStatusesAsync(IReadOnlyList<string> hashes,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Hash, string Status, string? AllowReason)>(new CommandDefinition(
            "SELECT hash, status, allow_reason FROM signatures WHERE hash = ANY(@hashes)", new { hashes = hashes.ToArray() },
            cancellationToken: cancellation)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Hash, r => (r.Status, r.AllowReason), StringComparer.Ordinal);
    }

    /// <summary>One stored divergence by id, or null.</summary>
    public async Task<StoredDivergence?> ReadDivergenceAsync(long id, CancellationToken cancellation = default)
    {
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StoredDivergence>(new CommandDefinition("""
            SELECT id AS Id, source AS Source, ledger AS Ledger, tx_hash AS TxHash, op_index AS OpIndex, engines AS Engines,
                   signature AS Signature, open AS Open, document::text AS Document, case_binary AS CaseBinary
            FROM divergences WHERE id = @id
            """, new { id }, cancellationToken: cancellation)).ConfigureAwait(false);
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string copy, IEnumerable<T> rows, Func<NpgsqlBinaryImporter, T, Task> write, CancellationToken cancellation)
    {
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellation).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellation).ConfigureAwait(false);
            await write(importer, row).ConfigureAwait(false);
        }
        await importer.CompleteAsync(cancellation).ConfigureAwait(false);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter w, string? value, CancellationToken cancellation) =>
        value is null ? w.WriteNullAsync(cancellation) : w.WriteAsync(value, NpgsqlDbType.Text, cancellation);
}
