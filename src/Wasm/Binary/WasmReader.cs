using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

/// <summary>
/// Cursor over a slice of a module's bytes that reads the binary format's primitives
/// (LEB128 integers, names, value types) and reports errors at absolute module offsets.
/// A ref struct so it costs nothing to create per section or per function body.
/// </summary>
public ref struct WasmReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _base;
    private int _pos;

    /// <param name="data">The slice to read.</param>
    /// <param name="baseOffset">Offset of <paramref name="data"/>[0] within the module, for messages.</param>
    /// <param name="functionIndex">Function whose body this is, or -1, for messages.</param>
    public WasmReader(ReadOnlySpan<byte> data, int baseOffset, int functionIndex = -1)
    {
        _data = data;
        _base = baseOffset;
        FunctionIndex = functionIndex;
    }

    /// <summary>Function index reported in errors (-1 outside code).</summary>
    public int FunctionIndex { get; }

    /// <summary>Absolute module offset of the next byte.</summary>
    public readonly int Position => _base + _pos;

    /// <summary>Bytes left in this slice.</summary>
    public readonly int Remaining => _data.Length - _pos;

    public readonly bool AtEnd => _pos >= _data.Length;

    /// <summary>
    /// The phrase for running out of bytes. Inside a section or a body the spec says
    /// "unexpected end of section or function"; at module level, "unexpected end".
    /// </summary>
    public string EndRule { get; init; } = "unexpected end of section or function";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        int p = _pos;
        if ((uint)p >= (uint)_data.Length) ThrowEnd();
        _pos = p + 1;
        return _data[p];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly byte PeekByte()
    {
        if ((uint)_pos >= (uint)_data.Length) ThrowEnd();
        return _data[_pos];
    }

    /// <summary>Reads <paramref name="count"/> raw bytes; the length is checked before slicing.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || count > Remaining) ThrowEnd();
        var s = _data.Slice(_pos, count);
        _pos += count;
        return s;
    }

    /// <summary>Skips to the end of the slice and returns what was skipped.</summary>
    public ReadOnlySpan<byte> ReadRest()
    {
        var s = _data[_pos..];
        _pos = _data.Length;
        return s;
    }

    public uint ReadFixedU32()
    {
        var v = BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));
        return v;
    }

    public ulong ReadFixedU64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    /// <summary>Unsigned LEB128, at most 5 bytes, unused bits of the last byte zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadVarU32()
    {
        int p = _pos;
        if ((uint)p < (uint)_data.Length)
        {
            byte b = _data[p];
            if (b < 0x80)
            {
                _pos = p + 1;
                return b;
            }
        }
        return ReadVarU32Slow();
    }

    private uint ReadVarU32Slow()
    {
        uint result = 0;
        for (int shift = 0; shift < 28; shift += 7)
        {
            byte b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        int at = Position;
        byte last = ReadByte();
        if ((last & 0x80) != 0) Throw("integer representation too long", at);
        if ((last & 0x70) != 0) Throw("integer too large", at);
        return result | ((uint)last << 28);
    }

    /// <summary>Signed LEB128 for i32: at most 5 bytes; unused bits of the last byte sign-extend.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadVarS32()
    {
        int p = _pos;
        if ((uint)p < (uint)_data.Length)
        {
            byte b = _data[p];
            if (b < 0x80)
            {
                _pos = p + 1;
                return (b << 25) >> 25;
            }
        }
        return ReadVarS32Slow();
    }

    private int ReadVarS32Slow() => (int)ReadVarSigned(32);

    /// <summary>Signed LEB128 for i64: at most 10 bytes; unused bits of the last byte sign-extend.</summary>
    public long ReadVarS64()
    {
        int p = _pos;
        if ((uint)p < (uint)_data.Length)
        {
            byte b = _data[p];
            if (b < 0x80)
            {
                _pos = p + 1;
                return ((long)b << 57) >> 57;
            }
        }
        return ReadVarS64Slow();
    }

    private long ReadVarS64Slow() => ReadVarSigned(64);

    /// <summary>Signed 33-bit LEB128, used by block types' type-index form.</summary>
    public long ReadVarS33() => ReadVarSigned(33);

    /// <summary>
    /// Signed LEB128 of <paramref name="bits"/> bits: whole 7-bit groups, then a last byte whose
    /// bits beyond the value's must repeat its sign bit ("integer too large" otherwise).
    /// </summary>
    private long ReadVarSigned(int bits)
    {
        int groupBits = (bits - 1) / 7 * 7;
        long result = 0;
        for (int shift = 0; shift < groupBits; shift += 7)
        {
            byte b = ReadByte();
            result |= (long)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                int unused = 64 - (shift + 7);
                return (result << unused) >> unused;
            }
        }
        int at = Position;
        byte last = ReadByte();
        if ((last & 0x80) != 0) Throw("integer representation too long", at);
        int valueBits = bits - groupBits;
        int valueMask = (1 << valueBits) - 1;
        int highMask = 0x7F & ~valueMask;
        bool negative = (last & (1 << (valueBits - 1))) != 0;
        if ((last & highMask) != (negative ? highMask : 0)) Throw("integer too large", at);
        result |= (long)(last & valueMask) << groupBits;
        return (result << (64 - bits)) >> (64 - bits);
    }

    /// <summary>
    /// Reads a vector length and checks that the remaining bytes could hold that many items (each
    /// is at least a byte), so a hostile count never drives an allocation.
    /// </summary>
    public int ReadCount()
    {
        int at = Position;
        uint n = ReadVarU32();
        if (n > (uint)Remaining) Throw("length out of bounds", at, $"declared count {n} exceeds the {Remaining} bytes that remain");
        return (int)n;
    }

    /// <summary>A name: length-prefixed, valid UTF-8.</summary>
    public string ReadName()
    {
        int at = Position;
        uint len = ReadVarU32();
        if (len > (uint)Remaining) Throw("length out of bounds", at, $"name of {len} bytes, {Remaining} remain");
        int start = Position;
        var bytes = ReadBytes((int)len);
        if (!Utf8.IsValid(bytes)) Throw("malformed UTF-8 encoding", start);
        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A value type byte. V128 decodes (the validator says SIMD is off); unknown codes are malformed.</summary>
    public ValType ReadValType()
    {
        int at = Position;
        byte b = ReadByte();
        if (!IsValTypeCode(b)) Throw("malformed value type", at, $"0x{b:x2}");
        return (ValType)b;
    }

    /// <summary>A reference type byte (funcref or externref).</summary>
    public ValType ReadRefType()
    {
        int at = Position;
        byte b = ReadByte();
        if (b is not ((byte)ValType.FuncRef or (byte)ValType.ExternRef))
            Throw("malformed reference type", at, $"0x{b:x2}");
        return (ValType)b;
    }

    public static bool IsValTypeCode(byte b) => b is 0x7F or 0x7E or 0x7D or 0x7C or 0x7B or 0x70 or 0x6F;

    /// <summary>A reserved byte that must be zero (memory index before multi-memory).</summary>
    public void ReadZeroByte()
    {
        int at = Position;
        if (ReadByte() != 0) Throw("zero byte expected", at);
    }

    /// <summary>
    /// The memory index of memory.init/copy/fill: the spec reserves a zero byte, but Wasmi's
    /// wasmparser 0.100 reads a LEB128 index there, so zero in a longer encoding is accepted
    /// (as on the network) while any other value is still rejected.
    /// </summary>
    public void ReadZeroIndex()
    {
        int at = Position;
        if (ReadVarU32() != 0) Throw("zero byte expected", at);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowEnd() => throw new WasmDecodeException(EndRule, Position, FunctionIndex);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public readonly void Throw(string rule, int offset, string? detail = null) =>
        throw new WasmDecodeException(rule, offset, FunctionIndex, detail);
}
