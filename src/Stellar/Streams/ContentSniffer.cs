using System.Buffers.Binary;

namespace Replay.Stellar.Streams;

/// <summary>Recognises ledger containers by their first bytes (magic numbers and XDR plausibility).</summary>
public static class ContentSniffer
{
    public static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xB5, 0x2F, 0xFD];

    public static ReadOnlySpan<byte> GzipMagic => [0x1F, 0x8B];

    public static Compression? CompressionOf(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(ZstdMagic))
            return Compression.Zstd;
        if (head.StartsWith(GzipMagic))
            return Compression.Gzip;
        return null;
    }

    /// <summary>
    /// Framing of uncompressed content: a record mark has its high bit set and a length within the
    /// content; a batch starts with startSequence, endSequence and a count equal to their span.
    /// Anything else (JSON indexes, notes) is not ledger data. <paramref name="totalLength"/> is the
    /// content length if known.
    /// </summary>
    public static Framing? FramingOf(ReadOnlySpan<byte> head, long? totalLength)
    {
        if (head.Length < 4)
            return null;
        var first = BinaryPrimitives.ReadUInt32BigEndian(head);
        if ((first & 0x8000_0000u) != 0)
        {
            var length = first & 0x7FFF_FFFFu;
            // LedgerCloseMeta starts with its version discriminant 0..2: a cheap second check.
            var plausibleVersion = head.Length < 8 || BinaryPrimitives.ReadUInt32BigEndian(head[4..]) <= 2;
            var fits = totalLength is not { } total || length <= total - 4;
            return length >= 4 && fits && plausibleVersion ? Framing.RecordMarked : null;
        }
        if (head.Length >= 12)
        {
            var start = first;
            var end = BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
            var count = BinaryPrimitives.ReadUInt32BigEndian(head[8..]);
            if (end >= start && count == (ulong)end - start + 1)
                return Framing.Batch;
        }
        return null;
    }
}
