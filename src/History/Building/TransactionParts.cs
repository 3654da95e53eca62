using Replay.Stellar.Xdr;

namespace Replay.History.Building;

/// <summary>The parts of envelopes, results and metas every version spells differently.</summary>
internal static class TransactionParts
{
    /// <summary>The transaction's source, operations and Soroban data (the inner transaction's for a fee bump).</summary>
    public static (MuxedAccount Source, Operation[] Operations, SorobanTransactionData? Soroban) Of(TransactionEnvelope envelope) => envelope switch
    {
        TransactionEnvelope.TxV0 v0 => (new MuxedAccount.Ed25519(v0.Value.Tx.SourceAccountEd25519), v0.Value.Tx.Operations, null),
        TransactionEnvelope.Tx v1 => Of(v1.Value.Tx),
        TransactionEnvelope.TxFeeBump fb => fb.Value.Tx.InnerTx switch
        {
            FeeBumpTransactionInnerTx.Tx inner => Of(inner.Value.Tx),
            _ => throw new HistoryDataException($"unknown fee-bump inner transaction {fb.Value.Tx.InnerTx.GetType().Name}"),
        },
        _ => throw new HistoryDataException($"unknown envelope kind {envelope.GetType().Name}"),
    };

    /// <summary>
    /// The size core counts for a transaction's resource fee: the encoded envelope of the
    /// transaction it applies (TransactionFrame::getSize). For a fee bump that is the inner
    /// transaction, as an ENVELOPE_TYPE_TX envelope with the inner signatures.
    /// </summary>
    public static uint SizeForFees(TransactionEnvelope envelope) => envelope switch
    {
        TransactionEnvelope.TxFeeBump fb => fb.Value.Tx.InnerTx switch
        {
            FeeBumpTransactionInnerTx.Tx inner => (uint)XdrCodec.Encode<TransactionEnvelope>(new TransactionEnvelope.Tx(inner.Value)).Length,
            _ => throw new HistoryDataException($"unknown fee-bump inner transaction {fb.Value.Tx.InnerTx.GetType().Name}"),
        },
        _ => (uint)XdrCodec.Encode(envelope).Length,
    };

    private static (MuxedAccount, Operation[], SorobanTransactionData?) Of(Transaction tx) =>
        (tx.SourceAccount, tx.Operations, tx.Ext is TransactionExt.V1 v1 ? v1.Value : null);

    /// <summary>The account id of a (possibly muxed) account: the muxed id dropped, as core's getSourceID does.</summary>
    public static PublicKey AccountOf(MuxedAccount account) => account switch
    {
        MuxedAccount.Ed25519 e => new PublicKey.PublicKeyTypeEd25519(e.Value),
        MuxedAccount.MuxedEd25519 m => new PublicKey.PublicKeyTypeEd25519(m.Value.Ed25519),
        _ => throw new HistoryDataException($"unknown account kind {account.GetType().Name}"),
    };

    /// <summary>The transaction's result code and operation results (the inner transaction's for a fee bump); null results when the transaction did not run its operations.</summary>
    public static (TransactionResultCode Code, OperationResult[]? Operations) ResultOf(TransactionResult result) => result.Result switch
    {
        TransactionResultResult.TxSuccess s => (s.Code, s.Value),
        TransactionResultResult.TxFailed f => (f.Code, f.Value),
        TransactionResultResult.TxFeeBumpInnerSuccess fs => Inner(fs.Value.Result.Result),
        TransactionResultResult.TxFeeBumpInnerFailed ff => Inner(ff.Value.Result.Result),
        var other => (other.Code, null),
    };

    private static (TransactionResultCode, OperationResult[]?) Inner(InnerTransactionResultResult result) => result switch
    {
        InnerTransactionResultResult.TxSuccess s => (s.Code, s.Value),
        InnerTransactionResultResult.TxFailed f => (f.Code, f.Value),
        var other => (other.Code, null),
    };

    /// <summary>Changes before the operations, each operation's changes, changes after, whatever the meta version.</summary>
    public static (LedgerEntryChange[] Before, LedgerEntryChange[][] Operations, LedgerEntryChange[] After) ChangesOf(TransactionMeta meta) => meta switch
    {
        TransactionMeta.V0 v0 => ([], v0.Value.Select(o => o.Changes).ToArray(), []),
        TransactionMeta.V1 v1 => (v1.Value.TxChanges, v1.Value.Operations.Select(o => o.Changes).ToArray(), []),
        TransactionMeta.V2 v2 => (v2.Value.TxChangesBefore, v2.Value.Operations.Select(o => o.Changes).ToArray(), v2.Value.TxChangesAfter),
        TransactionMeta.V3 v3 => (v3.Value.TxChangesBefore, v3.Value.Operations.Select(o => o.Changes).ToArray(), v3.Value.TxChangesAfter),
        TransactionMeta.V4 v4 => (v4.Value.TxChangesBefore, v4.Value.Operations.Select(o => o.Changes).ToArray(), v4.Value.TxChangesAfter),
        _ => throw new HistoryDataException($"unknown TransactionMeta version {meta.GetType().Name}"),
    };

    /// <summary>Soroban outputs of the meta: contract events of the operation, return value, diagnostic events, fee figures.</summary>
    public static (ContractEvent[] Events, SCVal? ReturnValue, DiagnosticEvent[] Diagnostics, SorobanTransactionMetaExtV1? Fees) SorobanOf(TransactionMeta meta, int operation) => meta switch
    {
        TransactionMeta.V3 { Value.SorobanMeta: { } s } => (s.Events, s.ReturnValue, s.DiagnosticEvents, (s.Ext as SorobanTransactionMetaExt.V1)?.Value),
        TransactionMeta.V4 v4 => (
            operation < v4.Value.Operations.Length ? v4.Value.Operations[operation].Events : [],
            v4.Value.SorobanMeta?.ReturnValue,
            v4.Value.DiagnosticEvents,
            (v4.Value.SorobanMeta?.Ext as SorobanTransactionMetaExt.V1)?.Value),
        _ => ([], null, [], null),
    };

    /// <summary>The upgrades a ledger applied, with their changes, whatever the meta version.</summary>
    public static UpgradeEntryMeta[] UpgradesOf(LedgerCloseMeta meta) => meta switch
    {
        LedgerCloseMeta.V0 v0 => v0.Value.UpgradesProcessing,
        LedgerCloseMeta.V1 v1 => v1.Value.UpgradesProcessing,
        LedgerCloseMeta.V2 v2 => v2.Value.UpgradesProcessing,
        _ => [],
    };
}
