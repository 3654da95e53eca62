using System.Buffers.Binary;

namespace Replay.Stellar.Streams;

/// <summary>
/// Reads an XDR record-marked stream (RFC 5531 section 11): each record is one or more fragments,
/// each preceded by a 4-byte big-endian header whose high bit marks the last fragment and whose
/// low 31 bits give the fragment length. stellar-core writes one fragment per record.
/// </summary>
/// <remarks>
/// Work and memory are linear in the bytes read whatever the framing: the stream is read in
/// chunks (so a million one-byte fragments cost a million small copies, not a million stream
/// calls), a fragmented record grows its buffer geometrically, and every fragment header after
/// a record's first counts against <c>maxRecordBytes</c>, so no run of empty fragments can go on
/// without end. Memory for a record grows only as its bytes actually arrive.
/// Each returned record owns its bytes; the stream is read ahead by up to 64 KiB.
/// </remarks>
public sealed class RecordMarkedReader
{
    /// <summary>Bounds one record so a corrupt header cannot demand gigabytes; real ledgers are a few MB.</summary>
    public const int DefaultMaxRecordBytes = 256 * 1024 * 1024;

    private const int ChunkSize = 1 << 16;

    /// <summary>A last-fragment record up to this size is read into an exactly sized array at once.</summary>
    private const int ExactAllocationLimit = 1 << 20;

    private readonly Stream _stream;
    private readonly int _maxRecordBytes;
    private readonly string? _sourceName;
    private readonly byte[] _chunk = new byte[ChunkSize];
    private int _chunkStart;
    private int _chunkEnd;

    public RecordMarkedReader(Stream stream, int maxRecordBytes = DefaultMaxRecordBytes)
        : this(stream, maxRecordBytes, null)
    {
    }

    /// <param name="sourceName">Named in <see cref="StreamFormatException"/>s (a path or object key), or null.</param>
    public RecordMarkedReader(Stream stream, int maxRecordBytes, string? sourceName)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRecordBytes);
        _maxRecordBytes = maxRecordBytes;
        _sourceName = sourceName;
    }

    /// <summary>Offset of the next record header from where reading began.</summary>
    public long Position { get; private set; }

    /// <summary>Reads the next record, or returns null at a clean end of stream.</summary>
    public RawRecord? Next()
    {
        var start = Position;
        Span<byte> header = stackalloc byte[4];
        byte[] record = [];
        var length = 0;
        // Bytes the record has cost so far: its data plus every fragment header after the first.
        long cost = -4;
        var fragments = 0;
        while (true)
        {
            var got = Take(header);
            if (got == 0 && fragments == 0)
                return null;
            if (got < 4)
                throw Error($"stream ends inside a record mark ({got} of 4 bytes)", Position + got);
            Position += 4;
            fragments++;
            var mark = BinaryPrimitives.ReadUInt32BigEndian(header);
            var last = (mark & 0x8000_0000u) != 0;
            var fragment = (int)(mark & 0x7FFF_FFFFu);
            cost += 4 + fragment;
            if (cost > _maxRecordBytes)
            {
                throw Error(fragments == 1
                    ? $"record mark announces {fragment} bytes, more than the {LedgerReadLimits.Describe(_maxRecordBytes)} a record may have"
                    : $"record of more than {LedgerReadLimits.Describe(_maxRecordBytes)} (counting the headers of its {fragments} fragments)", Position - 4);
            }
            if (_stream.CanSeek && fragment > Buffered + _stream.Length - _stream.Position)
                throw Error($"record mark announces {fragment} bytes but only {Buffered + _stream.Length - _stream.Position} remain", Position - 4);
            if (fragments == 1 && last && (fragment <= ExactAllocationLimit || _stream.CanSeek))
                record = new byte[fragment];
            ReadFragment(ref record, ref length, fragment, last);
            if (last)
                return new RawRecord(record.AsMemory(0, length), start + 4);
        }
    }

    public IEnumerable<RawRecord> ReadAll()
    {
        while (Next() is { } r)
            yield return r;
    }

    private int Buffered => _chunkEnd - _chunkStart;

    // Appends `fragment` bytes to record[..length], doubling the array as bytes arrive (at least a
    // chunk, at most the record limit, and for the last fragment at most what it still needs), so
    // an announced length is never trusted with memory and many small fragments stay linear.
    private void ReadFragment(ref byte[] record, ref int length, int fragment, bool last)
    {
        var remaining = fragment;
        while (remaining > 0)
        {
            if (length == record.Length)
            {
                var grown = Math.Min(Math.Max(2L * length, ChunkSize), last ? (long)length + remaining : _maxRecordBytes);
                Array.Resize(ref record, (int)grown);
            }
            var got = Take(record.AsSpan(length, Math.Min(remaining, record.Length - length)));
            if (got == 0)
                throw Error($"stream ends inside a record: {fragment - remaining} of {fragment} bytes of a fragment", Position);
            length += got;
            remaining -= got;
            Position += got;
        }
    }

    /// <summary>Fills <paramref name="destination"/> from the chunk and the stream; fewer bytes only at the end of the stream.</summary>
    private int Take(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            if (Buffered > 0)
            {
                var n = Math.Min(Buffered, destination.Length - total);
                _chunk.AsSpan(_chunkStart, n).CopyTo(destination[total..]);
                _chunkStart += n;
                total += n;
                continue;
            }
            var want = destination.Length - total;
            if (want >= ChunkSize)
            {
                // Large reads go straight to their destination.
                var direct = _stream.Read(destination[total..]);
                if (direct == 0)
                    break;
                total += direct;
                continue;
            }
            _chunkStart = 0;
            _chunkEnd = _stream.Read(_chunk);
            if (_chunkEnd == 0)
                break;
        }
        return total;
    }

    private StreamFormatException Error(string reason, long offset) => new(reason, offset, _sourceName);
}

/// <summary>The bytes of one XDR value and where they start in the (decompressed) container.</summary>
public readonly record struct RawRecord(ReadOnlyMemory<byte> Bytes, long Offset);
