using System.Buffers.Binary;
using System.IO.Compression;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

using static Replay.Stellar.Tests.TestContainers;

namespace Replay.Stellar.Tests;

public sealed class LedgerFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-ledgerfile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<byte[]> SomeLedgers()
    {
        var core = SharedData.CorpusFiles().First(f => f.Contains("core-tests", StringComparison.Ordinal));
        return [.. LedgerFile.Open(core).RawLedgers().Take(5).Select(r => r.Bytes.ToArray())];
    }

    private static byte[] Batch(List<byte[]> ledgers)
    {
        var metas = ledgers.Select(l => XdrCodec.Decode<LedgerCloseMeta>(l)).ToArray();
        var first = Domain.LedgerTransactions.SequenceOf(metas[0]);
        return new LedgerCloseMetaBatch { StartSequence = first, EndSequence = first + (uint)metas.Length - 1, LedgerCloseMetas = metas }.ToXdr();
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [SharedFact]
    public void EveryContainerYieldsTheSameLedgersWhateverTheFileName()
    {
        var ledgers = SomeLedgers();
        var seqs = ledgers.Select(l => Domain.LedgerTransactions.SequenceOf(XdrCodec.Decode<LedgerCloseMeta>(l))).ToList();
        // Names deliberately lie about the content: detection must use the bytes.
        var cases = new (string Name, byte[] Content, LedgerContainer Expected)[]
        {
            ("a.json", RecordMarked(ledgers), new(Compression.None, Framing.RecordMarked)),
            ("b.xdr", Zstd(RecordMarked(ledgers)), new(Compression.Zstd, Framing.RecordMarked)),
            ("c.xdr.zst", Gzip(RecordMarked(ledgers)), new(Compression.Gzip, Framing.RecordMarked)),
            ("d.gz", Zstd(Batch(ledgers)), new(Compression.Zstd, Framing.Batch)),
            ("e.bin", Batch(ledgers), new(Compression.None, Framing.Batch)),
        };
        foreach (var (name, content, expected) in cases)
        {
            var path = Write(name, content);
            var file = LedgerFile.Open(path);
            Assert.Equal(expected, file.Container);
            Assert.Equal(ledgers, file.RawLedgers().Select(r => r.Bytes.ToArray()).ToList());
            Assert.Equal(seqs, LedgerCloseMetaReader.ReadFile(path).Select(Domain.LedgerTransactions.SequenceOf).ToList());
        }
    }

    [Fact]
    public void NonLedgerFilesAreNotMistakenForLedgers()
    {
        Assert.Null(LedgerFile.TryOpen(Write("index.json", """{ "files": [1, 2, 3] }"""u8.ToArray())));
        Assert.Null(LedgerFile.TryOpen(Write("empty", [])));
        Assert.Null(LedgerFile.TryOpen(Write("zeros", new byte[64])));
        Assert.Throws<StreamFormatException>(() => LedgerFile.Open(Path.Combine(_dir, "index.json")));
    }

    [Fact]
    public void RecordMarkedStreamsRoundTripIncludingFragments()
    {
        byte[][] records = [[1, 2, 3, 4], [], [5, 6, 7, 8, 9, 10, 11, 12]];
        var bytes = RecordMarked(records);
        var read = new RecordMarkedReader(new MemoryStream(bytes)).ReadAll().Select(r => r.Bytes.ToArray()).ToList();
        Assert.Equal(records, read);

        // One record split in two fragments (only the second has the last-fragment bit).
        var fragmented = new byte[4 + 2 + 4 + 3];
        BinaryPrimitives.WriteUInt32BigEndian(fragmented, 2);
        fragmented[4] = 1;
        fragmented[5] = 2;
        BinaryPrimitives.WriteUInt32BigEndian(fragmented.AsSpan(6), 0x8000_0003);
        fragmented[10] = 3;
        var single = Assert.Single(new RecordMarkedReader(new MemoryStream(fragmented)).ReadAll());
        Assert.Equal(new byte[] { 1, 2, 3, 0, 0 }, single.Bytes.ToArray());
    }

    [Fact]
    public void BrokenRecordStreamsFailWithTheirOffset()
    {
        var bytes = RecordMarked([[1, 2, 3, 4], [5, 6, 7, 8]]);
        var truncated = bytes[..^2];
        var e = Assert.Throws<StreamFormatException>(() => new RecordMarkedReader(new MemoryStream(truncated)).ReadAll().ToList());
        Assert.Equal(8, e.Offset);
        var header = Assert.Throws<StreamFormatException>(() => new RecordMarkedReader(new MemoryStream(bytes[..10])).ReadAll().ToList());
        Assert.Contains("record mark", header.Message, StringComparison.Ordinal);
        // A huge announced length on an unseekable stream must not be allocated up front.
        var huge = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(huge, 0x8FFF_FFFF);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<StreamFormatException>(() => new RecordMarkedReader(new GZipStream(new MemoryStream(Gzip(huge)), CompressionMode.Decompress)).ReadAll().ToList());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20);
    }
}
