using Replay.Stellar.Xdr;

namespace Replay.History.Cases;

/// <summary>
/// One InvokeHostFunction operation as stellar-core ran it: every input core hands the Soroban
/// host (built from the ledger state just before the transaction, the way core builds them for
/// that protocol) and everything the network recorded about it. A case is self-contained: it
/// can be rerun on any engine without history, ledger state or a database.
/// </summary>
/// <remarks>
/// Serialized by <see cref="CaseBinary"/> (compact, versioned) and <see cref="CaseJson"/>
/// (readable; XDR parts in the Stellar CLI's JSON). <see cref="HostCallPlan"/> turns the
/// footprint into the exact entry and TTL lists core passes to the host, or the result code
/// core fails with before calling it.
/// </remarks>
public sealed class ReplayCase
{
    /// <summary>Version of the serialized forms; bumped whenever a field is added, removed or changes meaning.</summary>
    public const uint FormatVersion = 2;

    /// <summary>
    /// Why a case of another format version is refused. Version 1 lacked the transaction size the
    /// resource fee is priced on; such a case is extracted again from its source.
    /// </summary>
    public static string VersionMismatch(uint version) => version < FormatVersion
        ? $"replay case format version {version} is older than this build's version {FormatVersion} (version 2 added the transaction size and the initial fee charged); extract the case again from its source"
        : $"replay case format version {version}; this build reads version {FormatVersion}";

    public required CaseId Id { get; init; }

    public required CaseProvenance Provenance { get; init; }

    /// <summary>The ledger information core passes to the host (CxxLedgerInfo), before the ledger's own upgrades.</summary>
    public required HostLedgerInfo LedgerInfo { get; init; }

    /// <summary>The Soroban network settings in force for the transaction (limits, fee rates, rent, TTL bounds).</summary>
    public required NetworkSettings Settings { get; init; }

    public required HostFunction HostFunction { get; init; }

    /// <summary>The transaction's declared resources; <see cref="SorobanResources.Instructions"/> is the host's instruction limit.</summary>
    public required SorobanResources Resources { get; init; }

    /// <summary>Protocol 23+: indices into the read-write footprint the transaction marked for automatic restore (empty before).</summary>
    public required uint[] ArchivedEntryIndices { get; init; }

    /// <summary>The transaction's declared resource fee (SorobanTransactionData.resourceFee).</summary>
    public required long ResourceFee { get; init; }

    /// <summary>
    /// The encoded size of the transaction envelope core applies (a fee bump's inner transaction),
    /// which the resource fee's historical and bandwidth parts are priced on.
    /// </summary>
    public required uint TransactionSizeBytes { get; init; }

    /// <summary>The operation's source account, else the transaction's, with any muxed id stripped.</summary>
    public required PublicKey SourceAccount { get; init; }

    public required SorobanAuthorizationEntry[] Auth { get; init; }

    /// <summary>The read-only footprint then the read-write footprint, in footprint order, each with its pre-state.</summary>
    public required FootprintEntry[] Footprint { get; init; }

    /// <summary>The PRNG seed core passes for this transaction: SHA-256(tx-set hash ‖ uint64 apply index).</summary>
    public required Hash PrngSeed { get; init; }

    public required RecordedOutcome Recorded { get; init; }
}

/// <summary>Which operation a case is: network, ledger, the transaction's position in apply order, the operation's in its transaction.</summary>
public sealed record CaseId(Hash NetworkId, uint Ledger, int TransactionIndex, int OperationIndex, Hash TransactionHash)
{
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ledger {Ledger} tx {TransactionIndex} op {OperationIndex} ({TransactionHash})");
}

/// <summary>Where a case came from, so a reader can find the recording and knows what its state rests on.</summary>
public sealed record CaseProvenance
{
    /// <summary>The source specification, e.g. "meta:../shared/corpus" or "datalake:https://...".</summary>
    public required string Source { get; init; }

    /// <summary>The file, object key or URL the ledger was read from.</summary>
    public required string Object { get; init; }

    /// <summary>Byte offset of the ledger in the object's decompressed content (0 for single-ledger objects).</summary>
    public required long Offset { get; init; }

    /// <summary>The network passphrase.</summary>
    public required string Network { get; init; }

    /// <summary>What the ledger state rests on, e.g. "genesis", "archive checkpoint 127 (URL)".</summary>
    public required string State { get; init; }

    /// <summary>Where the network settings came from: "ledger state", or the core-test-network-config.json fallback for test networks.</summary>
    public required string Settings { get; init; }
}

/// <summary>The ledger information stellar-core passes to the host (its CxxLedgerInfo), field for field.</summary>
public sealed record HostLedgerInfo
{
    public required uint ProtocolVersion { get; init; }
    public required uint SequenceNumber { get; init; }

    /// <summary>The ledger's close time (scpValue.closeTime), seconds since the Unix epoch.</summary>
    public required ulong Timestamp { get; init; }

    public required Hash NetworkId { get; init; }
    public required uint BaseReserve { get; init; }

    /// <summary>contract_compute_v0.tx_memory_limit.</summary>
    public required uint MemoryLimit { get; init; }

    public required uint MinTemporaryEntryTtl { get; init; }
    public required uint MinPersistentEntryTtl { get; init; }
    public required uint MaxEntryTtl { get; init; }
    public required ContractCostParamEntry[] CpuCostParams { get; init; }
    public required ContractCostParamEntry[] MemCostParams { get; init; }
}

/// <summary>
/// The Soroban network configuration entries in force for the transaction, as the ledger state
/// holds them. Core checks these around the host call (entry sizes, events size, refundable fee)
/// and takes the rent fee configuration from them.
/// </summary>
public sealed record NetworkSettings
{
    public required uint ContractMaxSizeBytes { get; init; }
    public required uint ContractDataKeySizeBytes { get; init; }
    public required uint ContractDataEntrySizeBytes { get; init; }
    public required ConfigSettingContractComputeV0 Compute { get; init; }
    public required ConfigSettingContractLedgerCostV0 LedgerCost { get; init; }

    /// <summary>Protocol 23+ only (null before).</summary>
    public required ConfigSettingContractLedgerCostExtV0? LedgerCostExt { get; init; }

    public required ConfigSettingContractHistoricalDataV0 HistoricalData { get; init; }
    public required ConfigSettingContractEventsV0 Events { get; init; }
    public required ConfigSettingContractBandwidthV0 Bandwidth { get; init; }
    public required StateArchivalSettings StateArchival { get; init; }

    /// <summary>
    /// The live Soroban state size window (its average sets the rent fee per KB), or null when it
    /// is not known exactly: it is rewritten at ledger close without appearing in the meta.
    /// </summary>
    public required ulong[]? StateSizeWindow { get; init; }
}

/// <summary>What the footprint key pointed at just before the transaction, as core classifies it.</summary>
public enum FootprintEntryState
{
    /// <summary>Present (and, for contract data and code, live). The host gets the entry, and its TTL for Soroban entries.</summary>
    Live,

    /// <summary>Not in the ledger (nor, from protocol 23, in the hot archive for persistent keys).</summary>
    Absent,

    /// <summary>A temporary entry whose TTL has passed: core treats it as absent.</summary>
    ExpiredTemporary,

    /// <summary>A persistent entry whose TTL has passed, still in the live state: before protocol 23 the operation fails; from 23 it can be restored.</summary>
    Archived,

    /// <summary>Protocol 23+: a persistent entry evicted to the hot archive (Entry is the archived value).</summary>
    Evicted,

    /// <summary>Protocol 23+: restored from the hot archive earlier in this ledger and since deleted; core skips the key.</summary>
    RestoredEarlierInLedger,
}

/// <summary>One footprint key with its pre-state. Entry and LiveUntilLedger are what the ledger held (null where nothing).</summary>
public sealed record FootprintEntry
{
    public required LedgerKey Key { get; init; }
    public required bool ReadOnly { get; init; }
    public required FootprintEntryState State { get; init; }
    public required LedgerEntry? Entry { get; init; }

    /// <summary>The entry's TTL (liveUntilLedgerSeq) for contract data and code; null for other entry types and absent entries.</summary>
    public required uint? LiveUntilLedger { get; init; }
}

/// <summary>What the network recorded for the operation.</summary>
public sealed record RecordedOutcome
{
    /// <summary>The transaction's result code (the inner transaction's for fee bumps).</summary>
    public required TransactionResultCode TransactionResult { get; init; }

    public required InvokeHostFunctionResultCode OperationResult { get; init; }

    /// <summary>On success: SHA-256 of InvokeHostFunctionSuccessPreImage (return value and contract events).</summary>
    public required Hash? SuccessHash { get; init; }

    public required SCVal? ReturnValue { get; init; }
    public required ContractEvent[] ContractEvents { get; init; }
    public required DiagnosticEvent[] DiagnosticEvents { get; init; }

    /// <summary>core_metrics cpu_insn from the diagnostic events, when core emitted them.</summary>
    public required ulong? CpuInstructions { get; init; }

    /// <summary>core_metrics mem_byte from the diagnostic events, when core emitted them.</summary>
    public required ulong? MemoryBytes { get; init; }

    /// <summary>The operation's ledger entry changes, in meta order.</summary>
    public required LedgerEntryChange[] LedgerChanges { get; init; }

    public required RecordedFees Fees { get; init; }
}

/// <summary>
/// Fee figures: the fee charged (the outer transaction's result, after any refund) and, where the
/// meta records them (SorobanTransactionMetaExt v1), the resource fee split and the rent fee.
/// </summary>
public sealed record RecordedFees
{
    public required long FeeCharged { get; init; }

    /// <summary>
    /// What fee processing took before the transaction applied (the fee source's balance drop in
    /// the meta's fee processing changes: the inclusion fee charged plus the declared resource
    /// fee); null when those changes do not show it. With <see cref="FeeCharged"/> it gives the
    /// resource fee finally charged: FeeCharged − (InitialFeeCharged − the declared resource fee).
    /// </summary>
    public required long? InitialFeeCharged { get; init; }

    public required long? NonRefundableResourceFeeCharged { get; init; }
    public required long? RefundableResourceFeeCharged { get; init; }
    public required long? RentFeeCharged { get; init; }
}
