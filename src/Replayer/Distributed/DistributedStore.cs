using Dapper;
using Npgsql;
using Replay.Replayer.Store;

namespace Replay.Replayer.Distributed;

/// <summary>What workers need to run the batches of a distributed run.</summary>
public sealed record DistributedRun(long RunId, string Source, string[] Engines, string[] Modes, bool ModuleCache, string AllowList, string ToolVersion, int MaxAttempts);

/// <summary>A batch given up: which cases, how often it was tried, and why it failed.</summary>
public sealed record FailedBatch(int Batch, long FirstLedger, long LastLedger, int Cases, int Attempts, string Error);

/// <summary>Where a distributed run's batches stand.</summary>
public sealed record BatchCounts(long Total, long Done, long Failed, long Running)
{
    public long Open => Total - Done - Failed;
}

/// <summary>How an attempt to run a batch begins.</summary>
public enum AttemptStart
{
    /// <summary>Run it: the attempt is counted.</summary>
    Run,

    /// <summary>Done or failed already (a duplicate or late job): nothing to do.</summary>
    Finished,

    /// <summary>Its attempts are spent: it is now failed.</summary>
    GivenUp,
}

/// <summary>
/// The tables of distributed runs (migration 0004): the run's parameters, the batches with their
/// compressed cases, status, attempts, error and per-batch totals. Every step is one statement or
/// one transaction, retried whole through the <see cref="OutagePolicy"/>.
/// </summary>
public sealed class DistributedStore(Database database, OutagePolicy outage)
{
    private sealed record AttemptRow(string Status, int Attempts, int MaxAttempts, string? Worker, string? Error);

    public Database Database { get; } = database;

    public OutagePolicy Outage { get; } = outage;

    private async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> action, CancellationToken cancellation) =>
        await Outage.ExecuteAsync(async ct =>
        {
            await using var connection = await Database.OpenAsync(ct).ConfigureAwait(false);
            return await action(connection, ct).ConfigureAwait(false);
        }, cancellation).ConfigureAwait(false);

    public Task CreateRunAsync(DistributedRun run, CancellationToken cancellation) =>
        WithConnectionAsync((c, ct) => c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO dist_runs (run_id, source, engines, modes, module_cache, allow_list, tool_version, max_attempts)
            VALUES (@RunId, @Source, @Engines, @Modes, @ModuleCache, @AllowList, @ToolVersion, @MaxAttempts)
            ON CONFLICT (run_id) DO NOTHING
            """, run, cancellationToken: ct)), cancellation);

    public Task<DistributedRun?> ReadRunAsync(long runId, CancellationToken cancellation) =>
        WithConnectionAsync(async (c, ct) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition("""
                SELECT run_id AS RunId, source AS Source, array_to_string(engines, ',') AS Engines, array_to_string(modes, ',') AS Modes,
                       module_cache AS ModuleCache, allow_list AS AllowList, tool_version AS ToolVersion, max_attempts AS MaxAttempts
                FROM dist_runs WHERE run_id = @runId
                """, new { runId }, cancellationToken: ct)).ConfigureAwait(false);
            return row is null ? null : new DistributedRun(row.RunId, row.Source, Split(row.Engines), Split(row.Modes), row.ModuleCache, row.AllowList,
                row.ToolVersion, row.MaxAttempts);
        }, cancellation);

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries);

    private sealed record RunRow(long RunId, string Source, string Engines, string Modes, bool ModuleCache, string AllowList, string ToolVersion, int MaxAttempts);

    /// <summary>Stores a batch as queued (a second call for the same batch changes nothing).</summary>
    public Task AddBatchAsync(long runId, int batch, uint firstLedger, uint lastLedger, int cases, byte[] payload, CancellationToken cancellation) =>
        WithConnectionAsync((c, ct) => c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO dist_batches (run_id, batch, first_ledger, last_ledger, cases, payload, payload_bytes, status, enqueued_at)
            VALUES (@runId, @batch, @firstLedger, @lastLedger, @cases, @payload, @bytes, 'queued', now())
            ON CONFLICT (run_id, batch) DO NOTHING
            """, new { runId, batch, firstLedger = (long)firstLedger, lastLedger = (long)lastLedger, cases, payload, bytes = payload.Length },
            cancellationToken: ct)), cancellation);

    public Task SetJobIdAsync(long runId, int batch, string jobId, CancellationToken cancellation) =>
        WithConnectionAsync((c, ct) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE dist_batches SET job_id = @jobId WHERE run_id = @runId AND batch = @batch", new { runId, batch, jobId }, cancellationToken: ct)), cancellation);

    /// <summary>
    /// Begins an attempt: counts it, unless the batch is finished or its attempts are spent (then
    /// it is failed, with the reason). An attempt found still "running" died with its process
    /// (kill -9, a crash, a lost machine): that becomes the batch's error.
    /// </summary>
    public Task<(AttemptStart Start, int Attempt)> BeginAttemptAsync(long runId, int batch, string worker, CancellationToken cancellation) =>
        WithConnectionAsync(async (c, ct) =>
        {
            await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
            var row = await c.QuerySingleOrDefaultAsync<AttemptRow>(new CommandDefinition("""
                SELECT b.status AS Status, b.attempts AS Attempts, r.max_attempts AS MaxAttempts, b.worker AS Worker, b.error AS Error
                FROM dist_batches b JOIN dist_runs r USING (run_id)
                WHERE b.run_id = @runId AND b.batch = @batch FOR UPDATE OF b
                """, new { runId, batch }, tx, cancellationToken: ct)).ConfigureAwait(false);
            if (row is not { } r)
                throw new InvalidOperationException($"distributed run {runId} has no batch {batch}");
            if (r.Status is "done" or "failed")
                return (AttemptStart.Finished, r.Attempts);
            var error = r.Status == "running"
                ? $"attempt {r.Attempts} on {r.Worker} ended without a result: the worker process died (killed or crashed)"
                : r.Error;
            if (r.Attempts >= r.MaxAttempts)
            {
                await c.ExecuteAsync(new CommandDefinition("""
                    UPDATE dist_batches SET status = 'failed', finished_at = now(), error = @error
                    WHERE run_id = @runId AND batch = @batch
                    """, new { runId, batch, error = $"given up after {r.Attempts} attempts; the last: {error ?? "no error recorded"}" }, tx,
                    cancellationToken: ct)).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return (AttemptStart.GivenUp, r.Attempts);
            }
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE dist_batches SET status = 'running', attempts = attempts + 1, worker = @worker, started_at = now(), error = @error
                WHERE run_id = @runId AND batch = @batch
                """, new { runId, batch, worker, error }, tx, cancellationToken: ct)).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return (AttemptStart.Run, r.Attempts + 1);
        }, cancellation);

    /// <summary>An attempt that threw: its error is kept and the batch waits for the job engine's retry.</summary>
    public Task AttemptFailedAsync(long runId, int batch, string error, CancellationToken cancellation) =>
        WithConnectionAsync((c, ct) => c.ExecuteAsync(new CommandDefinition("""
            UPDATE dist_batches SET status = 'queued', error = @error
            WHERE run_id = @runId AND batch = @batch AND status = 'running'
            """, new { runId, batch, error }, cancellationToken: ct)), cancellation);

    /// <summary>An attempt stopped by its worker's shutdown: it does not count.</summary>
    public Task AttemptAbandonedAsync(long runId, int batch, CancellationToken cancellation) =>
        WithConnectionAsync((c, ct) => c.ExecuteAsync(new CommandDefinition("""
            UPDATE dist_batches SET status = 'queued', attempts = greatest(attempts - 1, 0)
            WHERE run_id = @runId AND batch = @batch AND status = 'running'
            """, new { runId, batch }, cancellationToken: ct)), cancellation);

    public Task<byte[]?> ReadPayloadAsync(long runId, int batch, CancellationToken cancellation) =>
        WithConnectionAsync((c, ct) => c.ExecuteScalarAsync<byte[]?>(new CommandDefinition(
            "SELECT payload FROM dist_batches WHERE run_id = @runId AND batch = @batch", new { runId, batch }, cancellationToken: ct)), cancellation);

    /// <summary>Marks a batch done with its totals, inside the transaction that writes its results.</summary>
    public static Task MarkDoneAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long runId, int batch, string summaryJson, double seconds,
        CancellationToken cancellation) =>
        connection.ExecuteAsync(new CommandDefinition("""
            UPDATE dist_batches SET status = 'done', summary = @summaryJson::jsonb, payload = NULL, error = NULL,
                                    finished_at = now(), seconds = @seconds
            WHERE run_id = @runId AND batch = @batch AND status <> 'done'
            """, new { runId, batch, summaryJson, seconds }, tx, cancellationToken: cancellation));

    public Task<BatchCounts> CountAsync(long runId, CancellationToken cancellation) =>
        WithConnectionAsync((c, ct) => c.QuerySingleAsync<BatchCounts>(new CommandDefinition("""
            SELECT count(*) AS Total, count(*) FILTER (WHERE status = 'done') AS Done,
                   count(*) FILTER (WHERE status = 'failed') AS Failed, count(*) FILTER (WHERE status = 'running') AS Running
            FROM dist_batches WHERE run_id = @runId
            """, new { runId }, cancellationToken: ct)), cancellation);

    public Task<List<string>> DoneSummariesAsync(long runId, CancellationToken cancellation) =>
        WithConnectionAsync(async (c, ct) => (await c.QueryAsync<string>(new CommandDefinition(
            "SELECT summary::text FROM dist_batches WHERE run_id = @runId AND status = 'done' ORDER BY batch",
            new { runId }, cancellationToken: ct)).ConfigureAwait(false)).ToList(), cancellation);

    public Task<List<FailedBatch>> FailedAsync(long runId, CancellationToken cancellation) =>
        WithConnectionAsync(async (c, ct) => (await c.QueryAsync<FailedBatch>(new CommandDefinition("""
            SELECT batch AS Batch, first_ledger AS FirstLedger, last_ledger AS LastLedger, cases AS Cases, attempts AS Attempts,
                   coalesce(error, '') AS Error
            FROM dist_batches WHERE run_id = @runId AND status = 'failed' ORDER BY batch
            """, new { runId }, cancellationToken: ct)).ConfigureAwait(false)).ToList(), cancellation);
}
