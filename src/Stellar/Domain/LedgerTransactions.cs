using Replay.Stellar.Xdr;

namespace Replay.Stellar.Domain;

/// <summary>What a closed ledger contains: its sequence, the envelopes of its transaction set and its result hashes.</summary>
public static class LedgerTransactions
{
    public static uint SequenceOf(LedgerCloseMeta meta) => HeaderOf(meta).Header.LedgerSeq;

    public static LedgerHeaderHistoryEntry HeaderOf(LedgerCloseMeta meta) => meta switch
    {
        LedgerCloseMeta.V0 v0 => v0.Value.LedgerHeader,
        LedgerCloseMeta.V1 v1 => v1.Value.LedgerHeader,
        LedgerCloseMeta.V2 v2 => v2.Value.LedgerHeader,
        _ => throw new ArgumentException("unknown LedgerCloseMeta version", nameof(meta)),
    };

    /// <summary>
    /// Every envelope in the ledger's transaction set, in set order: classic sets, generalized
    /// phases of components, and (protocol 23+) parallel stages of dependent clusters.
    /// </summary>
    public static List<TransactionEnvelope> EnvelopesOf(LedgerCloseMeta meta)
    {
        var result = new List<TransactionEnvelope>();
        switch (meta)
        {
            case LedgerCloseMeta.V0 v0:
                result.AddRange(v0.Value.TxSet.Txs);
                break;
            case LedgerCloseMeta.V1 v1:
                AddGeneralized(v1.Value.TxSet, result);
                break;
            case LedgerCloseMeta.V2 v2:
                AddGeneralized(v2.Value.TxSet, result);
                break;
        }
        return result;
    }

    private static void AddGeneralized(GeneralizedTransactionSet set, List<TransactionEnvelope> into)
    {
        if (set is not GeneralizedTransactionSet.V1 v1)
            return;
        foreach (var phase in v1.Value.Phases)
        {
            switch (phase)
            {
                case TransactionPhase.V0 components:
                    foreach (var component in components.Value)
                    {
                        if (component is TxSetComponent.TxsetCompTxsMaybeDiscountedFee c)
                            into.AddRange(c.Value.Txs);
                    }
                    break;
                case TransactionPhase.V1 parallel:
                    foreach (var stage in parallel.Value.ExecutionStages)
                        foreach (var cluster in stage)
                            into.AddRange(cluster);
                    break;
            }
        }
    }

    /// <summary>The transaction hashes of the ledger's results, in apply order.</summary>
    public static List<Hash> ResultHashesOf(LedgerCloseMeta meta)
    {
        var result = new List<Hash>();
        switch (meta)
        {
            case LedgerCloseMeta.V0 v0:
                foreach (var t in v0.Value.TxProcessing)
                    result.Add(t.Result.TransactionHash);
                break;
            case LedgerCloseMeta.V1 v1:
                foreach (var t in v1.Value.TxProcessing)
                    result.Add(t.Result.TransactionHash);
                break;
            case LedgerCloseMeta.V2 v2:
                foreach (var t in v2.Value.TxProcessing)
                    result.Add(t.Result.TransactionHash);
                break;
        }
        return result;
    }
}
