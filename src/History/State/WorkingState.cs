using Replay.Stellar.Xdr;

namespace Replay.History.State;

/// <summary>Entry lookups through layers of uncommitted changes. False: the key is unknown (partial state); true with null: absent.</summary>
internal interface IEntryLookup
{
    bool TryGet(StateKey key, out LedgerEntry? entry);

    /// <summary>Records the value an unknown key had before this ledger (read from a STATE pre-image).</summary>
    void Learn(StateKey key, LedgerEntry entry);

    WorkingState Root { get; }
}

/// <summary>
/// The state while one ledger is applied: the stored state plus this ledger's changes. Nothing
/// reaches the store until the whole ledger has been applied (<see cref="ToDelta"/>).
/// </summary>
internal sealed class WorkingState(IStateView stored) : IEntryLookup
{
    private readonly Dictionary<StateKey, LedgerEntry?> _live = [];
    private readonly Dictionary<StateKey, LedgerEntry?> _hot = [];

    /// <summary>Keys restored from the hot archive earlier in this ledger.</summary>
    public HashSet<StateKey> RestoredFromHotArchive { get; } = [];

    public WorkingState Root => this;

    public bool TryGet(StateKey key, out LedgerEntry? entry) =>
        _live.TryGetValue(key, out entry) || stored.TryGetLive(key, out entry);

    public bool TryGetHotArchive(StateKey key, out LedgerEntry? entry) =>
        _hot.TryGetValue(key, out entry) || stored.TryGetHotArchive(key, out entry);

    public void Set(StateKey key, LedgerEntry? entry) => _live[key] = entry;

    public void SetHotArchive(StateKey key, LedgerEntry? entry) => _hot[key] = entry;

    public void Learn(StateKey key, LedgerEntry entry) => _live.TryAdd(key, entry);

    /// <summary>The ledger's net changes (this working state is not used after).</summary>
    public LedgerDelta ToDelta() => new(_live, _hot);
}

/// <summary>Uncommitted changes over a parent (a transaction over its cluster, a cluster over the ledger).</summary>
internal class OverlayState(IEntryLookup parent) : IEntryLookup
{
    protected Dictionary<StateKey, LedgerEntry?> Changes { get; } = [];

    public IEntryLookup Parent => parent;

    public WorkingState Root => parent.Root;

    public IReadOnlyDictionary<StateKey, LedgerEntry?> Written => Changes;

    public bool TryGet(StateKey key, out LedgerEntry? entry) =>
        Changes.TryGetValue(key, out entry) || parent.TryGet(key, out entry);

    public void Set(StateKey key, LedgerEntry? entry) => Changes[key] = entry;

    public void Learn(StateKey key, LedgerEntry entry) => parent.Learn(key, entry);
}
