using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Replay.Stellar.Xdr;

/// <summary>
/// XDR encoder into an <see cref="IBufferWriter{T}"/>. It takes chunks from the buffer writer and
/// fills them directly, so small primitives do not each pay a GetSpan/Advance round trip.
/// Call <see cref="Flush"/> when done (the static helpers on the generated types do).
/// </summary>
public ref struct XdrWriter
{
    private const int ChunkSize = 4096;
    private readonly IBufferWriter<byte> _output;
    private readonly int _maxDepth;
    private Span<byte> _chunk;
    private int _used;
    private long _flushed;
    private int _depth;

    public XdrWriter(IBufferWriter<byte> output, int maxDepth = XdrLimits.DefaultMaxDepth)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _maxDepth = maxDepth;
    }

    /// <summary>Bytes written so far (flushed and pending).</summary>
    public readonly long Position => _flushed + _used;

    public void Flush()
    {
        if (_used == 0)
            return;
        _output.Advance(_used);
        _flushed += _used;
        _used = 0;
        _chunk = default;
    }

    public readonly XdrException Error(string reason) => new(reason, Position);

    /// <summary>Guards against cyclic or absurdly deep object graphs built in memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (++_depth > _maxDepth)
            throw new XdrException($"nesting deeper than {_maxDepth} levels", Position);
        // The depth limit alone cannot know how much stack the caller's thread has (Debug frames
        // are large, pool threads small), so every few levels the real stack is asked too.
        if ((_depth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new XdrException($"nesting of {_depth} levels exhausts the stack", Position);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Leave() => _depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (_chunk.Length - _used < size)
            NextChunk(size);
        var span = _chunk.Slice(_used, size);
        _used += size;
        return span;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void NextChunk(int size)
    {
        Flush();
        _chunk = _output.GetSpan(Math.Max(size, ChunkSize));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), value);

    public void WriteBool(bool value) => WriteInt32(value ? 1 : 0);

    /// <summary>Array count after checking the declared maximum (a value built in memory may exceed it).</summary>
    public void WriteCount(int count, uint max)
    {
        if ((uint)count > max)
            throw Error($"count {count} exceeds the declared maximum {max}");
        WriteUInt32((uint)count);
    }

    public void WriteOpaque(scoped ReadOnlySpan<byte> bytes, uint max)
    {
        if ((uint)bytes.Length > max)
            throw Error($"length {bytes.Length} exceeds the declared maximum {max}");
        WriteUInt32((uint)bytes.Length);
        WriteFixed(bytes);
    }

    public void WriteString(XdrString value, uint max) => WriteOpaque(value.Bytes, max);

    /// <summary>Fixed-length opaque: the bytes then zero padding to a multiple of 4.</summary>
    public void WriteFixed(scoped ReadOnlySpan<byte> bytes)
    {
        var padded = (bytes.Length + 3) & ~3;
        if (padded == 0)
            return;
        var span = Reserve(padded);
        bytes.CopyTo(span);
        span[bytes.Length..].Clear();
    }

    /// <summary>Fixed-length opaque held in a byte array, whose length the schema fixes.</summary>
    public void WriteFixedArray(byte[] bytes, int length)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != length)
            throw Error($"fixed opaque must be {length} bytes, has {bytes.Length}");
        WriteFixed(bytes);
    }
}
