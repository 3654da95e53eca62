using Replay.Wasm.Binary;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Support;

/// <summary>Fluent builder of instruction bytes, named after the operators so tests read like code.</summary>
internal sealed class Code
{
    private readonly List<byte> _bytes = [];

    public Code Op(Opcode op, params uint[] immediates)
    {
        ushort v = (ushort)op;
        if (v > 0xFF)
        {
            _bytes.Add(0xFC);
            _bytes.AddRange(Bytes.U32((uint)(v & 0xFF)));
        }
        else
        {
            _bytes.Add((byte)v);
        }
        foreach (var i in immediates) _bytes.AddRange(Bytes.U32(i));
        return this;
    }

    public Code Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    public Code I32(int v)
    {
        _bytes.Add(0x41);
        _bytes.AddRange(Bytes.S64(v));
        return this;
    }

    public Code I64(long v)
    {
        _bytes.Add(0x42);
        _bytes.AddRange(Bytes.S64(v));
        return this;
    }

    public Code F32(float v)
    {
        _bytes.Add(0x43);
        _bytes.AddRange(BitConverter.GetBytes(v));
        return this;
    }

    public Code F64(double v)
    {
        _bytes.Add(0x44);
        _bytes.AddRange(BitConverter.GetBytes(v));
        return this;
    }

    public Code Block(Opcode op, ValType? result = null)
    {
        _bytes.Add((byte)op);
        _bytes.Add(result is { } r ? (byte)r : (byte)0x40);
        return this;
    }

    public Code BlockOfType(Opcode op, uint typeIndex)
    {
        _bytes.Add((byte)op);
        _bytes.AddRange(Bytes.S64(typeIndex));
        return this;
    }

    public Code Load(Opcode op, uint align, uint offset = 0) => Op(op, align, offset);

    public Code End() => Op(Opcode.End);

    public byte[] ToArray() => [.. _bytes];
}
