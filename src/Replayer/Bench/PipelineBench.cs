using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Replay.Diff;
using Replay.History;
using Replay.History.Building;
using Replay.History.Cases;
using Replay.Replayer.Pipeline;
using Replay.Replayer.Store;

namespace Replay.Replayer.Bench;

/// <summary>Process CPU time, wall time, collections and allocation over one stretch of work.</summary>
public sealed record WorkFigures(long Cases, double CpuSeconds, double WallSeconds, int Gen0, int Gen1, int Gen2, long AllocatedBytes)
{
    public double CasesPerCpuSecond => CpuSeconds > 0 ? Cases / CpuSeconds : 0;

    public double CasesPerWallSecond => WallSeconds > 0 ? Cases / WallSeconds : 0;

    /// <summary>Starts measuring now; dispose-free: call <see cref="Meter.Stop"/>.</summary>
    public static Meter Start() => new();

    public sealed class Meter
    {
        private readonly Stopwatch _wall;
        private readonly TimeSpan _cpu;
        private readonly int _gen0, _gen1, _gen2;
        private readonly long _allocated;

        internal Meter()
        {
            _gen0 = GC.CollectionCount(0);
            _gen1 = GC.CollectionCount(1);
            _gen2 = GC.CollectionCount(2);
            _allocated = GC.GetTotalAllocatedBytes(precise: false);
            _cpu = ProcessCpu();
            _wall = Stopwatch.StartNew();
        }

        public WorkFigures Stop(long cases)
        {
            var wall = _wall.Elapsed.TotalSeconds;
            var cpu = (ProcessCpu() - _cpu).TotalSeconds;
            return new WorkFigures(cases, cpu, wall, GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2,
                GC.GetTotalAllocatedBytes(precise: false) - _allocated);
        }
    }

    /// <summary>User and system CPU time of the whole process, every thread (JIT, GC, the database driver included).</summary>
    public static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

/// <summary>What one pass wrote to the run store, counted back from it after the pass.</summary>
/// <param name="Outcomes">case_outcomes rows carrying the pass's run id.</param>
/// <param name="Costs">case_costs rows of those cases (one per case and engine variant).</param>
/// <param name="Divergences">divergences rows the pass wrote or reopened.</param>
public sealed record StoredRows(long Outcomes, long Costs, long Divergences);

/// <summary>One full run of the pipeline over the cases built once.</summary>
/// <param name="ServerCpuSeconds">CPU time of the PostgreSQL backends serving this process during the pass, when the server runs on this machine; else null.</param>
/// <param name="CasesBuilt">Cases the pass built from the history itself (end to end); 0 when it replayed the cases built once.</param>
public sealed record PipelinePass(int Pass, long? RunId, WorkFigures Figures, StoredRows? Rows, double? ServerCpuSeconds, RunSummary Summary, long CasesBuilt = 0);

/// <summary>The result of `replay bench pipeline`.</summary>
public sealed record PipelineBenchReport(string Source, uint? From, uint? To, int Parallel, IReadOnlyList<string> Engines, bool Database,
    WorkFigures Build, CaseRunSummary Built, IReadOnlyList<PipelinePass> Passes, bool EndToEnd = false)
{
    /// <summary>Passes after the first (JIT, caches and pools warm); all passes when there is one.</summary>
    public IReadOnlyList<PipelinePass> Steady => Passes.Count > 1 ? [.. Passes.Skip(1)] : Passes;

    /// <summary>The first pass whose figures (every summary field but timings and signature triage) differ from the first pass's, or null.</summary>
    public int? FirstDisagreeingPass
    {
        get
        {
            if (Passes.Count == 0)
                return null;
            var reference = Comparable(Passes[0].Summary);
            return Passes.Skip(1).FirstOrDefault(p => Comparable(p.Summary) != reference)?.Pass;
        }
    }

    /// <summary>
    /// The summary JSON without what may change from pass to pass: timings, and the signature
    /// counts (a database's triage sees this pass's signatures as known once an earlier pass reported them).
    /// </summary>
    internal static string Comparable(RunSummary s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            ComparisonJson.WriteSummary(w, s);
        var node = System.Text.Json.Nodes.JsonNode.Parse(buffer.ToArray())!.AsObject();
        node.Remove("seconds");
        node.Remove("casesPerSecond");
        node.Remove("signatures");
        return node.ToJsonString();
    }
}

/// <summary>How `replay bench pipeline` runs.</summary>
public sealed record PipelineBenchOptions
{
    public required string Source { get; init; }
    public uint? From { get; init; }
    public uint? To { get; init; }
    public required IReadOnlyList<string> Engines { get; init; }
    public required IReadOnlyList<string> Modes { get; init; }
    public int Parallel { get; init; } = 1;
    public int Passes { get; init; } = 3;
    public int DeterminismEvery { get; init; } = 50;
    public bool ModuleCache { get; init; } = true;

    /// <summary>The run store, or null to run without one.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// Each pass also reads the history and rebuilds the cases, streaming them into the workers
    /// as `replay run` does, instead of replaying the cases built once before the passes.
    /// </summary>
    public bool EndToEnd { get; init; }
}

/// <summary>
/// `replay bench pipeline`: the steady-state cost of the replay pipeline. The cases are built
/// once (timed on their own), then the whole pipeline as `replay run` runs it (every engine
/// variant, the diff, the A/A check, and with a database the run store's COPY batches, triage
/// and cost statistics) runs over them K times. Each pass is a run of its own: a new engine set
/// with an empty module cache, and with a database a new run id whose rows replace the earlier
/// pass's (the store is idempotent per case), counted back after the pass.
/// </summary>
public static class PipelineBench
{
    /// <param name="freshRunner">With <see cref="PipelineBenchOptions.EndToEnd"/>: a new case runner over the same source and range for each pass (its owner disposes it).</param>
    public static async Task<PipelineBenchReport> RunAsync(CaseRunner runner, PipelineBenchOptions options, Action<string> progress,
        CancellationToken cancellation, Func<CancellationToken, Task<CaseRunner>>? freshRunner = null)
    {
        if (options?.EndToEnd == true && freshRunner is null)
            throw new ArgumentException("an end-to-end bench needs a fresh case runner per pass", nameof(freshRunner));
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        if (options.Passes < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Passes, "at least one pass");

        var meter = WorkFigures.Start();
        var cases = new List<CaseBuildResult>();
        await foreach (var r in runner.RunAsync(cancellation).ConfigureAwait(false))
            cases.Add(r);
        var build = meter.Stop(runner.Summary.Cases);
        progress(FormattableString.Invariant($"built {build.Cases} cases of {runner.Summary.Ledgers} ledgers in {build.CpuSeconds:0.00} CPU-s"));

        var database = options.ConnectionString is { } cs ? new Database(cs) : null;
        var server = database is null ? null : await ServerCpu.OpenAsync(database, cancellation).ConfigureAwait(false);
        var passes = new List<PipelinePass>();
        EngineSet? engines = null;
        for (var pass = 1; pass <= options.Passes; pass++)
        {
            // A fresh engine set per pass (an empty module cache, as a new run starts with), and the
            // previous pass's garbage collected before the clock starts.
            engines = EngineSet.Create(options.Engines, options.Modes, options.ModuleCache);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var serverBefore = server is null ? null : await server.SampleAsync(cancellation).ConfigureAwait(false);
            meter = WorkFigures.Start();
            await using var recorder = await RunRecorder.StartAsync(options.ConnectionString,
                new RunStart("run", options.Source, new LedgerRange(options.From ?? 0, options.To), engines.Keys, Cli.VersionCommand.ToolVersion),
                AllowList.Empty, cancellation).ConfigureAwait(false);
            var pipeline = new PipelineOptions { Engines = engines, Parallel = options.Parallel, DeterminismEvery = options.DeterminismEvery };
            var passRunner = options.EndToEnd ? await freshRunner!(cancellation).ConfigureAwait(false) : null;
            var summary = await ReplayRun.ExecuteAsync(passRunner?.RunAsync(cancellation) ?? Replay(cases, cancellation), passRunner?.Summary ?? runner.Summary,
                options.Source, options.From, options.To,
                pipeline, AllowList.Empty, output: null, progress: null, recorder?.Writer, cancellation).ConfigureAwait(false);
            if (recorder is not null)
                await recorder.FinishAsync(summary, s => s.UnallowedFindings > 0 ? Cli.ExitCodes.Findings : Cli.ExitCodes.Ok, cancellation).ConfigureAwait(false);
            var figures = meter.Stop(summary.Cases);
            double? serverCpu = server is not null && serverBefore is not null && await server.SampleAsync(cancellation).ConfigureAwait(false) is { } serverAfter
                ? ServerCpu.Difference(serverBefore, serverAfter)
                : null;
            var rows = recorder is null ? null : await CountRowsAsync(database!, recorder.RunId, cancellation).ConfigureAwait(false);
            passes.Add(new PipelinePass(pass, recorder?.RunId, figures, rows, serverCpu, summary, passRunner?.Summary.Cases ?? 0));
            progress(FormattableString.Invariant(
                $"pass {pass}: {figures.Cases} cases, {figures.CpuSeconds:0.000} CPU-s, {figures.WallSeconds:0.000} s, {figures.CasesPerCpuSecond:0} cases/CPU-s"));
        }
        return new PipelineBenchReport(options.Source, passes[0].Summary.From, passes[0].Summary.To, options.Parallel, engines!.Keys, database is not null,
            build, runner.Summary, passes, options.EndToEnd);
    }

    private static async IAsyncEnumerable<CaseBuildResult> Replay(List<CaseBuildResult> cases, [EnumeratorCancellation] CancellationToken cancellation)
    {
        foreach (var c in cases)
        {
            cancellation.ThrowIfCancellationRequested();
            yield return c;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static async Task<StoredRows> CountRowsAsync(Database database, long runId, CancellationToken cancellation)
    {
        await using var connection = await database.OpenAsync(cancellation).ConfigureAwait(false);
        return await connection.QuerySingleAsync<StoredRows>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM case_outcomes WHERE run_id = @runId) AS outcomes,
                   (SELECT count(*) FROM case_costs c JOIN case_outcomes o
                      ON (c.source, c.ledger, c.tx_hash, c.op_index, c.engines) = (o.source, o.ledger, o.tx_hash, o.op_index, o.engines)
                    WHERE o.run_id = @runId) AS costs,
                   (SELECT count(*) FROM divergences WHERE run_id = @runId) AS divergences
            """, new { runId }, cancellationToken: cancellation)).ConfigureAwait(false);
    }
}
