using Replay.Engine.Register.Ir;
using Replay.Wasm.Binary;

namespace Replay.Engine.Register.Translation;

/// <summary>Memory, table and reference operators.</summary>
internal sealed partial class FuncBuilder
{
    /// <summary>A load with its static offset folded in as an immediate.</summary>
    public void Load(Op op, MemArg memArg)
    {
        if (!_reachable) return;
        var address = Pop();
        int h = _height;
        // A constant address is folded with the offset into the instruction (Wasmi's load-at forms).
        int at = Emit(new Instr(op, Slot(h), RegOf(address, h, immediate: true), imm: memArg.Offset), _fuel?.Load ?? 0);
        PushResult(default, at);
    }

    public void Store(Op op, MemArg memArg)
    {
        if (!_reachable) return;
        var value = Pop();
        var address = Pop();
        int h = _height;
        var a = RegOf(address, h, immediate: true);
        var v = RegOf(value, h + 1, StoreValueFits(op, value, address.IsConst, memArg.Offset));
        Emit(new Instr(op, a, v, imm: memArg.Offset), _fuel?.Store ?? 0);
    }

    /// <summary>
    /// Whether Wasmi stores the constant <paramref name="value"/> as an immediate: 8-bit stores take
    /// any value, 16-bit ones too, the wider ones a 16-bit value (i64.store32 of its low half);
    /// with a register address only when the offset fits 16 bits. Floats are always pool registers.
    /// </summary>
    private static bool StoreValueFits(Ir.Op op, Operand value, bool constAddress, ulong offset)
    {
        if (!value.IsConst)
            return true;
        if (value.Type is Wasm.Types.ValType.F32 or Wasm.Types.ValType.F64)
            return false;
        if (!constAddress && offset > ushort.MaxValue)
            return false;
        return op switch
        {
            Ir.Op.I32Store8 or Ir.Op.I32Store16 or Ir.Op.I64Store8 or Ir.Op.I64Store16 => true,
            Ir.Op.I64Store32 => (int)(uint)value.Bits is >= short.MinValue and <= short.MaxValue,
            _ => FitsImm16(value),
        };
    }

    /// <summary>An operator with no operands and one result (memory.size, table.size, ref.func).</summary>
    public void Nullary(Op op, ulong imm)
    {
        if (!_reachable) return;
        int at = Emit(new Instr(op, Slot(_height), imm: imm), _fuel?.Entity ?? 0);
        PushResult(default, at);
    }

    /// <summary>An entity operator of one operand and one result (memory.grow, table.get).</summary>
    public void EntityUnary(Op op, ulong imm)
    {
        if (!_reachable) return;
        var x = Pop();
        int h = _height;
        int at = Emit(new Instr(op, Slot(h), RegOf(x, h), imm: imm), _fuel?.Entity ?? 0);
        PushResult(default, at);
    }

    /// <summary>table.set: two operands, no result.</summary>
    public void EntityBinaryNoResult(Op op, ulong imm)
    {
        if (!_reachable) return;
        var second = Pop();
        var first = Pop();
        int h = _height;
        var a = RegOf(first, h);
        var b = RegOf(second, h + 1);
        Emit(new Instr(op, a, b, imm: imm), _fuel?.Entity ?? 0);
    }

    /// <summary>table.grow: (init, delta) to the old size.</summary>
    public void TableGrow(uint table)
    {
        if (!_reachable) return;
        var delta = Pop();
        var init = Pop();
        int h = _height;
        var i = RegOf(init, h);
        var d = RegOf(delta, h + 1);
        int at = Emit(new Instr(Op.TableGrow, Slot(h), i, d, table), _fuel?.Entity ?? 0);
        PushResult(default, at);
    }

    /// <summary>
    /// The bulk operators (three operands, no result). They cost the base price here; the
    /// per-byte or per-element part is charged at run time, only once they have succeeded.
    /// </summary>
    public void Bulk(Op op, ulong imm)
    {
        if (!_reachable) return;
        var n = Pop();
        var s = Pop();
        var d = Pop();
        int h = _height;
        var dr = RegOf(d, h);
        var sr = RegOf(s, h + 1);
        var nr = RegOf(n, h + 2);
        Emit(new Instr(op, dr, sr, nr, imm), _fuel?.Entity ?? 0);
    }

    /// <summary>data.drop and elem.drop.</summary>
    public void SegmentDrop(Op op, uint segment)
    {
        if (_reachable) Emit(new Instr(op, imm: segment), _fuel?.Entity ?? 0);
    }
}
