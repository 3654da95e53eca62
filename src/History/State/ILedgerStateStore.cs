using Replay.Stellar.Xdr;

namespace Replay.History.State;

/// <summary>
/// Where the ledger state of one chain (one independent history: a network, or one test
/// network's file) lives between ledgers. Implementations: <see cref="InMemoryLedgerStateStore"/>
/// and a PostgreSQL store in the replayer. A ledger is committed whole or not at all.
/// </summary>
public interface ILedgerStateStore : IAsyncDisposable
{
    /// <summary>What the stored state is (last ledger, network, completeness), or null when the chain has no state yet.</summary>
    ChainState? Chain { get; }

    /// <summary>
    /// A view answering lookups for <paramref name="keys"/> (a remote store loads them in one
    /// round trip; an in-memory store answers any key). The view is valid until the next commit.
    /// </summary>
    ValueTask<IStateView> ViewAsync(IReadOnlyCollection<StateKey> keys, CancellationToken cancellation);

    /// <summary>True when <see cref="ViewAsync"/> only answers the keys it was given (callers must list every key they will read).</summary>
    bool NeedsKeys { get; }

    /// <summary>Applies one ledger's net changes and the new chain state atomically.</summary>
    ValueTask CommitAsync(LedgerDelta delta, ChainState chain, CancellationToken cancellation);

    /// <summary>Replaces all state (a checkpoint bootstrap, or a fresh start) atomically.</summary>
    ValueTask ReplaceAsync(ChainState chain, IEnumerable<KeyValuePair<StateKey, LedgerEntry>> live,
        IEnumerable<KeyValuePair<StateKey, LedgerEntry>> hotArchive, CancellationToken cancellation);
}

/// <summary>Opens the store of a chain; one factory per run (in memory, or one database).</summary>
public interface ILedgerStateStoreFactory
{
    /// <summary>Human-readable description, e.g. "in memory" or "PostgreSQL host:port/db".</summary>
    string Description { get; }

    ValueTask<ILedgerStateStore> OpenAsync(string chain, CancellationToken cancellation);
}

/// <summary>Lookups against stored state. False means the state does not know the key (partial state); true with null means absent.</summary>
public interface IStateView
{
    bool TryGetLive(StateKey key, out LedgerEntry? entry);

    /// <summary>Protocol 23+: persistent entries evicted from the live state, by key.</summary>
    bool TryGetHotArchive(StateKey key, out LedgerEntry? entry);
}

/// <summary>
/// One ledger's net effect: live entries set (null = deleted, kept as a known absence when the
/// state is partial) and hot archive entries set (null = restored out of the hot archive).
/// </summary>
public sealed class LedgerDelta(IReadOnlyDictionary<StateKey, LedgerEntry?> live, IReadOnlyDictionary<StateKey, LedgerEntry?> hotArchive)
{
    public LedgerDelta()
        : this(new Dictionary<StateKey, LedgerEntry?>(), new Dictionary<StateKey, LedgerEntry?>())
    {
    }

    public IReadOnlyDictionary<StateKey, LedgerEntry?> Live { get; } = live;

    public IReadOnlyDictionary<StateKey, LedgerEntry?> HotArchive { get; } = hotArchive;
}

/// <summary>What a chain's stored state is and rests on; persisted with it.</summary>
public sealed record ChainState
{
    /// <summary>Identity of the independent history, e.g. "pubnet" or "meta:FILE".</summary>
    public required string Chain { get; init; }

    public required string NetworkPassphrase { get; init; }

    /// <summary>The last ledger whose changes the state includes (the checkpoint after a bootstrap).</summary>
    public required uint LastLedger { get; init; }

    /// <summary>That ledger's header (protocol and base reserve before the next ledger's upgrades); null if not known.</summary>
    public required LedgerHeader? LastHeader { get; init; }

    /// <summary>What the state was built from, which decides what a key it does not hold means.</summary>
    public required StateBasis Basis { get; init; }

    /// <summary>True when a key not held is absent (history read from genesis, or a checkpoint); false when it is unknown.</summary>
    public bool Complete => Basis != StateBasis.Partial;

    /// <summary>What the state rests on: "genesis", "archive checkpoint N (URL)", "partial from ledger N".</summary>
    public required string Origin { get; init; }

    /// <summary>
    /// Config settings that still hold values taken from core-test-network-config.json (test
    /// networks do not write their genesis settings into the stream), with where they came from;
    /// empty otherwise.
    /// </summary>
    public required IReadOnlyList<ConfigSettingID> SettingsFromTestConfig { get; init; }

    /// <summary>Description of the test-config fallback (file and protocol), empty when unused.</summary>
    public required string TestConfigSource { get; init; }

    /// <summary>
    /// stellar-core's in-memory Soroban state size after <see cref="LastLedger"/>
    /// (<see cref="SorobanStateSize"/>), which feeds the state size window from protocol 23;
    /// null when not known (a partial state, or a store that does not keep it).
    /// </summary>
    public ulong? SorobanStateSize { get; init; }
}

/// <summary>What a chain's state was built from.</summary>
public enum StateBasis
{
    /// <summary>History read from a ledger after genesis without a checkpoint: a key not held is unknown.</summary>
    Partial,

    /// <summary>
    /// History read from genesis: a key not held is absent. The genesis ledger's own entries (the
    /// root account) are not in any meta; the first STATE pre-image of an account teaches it.
    /// </summary>
    Genesis,

    /// <summary>Bootstrapped from a history archive checkpoint: every entry the host reads is held.</summary>
    Checkpoint,
}
