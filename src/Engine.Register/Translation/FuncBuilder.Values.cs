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
        bool preserved = PreserveLocal(local);
        if (!preserved && value.Kind == OperandKind.Temp && _relinkable >= 0 && _code[_relinkable].A == value.Register)
        {
            // Copy elision: the instruction that computed the value writes the local directly.
            _code[_relinkable].A = local;
            _relinkable = -1;
            return;
        }
        switch (value.Kind)
        {
            case OperandKind.Const:
                Emit(new Instr(Op.CopyImm, local, imm: value.Bits), Base);
                break;
            case OperandKind.Local when value.Register == local:
                break;
            default:
                Emit(new Instr(Op.Copy, local, value.Register), Base);
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
        var a = RegOf(first, h);
        var b = RegOf(second, h + 1);
        int at = Emit(new Instr(Op.Select, Slot(h), a, b, condition.Register), Base);
        PushResult(first.Type, at);
    }

    public void GlobalGet(uint index)
    {
        if (!_reachable) return;
        int at = Emit(new Instr(Op.GlobalGet, Slot(_height), imm: index), _fuel?.Entity ?? 0);
        PushResult(default, at);
    }

    public void GlobalSet(uint index)
    {
        if (!_reachable) return;
        var value = Pop();
        if (value.IsConst && index <= ushort.MaxValue)
            Emit(new Instr(Op.GlobalSetImm, b: (ushort)index, imm: value.Bits), _fuel?.Entity ?? 0);
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
        var r = RegOf(x, h);
        int at = Emit(new Instr(op, Slot(h), r), Base);
        PushResult(default, at);
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
