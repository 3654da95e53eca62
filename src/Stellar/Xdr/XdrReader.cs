using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Replay.Stellar.Xdr;

/// <summary>
/// Strict XDR decoder over a contiguous span. Every read checks the remaining length first,
/// so truncated input fails with an <see cref="XdrException"/> instead of reading past the end,
/// and a length prefix is checked against what is left before anything is allocated.
/// </summary>
public ref struct XdrReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _maxDepth;
    private readonly long _allocationCeiling;
    private readonly long _maxAllocatedBytes;
    private int _position;
    private int _depth;
    private int _entered;

    public XdrReader(ReadOnlySpan<byte> data, int maxDepth = XdrLimits.DefaultMaxDepth)
        : this(data, maxDepth, XdrLimits.Unlimited)
    {
    }

    /// <param name="maxAllocatedBytes">
    /// Memory the decoding may allocate (the decoded value and its garbage), or
    /// <see cref="XdrLimits.Unlimited"/>. Lengths and counts are already checked against the input,
    /// so input bounds the bytes a value holds, but not the objects it is made of: a megabyte of
    /// tiny nested values decodes into several megabytes of objects. This bounds that too.
    /// </param>
    public XdrReader(ReadOnlySpan<byte> data, int maxDepth, long maxAllocatedBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAllocatedBytes);
        _data = data;
        _maxDepth = maxDepth;
        _maxAllocatedBytes = maxAllocatedBytes;
        _allocationCeiling = maxAllocatedBytes == XdrLimits.Unlimited
            ? long.MaxValue
            : GC.GetAllocatedBytesForCurrentThread() + maxAllocatedBytes;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool AtEnd => _position == _data.Length;

    /// <summary>Fails unless the whole input was consumed: trailing bytes mean the type or framing is wrong.</summary>
    public readonly void EnsureAtEnd()
    {
        if (_position != _data.Length)
            throw new XdrException($"{_data.Length - _position} trailing bytes after the value", _position);
    }

    public readonly XdrException Error(string reason) => new(reason, _position);

    /// <summary>Counts one level of struct/union nesting; called on entry to every composite decoder.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter()
    {
        if (++_depth > _maxDepth)
            throw new XdrException($"nesting deeper than {_maxDepth} levels", _position);
        // The depth limit alone cannot know how much stack the caller's thread has (Debug frames
        // are large, pool threads small), so every few levels the real stack is asked too.
        if ((_depth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new XdrException($"nesting of {_depth} levels exhausts the stack", _position);
        // Every composite allocates its object here or just after: asking the runtime what this
        // thread has allocated once every 256 of them bounds memory to within a few kilobytes.
        if ((++_entered & 0xFF) == 0 && _allocationCeiling != long.MaxValue)
            CheckAllocation();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void CheckAllocation()
    {
        if (GC.GetAllocatedBytesForCurrentThread() > _allocationCeiling)
            throw new XdrException($"decoding takes more than {_maxAllocatedBytes} bytes of memory", _position);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Leave() => _depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref byte Take(int size)
    {
        if ((uint)(_data.Length - _position) < (uint)size)
            ThrowTruncated(size);
        ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), _position);
        _position += size;
        return ref at;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTruncated(int size) =>
        throw new XdrException($"input ends: need {size} bytes, {_data.Length - _position} left", _position, endOfInput: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32()
    {
        var raw = Unsafe.ReadUnaligned<uint>(ref Take(4));
        return (int)(BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(raw) : raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadUInt32() => (uint)ReadInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64()
    {
        var raw = Unsafe.ReadUnaligned<ulong>(ref Take(8));
        return (long)(BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(raw) : raw);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUInt64() => (ulong)ReadInt64();

    /// <summary>XDR bool is an int that must be exactly 0 or 1.</summary>
    public bool ReadBool()
    {
        var v = ReadInt32();
        return v switch
        {
            0 => false,
            1 => true,
            _ => throw new XdrException($"bool must be 0 or 1, found {v}", _position - 4),
        };
    }

    /// <summary>Presence flag of an optional (<c>T*</c>): a bool on the wire.</summary>
    public bool ReadPresent() => ReadBool();

    /// <summary>
    /// Reads an array count and proves it can be satisfied by the bytes left (each element takes at
    /// least <paramref name="minElementSize"/> bytes) before the caller allocates for it.
    /// </summary>
    public int ReadCount(uint max, int minElementSize)
    {
        var start = _position;
        var count = ReadUInt32();
        if (count > max)
            throw new XdrException($"count {count} exceeds the declared maximum {max}", start);
        if (minElementSize > 0 && count > (uint)(Remaining / minElementSize))
            throw new XdrException($"count {count} cannot fit in the {Remaining} bytes left", start, endOfInput: true);
        return (int)count;
    }

    /// <summary>Variable-length opaque (and string bytes): length, bytes, zero padding to 4.</summary>
    public byte[] ReadOpaque(uint max)
    {
        var start = _position;
        var length = ReadUInt32();
        if (length > max)
            throw new XdrException($"length {length} exceeds the declared maximum {max}", start);
        if (length > (uint)Remaining)
            throw new XdrException($"length {length} exceeds the {Remaining} bytes left", start, endOfInput: true);
        if (length == 0)
            return [];
        var result = MemoryMarshal.CreateReadOnlySpan(ref Take((int)length), (int)length).ToArray();
        SkipPadding((int)length);
        return result;
    }

    public XdrString ReadString(uint max) => new(ReadOpaque(max));

    /// <summary>Fixed-length opaque into <paramref name="destination"/>, then its zero padding.</summary>
    public void ReadFixed(scoped Span<byte> destination)
    {
        MemoryMarshal.CreateReadOnlySpan(ref Take(destination.Length), destination.Length).CopyTo(destination);
        SkipPadding(destination.Length);
    }

    public byte[] ReadFixedArray(int length)
    {
        var result = new byte[length];
        ReadFixed(result);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SkipPadding(int length)
    {
        var pad = (4 - (length & 3)) & 3;
        if (pad == 0)
            return;
        ref var p = ref Take(pad);
        for (var i = 0; i < pad; i++)
        {
            if (Unsafe.Add(ref p, i) != 0)
                throw new XdrException("non-zero padding byte", _position - pad + i);
        }
    }

    /// <summary>Reports a discriminant or enum value that the schema does not declare.</summary>
    public readonly XdrException Undeclared(string type, int value) =>
        new($"{value} is not a declared {type} value", _position - 4);
}
