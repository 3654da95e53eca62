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
        var (a, b) = ComparerScratch.Take();
        try
        {
            XdrCodec.Encode(x, a);
            XdrCodec.Encode(y, b);
            return a.WrittenSpan.SequenceEqual(b.WrittenSpan);
        }
        finally
        {
            ComparerScratch.Return(a, b);
        }
    }

    public int GetHashCode(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var (a, b) = ComparerScratch.Take();
        try
        {
            XdrCodec.Encode(obj, a);
            var hash = new HashCode();
            hash.AddBytes(a.WrittenSpan);
            return hash.ToHashCode();
        }
        finally
        {
            ComparerScratch.Return(a, b);
        }
    }
}

/// <summary>
/// This thread's two encoding buffers for <see cref="XdrValueComparer{T}"/>: the XDR writer asks
/// for 4 KiB at least, so fresh buffers made every dictionary lookup by ledger key cost 8 KiB of
/// garbage. Taken while in use (a nested comparison gets fresh ones); not kept once grown past 1 MiB.
/// </summary>
internal static class ComparerScratch
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_a;
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_b;

    private const int MaxScratchBytes = 1 << 20;

    public static (ArrayBufferWriter<byte> A, ArrayBufferWriter<byte> B) Take()
    {
        var a = t_a ?? new ArrayBufferWriter<byte>();
        var b = t_b ?? new ArrayBufferWriter<byte>();
        t_a = t_b = null;
        a.ResetWrittenCount();
        b.ResetWrittenCount();
        return (a, b);
    }

    public static void Return(ArrayBufferWriter<byte> a, ArrayBufferWriter<byte> b)
    {
        if (a.Capacity <= MaxScratchBytes)
            t_a = a;
        if (b.Capacity <= MaxScratchBytes)
            t_b = b;
    }
}
