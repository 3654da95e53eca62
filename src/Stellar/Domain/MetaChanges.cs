using Replay.Stellar.Xdr;

namespace Replay.Stellar.Domain;

/// <summary>Every LedgerEntryChange a transaction's meta records, in order, whatever the meta version.</summary>
public static class MetaChanges
{
    public static IEnumerable<LedgerEntryChange> Of(TransactionMeta meta)
    {
        switch (meta)
        {
            case TransactionMeta.V0 v0:
                foreach (var op in v0.Value)
                    foreach (var c in op.Changes)
                        yield return c;
                break;
            case TransactionMeta.V1 v1:
                foreach (var c in v1.Value.TxChanges)
                    yield return c;
                foreach (var op in v1.Value.Operations)
                    foreach (var c in op.Changes)
                        yield return c;
                break;
            case TransactionMeta.V2 v2:
                foreach (var c in Concat(v2.Value.TxChangesBefore, v2.Value.Operations.Select(o => o.Changes), v2.Value.TxChangesAfter))
                    yield return c;
                break;
            case TransactionMeta.V3 v3:
                foreach (var c in Concat(v3.Value.TxChangesBefore, v3.Value.Operations.Select(o => o.Changes), v3.Value.TxChangesAfter))
                    yield return c;
                break;
            case TransactionMeta.V4 v4:
                foreach (var c in Concat(v4.Value.TxChangesBefore, v4.Value.Operations.Select(o => o.Changes), v4.Value.TxChangesAfter))
                    yield return c;
                break;
        }
    }

    private static IEnumerable<LedgerEntryChange> Concat(LedgerEntryChange[] before, IEnumerable<LedgerEntryChange[]> operations, LedgerEntryChange[] after)
    {
        foreach (var c in before)
            yield return c;
        foreach (var op in operations)
            foreach (var c in op)
                yield return c;
        foreach (var c in after)
            yield return c;
    }

    /// <summary>Each transaction's meta in a ledger, in apply order.</summary>
    public static List<TransactionMeta> TransactionMetasOf(LedgerCloseMeta ledger) => ledger switch
    {
        LedgerCloseMeta.V0 v0 => [.. v0.Value.TxProcessing.Select(t => t.TxApplyProcessing)],
        LedgerCloseMeta.V1 v1 => [.. v1.Value.TxProcessing.Select(t => t.TxApplyProcessing)],
        LedgerCloseMeta.V2 v2 => [.. v2.Value.TxProcessing.Select(t => t.TxApplyProcessing)],
        _ => [],
    };
}
