using System.Buffers.Binary;

namespace Replay.Stellar.Streams;

/// <summary>
/// Reads an XDR record-marked stream (RFC 5531 section 11): each record is one or more fragments,
/// each preceded by a 4-byte big-endian header whose high bit marks the last fragment and whose
/// low 31 bits give the fragment length. stellar-core writes one fragment per record.
/// </summary>
public sealed class RecordMarkedReader(Stream stream, int maxRecordBytes = RecordMarkedReader.DefaultMaxRecordBytes)
{
    /// <summary>Bounds one record so a corrupt header cannot demand gigabytes; real ledgers are a few MB.</summary>
    public const int DefaultMaxRecordBytes = 256 * 1024 * 1024;

    private readonly Stream _stream = stream ?? throw new ArgumentNullException(nameof(stream));
    private readonly byte[] _header = new byte[4];

    /// <summary>Offset of the next record header from where reading began.</summary>
    public long Position { get; private set; }

    /// <summary>Reads the next record, or returns null at a clean end of stream.</summary>
    public RawRecord? Next()
    {
        var start = Position;
        byte[]? record = null;
        var length = 0;
        while (true)
        {
            var got = ReadFully(_header);
            if (got == 0 && record is null)
                return null;
            if (got < 4)
                throw new StreamFormatException($"stream ends inside a record mark ({got} of 4 bytes)", Position + got);
            Position += 4;
            var mark = BinaryPrimitives.ReadUInt32BigEndian(_header);
            var last = (mark & 0x8000_0000u) != 0;
            var fragment = (int)(mark & 0x7FFF_FFFFu);
            if ((long)length + fragment > maxRecordBytes)
                throw new StreamFormatException($"record of more than {maxRecordBytes} bytes (fragment of {fragment})", Position - 4);
            if (_stream.CanSeek && fragment > _stream.Length - _stream.Position)
                throw new StreamFormatException($"record mark announces {fragment} bytes but only {_stream.Length - _stream.Position} remain", Position - 4);
            var bytes = ReadFragment(fragment);
            if (record is null)
            {
                record = bytes;
            }
            else
            {
                Array.Resize(ref record, length + fragment);
                bytes.CopyTo(record.AsSpan(length));
            }
            Position += fragment;
            length += fragment;
            if (last)
                return new RawRecord(record, start + 4);
        }
    }

    public IEnumerable<RawRecord> ReadAll()
    {
        while (Next() is { } r)
            yield return r;
    }

    // A length from an unseekable (decompressing) stream cannot be checked up front, so large
    // fragments are read in chunks and memory grows only as far as data actually arrives.
    private byte[] ReadFragment(int fragment)
    {
        const int chunk = 1 << 20;
        if (fragment <= chunk || _stream.CanSeek)
        {
            var exact = new byte[fragment];
            var got = ReadFully(exact);
            if (got < fragment)
                throw new StreamFormatException($"stream ends inside a record: {got} of {fragment} bytes", Position + got);
            return exact;
        }
        using var collected = new MemoryStream();
        var buffer = new byte[chunk];
        var remaining = fragment;
        while (remaining > 0)
        {
            var got = ReadFully(buffer.AsSpan(0, Math.Min(chunk, remaining)));
            collected.Write(buffer, 0, got);
            remaining -= got;
            if (got == 0)
                throw new StreamFormatException($"stream ends inside a record: {fragment - remaining} of {fragment} bytes", Position + fragment - remaining);
        }
        return collected.ToArray();
    }

    private int ReadFully(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = _stream.Read(buffer[total..]);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }
}

/// <summary>The bytes of one XDR value and where they start in the (decompressed) container.</summary>
public readonly record struct RawRecord(ReadOnlyMemory<byte> Bytes, long Offset);
