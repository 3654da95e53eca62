using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Replay.History.Cases;

namespace Replay.Replayer.Pipeline;

/// <summary>One result of the pipeline, in case order: a case that was run, or a build result that was not a case (not applied, not replayable).</summary>
public sealed record PipelineItem(CaseBuildResult Build, CaseResult? Result);

/// <summary>How the pipeline runs.</summary>
public sealed record PipelineOptions
{
    public required EngineSet Engines { get; init; }

    /// <summary>Workers running and comparing cases at once.</summary>
    public int Parallel { get; init; } = Environment.ProcessorCount;

    /// <summary>The A/A check runs on every Nth case (the first case always); 0 turns it off.</summary>
    public int DeterminismEvery { get; init; } = 50;
}

/// <summary>
/// Cases arrive in order from the case builder (state is sequential); the run and the diff of each
/// case are spread over <see cref="PipelineOptions.Parallel"/> workers; results come out in case
/// order, so everything written from them is the same whatever the parallelism. Memory is bounded:
/// at most a few cases per worker are in flight.
/// </summary>
public static class ReplayPipeline
{
    public static async IAsyncEnumerable<PipelineItem> RunAsync(IAsyncEnumerable<CaseBuildResult> source, PipelineOptions options,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Parallel < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Parallel, "at least one worker");
        var window = options.Parallel * 16;
        var work = Channel.CreateBounded<(ReplayCase Case, bool Check, TaskCompletionSource<PipelineItem> Done)>(
            new BoundedChannelOptions(window) { SingleWriter = true });
        var ordered = Channel.CreateBounded<Task<PipelineItem>>(new BoundedChannelOptions(window * 2) { SingleWriter = true, SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var token = stop.Token;

        var producer = Task.Run(async () =>
        {
            try
            {
                long index = 0;
                await foreach (var r in source.WithCancellation(token).ConfigureAwait(false))
                {
                    if (r is BuiltCase built)
                    {
                        var done = new TaskCompletionSource<PipelineItem>(TaskCreationOptions.RunContinuationsAsynchronously);
                        var check = options.DeterminismEvery > 0 && index % options.DeterminismEvery == 0;
                        index++;
                        await ordered.Writer.WriteAsync(done.Task, token).ConfigureAwait(false);
                        await work.Writer.WriteAsync((built.Case, check, done), token).ConfigureAwait(false);
                    }
                    else
                    {
                        await ordered.Writer.WriteAsync(Task.FromResult(new PipelineItem(r, null)), token).ConfigureAwait(false);
                    }
                }
                ordered.Writer.TryComplete();
            }
            catch (Exception e)
            {
                ordered.Writer.TryComplete(e);
            }
            finally
            {
                work.Writer.TryComplete();
            }
        }, token);

        var workers = Enumerable.Range(0, options.Parallel).Select(_ => Task.Run(async () =>
        {
            while (await work.Reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (work.Reader.TryRead(out var item))
                {
                    try
                    {
                        var result = CaseExecutor.Execute(item.Case, options.Engines, item.Check);
                        item.Done.TrySetResult(new PipelineItem(new BuiltCase(item.Case), result));
                    }
                    catch (NondeterminismException e)
                    {
                        item.Done.TrySetException(e);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        item.Done.TrySetException(new CaseFailedException(item.Case.Id, e));
                    }
                }
            }
        }, token)).ToArray();

        try
        {
            await foreach (var next in ordered.Reader.ReadAllAsync(token).ConfigureAwait(false))
                yield return await next.ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll([producer, .. workers]).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
