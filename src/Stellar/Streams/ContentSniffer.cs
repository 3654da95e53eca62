using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Replay.Stellar.Streams;

/// <summary>What the first bytes of some content say it is.</summary>
public enum ContentKind
{
    /// <summary>A record-marked LedgerCloseMeta stream or a LedgerCloseMetaBatch.</summary>
    Ledgers,

    /// <summary>Text (JSON indexes, notes): not ledger data, and plainly not damaged ledger data either.</summary>
    Text,

    /// <summary>Binary content that is not readable ledger data: damaged, truncated, empty or of another kind.</summary>
    Unrecognised,
}

/// <summary>The verdict on some content: its framing if it holds ledgers, otherwise why not.</summary>
public readonly record struct ContentVerdict(ContentKind Kind, Framing? Framing, string? Reason);

/// <summary>Recognises ledger containers by their first bytes (magic numbers and XDR plausibility).</summary>
public static class ContentSniffer
{
    /// <summary>Bytes of (decompressed) content that <see cref="Classify"/> looks at.</summary>
    public const int HeadLength = 512;

    /// <summary>Highest LedgerCloseMeta version (union discriminant) the schema declares.</summary>
    public const uint MaxLedgerCloseMetaVersion = 2;

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
    public static Framing? FramingOf(ReadOnlySpan<byte> head, long? totalLength) => Classify(head, totalLength).Framing;

    /// <summary>
    /// Decides what <paramref name="head"/> (the first up to <see cref="HeadLength"/> bytes of
    /// decompressed content) is and, when it is not ledger data, says why in a sentence naming
    /// what was found: a first record longer than the content, an unsupported LedgerCloseMeta
    /// version, and so on. <paramref name="totalLength"/> is the content length if known.
    /// </summary>
    public static ContentVerdict Classify(ReadOnlySpan<byte> head, long? totalLength)
    {
        if (head.IsEmpty)
            return Unrecognised("empty: no ledger data");
        if (LooksLikeText(head))
            return new ContentVerdict(ContentKind.Text, null, "text, not ledger data");
        if (head.Length < 4)
            return Unrecognised($"only {head.Length} bytes: too short for ledger data");
        var first = BinaryPrimitives.ReadUInt32BigEndian(head);
        if ((first & 0x8000_0000u) != 0)
        {
            var length = first & 0x7FFF_FFFFu;
            if (length < 4)
                return Unrecognised($"first record mark announces {length} bytes, too few for a LedgerCloseMeta");
            if (totalLength is { } total && length > total - 4)
                return Unrecognised($"first record mark announces {length} bytes but only {total - 4} follow (truncated?)");
            if (head.Length >= 8 && BinaryPrimitives.ReadUInt32BigEndian(head[4..]) is var version and > MaxLedgerCloseMetaVersion)
                return Unrecognised($"first record is not a supported LedgerCloseMeta: version {version} (0 to {MaxLedgerCloseMetaVersion} are known)");
            return new ContentVerdict(ContentKind.Ledgers, Framing.RecordMarked, null);
        }
        if (head.Length >= 12)
        {
            var start = first;
            var end = BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
            var count = BinaryPrimitives.ReadUInt32BigEndian(head[8..]);
            if (end >= start && count == (ulong)end - start + 1)
            {
                if (head.Length >= 16 && BinaryPrimitives.ReadUInt32BigEndian(head[12..]) is var version and > MaxLedgerCloseMetaVersion)
                    return Unrecognised($"batch of ledgers {start} to {end} starts with an unsupported LedgerCloseMeta: version {version} (0 to {MaxLedgerCloseMetaVersion} are known)");
                return new ContentVerdict(ContentKind.Ledgers, Framing.Batch, null);
            }
        }
        return Unrecognised(string.Create(CultureInfo.InvariantCulture,
            $"neither a record-marked LedgerCloseMeta stream (no record mark) nor a LedgerCloseMetaBatch (first bytes {Convert.ToHexStringLower(head[..Math.Min(12, head.Length)])})"));
    }

    /// <summary>
    /// True for UTF-8 text without control characters other than tab, line feed, form feed and
    /// carriage return. A multi-byte character cut off by the end of <paramref name="head"/> is allowed.
    /// Ledger data never qualifies: a record mark starts with a byte of 0x80 or more that cannot
    /// start a UTF-8 character, and a batch starts with a big-endian sequence number holding
    /// control bytes.
    /// </summary>
    public static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
            return false;
        var rest = head;
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(rest, out var rune, out var consumed);
            if (status == OperationStatus.NeedMoreData)
                return head.Length >= HeadLength;
            if (status != OperationStatus.Done)
                return false;
            if (Rune.IsControl(rune) && rune.Value is not ('\t' or '\n' or '\f' or '\r'))
                return false;
            rest = rest[consumed..];
        }
        return true;
    }

    private static ContentVerdict Unrecognised(string reason) => new(ContentKind.Unrecognised, null, reason);
}
