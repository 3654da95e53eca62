using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Execution;

/// <summary>
/// Numeric operations whose spec semantics need more than one .NET operator: trapping and
/// saturating float-to-integer truncation, and correctly rounded u64-to-float conversion.
/// Every float is widened to double first; that is exact, so the range checks hold for f32 too.
/// </summary>
internal static class Numerics
{
    /// <summary>Returned by the trapping conversions when the result is valid.</summary>
    public const TrapCode NoTrap = (TrapCode)byte.MaxValue;

    public static TrapCode I32TruncFS(double x, out ulong result)
    {
        result = 0;
        if (double.IsNaN(x)) return TrapCode.BadConversionToInteger;
        if (!(x > -2147483649.0 && x < 2147483648.0)) return TrapCode.IntegerOverflow;
        result = (uint)(int)x;
        return NoTrap;
    }

    public static TrapCode I32TruncFU(double x, out ulong result)
    {
        result = 0;
        if (double.IsNaN(x)) return TrapCode.BadConversionToInteger;
        if (!(x > -1.0 && x < 4294967296.0)) return TrapCode.IntegerOverflow;
        result = (uint)x;
        return NoTrap;
    }

    public static TrapCode I64TruncFS(double x, out ulong result)
    {
        result = 0;
        if (double.IsNaN(x)) return TrapCode.BadConversionToInteger;
        if (!(x >= -9223372036854775808.0 && x < 9223372036854775808.0)) return TrapCode.IntegerOverflow;
        result = (ulong)(long)x;
        return NoTrap;
    }

    public static TrapCode I64TruncFU(double x, out ulong result)
    {
        result = 0;
        if (double.IsNaN(x)) return TrapCode.BadConversionToInteger;
        if (!(x > -1.0 && x < 18446744073709551616.0)) return TrapCode.IntegerOverflow;
        result = (ulong)x;
        return NoTrap;
    }

    public static int I32TruncSatF32S(double x) => SatI32(x);
    public static int I32TruncSatF64S(double x) => SatI32(x);
    public static uint I32TruncSatF32U(double x) => SatU32(x);
    public static uint I32TruncSatF64U(double x) => SatU32(x);
    public static long I64TruncSatF32S(double x) => SatI64(x);
    public static long I64TruncSatF64S(double x) => SatI64(x);
    public static ulong I64TruncSatF32U(double x) => SatU64(x);
    public static ulong I64TruncSatF64U(double x) => SatU64(x);

    private static int SatI32(double x) =>
        double.IsNaN(x) ? 0 : x <= -2147483648.0 ? int.MinValue : x >= 2147483647.0 ? int.MaxValue : (int)x;

    private static uint SatU32(double x) =>
        double.IsNaN(x) || x <= 0 ? 0 : x >= 4294967295.0 ? uint.MaxValue : (uint)x;

    private static long SatI64(double x) =>
        double.IsNaN(x) ? 0 : x <= -9223372036854775808.0 ? long.MinValue : x >= 9223372036854775808.0 ? long.MaxValue : (long)x;

    private static ulong SatU64(double x) =>
        double.IsNaN(x) || x <= 0 ? 0 : x >= 18446744073709551616.0 ? ulong.MaxValue : (ulong)x;

    // min/max: .NET (and Wasmi 0.31's own min/max) return a NaN operand unchanged, so a signalling
    // NaN comes back signalling; the spec wants an arithmetic (quiet) NaN and our suite checks it.
    // Adding the operands quiets it and keeps the payload. This deliberately departs from Wasmi 0.31
    // only for signalling-NaN inputs, which need floats, which Soroban's profile rejects.
    public static float F32Min(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Min(a, b);
    public static float F32Max(float a, float b) => float.IsNaN(a) || float.IsNaN(b) ? a + b : MathF.Max(a, b);
    public static double F64Min(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Min(a, b);
    public static double F64Max(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? a + b : Math.Max(a, b);

    /// <summary>
    /// u64 to f32 with one rounding: above 2^63, halve keeping the lost bit sticky so the
    /// signed conversion rounds as the exact value would, then double (exact).
    /// </summary>
    public static float F32FromU64(ulong v) =>
        (long)v >= 0 ? (float)(long)v : (float)(long)((v >> 1) | (v & 1)) * 2f;

    public static double F64FromU64(ulong v) =>
        (long)v >= 0 ? (double)(long)v : (double)(long)((v >> 1) | (v & 1)) * 2.0;
}
