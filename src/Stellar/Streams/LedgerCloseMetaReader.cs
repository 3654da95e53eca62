using Replay.Stellar.Xdr;

namespace Replay.Stellar.Streams;

/// <summary>The one-call way to read ledgers: whatever the container, yields LedgerCloseMeta values in order.</summary>
public static class LedgerCloseMetaReader
{
    public static IEnumerable<LedgerCloseMeta> ReadFile(string path) => LedgerFile.Open(path).Ledgers();
}
