using Replay.Stellar.Xdr;

namespace Replay.Stellar.Streams;

/// <summary>The one-call way to read ledgers: whatever the container, yields LedgerCloseMeta values in order.</summary>
public static class LedgerCloseMetaReader
{
    public static IEnumerable<LedgerCloseMeta> ReadFile(string path) => LedgerFile.Open(path).Ledgers();

    /// <summary>Decoded ledgers of any stream (see <see cref="LedgerFile.Read"/>); the stream is not disposed.</summary>
    public static IEnumerable<LedgerCloseMeta> Read(Stream stream, string sourceName, LedgerReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        limits ??= LedgerReadLimits.Default;
        return LedgerFile.ReadRecords(stream, sourceName, limits).Select(r => r.Decoded ?? LedgerFile.DecodeLedger(r.Raw, limits));
    }
}
