using Replay.Diff;
using Replay.History.Building;
using Replay.History.Cases;

namespace Replay.Replayer.Pipeline;

/// <summary>Live figures of a run, for progress displays (read from another thread: approximate while running).</summary>
public sealed class RunProgress
{
    private long _cases;
    private long _ledger;

    public long Cases => Interlocked.Read(ref _cases);

    /// <summary>The ledger of the last result delivered.</summary>
    public uint Ledger => (uint)Interlocked.Read(ref _ledger);

    internal void Delivered(CaseBuildResult r)
    {
        Interlocked.Exchange(ref _ledger, r.Id.Ledger);
        if (r is BuiltCase)
            Interlocked.Increment(ref _cases);
    }
}

/// <summary>
/// A whole run: cases from the builder through the pipeline, each result summarized (in case
/// order) and written to the output directory, the builder's counts added at the end.
/// </summary>
public static class ReplayRun
{
    public static Task<RunSummary> ExecuteAsync(CaseRunner runner, string source, uint? from, uint? to, PipelineOptions options,
        AllowList allow, RunOutput? output, RunProgress? progress, IRunObserver? observer, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return ExecuteAsync(runner.RunAsync(cancellation), runner.Summary, source, from, to, options, allow, output, progress, observer, cancellation);
    }

    /// <summary>
    /// The same from build results produced elsewhere (`replay bench pipeline` builds them once and
    /// runs them several times); <paramref name="built"/> holds the builder's counts once
    /// <paramref name="cases"/> has been read to its end.
    /// </summary>
    public static async Task<RunSummary> ExecuteAsync(IAsyncEnumerable<CaseBuildResult> cases, CaseRunSummary built, string source, uint? from, uint? to,
        PipelineOptions options, AllowList allow, RunOutput? output, RunProgress? progress, IRunObserver? observer, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(built);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(allow);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var summary = new RunSummary { Source = source };
        foreach (var key in options.Engines.Keys)
            summary.CostsOf(key);
        uint? first = null, last = null;
        uint? previous = null;
        var stopped = false;
        await foreach (var item in ReplayPipeline.RunAsync(cases, options, cancellation).ConfigureAwait(false))
        {
            var ledger = item.Build.Id.Ledger;
            if (observer is not null && previous is { } p && ledger != p
                && !await observer.OnLedgerBoundaryAsync(ledger, cancellation).ConfigureAwait(false))
            {
                stopped = true;
                break;
            }
            previous = ledger;
            first = first is { } f ? Math.Min(f, ledger) : ledger;
            last = last is { } l ? Math.Max(l, ledger) : ledger;
            progress?.Delivered(item.Build);
            if (item.Result is not { } r)
                continue;
            summary.Add(r.Comparison, options.Engines.Keys, allow);
            output?.Write(r, options.Engines.Keys, allow);
            if (observer is not null)
                await observer.OnCaseAsync(r, cancellation).ConfigureAwait(false);
        }
        summary.From = from ?? first;
        // A run ended at a ledger boundary covers the ledgers before it; else the range asked for, or what the source held.
        summary.To = stopped ? previous : to ?? last;
        if (observer is not null)
            await observer.OnCompletedAsync(summary.To is { } end ? end + 1 : summary.From, cancellation).ConfigureAwait(false);
        summary.Ledgers = built.Ledgers;
        summary.Invocations = built.Invocations;
        summary.Cases = built.Cases;
        summary.NotApplied = built.NotApplied;
        foreach (var (reason, count) in built.NotReplayable)
            summary.NotReplayable[reason] = summary.NotReplayable.GetValueOrDefault(reason) + count;
        summary.Seconds = started.Elapsed.TotalSeconds;
        output?.WriteSummary(summary);
        return summary;
    }
}
