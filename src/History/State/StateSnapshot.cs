using Replay.Stellar.Xdr;

namespace Replay.History.State;

/// <summary>
/// The ledger state at a checkpoint, complete for the entry types the host reads: what a
/// history archive bootstrap produces, so replay can start mid-history.
/// </summary>
public sealed record StateSnapshot(
    uint Ledger,
    LedgerHeader? Header,
    string NetworkPassphrase,
    IReadOnlyDictionary<StateKey, LedgerEntry> Live,
    IReadOnlyDictionary<StateKey, LedgerEntry> HotArchive,
    string Origin);

/// <summary>Something that produces a <see cref="StateSnapshot"/> (a history archive checkpoint).</summary>
public interface IStateBootstrap
{
    string Description { get; }

    Task<StateSnapshot> LoadAsync(CancellationToken cancellation);
}
