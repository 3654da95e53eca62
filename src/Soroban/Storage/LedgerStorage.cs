using Replay.Soroban.Budget;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Storage;

/// <summary>How the footprint lets a key be accessed.</summary>
public enum AccessType : byte
{
    ReadOnly,
    ReadWrite,
}

/// <summary>A ledger entry in storage and its live-until ledger (contract data and code only).</summary>
public sealed record EntryWithLiveUntil(LedgerEntry Entry, uint? LiveUntil);

/// <summary>
/// The host's storage (fact: storage.rs Storage): the footprint (every key the transaction
/// declared, read-only or read-write) and the map of every footprint key to its entry (null when
/// absent or deleted). Both are metered ordered maps keyed by ledger key. In enforcing mode (what
/// stellar-core runs) the footprint is fixed; in recording mode (the reference's simulation and
/// tests, <see cref="Snapshot"/> set) accesses grow the footprint and read through to a snapshot.
/// </summary>
public sealed class LedgerStorage
{
    /// <summary>Declared size of a footprint map entry: (Rc&lt;LedgerKey&gt;, AccessType).</summary>
    public static readonly ulong FootprintEntrySize = DeclaredSize.Pair(DeclaredSize.Rc, DeclaredSize.AccessType);

    /// <summary>Declared size of a storage map entry: (Rc&lt;LedgerKey&gt;, Option&lt;(Rc&lt;LedgerEntry&gt;, Option&lt;u32&gt;)&gt;).</summary>
    public static readonly ulong MapEntrySize = DeclaredSize.Pair(
        DeclaredSize.Rc,
        DeclaredSize.Option(DeclaredSize.Pair(DeclaredSize.Rc, DeclaredSize.Option(DeclaredSize.U32))));

    public LedgerStorage(MeteredOrdMap<LedgerKey, AccessType> footprint, MeteredOrdMap<LedgerKey, EntryWithLiveUntil?> map)
    {
        Footprint = footprint;
        Map = map;
    }

    public MeteredOrdMap<LedgerKey, AccessType> Footprint { get; internal set; }

    public MeteredOrdMap<LedgerKey, EntryWithLiveUntil?> Map { get; internal set; }

    /// <summary>
    /// Recording mode's snapshot source (<c>FootprintMode::Recording</c>): the entry of a key as it
    /// was before the invocation, or null; read unmetered. Null in enforcing mode.
    /// </summary>
    public Func<LedgerKey, EntryWithLiveUntil?>? Snapshot { get; init; }

    public bool IsRecording => Snapshot is not null;
}

/// <summary>Facts about ledger keys and entries the storage relies on.</summary>
public static class StorageRules
{
    /// <summary>
    /// <c>check_supported_ledger_key_type</c>: the host only handles account, trustline, contract
    /// data and contract code keys; any other is (Storage, InternalError).
    /// </summary>
    public static void CheckSupportedKey(LedgerKey k)
    {
        if (k is not (LedgerKey.Account or LedgerKey.Trustline or LedgerKey.ContractData or LedgerKey.ContractCode))
            throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, $"ledger key kind {k.Type} is not supported by the host");
    }

    /// <summary><c>check_supported_ledger_entry_type</c>, as <see cref="CheckSupportedKey"/>.</summary>
    public static void CheckSupportedEntry(LedgerEntry e)
    {
        if (e.Data is not (LedgerEntryData.Account or LedgerEntryData.Trustline or LedgerEntryData.ContractData or LedgerEntryData.ContractCode))
            throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, $"ledger entry kind {e.Data.Type} is not supported by the host");
    }

    /// <summary><c>get_key_durability</c>: contract data keys carry theirs, code is persistent, others have none.</summary>
    public static ContractDataDurability? DurabilityOf(LedgerKey k) => k switch
    {
        LedgerKey.ContractData d => d.Value.Durability,
        LedgerKey.ContractCode => ContractDataDurability.Persistent,
        _ => null,
    };

    /// <summary>The ledger key an entry is stored under.</summary>
    public static LedgerKey KeyOf(LedgerEntry e) => Stellar.Domain.LedgerKeys.KeyOf(e);
}

/// <summary>
/// The in-memory instance storage of a running contract (fact: storage.rs InstanceStorageMap): a
/// metered map of Vals loaded from the contract instance's ScMap on first access, written back
/// when the frame ends successfully if anything asked for mutable access.
/// </summary>
public sealed class InstanceStorage(MeteredOrdMap<Val, Val> map)
{
    /// <summary>Declared size of an entry: (Val, Val).</summary>
    public const ulong EntrySize = DeclaredSize.ValPair;

    public MeteredOrdMap<Val, Val> Map { get; internal set; } = map;

    /// <summary>Whether mutable access happened (then the instance is written back).</summary>
    public bool IsModified { get; internal set; }
}
