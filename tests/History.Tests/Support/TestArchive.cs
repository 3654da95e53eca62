using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Replay.History.Archive;
using Replay.History.State;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.Support;

/// <summary>
/// Writes a history archive checkpoint the way stellar-core lays one out: the HAS (well-known and
/// per checkpoint), gzip'd record-marked buckets named by the SHA-256 of their content, and the
/// checkpoint's ledger header.
/// </summary>
internal sealed class TestArchive(string root)
{
    public string Root { get; } = root;

    /// <summary>Bucket files by hash, as written.</summary>
    public Dictionary<string, string> Buckets { get; } = new(StringComparer.Ordinal);

    public string WriteLiveBucket(IEnumerable<BucketEntry> entries, uint protocol) =>
        Write([new BucketEntry.Metaentry(new BucketMetadata { LedgerVersion = protocol, Ext = BucketMetadataExt.V0.Instance }), .. entries]);

    public string WriteHotBucket(IEnumerable<HotArchiveBucketEntry> entries, uint protocol) =>
        Write([new HotArchiveBucketEntry.Metaentry(new BucketMetadata { LedgerVersion = protocol, Ext = BucketMetadataExt.V0.Instance }), .. entries]);

    private string Write<T>(IEnumerable<T> entries) where T : IXdrType<T>
    {
        using var content = new MemoryStream();
        var writer = new RecordMarkedWriter(content);
        foreach (var e in entries)
            writer.Write(e);
        var bytes = content.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = Path.Combine(Root, HistoryArchive.CategoryPath("bucket", hash, ".xdr.gz"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Gzip(bytes));
        Buckets[hash] = path;
        return hash;
    }

    public void WriteHeader(LedgerHeader header)
    {
        using var content = new MemoryStream();
        new RecordMarkedWriter(content).Write(new LedgerHeaderHistoryEntry
        {
            Hash = default,
            Header = header,
            Ext = LedgerHeaderHistoryEntryExt.V0.Instance,
        });
        var path = Path.Combine(Root, HistoryArchive.CategoryPath("ledger", header.LedgerSeq.ToString("x8", CultureInfo.InvariantCulture), ".xdr.gz"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Gzip(content.ToArray()));
    }

    /// <summary>Writes the HAS: <paramref name="live"/> and <paramref name="hot"/> are (curr, snap) per level; missing levels are empty.</summary>
    public void WriteState(uint checkpoint, string passphrase, IReadOnlyList<(string? Curr, string? Snap)> live, IReadOnlyList<(string? Curr, string? Snap)> hot)
    {
        static string Levels(IReadOnlyList<(string? Curr, string? Snap)> levels) => string.Join(",", Enumerable.Range(0, 11).Select(i =>
        {
            var (curr, snap) = i < levels.Count ? levels[i] : (null, null);
            return $"{{\"curr\":\"{curr ?? HistoryArchiveState.EmptyBucket}\",\"next\":{{\"state\":0}},\"snap\":\"{snap ?? HistoryArchiveState.EmptyBucket}\"}}";
        }));
        var json = $"{{\"version\":2,\"server\":\"test\",\"currentLedger\":{checkpoint},\"networkPassphrase\":\"{passphrase}\",\"currentBuckets\":[{Levels(live)}],\"hotArchiveBuckets\":[{Levels(hot)}]}}";
        WriteText(".well-known/stellar-history.json", json);
        WriteText(HistoryArchive.CategoryPath("history", checkpoint.ToString("x8", CultureInfo.InvariantCulture), ".json"), json);
    }

    public void WriteText(string key, string text)
    {
        var path = Path.Combine(Root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>Every file under the archive, by key (for serving it over HTTP).</summary>
    public IEnumerable<(string Key, byte[] Bytes)> Files() => Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
        .Select(f => (Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes(f)));
}

/// <summary>In-memory stores that stay reachable after the run, to compare states.</summary>
internal sealed class KeptStores : ILedgerStateStoreFactory
{
    public Dictionary<string, InMemoryLedgerStateStore> Stores { get; } = new(StringComparer.Ordinal);

    public string Description => "in memory (kept)";

    public ValueTask<ILedgerStateStore> OpenAsync(string chain, CancellationToken cancellation)
    {
        var store = new InMemoryLedgerStateStore();
        Stores[chain] = store;
        return ValueTask.FromResult<ILedgerStateStore>(store);
    }

    public InMemoryLedgerStateStore Single => Stores.Values.Single();
}
