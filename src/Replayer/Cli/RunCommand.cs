using System.CommandLine;
using System.Globalization;
using System.Text;
using Replay.Diff;
using Replay.History.Sources;
using Replay.History;
using Replay.Replayer.Distributed;
using Replay.Replayer.Pipeline;
using Replay.Replayer.Store;
using Spectre.Console;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay run --source S [--from N] [--to N] [--engines stack,register] [--modes lazy] [--out DIR]
/// [--parallel N] [--allow FILE] [--json]`: rebuilds every case of the range, runs it on each
/// engine, compares the engines with each other and with the recording, and reports. Exit 0 when
/// nothing diverged (or only allow-listed signatures), 1 on a divergence or a difference from the
/// recording, 2 when the run could not run (bad input, unreadable history, nondeterminism).
/// </summary>
public sealed class RunCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var sources = new SourceOptions("--fetch-parallel");
        var pipeline = new PipelineRunOptions(Environment.ProcessorCount, "Workers running and comparing cases (default: the processor count)");
        var outDir = new Option<string?>("--out") { Description = "Directory for summary.json, outcomes.jsonl and divergences/ (one file per finding)" };
        var report = ReportOption();
        var allow = new Option<string?>("--allow") { Description = "Allow-list of known signatures (JSON, a reason for each); they do not fail the run" };
        var distributed = new DistributedRunOptions();
        var command = new Command("run", "Replay a ledger range on the engines, compare them with each other and with the recording");
        sources.AddTo(command);
        pipeline.AddRangeAndEngines(command);
        command.Add(outDir);
        command.Add(report);
        command.Add(pipeline.Parallel);
        command.Add(allow);
        command.Add(pipeline.Every);
        command.Add(pipeline.NoCache);
        distributed.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var set = pipeline.CreateEngines(parse);
            var n = parse.GetValue(pipeline.Parallel);
            var every = parse.GetValue(pipeline.Every);
            var allowList = LoadAllowList(parse.GetValue(allow));
            var json = parse.GetValue(globals.Json);
            var sourceText = string.Join(" ", parse.GetValue(sources.Source) ?? []);
            var first = parse.GetValue(pipeline.From);
            var last = parse.GetValue(pipeline.To);
            if (parse.GetValue(distributed.Distributed))
            {
                if (parse.GetValue(outDir) is not null)
                    throw new UserError("--out cannot be used with --distributed: the workers write the results to the database (see `replay report`)");
                return await distributed.RunAsync(parse, globals, sources, sourceText, first, last, set, pipeline.EngineList(parse),
                    pipeline.ModeList(parse), !parse.GetValue(pipeline.NoCache), every, parse.GetValue(allow), allowList, output, error, ct).ConfigureAwait(false);
            }
            await using var run = await CaseRun.StartAsync(parse, globals, sources, first, last, error, ct, persistState: false).ConfigureAwait(false);
            var reportDir = parse.GetValue(report);
            using var outputDir = OpenOutput(parse.GetValue(outDir) ?? reportDir);
            var options = new PipelineOptions { Engines = set, Parallel = n, DeterminismEvery = every };
            var connection = globals.ConnectionString(parse);
            await using var recorder = await RunRecorder.StartAsync(connection, new RunStart("run", sourceText, new LedgerRange(first ?? 0, last),
                set.Keys, VersionCommand.ToolVersion), allowList, ct).ConfigureAwait(false);
            var summary = await ExecuteAsync(run, sourceText, first, last, options, allowList, outputDir, recorder?.Writer, recorder, error, ct).ConfigureAwait(false);
            var exit = summary.UnallowedFindings > 0 ? ExitCodes.Findings : ExitCodes.Ok;
            if (recorder is not null)
            {
                await recorder.FinishAsync(summary, _ => exit, ct).ConfigureAwait(false);
                await AfterTriageAsync(outputDir, recorder, summary, ct).ConfigureAwait(false);
            }
            if (reportDir is not null)
                await WriteReportAsync(reportDir, outputDir!, summary, recorder is null ? null : (connection!, recorder.RunId), error, ct).ConfigureAwait(false);
            if (json)
                JsonOutput.Write(output, w => ComparisonJson.WriteSummary(w, summary));
            else
                await output.WriteLineAsync(Describe(summary, set)).ConfigureAwait(false);
            return exit;
        });
        return command;
    }

    /// <summary>Runs the pipeline (with progress), turning what it throws into user errors and marking a recorded run failed.</summary>
    internal static async Task<RunSummary> ExecuteAsync(CaseRun run, string source, uint? from, uint? to, PipelineOptions options,
        AllowList allow, RunOutput? output, IRunObserver? observer, RunRecorder? recorder, TextWriter error, CancellationToken ct)
    {
        try
        {
            return await RunWithProgressAsync(run, source, from, to, options, allow, output, observer, error, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (recorder is not null)
        {
            await recorder.FailAsync().ConfigureAwait(false);
            throw Translate(e);
        }
        catch (Exception e)
        {
            throw Translate(e);
        }
    }

    private static Exception Translate(Exception e) => e switch
    {
        LedgerSourceException or NondeterminismException or CaseFailedException => new UserError(e.Message, e),
        _ => e,
    };

    /// <summary>
    /// The database's triage decided the signature counts and statuses: summary.json and the
    /// divergence files of --out say the same.
    /// </summary>
    internal static async Task AfterTriageAsync(RunOutput? output, RunRecorder recorder, RunSummary summary, CancellationToken ct)
    {
        if (output is null)
            return;
        var hashes = output.SignatureHashes();
        var statuses = await recorder.Store.ReadSignatureStatusesAsync(hashes, ct).ConfigureAwait(false);
        output.ApplyTriage(statuses);
        output.WriteSummary(summary);
    }

    /// <summary>--report DIR, shared by run and nightly.</summary>
    internal static Option<string?> ReportOption() => new("--report")
    {
        Description = "At the end, write report.html, junit.xml, summary.md and summary.json to DIR (without --out, the run's outcomes.jsonl and divergences/ go there too)",
    };

    /// <summary>
    /// The reports of a finished run: from the database when it was recorded (with the trend over
    /// runs), else from its --out directory; summary.json beside them.
    /// </summary>
    internal static async Task WriteReportAsync(string reportDir, RunOutput output, RunSummary summary, (string Connection, long RunId)? recorded,
        TextWriter error, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(reportDir);
            var model = recorded is { } r
                ? await Reports.DatabaseReader.ReadAsync(r.Connection, r.RunId, null, ct).ConfigureAwait(false)
                : Reports.OutDirectoryReader.Read(output.Directory, reportDir);
            Reports.ReportWriters.WriteAll(model, reportDir);
            if (Path.GetFullPath(reportDir) != Path.GetFullPath(output.Directory))
            {
                using var buffer = new MemoryStream();
                using (var w = new System.Text.Json.Utf8JsonWriter(buffer, ComparisonJson.Indented))
                    ComparisonJson.WriteSummary(w, summary);
                buffer.WriteByte((byte)'\n');
                await File.WriteAllBytesAsync(Path.Combine(reportDir, RunOutput.SummaryFile), buffer.ToArray(), ct).ConfigureAwait(false);
            }
            await error.WriteLineAsync($"report: {Path.Combine(reportDir, "report.html")}, junit.xml, summary.md, summary.json").ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{reportDir}: cannot write the report: {e.Message}", e);
        }
    }

    internal static string[] SplitList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static AllowList LoadAllowList(string? path)
    {
        if (path is null)
            return AllowList.Empty;
        if (!File.Exists(path))
            throw new UserError($"{path}: no such file (--allow)");
        try
        {
            return AllowList.Load(path);
        }
        catch (FormatException e)
        {
            throw new UserError(e.Message, e);
        }
    }

    internal static RunOutput? OpenOutput(string? dir)
    {
        if (dir is null)
            return null;
        try
        {
            return RunOutput.Create(dir, VersionCommand.ToolVersion);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{dir}: cannot write the run's output: {e.Message}", e);
        }
    }

    /// <summary>Runs with progress bars when standard error is a terminal, else with a plain log line every 10 seconds.</summary>
    private static async Task<RunSummary> RunWithProgressAsync(CaseRun run, string source, uint? from, uint? to, PipelineOptions options,
        AllowList allow, RunOutput? output, IRunObserver? observer, TextWriter error, CancellationToken ct)
    {
        var progress = new RunProgress();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var task = ReplayRun.ExecuteAsync(run.Runner, source, from, to, options, allow, output, progress, observer, ct);
        var interactive = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        if (interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var ledgers = ctx.AddTask("ledgers", maxValue: from is { } f && to is { } t ? t - f + 1 : 1);
                    ledgers.IsIndeterminate = from is null || to is null;
                    var cases = ctx.AddTask("cases");
                    cases.IsIndeterminate = true;
                    while (!task.IsCompleted)
                    {
                        await Task.WhenAny(task, Task.Delay(250, ct)).ConfigureAwait(false);
                        var l = progress.Ledger;
                        if (from is { } lo && l >= lo)
                            ledgers.Value = l - lo + 1;
                        ledgers.Description = string.Create(CultureInfo.InvariantCulture, $"ledgers (at {l}, {run.Runner.Summary.Ledgers} read)");
                        cases.Description = string.Create(CultureInfo.InvariantCulture,
                            $"cases {progress.Cases} ({progress.Cases / Math.Max(started.Elapsed.TotalSeconds, 1e-9):0}/s)");
                    }
                    ledgers.Value = ledgers.MaxValue;
                    cases.StopTask();
                }).ConfigureAwait(false);
        }
        else
        {
            while (!task.IsCompleted)
            {
                await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(10), ct)).ConfigureAwait(false);
                if (!task.IsCompleted)
                {
                    await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"run: at ledger {progress.Ledger}, {run.Runner.Summary.Ledgers} ledgers, {progress.Cases} cases, {progress.Cases / Math.Max(started.Elapsed.TotalSeconds, 1e-9):0} cases/s")).ConfigureAwait(false);
                }
            }
        }
        return await task.ConfigureAwait(false);
    }

    /// <summary>The summary for people: a few lines, then each signature seen.</summary>
    internal static string Describe(RunSummary s, EngineSet engines)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        var reasons = s.NotReplayable.Count == 0 ? "none" : string.Join(", ", s.NotReplayable.Select(kv => string.Create(inv, $"{kv.Value} {kv.Key}")));
        sb.AppendLine(string.Create(inv, $"{s.Source}, ledgers {s.From?.ToString(inv) ?? "-"}..{s.To?.ToString(inv) ?? "-"}: {s.Ledgers} ledgers, {s.Invocations} invocations, {s.Cases} cases, {s.NotApplied} not applied"));
        sb.AppendLine($"not replayable: {reasons}");
        if (engines.Runners.Count > 1)
        {
            var classes = string.Join(", ", s.ByClass.Where(kv => kv.Value > 0).Select(kv => string.Create(inv, $"{kv.Key} {kv.Value}")));
            sb.AppendLine(string.Create(inv,
                $"{string.Join(" vs ", engines.Runners.Select(r => r.Variant))}: {s.Identical} identical, {s.CostOnly} cost-only, {s.Divergent} divergent{(classes.Length > 0 ? $" ({classes})" : "")}"));
        }
        var others = engines.Runners.Count > 1 ? string.Create(inv, $"; others {s.RegisterMatch} match, {s.RegisterDiffer} differ") : "";
        sb.AppendLine(string.Create(inv,
            $"vs recorded: {engines.Runners[0].Variant} {s.StackMatch} match, {s.StackDiffer} differ, cpu exact {s.CpuExact}/{s.CpuChecked}{others}"));
        sb.AppendLine(s.Triaged
            ? string.Create(inv, $"signatures: {s.NewSignatures} new, {s.KnownSignatures} known, {s.RegressedSignatures} regressed, {s.FixedSignatures} fixed")
            : string.Create(inv, $"signatures: {s.NewSignatures} new, {s.KnownSignatures} known"));
        foreach (var (sig, known, count) in s.Signatures.Values)
            sb.AppendLine(string.Create(inv, $"  {sig.ShortHash} {(known ? "known" : "NEW  ")} x{count} {sig.Class} {sig.Path} {sig.Function} [{sig.Error}]"));
        sb.Append(string.Create(inv, $"{s.Seconds:0.00} s, {s.CasesPerSecond:0} cases/s"));
        return sb.ToString();
    }
}
