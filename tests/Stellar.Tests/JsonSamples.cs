using Replay.Stellar.Domain;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

/// <summary>Values of many types drawn from the corpus for JSON comparisons: (XDR type name, encoded bytes).</summary>
public static class JsonSamples
{
    public static List<(string Type, byte[] Xdr)> Collect(int perType)
    {
        var samples = new List<(string, byte[])>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string type, byte[] xdr)
        {
            var n = counts.GetValueOrDefault(type);
            if (n >= perType)
                return;
            counts[type] = n + 1;
            samples.Add((type, xdr));
        }

        var files = SharedData.CorpusFiles();
        // All non-core files, and a spread of core-tests files (every protocol and meta version).
        foreach (var file in files.Where((f, i) => !f.Contains("core-tests", StringComparison.Ordinal) || i % 9 == 0))
        {
            if (LedgerFile.TryOpen(file) is not { } ledgers)
                continue;
            var firstOfFile = true;
            foreach (var ledger in ledgers.Ledgers())
            {
                // Whole ledgers are large: the first of each pubnet/standalone file and of a few core-tests files.
                if (firstOfFile && (!file.Contains("core-tests", StringComparison.Ordinal) || counts.GetValueOrDefault("LedgerCloseMeta") < 4))
                {
                    samples.Add(("LedgerCloseMeta", ledger.ToXdr()));
                    counts["LedgerCloseMeta"] = counts.GetValueOrDefault("LedgerCloseMeta") + 1;
                }
                firstOfFile = false;
                Add("LedgerHeaderHistoryEntry", LedgerTransactions.HeaderOf(ledger).ToXdr());
                foreach (var envelope in LedgerTransactions.EnvelopesOf(ledger))
                {
                    Add("TransactionEnvelope", envelope.ToXdr());
                    if (envelope is TransactionEnvelope.Tx tx)
                    {
                        foreach (var op in tx.Value.Tx.Operations)
                        {
                            Add("Operation", op.ToXdr());
                            if (op.Body is OperationBody.InvokeHostFunction ihf && ihf.Value.HostFunction is HostFunction.InvokeContract call)
                                foreach (var arg in call.Value.Args)
                                    Add("SCVal", arg.ToXdr());
                        }
                        if (tx.Value.Tx.Ext is TransactionExt.V1 soroban)
                            Add("SorobanTransactionData", soroban.Value.ToXdr());
                    }
                }
                foreach (var meta in MetaChanges.TransactionMetasOf(ledger))
                {
                    Add("TransactionMeta", meta.ToXdr());
                    foreach (var change in MetaChanges.Of(meta))
                    {
                        Add("LedgerEntryChange", change.ToXdr());
                        if (change is LedgerEntryChange.Updated { Value: var entry })
                        {
                            Add("LedgerEntry", entry.ToXdr());
                            Add("LedgerKey", LedgerKeys.KeyOf(entry).ToXdr());
                            if (entry.Data is LedgerEntryData.ContractData cd)
                            {
                                Add("SCVal", cd.Value.Key.ToXdr());
                                Add("SCVal", cd.Value.Val.ToXdr());
                            }
                        }
                    }
                }
            }
        }
        return samples;
    }
}
