using System.Buffers.Binary;

namespace Replay.Stellar.Streams;

/// <summary>Writes XDR values as a record-marked stream, one last-fragment record per value (as stellar-core does).</summary>
public sealed class RecordMarkedWriter(Stream stream)
{
    private readonly Stream _stream = stream ?? throw new ArgumentNullException(nameof(stream));

    public void Write(ReadOnlySpan<byte> record)
    {
        if (record.Length > 0x7FFF_FFFF)
            throw new ArgumentException("record longer than a record mark can express", nameof(record));
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x8000_0000u | (uint)record.Length);
        _stream.Write(header);
        _stream.Write(record);
    }

    public void Write<T>(T value) where T : Xdr.IXdrType<T> => Write(Xdr.XdrCodec.Encode(value));
}
