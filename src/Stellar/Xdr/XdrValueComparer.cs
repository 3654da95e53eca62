using System.Buffers;

namespace Replay.Stellar.Xdr;

/// <summary>
/// Equality by encoding: two values are equal when their XDR bytes are. Generated classes keep
/// reference equality (they are mutable), so maps keyed by ledger keys or ScVals use this comparer.
/// </summary>
public sealed class XdrValueComparer<T> : IEqualityComparer<T>
    where T : IXdrType<T>
{
    public static XdrValueComparer<T> Instance { get; } = new();

    public bool Equals(T? x, T? y)
    {
        if (ReferenceEquals(x, y))
            return true;
        if (x is null || y is null)
            return false;
        var a = new ArrayBufferWriter<byte>(256);
        var b = new ArrayBufferWriter<byte>(256);
        XdrCodec.Encode(x, a);
        XdrCodec.Encode(y, b);
        return a.WrittenSpan.SequenceEqual(b.WrittenSpan);
    }

    public int GetHashCode(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var buffer = new ArrayBufferWriter<byte>(256);
        XdrCodec.Encode(obj, buffer);
        var hash = new HashCode();
        hash.AddBytes(buffer.WrittenSpan);
        return hash.ToHashCode();
    }
}
