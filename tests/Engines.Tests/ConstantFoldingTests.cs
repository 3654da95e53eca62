using System.Globalization;
using System.Text;
using Replay.Engines.Tests.Support;

namespace Replay.Engines.Tests;

/// <summary>
/// The register translator evaluates integer operators on constants itself (as Wasmi does):
/// every such operator on boundary constants must give what the stack engine and Wasmtime
/// compute at run time.
/// </summary>
public sealed class ConstantFoldingTests
{
    private static readonly string[] I32Unary = ["i32.eqz", "i32.clz", "i32.ctz", "i32.popcnt", "i32.extend8_s", "i32.extend16_s"];
    private static readonly string[] I64Unary = ["i64.eqz", "i64.clz", "i64.ctz", "i64.popcnt", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s", "i32.wrap_i64"];
    private static readonly string[] I32ToI64 = ["i64.extend_i32_s", "i64.extend_i32_u"];
    private static readonly long[] I32Constants = [0, 1, -1, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, int.MaxValue, int.MinValue];
    private static readonly long[] I64Constants = [0, 1, -1, 0x80, 0x8000, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000, long.MaxValue, long.MinValue];

    [Fact]
    public void Unary_operators_on_constants_agree_on_every_engine()
    {
        var wat = new StringBuilder("(module\n");
        var calls = new List<CallSpec>();
        void Add(string op, string inputType, long constant)
        {
            var name = $"{op} {constant.ToString(CultureInfo.InvariantCulture)}";
            string resultType = op is "i64.eqz" or "i32.wrap_i64" ? "i32" : op.StartsWith("i64", StringComparison.Ordinal) ? "i64" : "i32";
            wat.Append(CultureInfo.InvariantCulture, $"  (func (export \"{name}\") (result {resultType}) ({op} ({inputType}.const {constant})))\n");
            calls.Add(new CallSpec(name, []));
        }
        foreach (var op in I32Unary.Concat(I32ToI64))
            foreach (var c in I32Constants)
                Add(op, "i32", c);
        foreach (var op in I64Unary)
            foreach (var c in I64Constants)
                Add(op, "i64", c);
        wat.Append(')');
        var outcome = EngineMatrix.AssertAgree(Wat.ToWasm(wat.ToString()), calls, [], "constant unary operators");
        Assert.Equal(calls.Count, outcome.Lines.Count(l => l.Contains(" -> i", StringComparison.Ordinal)));
    }
}
