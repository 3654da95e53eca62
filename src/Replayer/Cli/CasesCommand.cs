using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Replay.History;
using Replay.History.Building;
using Replay.History.Cases;
using Replay.History.Http;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Replayer.Store;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay cases --source S [--source archive:A] [--from N] [--to N] [--out DIR] [--check] [--json]`
/// rebuilds ledger state from history and writes one replay case per InvokeHostFunction
/// operation; `replay cases show --source S --ledger N --tx I` prints one case as JSON.
/// Exit 0 when done (and every check matched), 1 when a --check comparison failed, 2 when the
/// history could not be read.
/// </summary>
public sealed class CasesCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var options = new SourceOptions();
        var from = new Option<uint?>("--from") { Description = "First ledger to build cases for (default: the start of the source, or after the archive's checkpoint)" };
        var to = new Option<uint?>("--to") { Description = "Last ledger (default: the end of the source)" };
        var outDir = new Option<string?>("--out") { Description = "Directory for the cases (LEDGER-TX-OP.case, binary) and results.jsonl (every operation's outcome)" };
        var check = new Option<bool>("--check")
        {
            Description = "Verify rebuilt read-write pre-states against the meta's pre-images, transaction-set hashes and success hashes; exit 1 on any mismatch",
        };
        var command = new Command("cases", "Rebuild ledger state from history and build a replay case for every InvokeHostFunction operation");
        options.AddTo(command);
        command.Add(from);
        command.Add(to);
        command.Add(outDir);
        command.Add(check);
        command.SetAction(async (parse, ct) =>
        {
            var range = (parse.GetValue(from), parse.GetValue(to));
            var sw = Stopwatch.StartNew();
            await using var run = await CaseRun.StartAsync(parse, globals, options, range.Item1, range.Item2, error, ct).ConfigureAwait(false);
            var dir = parse.GetValue(outDir);
            StreamWriter? results = null;
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
                results = new StreamWriter(Path.Combine(dir, "results.jsonl"), append: false);
            }
            try
            {
                await foreach (var result in run.Runner.RunAsync(ct).ConfigureAwait(false))
                {
                    if (dir is null)
                        continue;
                    string? file = null;
                    if (result is BuiltCase built)
                    {
                        file = FileName(built.Case.Id);
                        await File.WriteAllBytesAsync(Path.Combine(dir, file), CaseBinary.Encode(built.Case), ct).ConfigureAwait(false);
                    }
                    await results!.WriteLineAsync(ResultLine(result, file)).ConfigureAwait(false);
                }
            }
            catch (LedgerSourceException e)
            {
                throw new UserError(e.Message, e);
            }
            finally
            {
                if (results is not null)
                    await results.DisposeAsync().ConfigureAwait(false);
            }
            var summary = run.Runner.Summary;
            var seconds = sw.Elapsed.TotalSeconds;
            if (parse.GetValue(globals.Json))
                JsonOutput.Write(output, w => WriteSummary(w, summary, seconds));
            else
                await output.WriteLineAsync(Describe(summary, seconds, parse.GetValue(check))).ConfigureAwait(false);
            return parse.GetValue(check) && !summary.AllChecksMatched ? ExitCodes.Findings : ExitCodes.Ok;
        });

        command.Add(BuildShow(globals, output, error));
        return command;
    }

    private static Command BuildShow(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var options = new SourceOptions();
        var ledger = new Option<uint>("--ledger") { Description = "Ledger sequence", Required = true };
        var tx = new Option<int>("--tx") { Description = "Transaction index in the ledger's apply order", Required = true };
        var op = new Option<int?>("--op") { Description = "Operation index in the transaction (default: its InvokeHostFunction operation)" };
        var show = new Command("show", "Print one operation's replay case as JSON") { ledger, tx, op };
        options.AddTo(show);
        show.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(ledger);
            var index = parse.GetValue(tx);
            var opIndex = parse.GetValue(op);
            await using var run = await CaseRun.StartAsync(parse, globals, options, n, n, error, ct).ConfigureAwait(false);
            var found = new List<CaseBuildResult>();
            try
            {
                await foreach (var result in run.Runner.RunAsync(ct).ConfigureAwait(false))
                {
                    if (result.Id.Ledger == n && result.Id.TransactionIndex == index && (opIndex is null || result.Id.OperationIndex == opIndex))
                        found.Add(result);
                }
            }
            catch (LedgerSourceException e)
            {
                throw new UserError(e.Message, e);
            }
            if (found.Count == 0)
                throw new UserError(string.Create(CultureInfo.InvariantCulture, $"ledger {n} has no InvokeHostFunction operation in transaction {index}{(opIndex is { } o ? $" at operation {o}" : "")}"));
            if (found.Count > 1)
                throw new UserError(string.Create(CultureInfo.InvariantCulture,
                    $"{found.Count} operations match (the source holds several chains with ledger {n}, or the transaction several invocations): name one file with meta:FILE, or pass --op"));
            switch (found[0])
            {
                case BuiltCase built:
                    await output.WriteLineAsync(CaseJson.ToJson(built.Case)).ConfigureAwait(false);
                    return ExitCodes.Ok;
                case NotApplied na:
                    await error.WriteLineAsync($"not applied: the transaction failed before apply ({ResultCodeName(na.TransactionResult)})").ConfigureAwait(false);
                    return ExitCodes.Findings;
                case NotReplayable nr:
                    await error.WriteLineAsync($"not replayable ({nr.Reason}): {nr.Detail}").ConfigureAwait(false);
                    foreach (var key in nr.MissingKeys)
                        await error.WriteLineAsync("  missing " + XdrJsonText.ToJson(key)).ConfigureAwait(false);
                    return ExitCodes.Findings;
                default:
                    throw new InvalidOperationException("unknown case result");
            }
        });
        return show;
    }

    /// <summary>A case's file name: zero-padded so a listing sorts in ledger order.</summary>
    public static string FileName(CaseId id) =>
        string.Create(CultureInfo.InvariantCulture, $"{id.Ledger:D10}-{id.TransactionIndex:D4}-{id.OperationIndex:D2}.case");

    private static string ResultLine(CaseBuildResult result, string? file)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("ledger", result.Id.Ledger);
            w.WriteNumber("transaction_index", result.Id.TransactionIndex);
            w.WriteNumber("operation_index", result.Id.OperationIndex);
            w.WriteString("transaction_hash", result.Id.TransactionHash.ToString());
            switch (result)
            {
                case BuiltCase:
                    w.WriteString("outcome", "case");
                    w.WriteString("file", file);
                    break;
                case NotApplied na:
                    w.WriteString("outcome", "not-applied");
                    w.WriteString("transaction_result", ResultCodeName(na.TransactionResult));
                    break;
                case NotReplayable nr:
                    w.WriteString("outcome", "not-replayable");
                    w.WriteString("reason", nr.Reason);
                    w.WriteString("detail", nr.Detail);
                    w.WriteStartArray("missing_keys");
                    foreach (var key in nr.MissingKeys)
                        key.WriteJson(w);
                    w.WriteEndArray();
                    break;
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ResultCodeName(TransactionResultCode code)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            XdrEnum.WriteJson(w, code);
        return JsonSerializer.Deserialize<string>(buffer.ToArray())!;
    }

    /// <summary>The --json summary: exactly these keys.</summary>
    internal static void WriteSummary(Utf8JsonWriter w, CaseRunSummary s, double seconds)
    {
        w.WriteStartObject();
        w.WriteNumber("ledgers", s.Ledgers);
        w.WriteNumber("transactions", s.Transactions);
        w.WriteNumber("invocations", s.Invocations);
        w.WriteNumber("cases", s.Cases);
        w.WriteNumber("notApplied", s.NotApplied);
        w.WriteStartObject("notReplayable");
        foreach (var (reason, count) in s.NotReplayable)
            w.WriteNumber(reason, count);
        w.WriteEndObject();
        WriteCheck(w, "preState", s.PreState);
        WriteCheck(w, "txSetHash", s.TxSetHash);
        WriteCheck(w, "successHash", s.SuccessHash);
        WriteCheck(w, "stateSizeWindow", s.StateSizeWindow);
        WriteCheck(w, "stateSizeReset", s.StateSizeReset);
        w.WriteNumber("seconds", Math.Round(seconds, 3));
        w.WriteEndObject();
    }

    private static void WriteCheck(Utf8JsonWriter w, string name, CheckCount c)
    {
        w.WriteStartObject(name);
        w.WriteNumber("checked", c.Checked);
        w.WriteNumber("matched", c.Matched);
        w.WriteEndObject();
    }

    private static string Describe(CaseRunSummary s, double seconds, bool check)
    {
        var reasons = s.NotReplayable.Count == 0 ? "0" : string.Join(", ", s.NotReplayable.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Value} {kv.Key}")));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{s.Ledgers} ledgers, {s.Transactions} transactions, {s.Invocations} invocations: {s.Cases} cases, {s.NotApplied} not applied, not replayable: {reasons} ({seconds:0.00} s, {s.MetaBytes / 1e6 / Math.Max(seconds, 1e-9):0.0} MB/s of meta)");
        if (check)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"\ncheck: pre-state {s.PreState.Matched}/{s.PreState.Checked}, tx-set hash {s.TxSetHash.Matched}/{s.TxSetHash.Checked}, success hash {s.SuccessHash.Matched}/{s.SuccessHash.Checked}, state size window {s.StateSizeWindow.Matched}/{s.StateSizeWindow.Checked}, state size reset {s.StateSizeReset.Matched}/{s.StateSizeReset.Checked} matched");
        }
        return text;
    }
}
