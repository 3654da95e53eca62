using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Hangfire;
using Hangfire.PostgreSql;
using Replay.Diff;
using Replay.History.Building;
using Replay.History.Cases;
using Replay.Replayer.Pipeline;
using Replay.Replayer.Store;

namespace Replay.Replayer.Distributed;

/// <summary>How a distributed run is cut and how long its parts are waited for.</summary>
public sealed record CoordinatorOptions
{
    /// <summary>Cases per batch (one job each), cut at ledger boundaries.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Attempts a batch gets (a worker that dies counts as one) before it is given up as failed.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>How long to wait for the last batches; null: as long as it takes.</summary>
    public TimeSpan? WaitTimeout { get; init; }

    /// <summary>The A/A check: every Nth case (0: never) is run twice by the reference engine.</summary>
    public int DeterminismEvery { get; init; } = 50;
}

/// <summary>What a distributed run ends with: the summary and the batches given up.</summary>
public sealed record DistributedResult(RunSummary Summary, IReadOnlyList<FailedBatch> Failed, long RunId, int Batches, long PayloadBytes);

/// <summary>
/// The coordinator of `replay run --distributed`: builds the cases in order (state is sequential),
/// stores them in compressed batches, enqueues one job per batch for `replay worker` processes,
/// waits for every batch to be done or given up, then adds up the batches' totals into the same
/// summary a single-process run gives (every figure is a sum, so the order batches finish in does
/// not matter) and triages the signatures.
/// </summary>
public sealed class Coordinator(string connectionString, JobStorageSettings jobs, OutagePolicy outage, TextWriter log)
{
    public async Task<DistributedResult> RunAsync(RunRecorder recorder, CaseRunner runner, string source, uint? from, uint? to,
        EngineSet engines, IReadOnlyList<string> engineNames, IReadOnlyList<string> modes, bool moduleCache, AllowList allow, string allowJson,
        CoordinatorOptions options, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(runner);
        var clock = Stopwatch.StartNew();
        var store = new DistributedStore(new Database(connectionString), outage);
        var runId = recorder.RunId;
        await store.CreateRunAsync(new DistributedRun(runId, source, [.. engineNames], [.. modes], moduleCache, allowJson,
            Cli.VersionCommand.ToolVersion, options.MaxAttempts), cancellation).ConfigureAwait(false);
        var storage = await outage.ExecuteAsync(_ =>
            ValueTask.FromResult(new PostgreSqlStorage(jobs.ConnectionFactory(connectionString), jobs.StorageOptions())), cancellation).ConfigureAwait(false);
        var client = new BackgroundJobClient(storage);

        var buffer = new List<BatchCase>();
        uint? first = null, last = null, previous = null, batchFirst = null, batchLast = null;
        long index = 0;
        var batches = 0;
        long payloadBytes = 0;
        var lastLog = Stopwatch.StartNew();

        async Task FlushAsync()
        {
            if (buffer.Count == 0)
                return;
            var payload = BatchPayload.Encode(buffer);
            var batch = batches++;
            payloadBytes += payload.Length;
            await store.AddBatchAsync(runId, batch, batchFirst!.Value, batchLast!.Value, buffer.Count, payload, cancellation).ConfigureAwait(false);
            var jobId = await outage.ExecuteAsync(_ =>
                ValueTask.FromResult(client.Enqueue<BatchJob>(j => j.RunAsync(runId, batch, CancellationToken.None))), cancellation).ConfigureAwait(false);
            await store.SetJobIdAsync(runId, batch, jobId, cancellation).ConfigureAwait(false);
            buffer.Clear();
            batchFirst = batchLast = null;
        }

        await foreach (var item in runner.RunAsync(cancellation).ConfigureAwait(false))
        {
            var ledger = item.Id.Ledger;
            // Batches end at ledger boundaries: a ledger's cases are never split over two jobs.
            if (previous is { } p && ledger != p && buffer.Count >= options.BatchSize)
                await FlushAsync().ConfigureAwait(false);
            previous = ledger;
            first = first is { } f ? Math.Min(f, ledger) : ledger;
            last = last is { } l ? Math.Max(l, ledger) : ledger;
            if (item is BuiltCase built)
            {
                var check = options.DeterminismEvery > 0 && index % options.DeterminismEvery == 0;
                index++;
                // A source of several networks (a meta: directory) starts its ledgers again with each: the lowest and highest.
                batchFirst = batchFirst is { } bf ? Math.Min(bf, ledger) : ledger;
                batchLast = batchLast is { } bl ? Math.Max(bl, ledger) : ledger;
                buffer.Add(new BatchCase(built.Case, check));
            }
            if (lastLog.Elapsed >= TimeSpan.FromSeconds(10))
            {
                lastLog.Restart();
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"distributed run {runId}: building at ledger {ledger}, {index} cases in {batches} batches enqueued")).ConfigureAwait(false);
            }
        }
        await FlushAsync().ConfigureAwait(false);
        var buildSeconds = clock.Elapsed.TotalSeconds;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"distributed run {runId}: {index} cases in {batches} batches built in {buildSeconds:0.0} s ({payloadBytes} bytes compressed); waiting for workers")).ConfigureAwait(false);

        var waited = Stopwatch.StartNew();
        BatchCounts counts;
        while (true)
        {
            counts = await store.CountAsync(runId, cancellation).ConfigureAwait(false);
            if (counts.Open == 0)
                break;
            if (options.WaitTimeout is { } limit && waited.Elapsed > limit)
                throw new Cli.UserError(string.Create(CultureInfo.InvariantCulture,
                    $"distributed run {runId}: {counts.Open} of {counts.Total} batches still open after waiting {limit.TotalSeconds:0} s (are `replay worker` processes running against this database?)"));
            if (lastLog.Elapsed >= TimeSpan.FromSeconds(10))
            {
                lastLog.Restart();
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"distributed run {runId}: {counts.Done}/{counts.Total} batches done, {counts.Running} running, {counts.Failed} failed")).ConfigureAwait(false);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation).ConfigureAwait(false);
        }

        var summary = new RunSummary { Source = source };
        foreach (var key in engines.Keys)
            summary.CostsOf(key);
        foreach (var json in await store.DoneSummariesAsync(runId, cancellation).ConfigureAwait(false))
        {
            using var doc = JsonDocument.Parse(json);
            summary.Merge(RunSummary.ReadPart(doc.RootElement, source));
        }
        var failed = await store.FailedAsync(runId, cancellation).ConfigureAwait(false);
        var built2 = runner.Summary;
        summary.From = from ?? first;
        summary.To = to ?? last;
        summary.Ledgers = built2.Ledgers;
        summary.Invocations = built2.Invocations;
        summary.Cases = built2.Cases;
        summary.NotApplied = built2.NotApplied;
        foreach (var (reason, count) in built2.NotReplayable)
            summary.NotReplayable[reason] = summary.NotReplayable.GetValueOrDefault(reason) + count;
        summary.Seconds = clock.Elapsed.TotalSeconds;
        return new DistributedResult(summary, failed, runId, batches, payloadBytes);
    }
}
