using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hangfire;
using Replay.Diff;
using Replay.History.Cases;
using Replay.Replayer.Pipeline;
using Replay.Replayer.Store;

namespace Replay.Replayer.Distributed;

/// <summary>What every batch job of one worker process shares: the database, its name, the engines it built.</summary>
public sealed class WorkerContext(string connectionString, string name, OutagePolicy outage, TextWriter log)
{
    /// <summary>
    /// Test hook, honoured only when set: "RUN:BATCH" (or "BATCH", any run) names a batch whose
    /// every attempt ends the worker process with Environment.FailFast, the way a crash in native
    /// code would. It exists to test how a poisoned batch is given up; never set it in production.
    /// </summary>
    public const string CrashHookVariable = "REPLAY_TEST_CRASH_BATCH";

    private readonly ConcurrentDictionary<long, Lazy<EngineSet>> _engines = new();

    public string ConnectionString { get; } = connectionString;

    public string Name { get; } = name;

    public OutagePolicy Outage { get; } = outage;

    public TextWriter Log { get; } = log;

    public (long? Run, int Batch)? CrashHook { get; } = ParseHook(Environment.GetEnvironmentVariable(CrashHookVariable));

    internal static (long? Run, int Batch)? ParseHook(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var parts = value.Split(':');
        if (parts.Length == 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var b))
            return (null, b);
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var r)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var b2))
            return (r, b2);
        throw new Cli.UserError($"{CrashHookVariable}='{value}': expected BATCH or RUN:BATCH");
    }

    /// <summary>The engines of a run, built once per process (their module caches then serve every batch of the run).</summary>
    public EngineSet EnginesOf(DistributedRun run) =>
        _engines.GetOrAdd(run.RunId, _ => new Lazy<EngineSet>(() => EngineSet.Create(run.Engines, run.Modes, run.ModuleCache))).Value;
}

/// <summary>
/// The job of one batch: runs its cases on the run's engines, compares them, and writes outcomes,
/// costs, findings and the batch's totals in one transaction that replaces any earlier rows of the
/// same cases, so a job run twice (a retry, a duplicate) leaves the rows of one run.
/// <para>
/// Attempts are counted in dist_batches before the work starts, because a worker that dies (kill
/// -9, a crash) never reaches the job engine's retry filter. A thrown error is kept and the job
/// engine retries after a short delay; a batch whose attempts are spent ends failed with its error.
/// </para>
/// </summary>
public sealed class BatchJob(WorkerContext context)
{
    [Queue(JobStorageSettings.BatchQueue)]
    [AutomaticRetry(Attempts = 1000, DelaysInSeconds = [1, 2, 3, 5, 8], LogEvents = false)]
    [JobDisplayName("run {0} batch {1}")]
    public async Task RunAsync(long runId, int batch, CancellationToken cancellation)
    {
        var database = new Database(context.ConnectionString);
        var store = new DistributedStore(database, context.Outage);
        var run = await store.ReadRunAsync(runId, cancellation).ConfigureAwait(false)
                  ?? throw new InvalidOperationException($"no distributed run {runId} in {database.Endpoint}");
        var (start, attempt) = await store.BeginAttemptAsync(runId, batch, context.Name, cancellation).ConfigureAwait(false);
        if (start == AttemptStart.GivenUp)
            await context.Log.WriteLineAsync($"worker {context.Name}: run {runId} batch {batch} given up after {attempt} attempts").ConfigureAwait(false);
        if (start != AttemptStart.Run)
            return;
        try
        {
            if (context.CrashHook is { } hook && hook.Batch == batch && (hook.Run is null || hook.Run == runId))
                Environment.FailFast($"{WorkerContext.CrashHookVariable}: run {runId} batch {batch} crashes its worker (test hook)");
            await RunBatchAsync(store, run, batch, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The worker shuts down: the job engine hands the job to another worker; this attempt does not count.
            await store.AttemptAbandonedAsync(runId, batch, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e)
        {
            var message = $"attempt {attempt} on {context.Name}: {e.GetType().Name}: {e.Message}";
            await context.Log.WriteLineAsync($"worker {context.Name}: run {runId} batch {batch}: {message}").ConfigureAwait(false);
            await store.AttemptFailedAsync(runId, batch, message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task RunBatchAsync(DistributedStore store, DistributedRun run, int batch, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        if (run.ToolVersion != Cli.VersionCommand.ToolVersion)
            throw new InvalidOperationException($"this worker is {Cli.VersionCommand.ToolVersion}, the run was started by {run.ToolVersion}: results would mix two versions");
        var payload = await store.ReadPayloadAsync(run.RunId, batch, cancellation).ConfigureAwait(false)
                      ?? throw new InvalidDataException($"run {run.RunId} batch {batch} has no cases stored");
        var cases = BatchPayload.Decode(payload);
        var allow = AllowList.Parse(run.AllowList, $"run {run.RunId}'s allow-list");
        var engines = context.EnginesOf(run);
        var keys = engines.Keys;
        var part = new RunSummary { Source = run.Source };
        foreach (var key in keys)
            part.CostsOf(key);
        var stored = new List<StoredCase>(cases.Count);
        foreach (var c in cases)
        {
            cancellation.ThrowIfCancellationRequested();
            CaseResult result;
            try
            {
                result = CaseExecutor.Execute(c.Case, engines, c.DeterminismCheck);
            }
            catch (Exception e) when (e is not NondeterminismException and not OperationCanceledException)
            {
                throw new CaseFailedException(c.Case.Id, e);
            }
            part.Add(result.Comparison, keys, allow);
            var findings = DivergenceArtifact.Findings(result, allow, run.ToolVersion)
                .Select(f => new StoredFinding(f.Signature, f.Json, CaseBinary.Encode(result.Case)))
                .ToList();
            stored.Add(new StoredCase(result.Comparison, ComparisonJson.OutcomeLine(result.Comparison, keys), findings));
        }
        string partJson;
        using (var buffer = new MemoryStream())
        {
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer, ComparisonJson.Compact))
                part.WritePart(w);
            partJson = Encoding.UTF8.GetString(buffer.ToArray());
        }
        var results = new RunStore(store.Database, allow);
        var seconds = clock.Elapsed.TotalSeconds;
        await store.Outage.ExecuteAsync(async ct =>
            await results.WriteBatchAsync(run.RunId, keys, stored, null, ct,
                (connection, tx) => DistributedStore.MarkDoneAsync(connection, tx, run.RunId, batch, partJson, seconds, ct)).ConfigureAwait(false),
            cancellation).ConfigureAwait(false);
    }
}
