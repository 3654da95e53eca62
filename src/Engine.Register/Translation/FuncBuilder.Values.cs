using Replay.Engine.Register.Ir;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Translation;

/// <summary>Constants, locals, globals, parametric operators and the numeric families.</summary>
internal sealed partial class FuncBuilder
{
    public void Const(ValType type, ulong bits)
    {
        if (_reachable) Push(Operand.Const(type, bits));
    }

    public void LocalGet(uint index)
    {
        if (_reachable) Push(Operand.Local(default, (ushort)index));
    }

    public void LocalSet(uint index)
    {
        if (!_reachable) return;
        var local = (ushort)index;
        var value = Pop();
        // Wasmi rewrites the result register of the instruction that just computed the value
        // (a call's too) instead of copying, so such a copy is free.
        bool lastResult = value.IsDynamic
            && ((_relinkable >= 0 && _code[_relinkable].A == value.Register) || (_callResult >= 0 && _code[_callResult].A == value.Register));
        int relinkable = _relinkable;
        bool copied = PreserveLocal(local, out _);
        if (!copied && lastResult && relinkable >= 0)
        {
            // Copy elision: the instruction that computed the value writes the local directly.
            _code[relinkable].A = local;
            _relinkable = -1;
            return;
        }
        switch (value.Kind)
        {
            case OperandKind.Const:
                if (!FitsImm32(value))
                    _pooledConsts.Add(value.Bits);
                Emit(new Instr(Op.CopyImm, local, imm: value.Bits), Base);
                break;
            case OperandKind.Local when value.Register == local:
                break;
            default:
                Emit(new Instr(Op.Copy, local, value.Register), lastResult ? 0 : Base);
                break;
        }
    }

    public void LocalTee(uint index)
    {
        if (!_reachable) return;
        var top = Peek(0);
        LocalSet(index);
        // A constant stays a constant (cheaper for its consumer); anything else is now the local.
        Push(top.IsConst ? top : Operand.Local(top.Type, (ushort)index));
    }

    public void Drop()
    {
        if (_reachable) Pop();
    }

    public void Select()
    {
        if (!_reachable) return;
        var condition = Pop();
        var second = Pop();
        var first = Pop();
        if (condition.IsConst)
        {
            PushMoved((uint)condition.Bits != 0 ? first : second);
            return;
        }
        int h = _height;
        // Wasmi takes a constant operand as a 32-bit immediate (a wider i64 from the pool).
        var a = RegOf(first, h, FitsImm32(first));
        var b = RegOf(second, h + 1, FitsImm32(second));
        int at = Emit(new Instr(Op.Select, Slot(h), a, b, condition.Register), Base);
        PushResult(first.Type, at);
    }

    public void GlobalGet(uint index)
    {
        if (!_reachable) return;
        // Wasmi reads an immutable global the module defines with a constant initialiser as that constant.
        int defined = (int)index - _module.ImportedGlobalCount;
        if (defined >= 0 && defined < _module.Globals.Length)
        {
            var g = _module.Globals[defined];
            if (!g.Type.Mutable && g.Init.Kind is Wasm.Modules.ConstExprKind.I32Const or Wasm.Modules.ConstExprKind.I64Const)
            {
                Push(Operand.Const(g.Init.Kind == Wasm.Modules.ConstExprKind.I32Const ? ValType.I32 : ValType.I64, g.Init.Bits));
                return;
            }
        }
        int at = Emit(new Instr(Op.GlobalGet, Slot(_height), imm: index), _fuel?.Entity ?? 0);
        PushResult(default, at);
    }

    public void GlobalSet(uint index)
    {
        if (!_reachable) return;
        var value = Pop();
        if (value.IsConst && index <= ushort.MaxValue)
        {
            // Wasmi's immediate forms take 16-bit values; others come from the pool.
            if (!FitsImm16(value))
                _pooledConsts.Add(value.Bits);
            Emit(new Instr(Op.GlobalSetImm, b: (ushort)index, imm: value.Bits), _fuel?.Entity ?? 0);
        }
        else
            Emit(new Instr(Op.GlobalSet, RegOf(value, _height), imm: index), _fuel?.Entity ?? 0);
    }

    /// <summary>
    /// A binary operator. A constant right operand is folded into the <paramref name="immOp"/>
    /// form (a constant left one too, when the operator commutes or has a mirrored comparison);
    /// two constants fold to a constant; neutral constants emit nothing.
    /// </summary>
    public void Binary(Op op, Op immOp, bool commutative, Op swappedImm = Op.Trap)
    {
        if (!_reachable) return;
        var rhs = Pop();
        var lhs = Pop();
        int h = _height;
        if (lhs.IsConst && rhs.IsConst && ConstFold.TryBinary(op, lhs.Bits, rhs.Bits, out var folded))
        {
            Push(Operand.Const(lhs.Type, folded));
            return;
        }
        var origImmOp = immOp;
        if (immOp != Op.Trap)
        {
            if (lhs.IsConst && !rhs.IsConst)
            {
                if (commutative)
                    (lhs, rhs) = (rhs, lhs);
                else if (swappedImm != Op.Trap)
                {
                    (lhs, rhs) = (rhs, lhs);
                    immOp = swappedImm;
                }
            }
            if (rhs.IsConst && !lhs.IsConst)
            {
                if (ConstFold.IsNeutral(op, rhs.Bits, out bool zero))
                {
                    PushMoved(lhs);
                    return;
                }
                if (zero)
                {
                    Push(Operand.Const(lhs.Type, 0));
                    return;
                }
                if (!ImmediateFits(op, immOp != origImmOp, rhs))
                    _pooledConsts.Add(rhs.Bits);
                int at = Emit(new Instr(immOp, Slot(h), lhs.Register, imm: rhs.Bits), Base);
                PushResult(lhs.Type, at);
                return;
            }
        }
        var l = RegOf(lhs, h);
        var r = RegOf(rhs, h + 1);
        int i = Emit(new Instr(op, Slot(h), l, r), Base);
        PushResult(lhs.Type, i);
    }

    /// <summary>A unary operator or conversion; an integer one on a constant folds to a constant.</summary>
    public void Unary(Op op)
    {
        if (!_reachable) return;
        var x = Pop();
        if (x.IsConst && ConstFold.TryUnary(op, x.Bits, out var folded, out var type))
        {
            Push(Operand.Const(type, folded));
            return;
        }
        int h = _height;
        // Wasmi fuses i32.eqz into an i32.and/or/xor that just computed its operand (one instruction).
        bool fused = op == Op.I32Eqz && x.IsDynamic && _relinkable >= 0 && _code[_relinkable].A == x.Register
            && _code[_relinkable].Op is Op.I32And or Op.I32Or or Op.I32Xor or Op.I32AndImm or Op.I32OrImm or Op.I32XorImm;
        var r = RegOf(x, h);
        int at = Emit(new Instr(op, Slot(h), r), fused ? 0 : Base);
        PushResult(default, at);
    }

    /// <summary>
    /// Whether Wasmi encodes the constant right operand of <paramref name="op"/> as an immediate
    /// (16-bit forms; shift amounts always fit) rather than a pool register. A subtraction by a
    /// constant is an addition of its negation; an operand moved from the left uses the reversed
    /// or mirrored form, with the same 16-bit range.
    /// </summary>
    private static bool ImmediateFits(Op op, bool swapped, Operand rhs)
    {
        if (op is Op.I32Shl or Op.I32ShrS or Op.I32ShrU or Op.I32Rotl or Op.I32Rotr
            or Op.I64Shl or Op.I64ShrS or Op.I64ShrU or Op.I64Rotl or Op.I64Rotr)
            return swapped ? FitsImm16(rhs) : true;
        if (!swapped && op is Op.I32Sub or Op.I64Sub)
        {
            long negated = rhs.Type == ValType.I32 ? -(long)(int)(uint)rhs.Bits : -(long)rhs.Bits;
            return negated is >= short.MinValue and <= short.MaxValue;
        }
        return FitsImm16(rhs);
    }

    /// <summary>
    /// Turns the comparison at <paramref name="compare"/> into a compare-and-branch taken when the
    /// comparison holds (or, with <paramref name="whenZero"/>, when it does not).
    /// </summary>
    private static bool TryFuse(ref Instr compare, bool whenZero)
    {
        var op = compare.Op;
        if (op == Op.I32Eqz)
        {
            compare = new Instr(whenZero ? Op.BrIfNez : Op.BrIfEqz, compare.B);
            return true;
        }
        int index;
        Op family;
        bool imm;
        if (op is >= Op.I32Eq and <= Op.I32GeU) { index = op - Op.I32Eq; family = Op.BrI32Eq; imm = false; }
        else if (op is >= Op.I32EqImm and <= Op.I32GeUImm) { index = op - Op.I32EqImm; family = Op.BrI32EqImm; imm = true; }
        else if (op is >= Op.I64Eq and <= Op.I64GeU) { index = op - Op.I64Eq; family = Op.BrI64Eq; imm = false; }
        else if (op is >= Op.I64EqImm and <= Op.I64GeUImm) { index = op - Op.I64EqImm; family = Op.BrI64EqImm; imm = true; }
        else return false;
        if (imm && family == Op.BrI64EqImm && (long)compare.Imm != (int)(long)compare.Imm)
            return false;
        if (whenZero) index = Negated(index);
        var fused = (Op)((int)family + index);
        compare = imm
            ? new Instr(fused, b: compare.B, imm: (ulong)(uint)compare.Imm << 32)
            : new Instr(fused, b: compare.B, c: compare.C);
        return true;
    }

    /// <summary>The comparison (index within Eq..GeU) that holds exactly when <paramref name="index"/> does not.</summary>
    private static int Negated(int index) => index switch
    {
        0 => 1, 1 => 0,
        2 => 8, 8 => 2,
        3 => 9, 9 => 3,
        4 => 6, 6 => 4,
        5 => 7, 7 => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };
}
