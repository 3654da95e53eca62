using System.IO.Compression;
using System.Security.Cryptography;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Sample;

/// <summary>
/// The sample network's bucket lists, kept in their simplest valid shape: the whole live state in
/// one bucket (level 0's curr), every other bucket empty, and an empty hot archive (nothing is
/// evicted). Hashes follow stellar-core: a bucket's hash is SHA-256 of its uncompressed
/// content; a level's, SHA-256(curr ‖ snap); a list's, SHA-256 of its levels' hashes; and from
/// protocol 23 the header's bucketListHash is SHA-256(live list ‖ hot archive list).
/// </summary>
internal static class BucketLists
{
    public const int Levels = 11;

    private static readonly byte[] Empty = new byte[32];

    /// <summary>The live bucket's content: a METAENTRY, then every entry as a LIVEENTRY in key order, record-marked.</summary>
    public static byte[] LiveBucket(SampleState state)
    {
        using var stream = new MemoryStream();
        var writer = new RecordMarkedWriter(stream);
        writer.Write<BucketEntry>(new BucketEntry.Metaentry(new BucketMetadata
        {
            LedgerVersion = SampleNetwork.Protocol,
            Ext = new BucketMetadataExt.V1(BucketListType.Live),
        }));
        foreach (var (_, entry) in state.Sorted())
            writer.Write<BucketEntry>(new BucketEntry.Liveentry(entry));
        return stream.ToArray();
    }

    public static byte[] ListHash(byte[] level0Curr)
    {
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var level = 0; level < Levels; level++)
        {
            var curr = level == 0 ? level0Curr : Empty;
            all.AppendData(SHA256.HashData([.. curr, .. Empty]));
        }
        return all.GetHashAndReset();
    }

    public static Hash HeaderHash(SampleState state)
    {
        var live = ListHash(SHA256.HashData(LiveBucket(state)));
        var hot = ListHash(Empty);
        return Hash.FromBytes(SHA256.HashData([.. live, .. hot]));
    }

    /// <summary>gzip without a timestamp or file name: the same input gives the same bytes.</summary>
    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(content);
        return output.ToArray();
    }
}
