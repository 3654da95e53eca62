using System.Buffers;

namespace Replay.Stellar.Xdr;

/// <summary>Entry points for whole values: decode exactly one value from bytes, encode one to bytes.</summary>
public static class XdrCodec
{
    /// <summary>Decodes one <typeparamref name="T"/> that must span all of <paramref name="data"/>.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> data, int maxDepth = XdrLimits.DefaultMaxDepth)
        where T : IXdrType<T> => Decode<T>(data, maxDepth, XdrLimits.Unlimited);

    /// <summary>Decodes one <typeparamref name="T"/> spanning all of <paramref name="data"/>, allocating at most <paramref name="maxAllocatedBytes"/>.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> data, int maxDepth, long maxAllocatedBytes)
        where T : IXdrType<T>
    {
        var reader = new XdrReader(data, maxDepth, maxAllocatedBytes);
        try
        {
            var value = T.Decode(ref reader);
            reader.EnsureAtEnd();
            return value;
        }
        catch (XdrException e)
        {
            e.PrependSegment(T.XdrName);
            throw;
        }
    }

    /// <summary>Decodes from a possibly segmented sequence (e.g. a pipe); multi-segment input is joined once.</summary>
    public static T Decode<T>(in ReadOnlySequence<byte> data, int maxDepth = XdrLimits.DefaultMaxDepth)
        where T : IXdrType<T>
    {
        if (data.IsSingleSegment)
            return Decode<T>(data.FirstSpan, maxDepth);
        if (data.Length > int.MaxValue)
            throw new XdrException($"value of {data.Length} bytes is larger than the codec accepts", 0);
        var rented = ArrayPool<byte>.Shared.Rent((int)data.Length);
        try
        {
            data.CopyTo(rented);
            return Decode<T>(rented.AsSpan(0, (int)data.Length), maxDepth);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Appends the encoding of <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Encode<T>(T value, IBufferWriter<byte> output)
        where T : IXdrType<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        var writer = new XdrWriter(output);
        try
        {
            value.Encode(ref writer);
        }
        catch (XdrException e)
        {
            e.PrependSegment(T.XdrName);
            throw;
        }
        writer.Flush();
    }

    /// <summary>
    /// This thread's scratch buffer for <see cref="Encode{T}(T)"/>: the writer asks for 4 KiB at
    /// least, so a fresh buffer per call made every small encoding (a key compared, an address
    /// hashed) cost 4 KiB of garbage, most of what a replay allocated. Taken while in use, so a
    /// nested encoding gets a fresh one; not kept once it grew past <see cref="MaxScratchBytes"/>.
    /// </summary>
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_scratch;

    private const int MaxScratchBytes = 1 << 20;

    public static byte[] Encode<T>(T value)
        where T : IXdrType<T>
    {
        var buffer = t_scratch ?? new ArrayBufferWriter<byte>();
        t_scratch = null;
        buffer.ResetWrittenCount();
        Encode(value, buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity <= MaxScratchBytes)
            t_scratch = buffer;
        return bytes;
    }
}
