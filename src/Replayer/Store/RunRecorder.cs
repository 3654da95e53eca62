using System.Diagnostics;
using System.Text;
using Dapper;
using Npgsql;
using Replay.Diff;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Store;

/// <summary>
/// A run kept in the database from start to end: the runs row, the results written as they
/// come (<see cref="Writer"/>), the triage and totals at the end. A nightly job also holds its
/// job lock for the whole run, so two schedulers cannot run the same job at once.
/// </summary>
public sealed class RunRecorder : IAsyncDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private NpgsqlConnection? _lock;

    private RunRecorder(RunStore store, long runId, RunDatabaseWriter writer, NpgsqlConnection? jobLock)
    {
        Store = store;
        RunId = runId;
        Writer = writer;
        _lock = jobLock;
    }

    public RunStore Store { get; }

    public long RunId { get; }

    public RunDatabaseWriter Writer { get; }

    /// <summary>
    /// Migrates the schema, takes the job's lock (nightly runs) and records the run as running;
    /// null without a connection string.
    /// </summary>
    public static async Task<RunRecorder?> StartAsync(string? connectionString, RunStart start, AllowList allow, CancellationToken cancellation,
        Func<uint, bool>? stopAtBoundary = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (connectionString is null)
            return null;
        var database = new Database(connectionString);
        NpgsqlConnection? jobLock = null;
        try
        {
            await using (var connection = await database.OpenAsync(cancellation).ConfigureAwait(false))
                await MigrationRunner.MigrateAsync(connection, cancellation: cancellation).ConfigureAwait(false);
            if (start.Job is { } job)
            {
                jobLock = await database.OpenAsync(cancellation).ConfigureAwait(false);
                var locked = await jobLock.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT pg_try_advisory_lock(hashtextextended('soroban-replay job ' || @job, 0))", new { job }, cancellationToken: cancellation)).ConfigureAwait(false);
                if (!locked)
                    throw new UserError($"the job '{job}' is already running against {database.Endpoint} (another nightly holds its lock)");
            }
            var store = new RunStore(database, allow);
            var runId = await store.StartRunAsync(start, cancellation).ConfigureAwait(false);
            if (start.Job is { } j)
                await store.AbandonUnfinishedRunsAsync(j, runId, cancellation).ConfigureAwait(false);
            var writer = new RunDatabaseWriter(store, runId, start.Engines, allow, start.ToolVersion, start.Job, stopAtBoundary: stopAtBoundary);
            var recorder = new RunRecorder(store, runId, writer, jobLock);
            jobLock = null;
            return recorder;
        }
        catch (PostgresException e)
        {
            throw new UserError($"the run store at {database.Endpoint} failed: {e.SqlState}: {e.MessageText}", e);
        }
        finally
        {
            if (jobLock is not null)
                await jobLock.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Triage, cost statistics and the run's totals; sets the summary's signature counts from the triage.</summary>
    public async Task FinishAsync(RunSummary summary, Func<RunSummary, int> exitCode, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(exitCode);
        await Store.FinishRunAsync(RunId, true, summary.Seconds, counts =>
        {
            summary.SetTriage(counts.New, counts.Known, counts.Regressed, counts.Fixed);
            using var buffer = new MemoryStream();
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer, ComparisonJson.Compact))
                ComparisonJson.WriteSummary(w, summary);
            return (Encoding.UTF8.GetString(buffer.ToArray()), exitCode(summary));
        }, cancellation).ConfigureAwait(false);
    }

    /// <summary>Marks the run failed; what it wrote stays (whole batches only). A database that is gone by then is not a second error.</summary>
    public async Task FailAsync()
    {
        try
        {
            await Store.FailRunAsync(RunId, _clock.Elapsed.TotalSeconds, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is UserError or NpgsqlException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_lock is not null)
        {
            await _lock.DisposeAsync().ConfigureAwait(false);
            _lock = null;
        }
    }
}
