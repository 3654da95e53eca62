using System.CommandLine;
using System.Globalization;
using Replay.Diff;
using Replay.History;
using Replay.Replayer.Pipeline;
using Replay.Replayer.Store;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay nightly --source S --db CONN [--max-ledgers N] [--time-budget D] [--job NAME] ...`:
/// replays the ledgers after the job's cursor, writing results and advancing the cursor together
/// at ledger boundaries, and stops at a boundary when the ledger or time budget is spent. Exit 0
/// when no new or regressed signature is left unreported, 1 when there are some, 2 on errors.
/// Safe to kill at any point: the next run resumes at the cursor and rewrites whole ledgers.
/// </summary>
public sealed class NightlyCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var sources = new SourceOptions("--fetch-parallel");
        var from = new Option<uint?>("--from") { Description = "Where the job starts when it has no cursor yet (default: the start of the source)" };
        var maxLedgers = new Option<uint?>("--max-ledgers") { Description = "Stop after this many ledgers (at a ledger boundary); the next run goes on from there" };
        var budget = new Option<string?>("--time-budget") { Description = "Stop at the first ledger boundary after this long: 90s, 45m, 2h or hh:mm:ss" };
        var job = new Option<string?>("--job") { Description = "The job's name, which keys its cursor (default: derived from the source and the engines)" };
        var engines = new Option<string>("--engines") { Description = "Engines to run, comma-separated", DefaultValueFactory = _ => "stack,register" };
        var modes = new Option<string>("--modes") { Description = "Compilation modes of the register engine, comma-separated", DefaultValueFactory = _ => "lazy" };
        var outDir = new Option<string?>("--out") { Description = "Also write summary.json, outcomes.jsonl and divergences/ of this night" };
        var report = RunCommand.ReportOption();
        var parallel = new Option<int>("--parallel") { Description = "Workers running and comparing cases", DefaultValueFactory = _ => Environment.ProcessorCount };
        var allow = new Option<string?>("--allow") { Description = "Allow-list of known signatures (JSON, a reason for each)" };
        var command = new Command("nightly", "Replay the ledgers since the last night, keep the results in the database, report new and regressed signatures");
        sources.AddTo(command);
        foreach (var o in new Option[] { from, maxLedgers, budget, job, engines, modes, outDir, report, parallel, allow })
            command.Add(o);
        command.SetAction(async (parse, ct) =>
        {
            var connection = globals.RequireConnectionString(parse);
            var n = parse.GetValue(parallel);
            if (n < 1)
                throw new UserError("--parallel must be at least 1");
            if (parse.GetValue(maxLedgers) is 0)
                throw new UserError("--max-ledgers must be at least 1");
            var timeBudget = ParseDuration(parse.GetValue(budget));
            var sourceArgs = parse.GetValue(sources.Source) ?? [];
            foreach (var s in sourceArgs)
            {
                if (s.StartsWith("meta:", StringComparison.Ordinal) && Directory.Exists(s["meta:".Length..]))
                    throw new UserError($"{s}: a nightly job follows one network; a meta: directory holds one independent network per file (name one file)");
            }
            EngineSet set;
            try
            {
                set = EngineSet.Create(RunCommand.SplitList(parse.GetValue(engines)), RunCommand.SplitList(parse.GetValue(modes)), cache: true);
            }
            catch (ArgumentException e)
            {
                throw new UserError(e.Message, e);
            }
            var allowList = RunCommand.LoadAllowList(parse.GetValue(allow));
            var sourceText = string.Join(" ", sourceArgs);
            var jobName = parse.GetValue(job) ?? $"nightly {sourceText} [{string.Join(",", set.Keys)}]";
            var clock = System.Diagnostics.Stopwatch.StartNew();
            uint? start = null;
            var max = parse.GetValue(maxLedgers);
            RunDatabaseWriter? writer = null;
            bool Stop(uint next)
            {
                if (timeBudget is { } b && clock.Elapsed >= b)
                    return true;
                var first = start ?? writer?.FirstLedger;
                return max is { } m && first is { } f && next > f && next - f >= m;
            }
            var reportDir = parse.GetValue(report);
            using var outputDir = RunCommand.OpenOutput(parse.GetValue(outDir) ?? reportDir);
            await using var recorder = await RunRecorder.StartAsync(connection, new RunStart("nightly", sourceText, new LedgerRange(0, null), set.Keys,
                VersionCommand.ToolVersion, jobName), allowList, ct, Stop).ConfigureAwait(false);
            writer = recorder!.Writer;
            start = await recorder.Store.ReadCursorAsync(jobName, ct).ConfigureAwait(false) ?? parse.GetValue(from);
            await error.WriteLineAsync(start is { } s0
                ? string.Create(CultureInfo.InvariantCulture, $"nightly: job '{jobName}' run {recorder.RunId} from ledger {s0}")
                : string.Create(CultureInfo.InvariantCulture, $"nightly: job '{jobName}' run {recorder.RunId} from the start of the source")).ConfigureAwait(false);

            RunSummary summary;
            try
            {
                await using var run = await CaseRun.StartAsync(parse, globals, sources, start, null, error, ct, persistState: false).ConfigureAwait(false);
                var options = new PipelineOptions { Engines = set, Parallel = n };
                summary = await RunCommand.ExecuteAsync(run, sourceText, start, null, options, allowList, outputDir, writer, recorder, error, ct).ConfigureAwait(false);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                await recorder.FailAsync().ConfigureAwait(false);
                throw;
            }
            await recorder.FinishAsync(summary, s => s.NewSignatures + s.RegressedSignatures > 0 ? ExitCodes.Findings : ExitCodes.Ok, ct).ConfigureAwait(false);
            await RunCommand.AfterTriageAsync(outputDir, recorder, summary, ct).ConfigureAwait(false);
            if (reportDir is not null)
                await RunCommand.WriteReportAsync(reportDir, outputDir!, summary, (connection, recorder.RunId), error, ct).ConfigureAwait(false);
            if (parse.GetValue(globals.Json))
                JsonOutput.Write(output, w => ComparisonJson.WriteSummary(w, summary));
            else
                await output.WriteLineAsync(RunCommand.Describe(summary, set)).ConfigureAwait(false);
            return summary.NewSignatures + summary.RegressedSignatures > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>"90s", "45m", "2h", "1d" or a TimeSpan ("01:30:00"); null for none.</summary>
    internal static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        var unit = text[^1];
        if (char.IsLetter(unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            TimeSpan? d = unit switch
            {
                's' => TimeSpan.FromSeconds(value),
                'm' => TimeSpan.FromMinutes(value),
                'h' => TimeSpan.FromHours(value),
                'd' => TimeSpan.FromDays(value),
                _ => null,
            };
            if (d is { } ok)
                return ok;
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            return span;
        }
        throw new UserError($"--time-budget '{text}': not a duration (90s, 45m, 2h, 1d or hh:mm:ss)");
    }
}
