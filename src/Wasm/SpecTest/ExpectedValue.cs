using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.SpecTest;

/// <summary>How an expected result is compared with the actual one.</summary>
public enum ExpectedKind : byte
{
    /// <summary>Same type and the same bits (so NaN payloads and the sign of zero count).</summary>
    Exact,

    /// <summary>A NaN whose payload is exactly the quiet bit, either sign (the spec's <c>nan:canonical</c>).</summary>
    CanonicalNan,

    /// <summary>A NaN with the quiet bit set, any other payload bits, either sign (<c>nan:arithmetic</c>).</summary>
    ArithmeticNan,

    /// <summary>Any value of the type (an <c>action</c>'s results, which are not checked).</summary>
    AnyOfType,

    /// <summary>A type no engine implements (v128): the command is skipped.</summary>
    Unsupported,
}

/// <summary>One expected result of an action.</summary>
public readonly record struct ExpectedValue(ExpectedKind Kind, ValType Type, ulong Bits, string? UnsupportedType = null)
{
    public static ExpectedValue Exact(Value v) => new(ExpectedKind.Exact, v.Type, v.Bits);

    private const uint F32Exponent = 0x7F80_0000;
    private const uint F32Quiet = 0x0040_0000;
    private const uint F32Payload = 0x007F_FFFF;
    private const ulong F64Exponent = 0x7FF0_0000_0000_0000;
    private const ulong F64Quiet = 0x0008_0000_0000_0000;
    private const ulong F64Payload = 0x000F_FFFF_FFFF_FFFF;

    /// <summary>Whether <paramref name="actual"/> satisfies this expectation.</summary>
    public bool Matches(Value actual)
    {
        if (actual.Type != Type)
            return false;
        return Kind switch
        {
            ExpectedKind.Exact => actual.Bits == Bits,
            ExpectedKind.AnyOfType => true,
            ExpectedKind.CanonicalNan => Type == ValType.F32
                ? ((uint)actual.Bits & ~0x8000_0000u) == (F32Exponent | F32Quiet)
                : (actual.Bits & ~0x8000_0000_0000_0000ul) == (F64Exponent | F64Quiet),
            ExpectedKind.ArithmeticNan => Type == ValType.F32
                ? ((uint)actual.Bits & F32Exponent) == F32Exponent && ((uint)actual.Bits & F32Quiet) != 0 && ((uint)actual.Bits & F32Payload) != 0
                : (actual.Bits & F64Exponent) == F64Exponent && (actual.Bits & F64Quiet) != 0 && (actual.Bits & F64Payload) != 0,
            _ => false,
        };
    }

    public override string ToString() => Kind switch
    {
        ExpectedKind.Exact => new Value(Type, Bits).ToString(),
        ExpectedKind.CanonicalNan => $"{Type.Name()}:nan:canonical",
        ExpectedKind.ArithmeticNan => $"{Type.Name()}:nan:arithmetic",
        ExpectedKind.AnyOfType => $"{Type.Name()}:any",
        _ => UnsupportedType ?? "unsupported",
    };
}
