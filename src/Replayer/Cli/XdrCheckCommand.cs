using System.CommandLine;
using Replay.Stellar.Check;
using Replay.Stellar.Domain;
using Replay.Stellar.Streams;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay xdr check PATH...`: every ledger must re-encode byte-identically and every transaction
/// must pair with its result by recomputed hash. Prints one JSON object; exit 0 only if all pass,
/// 1 if any file or ledger failed (an unreadable, truncated, damaged or unsupported file is a
/// failure like any other), 2 only when the command itself could not run (bad options).
/// </summary>
internal static class XdrCheckCommand
{
    public static Command Build(TextWriter output)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Ledger files (record-marked or SEP-54 batch; plain, zstd or gzip) or directories of them",
            Arity = ArgumentArity.OneOrMore,
        };
        var network = new Option<string?>("--network")
        {
            Description = "Network passphrase for transaction hashes (default: detect per file among the known networks)",
        };
        var maxLedgerBytes = new Option<int>("--max-ledger-bytes")
        {
            Description = "Largest LedgerCloseMeta accepted, in bytes; decoding one may take "
                + $"{LedgerReadLimits.DecodedBytesPerLedgerByte} times as much memory (default {LedgerReadLimits.DefaultMaxLedgerBytes}, "
                + "which keeps the check under 300 MB whatever the input)",
            DefaultValueFactory = _ => LedgerReadLimits.DefaultMaxLedgerBytes,
        };
        var check = new Command("check", """
            Round-trip every ledger and pair every transaction with its result.
            Directories are walked (links followed, each real file once); every file found is checked, except text
            files such as JSON indexes, which are listed under "skipped". A file that cannot be read, is empty,
            truncated or damaged, or holds an unsupported LedgerCloseMeta version is a failure.
            Exit codes: 0 every file and ledger passed; 1 something failed (listed under "failures"), including
            unreadable or truncated files; 2 the check could not run (bad options).
            """);
        check.Add(paths);
        check.Add(network);
        check.Add(maxLedgerBytes);
        check.SetAction(parse =>
        {
            var passphrase = parse.GetValue(network);
            LedgerReadLimits limits;
            try
            {
                limits = LedgerReadLimits.ForLedgerBytes(parse.GetValue(maxLedgerBytes));
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new UserError($"--max-ledger-bytes must be at least 1024, not {parse.GetValue(maxLedgerBytes)}");
            }
            var checker = new LedgerChecker(passphrase is null ? null : Network.FromPassphrase(passphrase), limits);
            var report = checker.Run(parse.GetValue(paths) ?? []);
            JsonOutput.Write(output, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("files", report.Files);
                w.WriteNumber("ledgers", report.Ledgers);
                w.WriteNumber("transactions", report.Transactions);
                w.WriteNumber("roundTripIdentical", report.RoundTripIdentical);
                w.WriteNumber("hashMatched", report.HashMatched);
                w.WriteStartArray("failures");
                foreach (var f in report.Failures)
                {
                    w.WriteStartObject();
                    w.WriteString("file", f.File);
                    if (f.Ledger is { } ledger)
                        w.WriteNumber("ledger", ledger);
                    else
                        w.WriteNull("ledger");
                    w.WriteString("error", f.Error);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("skipped");
                foreach (var skip in report.Skipped)
                {
                    w.WriteStartObject();
                    w.WriteString("file", skip.File);
                    w.WriteString("reason", skip.Reason);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartObject("networks");
                foreach (var (file, name) in report.Networks)
                    w.WriteString(file, name);
                w.WriteEndObject();
                w.WriteEndObject();
            });
            return report.Passed ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return check;
    }
}
