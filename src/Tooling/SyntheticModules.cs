using System.Globalization;
using System.Text;

namespace Replay.Tooling;

/// <summary>
/// Generated modules for the compile suite: many functions, of which a call touches few.
/// That is the shape where lazy compilation pays, and roughly what a large contract is.
/// </summary>
public static class SyntheticModules
{
    /// <summary>
    /// WAT for a module of <paramref name="functions"/> functions, each an integer loop of
    /// about <paramref name="bodyOps"/> operators, with export <c>run() -> i64</c> calling the
    /// first function only. Deterministic for given arguments.
    /// </summary>
    public static string ManyFunctions(int functions, int bodyOps, int dataBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(functions, 1);
        var wat = new StringBuilder(functions * (bodyOps * 16 + 200));
        wat.Append("(module\n  (memory 1)\n");
        if (dataBytes > 0)
        {
            wat.Append("  (data (i32.const 1024) \"");
            for (var i = 0; i < dataBytes; i++)
                wat.Append(CultureInfo.InvariantCulture, $"\\{(byte)(i * 31 + 7):x2}");
            wat.Append("\")\n");
        }
        for (var f = 0; f < functions; f++)
        {
            wat.Append(CultureInfo.InvariantCulture, $"  (func $f{f} (param $n i64) (result i64) (local $acc i64) (local $i i64)\n");
            wat.Append("    (local.set $acc (local.get $n))\n");
            wat.Append("    (block $done (loop $again\n");
            wat.Append("      (br_if $done (i64.ge_u (local.get $i) (i64.const 16)))\n");
            for (var op = 0; op < bodyOps / 4; op++)
            {
                var k = (f * 131 + op * 17) % 1000 + 1;
                var operation = (op % 3) switch { 0 => "i64.add", 1 => "i64.xor", _ => "i64.mul" };
                wat.Append(CultureInfo.InvariantCulture, $"      (local.set $acc ({operation} (local.get $acc) (i64.const {k})))\n");
            }
            if (f + 1 < functions && f % 50 == 49)
                wat.Append(CultureInfo.InvariantCulture, $"      (local.set $acc (i64.add (local.get $acc) (i64.load (i32.const {f % 1000 * 8}))))\n");
            wat.Append("      (local.set $i (i64.add (local.get $i) (i64.const 1)))\n");
            wat.Append("      (br $again)))\n");
            wat.Append("    (local.get $acc))\n");
        }
        wat.Append("  (func (export \"run\") (result i64) (call $f0 (i64.const 7))))\n");
        return wat.ToString();
    }
}
