using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Sources;

/// <summary>
/// Yields LedgerCloseMeta in ledger order, each with where it came from. A source may hold
/// several independent histories (a directory of test networks, one per file): each ledger names
/// its <see cref="LedgerProvenance.Chain"/>, and within a chain ledgers come in order.
/// </summary>
public interface ILedgerSource
{
    /// <summary>The specification the source was opened from, e.g. "datalake:https://...".</summary>
    string Spec { get; }

    /// <summary>The network the source declares (data lake config, RPC), or null when the ledgers must tell.</summary>
    Network? Network { get; }

    /// <summary>The one chain a network source serves ("network:PASSPHRASE"), known before reading; null when each file is its own chain.</summary>
    string? Chain => null;

    /// <summary>The chain of a network's history, shared by every source of that network (so state resumes across them).</summary>
    static string ChainOfNetwork(Network network) => "network:" + (network ?? throw new ArgumentNullException(nameof(network))).Passphrase;

    /// <summary>
    /// Ledgers from <paramref name="range"/>'s first to its last (to the end of the source when
    /// open). A source that cannot seek (a meta file) yields from its start and leaves skipping to
    /// the caller, which still has to apply them.
    /// </summary>
    IAsyncEnumerable<SourcedLedger> ReadAsync(LedgerRange range, CancellationToken cancellation);
}

/// <summary>
/// A source that can read a chain again from its start (a file): used to look ahead at a test
/// network's first config upgrade, whose pre-images record the genesis settings, and at its
/// first transactions, which tell the network.
/// </summary>
public interface IRereadableSource
{
    IEnumerable<SourcedLedger> Reread(LedgerProvenance first);
}

/// <summary>Where one ledger was read: the source, the object (file, key or URL), the byte offset in its decompressed content, and its chain.</summary>
public sealed record LedgerProvenance(string Source, string Object, long Offset, string Chain);

/// <summary>A decoded ledger with its provenance and encoded size (for throughput figures).</summary>
public sealed record SourcedLedger(LedgerCloseMeta Meta, LedgerProvenance Provenance, int EncodedSize)
{
    public uint Sequence { get; } = LedgerTransactions.SequenceOf(Meta);
}

/// <summary>A source could not deliver a ledger: unreachable, corrupt, truncated, out of order, outside retention. The message names the object and ledger.</summary>
public sealed class LedgerSourceException : Exception
{
    public LedgerSourceException()
    {
    }

    public LedgerSourceException(string message) : base(message)
    {
    }

    public LedgerSourceException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
