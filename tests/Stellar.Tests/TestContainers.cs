using System.IO.Compression;
using Replay.Stellar.Streams;
using ZstdSharp;

namespace Replay.Stellar.Tests;

/// <summary>The containers ledgers come in, made in tests: record marks, zstd, gzip.</summary>
internal static class TestContainers
{
    public static byte[] RecordMarked(IEnumerable<byte[]> records)
    {
        using var stream = new MemoryStream();
        var writer = new RecordMarkedWriter(stream);
        foreach (var r in records)
            writer.Write(r);
        return stream.ToArray();
    }

    public static byte[] Zstd(byte[] data, int level = 3)
    {
        using var compressor = new Compressor(level);
        return compressor.Wrap(data).ToArray();
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Fastest))
            gz.Write(data);
        return output.ToArray();
    }
}
