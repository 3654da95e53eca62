using Replay.Stellar.Xdr;

namespace Replay.History.State;

/// <summary>
/// State held in dictionaries: the default when no database is given. Lookups need no
/// prefetch, so it is its own view. Commits swap nothing half-way: a delta is applied in full
/// after the ledger was processed without error.
/// </summary>
public sealed class InMemoryLedgerStateStore : ILedgerStateStore, IStateView
{
    private readonly Dictionary<StateKey, LedgerEntry?> _live = [];
    private readonly Dictionary<StateKey, LedgerEntry> _hot = [];

    public ChainState? Chain { get; private set; }

    public bool NeedsKeys => false;

    /// <summary>Live entries held (known absences of a partial state included, as null).</summary>
    public IReadOnlyDictionary<StateKey, LedgerEntry?> Live => _live;

    public IReadOnlyDictionary<StateKey, LedgerEntry> HotArchive => _hot;

    public ValueTask<IStateView> ViewAsync(IReadOnlyCollection<StateKey> keys, CancellationToken cancellation) =>
        ValueTask.FromResult<IStateView>(this);

    public bool TryGetLive(StateKey key, out LedgerEntry? entry)
    {
        if (_live.TryGetValue(key, out entry))
            return true;
        entry = null;
        return Chain?.Complete == true;
    }

    public bool TryGetHotArchive(StateKey key, out LedgerEntry? entry)
    {
        if (_hot.TryGetValue(key, out var e))
        {
            entry = e;
            return true;
        }
        entry = null;
        return Chain?.Complete == true;
    }

    public ValueTask CommitAsync(LedgerDelta delta, ChainState chain, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(delta);
        ArgumentNullException.ThrowIfNull(chain);
        foreach (var (key, entry) in delta.Live)
        {
            if (entry is null && chain.Complete)
                _live.Remove(key);
            else
                _live[key] = entry;
        }
        foreach (var (key, entry) in delta.HotArchive)
        {
            if (entry is null)
                _hot.Remove(key);
            else
                _hot[key] = entry;
        }
        Chain = chain;
        return ValueTask.CompletedTask;
    }

    public ValueTask ReplaceAsync(ChainState chain, IEnumerable<KeyValuePair<StateKey, LedgerEntry>> live,
        IEnumerable<KeyValuePair<StateKey, LedgerEntry>> hotArchive, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(hotArchive);
        var newLive = new Dictionary<StateKey, LedgerEntry?>();
        foreach (var (key, entry) in live)
            newLive[key] = entry;
        var newHot = new Dictionary<StateKey, LedgerEntry>();
        foreach (var (key, entry) in hotArchive)
            newHot[key] = entry;
        _live.Clear();
        foreach (var kv in newLive)
            _live.Add(kv.Key, kv.Value);
        _hot.Clear();
        foreach (var kv in newHot)
            _hot.Add(kv.Key, kv.Value);
        Chain = chain;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>Fresh in-memory state per chain (nothing survives the process).</summary>
public sealed class InMemoryLedgerStateStoreFactory : ILedgerStateStoreFactory
{
    public string Description => "in memory";

    public ValueTask<ILedgerStateStore> OpenAsync(string chain, CancellationToken cancellation) =>
        ValueTask.FromResult<ILedgerStateStore>(new InMemoryLedgerStateStore());
}
