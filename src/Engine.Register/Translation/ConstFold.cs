using System.Numerics;
using Replay.Engine.Register.Ir;

namespace Replay.Engine.Register.Translation;

/// <summary>
/// Evaluation of integer operators on constants at translation time (wasmi folds them too,
/// so such operators emit nothing and cost no fuel). Only operators that cannot trap are
/// folded; division and remainder are left to run time.
/// </summary>
internal static class ConstFold
{
    public static bool TryBinary(Op op, ulong a, ulong b, out ulong result)
    {
        result = 0;
        if (!IsFoldable(op))
            return false;
        uint x = (uint)a, y = (uint)b;
        result = op switch
        {
            Op.I32Add => x + y,
            Op.I32Sub => x - y,
            Op.I32Mul => x * y,
            Op.I32And => x & y,
            Op.I32Or => x | y,
            Op.I32Xor => x ^ y,
            Op.I32Shl => x << (int)(y & 31),
            Op.I32ShrS => (uint)((int)x >> (int)(y & 31)),
            Op.I32ShrU => x >> (int)(y & 31),
            Op.I32Rotl => BitOperations.RotateLeft(x, (int)(y & 31)),
            Op.I32Rotr => BitOperations.RotateRight(x, (int)(y & 31)),
            Op.I64Add => a + b,
            Op.I64Sub => a - b,
            Op.I64Mul => a * b,
            Op.I64And => a & b,
            Op.I64Or => a | b,
            Op.I64Xor => a ^ b,
            Op.I64Shl => a << (int)(b & 63),
            Op.I64ShrS => (ulong)((long)a >> (int)(b & 63)),
            Op.I64ShrU => a >> (int)(b & 63),
            Op.I64Rotl => BitOperations.RotateLeft(a, (int)(b & 63)),
            Op.I64Rotr => BitOperations.RotateRight(a, (int)(b & 63)),
            Op.I32Eq => B(x == y),
            Op.I32Ne => B(x != y),
            Op.I32LtS => B((int)x < (int)y),
            Op.I32LtU => B(x < y),
            Op.I32GtS => B((int)x > (int)y),
            Op.I32GtU => B(x > y),
            Op.I32LeS => B((int)x <= (int)y),
            Op.I32LeU => B(x <= y),
            Op.I32GeS => B((int)x >= (int)y),
            Op.I32GeU => B(x >= y),
            Op.I64Eq => B(a == b),
            Op.I64Ne => B(a != b),
            Op.I64LtS => B((long)a < (long)b),
            Op.I64LtU => B(a < b),
            Op.I64GtS => B((long)a > (long)b),
            Op.I64GtU => B(a > b),
            Op.I64LeS => B((long)a <= (long)b),
            Op.I64LeU => B(a <= b),
            Op.I64GeS => B((long)a >= (long)b),
            Op.I64GeU => B(a >= b),
            _ => throw new InvalidOperationException($"{op} is not foldable"),
        };
        // i32 results are kept zero-extended, as registers hold them.
        if (op <= Op.I32Rotr && op >= Op.I32Add)
            result = (uint)result;
        return true;
    }

    /// <summary>
    /// Integer unary operators and conversions on a constant (none of them can trap); the
    /// result's type is returned with it. Float operators are left to run time.
    /// </summary>
    public static bool TryUnary(Op op, ulong a, out ulong result, out Replay.Wasm.Types.ValType type)
    {
        uint x = (uint)a;
        type = Replay.Wasm.Types.ValType.I32;
        switch (op)
        {
            case Op.I32Eqz: result = B(x == 0); return true;
            case Op.I64Eqz: result = B(a == 0); return true;
            case Op.I32Clz: result = (uint)BitOperations.LeadingZeroCount(x); return true;
            case Op.I32Ctz: result = (uint)BitOperations.TrailingZeroCount(x); return true;
            case Op.I32Popcnt: result = (uint)BitOperations.PopCount(x); return true;
            case Op.I32WrapI64: result = x; return true;
            case Op.I32Extend8S: result = (uint)(sbyte)x; return true;
            case Op.I32Extend16S: result = (uint)(short)x; return true;
        }
        type = Replay.Wasm.Types.ValType.I64;
        switch (op)
        {
            case Op.I64Clz: result = (ulong)BitOperations.LeadingZeroCount(a); return true;
            case Op.I64Ctz: result = (ulong)BitOperations.TrailingZeroCount(a); return true;
            case Op.I64Popcnt: result = (ulong)BitOperations.PopCount(a); return true;
            case Op.I64ExtendI32S: result = (ulong)(int)x; return true;
            case Op.I64ExtendI32U: result = x; return true;
            case Op.I64Extend8S: result = (ulong)(sbyte)a; return true;
            case Op.I64Extend16S: result = (ulong)(short)a; return true;
            case Op.I64Extend32S: result = (ulong)(int)a; return true;
        }
        result = 0;
        return false;
    }

    private static bool IsFoldable(Op op) =>
        (op is (>= Op.I32Add and <= Op.I32Rotr) or (>= Op.I64Add and <= Op.I64Rotr)
            or (>= Op.I32Eq and <= Op.I32GeU) or (>= Op.I64Eq and <= Op.I64GeU))
        && op is not (Op.I32DivS or Op.I32DivU or Op.I32RemS or Op.I32RemU or Op.I64DivS or Op.I64DivU or Op.I64RemS or Op.I64RemU);

    private static ulong B(bool v) => v ? 1UL : 0UL;

    /// <summary>
    /// Whether <c>x op c</c> is just <c>x</c> (so nothing is emitted), or, with
    /// <paramref name="zero"/>, always zero — the neutral and absorbing constants wasmi exploits.
    /// </summary>
    public static bool IsNeutral(Op op, ulong c, out bool zero)
    {
        zero = false;
        bool is32 = op < Op.I64Add;
        ulong allOnes = is32 ? uint.MaxValue : ulong.MaxValue;
        if (is32) c = (uint)c;
        ulong shift = c & (is32 ? 31UL : 63UL);
        switch (op)
        {
            case Op.I32Add or Op.I64Add or Op.I32Sub or Op.I64Sub or Op.I32Or or Op.I64Or or Op.I32Xor or Op.I64Xor:
                return c == 0;
            case Op.I32Shl or Op.I64Shl or Op.I32ShrS or Op.I64ShrS or Op.I32ShrU or Op.I64ShrU
                or Op.I32Rotl or Op.I64Rotl or Op.I32Rotr or Op.I64Rotr:
                return shift == 0;
            case Op.I32Mul or Op.I64Mul:
                zero = c == 0;
                return c == 1;
            case Op.I32And or Op.I64And:
                zero = c == 0;
                return c == allOnes;
            case Op.I32DivS or Op.I64DivS or Op.I32DivU or Op.I64DivU:
                return c == 1;
            default:
                return false;
        }
    }
}
