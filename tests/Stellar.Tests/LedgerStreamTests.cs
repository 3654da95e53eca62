using System.Buffers.Binary;
using System.Diagnostics;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

using static Replay.Stellar.Tests.TestContainers;

namespace Replay.Stellar.Tests;

/// <summary>Reading ledgers from any stream, one at a time, within <see cref="LedgerReadLimits"/>; no ../shared needed.</summary>
public sealed class LedgerStreamTests
{
    /// <summary>A stream that cannot seek and hands out at most 7 bytes a read, like a slow network body.</summary>
    private sealed class Trickle(byte[] data) : ForwardOnlyStream
    {
        private int _at;

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(7, buffer.Length), data.Length - _at);
            data.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }
    }

    private static readonly byte[][] Ledgers =
        [SyntheticLedgers.WithQuorumSets(1, sequence: 10), SyntheticLedgers.WithQuorumSets(40, sequence: 11), SyntheticLedgers.WithQuorumSets(3, depth: 5, sequence: 12)];

    private static byte[] Batch(IReadOnlyList<byte[]> ledgers, uint first) =>
        [.. Word(first), .. Word(first + (uint)ledgers.Count - 1), .. Word((uint)ledgers.Count), .. ledgers.SelectMany(l => l)];

    private static byte[] Word(uint value)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, value);
        return word;
    }

    [Fact]
    public void Every_container_reads_the_same_from_an_unseekable_trickling_stream()
    {
        var marked = RecordMarked(Ledgers);
        var batch = Batch(Ledgers, 10);
        foreach (var content in new[] { marked, Zstd(marked), Gzip(marked), batch, Zstd(batch), Gzip(batch) })
        {
            var read = LedgerFile.Read(new Trickle(content), "trickle").ToList();
            Assert.Equal(Ledgers, read.Select(r => r.Bytes.ToArray()));
            Assert.Equal([10u, 11u, 12u], LedgerCloseMetaReader.Read(new Trickle(content), "trickle").Select(Domain.LedgerTransactions.SequenceOf));
        }
        // Offsets are in the decompressed content: after each record mark, or where each batch ledger starts.
        Assert.Equal([4L, 8 + Ledgers[0].Length, 12 + Ledgers[0].Length + Ledgers[1].Length], LedgerFile.Read(new MemoryStream(Zstd(marked)), "m").Select(r => r.Offset));
        Assert.Equal([12L, 12 + Ledgers[0].Length, 12 + Ledgers[0].Length + Ledgers[1].Length], LedgerFile.Read(new MemoryStream(batch), "b").Select(r => r.Offset));
    }

    [Fact]
    public void A_batch_is_read_through_a_window_of_one_ledger_limit()
    {
        // 30 ledgers of 400 to 800 bytes through a 1 KiB window: the window is topped up again
        // and again, and ledgers over half of it are decoded a second time after a refill.
        var ledgers = Enumerable.Range(0, 30).Select(i => SyntheticLedgers.WithQuorumSets(i % 3 * 14, sequence: (uint)i)).ToList();
        Assert.Contains(ledgers, l => l.Length > 512);
        var limits = new LedgerReadLimits(MaxLedgerBytes: 1024);
        var read = LedgerFile.Read(new Trickle(Zstd(Batch(ledgers, 0))), "batch", limits).Select(r => r.Bytes.ToArray()).ToList();
        Assert.Equal(ledgers, read);

        // A ledger that does not fit is refused with where it starts and which it is.
        var tooBig = SyntheticLedgers.WithQuorumSets(200);
        var e = Assert.Throws<StreamFormatException>(() => LedgerFile.Read(new MemoryStream(Batch([Ledgers[0], tooBig], 5)), "lake/5.xdr", limits).ToList());
        Assert.Equal("lake/5.xdr: at byte " + (12 + Ledgers[0].Length) + ": ledger 1 of the batch of 5 to 6 does not end within 1024 bytes", e.Message);
    }

    [Fact]
    public void Malformed_batches_fail_with_the_ledger_path_or_the_framing_offset()
    {
        var truncated = Batch(Ledgers, 10)[..^3];
        var x = Assert.Throws<XdrException>(() => LedgerFile.Read(new MemoryStream(truncated), "t").ToList());
        Assert.StartsWith("LedgerCloseMetaBatch.ledgerCloseMetas[2]", x.Message, StringComparison.Ordinal);
        Assert.True(x.EndOfInput);
        byte[] trailing = [.. Batch(Ledgers, 10), 0, 0, 0, 0];
        var s = Assert.Throws<StreamFormatException>(() => LedgerFile.Read(new MemoryStream(trailing), "t").ToList());
        Assert.Equal("data continues after the batch's 3 ledgers", s.Reason);
        Assert.Equal(trailing.Length - 4, s.Offset);
    }

    [Fact]
    public void Corrupt_compression_is_a_stream_format_error()
    {
        var zstd = Zstd(RecordMarked(Ledgers));
        zstd[zstd.Length / 2] ^= 0xFF;
        var z = Assert.Throws<StreamFormatException>(() => LedgerFile.Read(new MemoryStream(zstd), "z").ToList());
        Assert.Contains("zstd data cannot be decompressed", z.Message, StringComparison.Ordinal);
        var gzip = Gzip(RecordMarked(Ledgers));
        var g = Assert.Throws<StreamFormatException>(() => LedgerFile.Read(new MemoryStream(gzip[..^10]), "g").ToList());
        Assert.Equal("g", g.SourceName);
    }

    [Theory]
    [InlineData(new byte[0], ContentKind.Unrecognised, "empty")]
    [InlineData(new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x20, 0x31, 0x7D, 0x0A }, ContentKind.Text, "text")]
    [InlineData(new byte[] { 0x80, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03 }, ContentKind.Unrecognised, "version 3 (0 to 2 are known)")]
    [InlineData(new byte[] { 0x80, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01 }, ContentKind.Unrecognised, "first record mark announces 256 bytes but only 4 follow (truncated?)")]
    [InlineData(new byte[] { 0x80, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01 }, ContentKind.Ledgers, null)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00 }, ContentKind.Unrecognised, "neither a record-marked LedgerCloseMeta stream")]
    public void Content_is_classified_with_a_reason(byte[] content, ContentKind kind, string? reason)
    {
        var verdict = ContentSniffer.Classify(content, content.Length);
        Assert.Equal(kind, verdict.Kind);
        if (reason is null)
            Assert.Null(verdict.Reason);
        else
            Assert.Contains(reason, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_million_one_byte_fragments_are_read_in_linear_time()
    {
        const int Fragments = 2_000_000;
        var content = new byte[5 * Fragments];
        for (var i = 0; i < Fragments; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(content.AsSpan(5 * i), i == Fragments - 1 ? 0x8000_0001u : 1u);
            content[5 * i + 4] = (byte)i;
        }
        var clock = Stopwatch.StartNew();
        // The old reader copied the whole record once a fragment: hours for this. Give it 10 s.
        var reading = Task.Run(() => new RecordMarkedReader(new Trickle(content)).Next());
        var finished = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == reading, "reading did not end within 10 s");
        var record = (await reading)!.Value;
        Assert.Equal(Fragments, record.Bytes.Length);
        Assert.Equal(unchecked((byte)(Fragments - 1)), record.Bytes.Span[^1]);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Empty_fragment_headers_count_against_the_record_limit()
    {
        // 1 MiB of zero headers: a record that never ends, made of fragments that carry nothing.
        var reader = new RecordMarkedReader(new Trickle(new byte[1 << 20]), maxRecordBytes: 4096);
        var e = Assert.Throws<StreamFormatException>(() => reader.Next());
        // Every header after the first costs 4 bytes: the 1026th passes the limit, at byte 4 * 1025.
        Assert.Equal("record of more than 4096 bytes (counting the headers of its 1026 fragments)", e.Reason);
        Assert.Equal(4100, e.Offset);
    }

    [Fact]
    public void A_huge_record_mark_is_refused_before_anything_is_allocated()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<StreamFormatException>(() => new RecordMarkedReader(new Trickle([0x8F, 0, 0, 0, 1, 2, 3]), 1 << 20).Next());
        Assert.Contains("record mark announces 251658240 bytes, more than the 1 MiB a record may have", e.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void Decoding_stops_at_its_memory_limit()
    {
        // 30,000 quorum sets nested 4 deep: 360 KB of input, several MB of objects.
        var ledger = SyntheticLedgers.WithQuorumSets(30_000, depth: 4);
        var raw = new RawRecord(ledger, 100);
        var e = Assert.Throws<XdrException>(() => LedgerFile.DecodeLedger(raw, new LedgerReadLimits(MaxDecodedBytes: 1 << 20)));
        Assert.Equal($"decoding takes more than {1 << 20} bytes of memory", e.Reason);
        Assert.Equal(153_976, e.Offset); // where the synthetic ledger's decoding crossed 1 MiB
        Assert.Equal(ledger, LedgerFile.DecodeLedger(raw).ToXdr());
    }

    [Fact]
    public void Zstd_windows_above_the_limit_are_refused()
    {
        // A frame header declaring a 2^25-byte window, then one raw block holding a record.
        var record = RecordMarked([Ledgers[0]]);
        byte[] frame = [0x28, 0xB5, 0x2F, 0xFD, 0x00, (25 - 10) << 3, (byte)(record.Length << 3 | 1), (byte)(record.Length >> 5), (byte)(record.Length >> 13), .. record];
        Assert.Equal(Ledgers[0], LedgerFile.Read(new MemoryStream(frame), "wide", new LedgerReadLimits(MaxZstdWindowLog: 25)).Single().Bytes.ToArray());
        var e = Assert.Throws<StreamFormatException>(() => LedgerFile.Read(new MemoryStream(frame), "wide").ToList());
        Assert.Contains("windows above 16 MiB are refused", e.Message, StringComparison.Ordinal);
    }
}
