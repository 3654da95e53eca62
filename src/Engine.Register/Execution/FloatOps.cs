using System.Runtime.CompilerServices;

namespace Replay.Engine.Register.Execution;

/// <summary>
/// Float operators whose WebAssembly semantics differ from a plain C# operator: min/max
/// (NaN propagation, -0 below +0), and the conversions to integers (trapping and saturating).
/// Trapping conversions return false with the trap's kind in <c>overflow</c> (true: out of
/// range, false: NaN), so the executor raises the trap itself.
/// </summary>
internal static class FloatOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return a + b;
        if (a == b) return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) | BitConverter.SingleToInt32Bits(b));
        return a < b ? a : b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b)) return a + b;
        if (a == b) return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(a) & BitConverter.SingleToInt32Bits(b));
        return a > b ? a : b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return a + b;
        if (a == b) return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) | BitConverter.DoubleToInt64Bits(b));
        return a < b ? a : b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return a + b;
        if (a == b) return BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a) & BitConverter.DoubleToInt64Bits(b));
        return a > b ? a : b;
    }

    // Every f32 is exactly a double, so one set of range checks on doubles serves both widths.
    // The bounds are the first values outside the target range after truncation toward zero.

    public static bool TryI32S(double d, out uint result)
    {
        result = 0;
        if (!(d > -2147483649.0 && d < 2147483648.0)) return false;
        result = (uint)(int)d;
        return true;
    }

    public static bool TryI32U(double d, out uint result)
    {
        result = 0;
        if (!(d > -1.0 && d < 4294967296.0)) return false;
        result = (uint)d;
        return true;
    }

    public static bool TryI64S(double d, out ulong result)
    {
        result = 0;
        if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) return false;
        result = (ulong)(long)d;
        return true;
    }

    public static bool TryI64U(double d, out ulong result)
    {
        result = 0;
        if (!(d > -1.0 && d < 18446744073709551616.0)) return false;
        result = (ulong)d;
        return true;
    }

    public static uint SatI32S(double d) =>
        double.IsNaN(d) ? 0 : d <= -2147483649.0 ? unchecked((uint)int.MinValue) : d >= 2147483648.0 ? int.MaxValue : (uint)(int)d;

    public static uint SatI32U(double d) =>
        double.IsNaN(d) || d <= -1.0 ? 0 : d >= 4294967296.0 ? uint.MaxValue : (uint)d;

    public static ulong SatI64S(double d) =>
        double.IsNaN(d) ? 0 : d < -9223372036854775808.0 ? unchecked((ulong)long.MinValue) : d >= 9223372036854775808.0 ? long.MaxValue : (ulong)(long)d;

    public static ulong SatI64U(double d) =>
        double.IsNaN(d) || d <= -1.0 ? 0 : d >= 18446744073709551616.0 ? ulong.MaxValue : (ulong)d;
}
