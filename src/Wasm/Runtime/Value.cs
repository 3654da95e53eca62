using System.Runtime.InteropServices;
using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// A typed WebAssembly value crossing the engine boundary (call arguments and results,
/// globals, host calls). Unmanaged on purpose: spans of it can live on the stack, so
/// host calls of the common i64 shapes allocate nothing.
/// </summary>
/// <remarks>
/// References are handles: 0 is null; a non-null funcref is an engine-defined handle;
/// a non-null externref carries the host's 64-bit payload plus one (the spec test
/// suite's externrefs are small integers, and the host needs no more than that).
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Value(ValType Type, ulong Bits)
{
    public static Value I32(int v) => new(ValType.I32, (uint)v);
    public static Value I64(long v) => new(ValType.I64, (ulong)v);
    public static Value F32(float v) => new(ValType.F32, BitConverter.SingleToUInt32Bits(v));
    public static Value F64(double v) => new(ValType.F64, BitConverter.DoubleToUInt64Bits(v));
    public static Value F32Bits(uint bits) => new(ValType.F32, bits);
    public static Value F64Bits(ulong bits) => new(ValType.F64, bits);
    public static Value NullRef(ValType refType) => new(refType, 0);
    public static Value ExternRef(ulong payload) =>
        payload == ulong.MaxValue ? throw new ArgumentOutOfRangeException(nameof(payload)) : new(ValType.ExternRef, payload + 1);

    /// <summary>The zero value of a type, which locals, globals and table slots start as.</summary>
    public static Value Default(ValType type) => new(type, 0);

    public int AsI32 => (int)(uint)Bits;
    public long AsI64 => (long)Bits;
    public float AsF32 => BitConverter.UInt32BitsToSingle((uint)Bits);
    public double AsF64 => BitConverter.UInt64BitsToDouble(Bits);
    public bool IsNull => Type.IsReference() && Bits == 0;

    /// <summary>The host payload of a non-null externref.</summary>
    public ulong ExternPayload => Type == ValType.ExternRef && Bits != 0 ? Bits - 1 : throw new InvalidOperationException("not a non-null externref");

    public override string ToString() => Type switch
    {
        ValType.I32 => $"i32:{AsI32.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        ValType.I64 => $"i64:{AsI64.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        ValType.F32 => $"f32:0x{(uint)Bits:x8}",
        ValType.F64 => $"f64:0x{Bits:x16}",
        _ when Bits == 0 => $"{Type.Name()}:null",
        ValType.ExternRef => $"externref:{(Bits - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        _ => $"{Type.Name()}:#{Bits.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
    };
}
