using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Replay.Diff;
using Replay.History;
using Replay.Replayer.Cli;
using Replay.Replayer.Pipeline;
using Replay.Replayer.Store;

namespace Replay.Replayer.Distributed;

/// <summary>
/// The options `replay run` takes for a distributed run, and the run itself: the coordinator, then
/// the summary and exit code of a single-process run of the same range. Batches given up (every
/// attempt failed or crashed its worker) are listed in the summary ("failedBatches", present only
/// then) and make the exit code 2: the run could not judge every case.
/// </summary>
internal sealed class DistributedRunOptions
{
    public Option<bool> Distributed { get; } = new("--distributed")
    {
        Description = "Build the cases here and hand them in batches to `replay worker` processes through the job queue in the database (--db); wait for them",
    };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Cases per batch job (--distributed; cut at ledger boundaries)", DefaultValueFactory = _ => 500 };

    public Option<int> MaxAttempts { get; } = new("--max-attempts")
    {
        Description = "Attempts a batch gets before it is given up as failed (--distributed; a worker that dies counts as one)",
        DefaultValueFactory = _ => 3,
    };

    public Option<string?> WaitTimeout { get; } = new("--wait-timeout") { Description = "Give up waiting for the workers after this long (--distributed): 90s, 45m, 2h; default: wait" };

    public Option<string?> OutageTolerance { get; } = new("--db-outage-tolerance")
    {
        Description = "How long the database may be unreachable (a restart) before the run fails: 90s, 5m (default 2m)",
    };

    public void AddTo(Command command)
    {
        command.Add(Distributed);
        command.Add(BatchSize);
        command.Add(MaxAttempts);
        command.Add(WaitTimeout);
        command.Add(OutageTolerance);
    }

    public static TimeSpan ParseTolerance(string? text) => NightlyCommand.ParseDuration(text) ?? TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, SourceOptions sources, string sourceText, uint? first, uint? last,
        EngineSet set, string[] engineNames, string[] modes, bool moduleCache, int every, string? allowPath, AllowList allow,
        TextWriter output, TextWriter error, CancellationToken ct)
    {
        var connection = globals.ConnectionString(parse) ?? throw new UserError($"--distributed needs a database: pass --db or set {GlobalOptions.DbEnvironmentVariable}");
        var batchSize = parse.GetValue(BatchSize);
        if (batchSize < 1)
            throw new UserError("--batch-size must be at least 1");
        var maxAttempts = parse.GetValue(MaxAttempts);
        if (maxAttempts < 1)
            throw new UserError("--max-attempts must be at least 1");
        var wait = NightlyCommand.ParseDuration(parse.GetValue(WaitTimeout));
        var outage = new OutagePolicy(ParseTolerance(parse.GetValue(OutageTolerance)), error);
        var allowJson = allowPath is null ? """{"version": 1, "entries": []}""" : await File.ReadAllTextAsync(allowPath, ct).ConfigureAwait(false);

        await using var run = await CaseRun.StartAsync(parse, globals, sources, first, last, error, ct, persistState: false).ConfigureAwait(false);
        await using var recorder = (await RunRecorder.StartAsync(connection, new RunStart("distributed", sourceText, new LedgerRange(first ?? 0, last),
            set.Keys, VersionCommand.ToolVersion), allow, ct).ConfigureAwait(false))!;
        var coordinator = new Coordinator(connection, JobStorageSettings.From(null, null), outage, error);
        DistributedResult result;
        try
        {
            result = await coordinator.RunAsync(recorder, run.Runner, sourceText, first, last, set, engineNames, modes, moduleCache, allow, allowJson,
                new CoordinatorOptions { BatchSize = batchSize, MaxAttempts = maxAttempts, WaitTimeout = wait, DeterminismEvery = every }, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Replay.History.Sources.LedgerSourceException or InvalidDataException)
        {
            await recorder.FailAsync().ConfigureAwait(false);
            throw new UserError(e.Message, e);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            await recorder.FailAsync().ConfigureAwait(false);
            throw;
        }
        var summary = result.Summary;
        int Exit(RunSummary s) => result.Failed.Count > 0 ? ExitCodes.Error : s.UnallowedFindings > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        string? json = null;
        await outage.ExecuteAsync(async c =>
        {
            await recorder.Store.FinishRunAsync(recorder.RunId, result.Failed.Count == 0, summary.Seconds, counts =>
            {
                summary.SetTriage(counts.New, counts.Known, counts.Regressed, counts.Fixed);
                json = SummaryJson(summary, result.Failed, indented: false);
                return (json, Exit(summary));
            }, c).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        if (parse.GetValue(globals.Json))
            await output.WriteLineAsync(SummaryJson(summary, result.Failed, indented: true)).ConfigureAwait(false);
        else
            await output.WriteLineAsync(Describe(summary, set, result)).ConfigureAwait(false);
        return Exit(summary);
    }

    /// <summary>The summary JSON of a single-process run, with "failedBatches" added when batches were given up.</summary>
    internal static string SummaryJson(RunSummary summary, IReadOnlyList<FailedBatch> failed, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, indented ? ComparisonJson.Indented : ComparisonJson.Compact))
            ComparisonJson.WriteSummary(w, summary);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        if (failed.Count == 0)
            return text;
        var node = JsonNode.Parse(text)!.AsObject();
        var list = new JsonArray();
        foreach (var f in failed)
        {
            list.Add(new JsonObject
            {
                ["batch"] = f.Batch,
                ["fromLedger"] = f.FirstLedger,
                ["toLedger"] = f.LastLedger,
                ["cases"] = f.Cases,
                ["attempts"] = f.Attempts,
                ["error"] = f.Error,
            });
        }
        node["failedBatches"] = list;
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Describe(RunSummary summary, EngineSet set, DistributedResult result)
    {
        var sb = new StringBuilder(RunCommand.Describe(summary, set));
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"\ndistributed run {result.RunId}: {result.Batches} batches, {result.PayloadBytes} bytes of compressed cases"));
        foreach (var f in result.Failed)
            sb.Append(string.Create(CultureInfo.InvariantCulture, $"\nFAILED batch {f.Batch} (ledgers {f.FirstLedger}..{f.LastLedger}, {f.Cases} cases, {f.Attempts} attempts): {f.Error}"));
        return sb.ToString();
    }
}
