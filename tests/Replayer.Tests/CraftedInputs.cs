using System.Buffers.Binary;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Replayer.Tests;

/// <summary>
/// Builds hostile ledger files byte by byte: record marks, batches and zstd frames written by hand
/// (raw and RLE blocks), so a few kilobytes can stand for gigabytes of decompressed content.
/// </summary>
internal static class CraftedInputs
{
    private static readonly Lazy<byte[]> Empty = new(FindEmptyLedger);

    /// <summary>
    /// The smallest valid LedgerCloseMeta: version 0 with every field zero (no transactions), which
    /// decodes and round-trips, so a file of it passes `xdr check`.
    /// </summary>
    public static byte[] EmptyLedger => Empty.Value;

    private static byte[] FindEmptyLedger()
    {
        for (var length = 4; length <= 4096; length += 4)
        {
            var zeros = new byte[length];
            try
            {
                XdrCodec.Decode<LedgerCloseMeta>(zeros);
                return zeros;
            }
            catch (XdrException)
            {
                // Too short or too long: try the next size.
            }
        }
        throw new InvalidOperationException("no all-zero LedgerCloseMeta up to 4096 bytes");
    }

    /// <summary>
    /// A valid LedgerCloseMeta of 12 bytes per <paramref name="quorumSets"/> plus a little: the empty
    /// ledger with one SCP history entry holding that many empty quorum sets (12 zero bytes each).
    /// Small objects for their size, so it is also the heaviest ledger to hold decoded.
    /// </summary>
    public static byte[] LedgerWithQuorumSets(int quorumSets) =>
        [.. LedgerWithQuorumSetsHead(quorumSets), .. new byte[12L * quorumSets + 8]];

    /// <summary>
    /// The bytes of <see cref="LedgerWithQuorumSets"/> up to its quorum sets: what follows is
    /// all zeros (the sets, then an empty ledgerMessages), so it can come from an RLE block.
    /// </summary>
    public static byte[] LedgerWithQuorumSetsHead(int quorumSets) =>
        // The empty ledger ends with its scpInfo count; one SCPHistoryEntry v0 replaces it.
        [.. EmptyLedger[..^4], .. Mark(1), .. Mark(0), .. Mark((uint)quorumSets)];

    /// <summary>
    /// A valid LedgerCloseMeta whose SCP entry holds about <paramref name="levels"/> quorum sets,
    /// as chains nested <paramref name="depth"/> deep (each set's only inner set is the next).
    /// </summary>
    public static byte[] LedgerWithNestedQuorumSets(int levels, int depth)
    {
        var chain = new byte[12 * depth];
        for (var d = 0; d < depth - 1; d++)
            chain[12 * d + 11] = 1;
        var chains = levels / depth;
        var ledger = new byte[EmptyLedger.Length - 4 + 12 + chains * chain.Length + 8];
        var head = LedgerWithQuorumSetsHead(chains);
        head.CopyTo(ledger, 0);
        for (var i = 0; i < chains; i++)
            chain.CopyTo(ledger, head.Length + i * chain.Length);
        return ledger;
    }

    /// <summary>One record, one fragment, as stellar-core writes it.</summary>
    public static byte[] Record(byte[] data)
    {
        using var stream = new MemoryStream();
        new RecordMarkedWriter(stream).Write(data);
        return stream.ToArray();
    }

    public static byte[] Mark(uint value)
    {
        var mark = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(mark, value);
        return mark;
    }

    /// <summary>A LedgerCloseMetaBatch header: start and end sequence, count of ledgers.</summary>
    public static byte[] BatchHeader(uint start, uint end, uint count) => [.. Mark(start), .. Mark(end), .. Mark(count)];

    /// <summary>zstd at its strongest level, for crafted content that is mostly repetition.</summary>
    public static byte[] Zstd(byte[] content)
    {
        using var compressor = new ZstdSharp.Compressor(19);
        return compressor.Wrap(content).ToArray();
    }

    /// <summary>A zstd frame assembled from raw and RLE blocks, with the window size it declares.</summary>
    public sealed class ZstdFrame(int windowLog = 23)
    {
        private const int MaxBlock = 128 * 1024;
        private readonly List<(bool Rle, byte[] Bytes, long RleLength)> _blocks = [];

        public ZstdFrame Raw(byte[] bytes)
        {
            for (var at = 0; at < bytes.Length; at += MaxBlock)
                _blocks.Add((false, bytes[at..Math.Min(bytes.Length, at + MaxBlock)], 0));
            return this;
        }

        /// <summary><paramref name="count"/> copies of <paramref name="value"/>, at 4 bytes per 128 KiB.</summary>
        public ZstdFrame Rle(byte value, long count)
        {
            for (var left = count; left > 0; left -= MaxBlock)
                _blocks.Add((true, [value], Math.Min(left, MaxBlock)));
            return this;
        }

        public byte[] Build()
        {
            using var output = new MemoryStream();
            output.Write([0x28, 0xB5, 0x2F, 0xFD]);
            // Frame header descriptor: no content size, not single-segment, no checksum, no dictionary.
            output.WriteByte(0);
            // Window descriptor: exponent = windowLog - 10, mantissa 0.
            output.WriteByte((byte)((windowLog - 10) << 3));
            for (var i = 0; i < _blocks.Count; i++)
            {
                var (rle, bytes, rleLength) = _blocks[i];
                var size = rle ? rleLength : bytes.Length;
                var header = (uint)(size << 3) | (rle ? 2u : 0u) | (i == _blocks.Count - 1 ? 1u : 0u);
                output.Write([(byte)header, (byte)(header >> 8), (byte)(header >> 16)]);
                output.Write(bytes);
            }
            if (_blocks.Count == 0)
                output.Write([1, 0, 0]);
            return output.ToArray();
        }
    }
}
