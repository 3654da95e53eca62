using System.Globalization;
using System.Text;

namespace Replay.Engines.Tests.Support;

/// <summary>
/// Generates random valid modules (WebAssembly text) for differential testing. Every function
/// has type (i32, i64) -> i64 and may call only functions defined before it, so there is no
/// recursion; every loop runs on its own counter local that nothing else writes and exits after
/// a few iterations, so every program terminates. Floats appear only inside integer
/// expressions (through comparisons and conversions), so NaN payloads, which the spec leaves
/// open, never reach an observable value. Addresses are mostly masked into the memory, with a
/// few left raw so out-of-bounds traps happen too; divisions and trapping conversions trap when
/// their operands say so. Indirect calls go through a table holding the functions, one of
/// another type and null slots (all the indirect-call traps occur), and two-result blocks left
/// by br_if exercise multi-value transfers.
/// </summary>
internal sealed class ProgramGenerator(int seed)
{
    private const int Functions = 4;
    private const int MaxLoopNesting = 2;

    private readonly Random _random = new(seed);
    private readonly StringBuilder _sb = new();
    private int _function;
    private int _loopDepth;
    private int _labels;

    public static readonly string[] Globals = ["g0", "g1"];

    public string Generate()
    {
        _sb.Append("(module\n  (memory (export \"memory\") 1)\n");
        _sb.Append(CultureInfo.InvariantCulture, $"  (global $g0 (export \"g0\") (mut i32) (i32.const {_random.Next()}))\n");
        _sb.Append(CultureInfo.InvariantCulture, $"  (global $g1 (export \"g1\") (mut i64) (i64.const {_random.NextInt64()}))\n");
        _sb.Append("  (data (i32.const 0) \"\\01\\02\\03\\04\\05\\06\\07\\08\\ff\\fe\\80\\7f\")\n");
        // Slots 0-3: the functions; 4: a function of another type; 5-7: null; 8 and up: out of bounds.
        _sb.Append("  (type $sig (func (param i32 i64) (result i64)))\n");
        _sb.Append("  (table 8 funcref)\n  (elem (i32.const 0) $f0 $f1 $f2 $f3 $other)\n");
        _sb.Append("  (func $other (param i32) (result i32) (local.get 0))\n");
        for (_function = 0; _function < Functions; _function++)
        {
            _sb.Append(CultureInfo.InvariantCulture, $"  (func $f{_function} (export \"f{_function}\") (param $p i32) (param $q i64) (result i64)\n");
            _sb.Append("    (local $a i32) (local $b i32) (local $x i64) (local $y i64) (local $d f64)");
            for (int c = 0; c < MaxLoopNesting; c++)
                _sb.Append(CultureInfo.InvariantCulture, $" (local $c{c} i32)");
            _sb.Append('\n');
            int statements = _random.Next(2, 7);
            for (int s = 0; s < statements; s++)
                Statement(2);
            _sb.Append("    ").Append(I64(3)).Append(")\n");
        }
        _sb.Append(')');
        return _sb.ToString();
    }

    /// <summary>Calls of every export with a few argument pairs, run in order on one instance.</summary>
    public IReadOnlyList<CallSpec> Calls()
    {
        var calls = new List<CallSpec>();
        long[] interesting = [0, 1, -1, 7, 255, 65535, int.MaxValue, int.MinValue];
        for (int f = 0; f < Functions; f++)
        {
            for (int k = 0; k < 3; k++)
                calls.Add(new CallSpec($"f{f}", [Pick(interesting), _random.NextInt64()]));
        }
        return calls;
    }

    private long Pick(long[] values) => _random.Next(3) == 0 ? _random.Next() : values[_random.Next(values.Length)];

    private bool Chance(int percent) => _random.Next(100) < percent;

    private void Statement(int depth)
    {
        _sb.Append("    ");
        switch (_random.Next(depth <= 0 ? 5 : 11))
        {
            case 0: _sb.Append("(local.set $").Append(Chance(50) ? 'a' : 'b').Append(' ').Append(I32(3)).Append(')'); break;
            case 1: _sb.Append("(local.set $").Append(Chance(50) ? 'x' : 'y').Append(' ').Append(I64(3)).Append(')'); break;
            case 2: _sb.Append("(global.set $g0 ").Append(I32(2)).Append(')'); break;
            case 3: _sb.Append("(global.set $g1 ").Append(I64(2)).Append(')'); break;
            case 4: Store(); break;
            case 5: Loop(depth); return;
            case 6:
                _sb.Append("(if ").Append(I32(2)).Append(" (then\n");
                Statements(depth - 1);
                _sb.Append("    ) (else\n");
                Statements(depth - 1);
                _sb.Append("    ))");
                break;
            case 7:
            {
                string label = "$B" + (_labels++).ToString(CultureInfo.InvariantCulture);
                _sb.Append("(block ").Append(label).Append('\n');
                Statements(depth - 1);
                _sb.Append("    (br_if ").Append(label).Append(' ').Append(I32(1)).Append(")\n");
                Statements(depth - 1);
                _sb.Append("    )");
                break;
            }
            case 8: BrTable(depth); return;
            case 9:
                if (Chance(50)) Bulk();
                else MultiValue();
                break;
            default: _sb.Append("(drop ").Append(I64(3)).Append(')'); break;
        }
        _sb.Append('\n');
    }

    private void Statements(int depth)
    {
        int n = _random.Next(1, 3);
        for (int i = 0; i < n; i++)
            Statement(depth);
    }

    private void Loop(int depth)
    {
        if (_loopDepth >= MaxLoopNesting)
        {
            _sb.Append("(drop ").Append(I32(2)).Append(")\n");
            return;
        }
        string counter = "$c" + _loopDepth.ToString(CultureInfo.InvariantCulture);
        string label = "$L" + (_labels++).ToString(CultureInfo.InvariantCulture);
        int iterations = _random.Next(1, 6);
        _loopDepth++;
        _sb.Append("(local.set ").Append(counter).Append(" (i32.const 0))\n    (loop ").Append(label).Append('\n');
        Statements(depth - 1);
        _sb.Append(CultureInfo.InvariantCulture,
            $"    (br_if {label} (i32.lt_u (local.tee {counter} (i32.add (local.get {counter}) (i32.const 1))) (i32.const {iterations}))))\n");
        _loopDepth--;
    }

    private void BrTable(int depth)
    {
        string outer = "$T" + (_labels++).ToString(CultureInfo.InvariantCulture);
        string middle = "$T" + (_labels++).ToString(CultureInfo.InvariantCulture);
        string inner = "$T" + (_labels++).ToString(CultureInfo.InvariantCulture);
        _sb.Append("(block ").Append(outer).Append(" (block ").Append(middle).Append(" (block ").Append(inner).Append('\n');
        _sb.Append("    (br_table ").Append(inner).Append(' ').Append(middle).Append(' ').Append(outer).Append(' ').Append(middle)
            .Append(" (i32.and ").Append(I32(1)).Append(" (i32.const 7))))\n");
        Statements(depth - 1);
        _sb.Append("    )\n");
        Statements(depth - 1);
        _sb.Append("    )\n");
    }

    /// <summary>A two-result block, left either by falling through or by a br_if carrying both values.</summary>
    private void MultiValue()
    {
        string label = "$M" + (_labels++).ToString(CultureInfo.InvariantCulture);
        _sb.Append("(block ").Append(label).Append(" (result i32 i64) ").Append(I32(1)).Append(' ').Append(I64(1))
            .Append(" (br_if ").Append(label).Append(' ').Append(I32(1)).Append(") (drop) (drop) ")
            .Append(I32(1)).Append(' ').Append(I64(1)).Append(") (local.set $y) (local.set $a)");
    }

    /// <summary>
    /// An indirect call: usually to a function defined earlier (no recursion), sometimes to the
    /// slot of another type, a null slot or past the table, which trap.
    /// </summary>
    private string CallIndirect(int d)
    {
        string index = _random.Next(10) switch
        {
            0 => "(i32.const 4)",
            1 => "(i32.const 6)",
            2 => "(i32.const 9)",
            _ => $"(i32.rem_u {I32(d)} (i32.const {_function}))",
        };
        return $"(call_indirect (type $sig) {I32(d)} {I64(d)} {index})";
    }

    private void Store()
    {
        string[] ops = ["i32.store", "i32.store8", "i32.store16"];
        string[] ops64 = ["i64.store", "i64.store8", "i64.store16", "i64.store32"];
        if (Chance(50))
            _sb.Append('(').Append(ops[_random.Next(ops.Length)]).Append(Offset()).Append(' ').Append(Address()).Append(' ').Append(I32(2)).Append(')');
        else
            _sb.Append('(').Append(ops64[_random.Next(ops64.Length)]).Append(Offset()).Append(' ').Append(Address()).Append(' ').Append(I64(2)).Append(')');
    }

    private void Bulk()
    {
        string len = "(i32.and " + I32(1) + " (i32.const 255))";
        if (Chance(50))
            _sb.Append("(memory.fill ").Append(Address()).Append(' ').Append(I32(1)).Append(' ').Append(len).Append(')');
        else
            _sb.Append("(memory.copy ").Append(Address()).Append(' ').Append(Address()).Append(' ').Append(len).Append(')');
    }

    private string Offset() => Chance(50) ? "" : " offset=" + _random.Next(0, 64).ToString(CultureInfo.InvariantCulture);

    /// <summary>Usually masked into the page (8-byte aligned, leaving room for the offset), sometimes raw.</summary>
    private string Address() => Chance(6) ? I32(1) : "(i32.and " + I32(1) + " (i32.const 0xff80))";

    private string I32Const() => "(i32.const " + (Chance(50) ? _random.Next(-8, 300) : _random.Next(int.MinValue, int.MaxValue)).ToString(CultureInfo.InvariantCulture) + ")";

    private string I64Const() => "(i64.const " + (Chance(50) ? _random.Next(-8, 300) : _random.NextInt64(long.MinValue, long.MaxValue)).ToString(CultureInfo.InvariantCulture) + ")";

    private string I32(int depth)
    {
        if (depth <= 0 || Chance(20))
        {
            return _random.Next(5) switch
            {
                0 => I32Const(),
                1 => "(local.get $p)",
                2 => "(local.get $a)",
                3 => "(local.get $b)",
                _ => "(global.get $g0)",
            };
        }
        int d = depth - 1;
        string[] binary = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr", "div_s", "div_u", "rem_s", "rem_u"];
        string[] compare = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
        string[] fcompare = ["eq", "ne", "lt", "gt", "le", "ge"];
        string[] unary = ["clz", "ctz", "popcnt", "eqz", "extend8_s", "extend16_s"];
        string[] loads = ["i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"];
        switch (_random.Next(14))
        {
            case 0:
            case 1:
            case 2: return Binary("i32", binary[_random.Next(binary.Length)], I32(d), I32(d));
            case 3: return $"(i32.{compare[_random.Next(compare.Length)]} {I32(d)} {I32(d)})";
            case 4: return $"(i64.{compare[_random.Next(compare.Length)]} {I64(d)} {I64(d)})";
            case 5: return $"(i32.{unary[_random.Next(unary.Length)]} {I32(d)})";
            case 6: return $"(i32.wrap_i64 {I64(d)})";
            case 7: return $"({loads[_random.Next(loads.Length)]}{Offset()} {Address()})";
            case 8: return $"(select {I32(d)} {I32(d)} {I32(d)})";
            case 9: return $"(if (result i32) {I32(d)} (then {I32(d)}) (else {I32(d)}))";
            case 10: return $"(f64.{fcompare[_random.Next(fcompare.Length)]} {F64(d)} {F64(d)})";
            case 11: return Chance(90) ? $"(i32.trunc_sat_f64_{(Chance(50) ? 's' : 'u')} {F64(d)})" : $"(i32.trunc_f64_{(Chance(50) ? 's' : 'u')} {F64(d)})";
            case 12: return $"(local.tee $a {I32(d)})";
            default:
            {
                string label = "$E" + (_labels++).ToString(CultureInfo.InvariantCulture);
                return $"(block {label} (result i32) (drop (br_if {label} {I32(d)} {I32(d)})) {I32(d)})";
            }
        }
    }

    private string I64(int depth)
    {
        if (depth <= 0 || Chance(20))
        {
            return _random.Next(5) switch
            {
                0 => I64Const(),
                1 => "(local.get $q)",
                2 => "(local.get $x)",
                3 => "(local.get $y)",
                _ => "(global.get $g1)",
            };
        }
        int d = depth - 1;
        string[] binary = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr", "div_s", "div_u", "rem_s", "rem_u"];
        string[] unary = ["clz", "ctz", "popcnt", "extend8_s", "extend16_s", "extend32_s"];
        string[] loads = ["i64.load", "i64.load8_s", "i64.load8_u", "i64.load16_s", "i64.load16_u", "i64.load32_s", "i64.load32_u"];
        switch (_random.Next(11))
        {
            case 0:
            case 1:
            case 2: return Binary("i64", binary[_random.Next(binary.Length)], I64(d), I64(d));
            case 3: return $"(i64.{unary[_random.Next(unary.Length)]} {I64(d)})";
            case 4: return $"(i64.extend_i32_{(Chance(50) ? 's' : 'u')} {I32(d)})";
            case 5: return $"({loads[_random.Next(loads.Length)]}{Offset()} {Address()})";
            case 6: return $"(select {I64(d)} {I64(d)} {I32(d)})";
            case 7:
                if (_function == 0)
                    return $"(local.tee $x {I64(d)})";
                return Chance(70) ? $"(call $f{_random.Next(_function)} {I32(d)} {I64(d)})" : CallIndirect(d);
            case 8: return Chance(90) ? $"(i64.trunc_sat_f64_s {F64(d)})" : $"(i64.trunc_f64_{(Chance(50) ? 's' : 'u')} {F64(d)})";
            case 9: return $"(if (result i64) {I32(d)} (then {I64(d)}) (else {I64(d)}))";
            default: return $"(local.tee $y {I64(d)})";
        }
    }

    /// <summary>A binary operator; divisors are usually forced odd (non-zero) so that division traps stay a minority.</summary>
    private string Binary(string type, string op, string lhs, string rhs)
    {
        if (op.StartsWith("div", StringComparison.Ordinal) || op.StartsWith("rem", StringComparison.Ordinal))
        {
            if (Chance(85))
                rhs = $"({type}.or {rhs} ({type}.const 1))";
        }
        return $"({type}.{op} {lhs} {rhs})";
    }

    private string F64(int depth)
    {
        if (depth <= 0 || Chance(25))
        {
            return _random.Next(4) switch
            {
                0 => "(f64.const " + (_random.NextDouble() * 1e10 - 5e9).ToString("R", CultureInfo.InvariantCulture) + ")",
                1 => "(local.get $d)",
                2 => "(f64.convert_i32_s (local.get $p))",
                _ => "(f64.convert_i64_u (local.get $q))",
            };
        }
        int d = depth - 1;
        string[] binary = ["add", "sub", "mul", "div", "min", "max", "copysign"];
        string[] unary = ["abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest"];
        return _random.Next(5) switch
        {
            0 or 1 => $"(f64.{binary[_random.Next(binary.Length)]} {F64(d)} {F64(d)})",
            2 => $"(f64.{unary[_random.Next(unary.Length)]} {F64(d)})",
            3 => $"(local.tee $d {F64(d)})",
            _ => $"(f64.convert_i64_s {I64(d)})",
        };
    }
}
