using System.CommandLine;
using Replay.Stellar.Check;
using Replay.Stellar.Domain;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay xdr check PATH...`: every ledger must re-encode byte-identically and every transaction
/// must pair with its result by recomputed hash. Prints one JSON object; exit 0 only if all pass.
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
        var check = new Command("check", "Round-trip every ledger and pair every transaction with its result");
        check.Add(paths);
        check.Add(network);
        check.SetAction(parse =>
        {
            var passphrase = parse.GetValue(network);
            var checker = new LedgerChecker(passphrase is null ? null : Network.FromPassphrase(passphrase));
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
