using System.Globalization;
using System.Security.Cryptography;

namespace Replay.Engines.Tests.Support;

/// <summary>One export call: its name and i32/i64 arguments.</summary>
internal sealed record CallSpec(string Export, long[] Arguments);

/// <summary>
/// Everything observable about running a sequence of calls on one instance, rendered as text
/// so outcomes from different engines compare with a readable diff: each call's results or
/// trap code, then the final globals and a digest of the final memory.
/// </summary>
internal sealed class Outcome
{
    public List<string> Lines { get; } = [];

    public void Result(string export, IEnumerable<string> values) => Lines.Add($"{export} -> {string.Join(", ", values)}");

    public void Trap(string export, string code) => Lines.Add($"{export} -> trap {code}");

    public void Global(string name, string value) => Lines.Add($"global {name} = {value}");

    public void Memory(ReadOnlySpan<byte> bytes) =>
        Lines.Add($"memory {bytes.Length} bytes sha256 {Convert.ToHexString(SHA256.HashData(bytes))}");

    public override string ToString() => string.Join("\n", Lines);

    public static string I32(int v) => "i32:" + v.ToString(CultureInfo.InvariantCulture);

    public static string I64(long v) => "i64:" + v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Floats by bit pattern, except that every NaN is one NaN (payloads are nondeterministic in the spec).</summary>
    public static string F32(float v) => float.IsNaN(v) ? "f32:nan" : $"f32:0x{BitConverter.SingleToUInt32Bits(v):x8}";

    public static string F64(double v) => double.IsNaN(v) ? "f64:nan" : $"f64:0x{BitConverter.DoubleToUInt64Bits(v):x16}";
}
