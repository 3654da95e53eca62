using System.Runtime.CompilerServices;
using Replay.Engine.Register.Ir;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Translation;

/// <summary>
/// Register allocation: the operand stack of constants, local references and temporaries, where
/// the value at height h, once it needs a register, lives in register <c>localCount + h</c>;
/// and local preservation, which keeps values read from a local valid when the local is overwritten.
/// </summary>
internal sealed partial class FuncBuilder
{
    /// <summary>The register of stack position <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ushort Slot(int position) => (ushort)(_localCount + position);

    private void Push(Operand operand)
    {
        if (_height == _stack.Length)
            Array.Resize(ref _stack, _stack.Length * 2);
        _stack[_height++] = operand;
        if (_height > _maxHeight)
        {
            _maxHeight = _height;
            if (_localCount + _maxHeight > MaxRegisters)
                throw new RegisterLimitException($"function {_funcIndex}: operand stack needs more than {MaxRegisters} registers");
        }
    }

    private Operand Pop() => _stack[--_height];

    private ref Operand Peek(int depth) => ref _stack[_height - 1 - depth];

    /// <summary>Pushes a value that may come from another stack position, keeping temporaries in their own slot.</summary>
    private void PushMoved(Operand operand)
    {
        if (operand.Kind == OperandKind.Temp && operand.Register != Slot(_height))
        {
            Emit(new Instr(Op.Copy, Slot(_height), operand.Register), Base);
            operand = Operand.Temp(operand.Type, Slot(_height));
        }
        Push(operand);
    }

    /// <summary>Pushes the result of the instruction just emitted, which wrote the next slot.</summary>
    private void PushResult(ValType type, int instr)
    {
        Push(Operand.Temp(type, Slot(_height)));
        _relinkable = instr;
    }

    /// <summary>
    /// A register holding <paramref name="operand"/>, which sat at stack position
    /// <paramref name="position"/>: constants are materialised into that position's slot.
    /// </summary>
    /// <remarks>
    /// Fuel follows Wasmi 0.36's IR here, not ours. Wasmi encodes such a constant as a 16-bit
    /// immediate of the instruction when it fits (I32StoreImm16, SelectImm32, ...; free), and
    /// otherwise gives it a register of the function's constant pool, filled when the frame is
    /// set up: no instruction, one register per distinct value in the entry charge. Our copy
    /// runs at this point instead, so it is charged nothing, and values outside the 16-bit range
    /// are counted as pool registers.
    /// </remarks>
    private ushort RegOf(Operand operand, int position)
    {
        if (operand.Kind != OperandKind.Const)
            return operand.Register;
        var slot = Slot(position);
        Emit(new Instr(Op.CopyImm, slot, imm: operand.Bits), fuel: 0);
        if (!FitsImm16(operand))
            _pooledConsts.Add(operand.Bits);
        return slot;
    }

    private static bool FitsImm16(Operand constant) => constant.Type == ValType.I32
        ? (int)(uint)constant.Bits is >= short.MinValue and <= short.MaxValue
        : (long)constant.Bits is >= short.MinValue and <= short.MaxValue;

    /// <summary>Moves the top <paramref name="count"/> values into the slots of positions <paramref name="height"/> and up (a branch's value transfer), one unit per copy.</summary>
    private void CopyToSlots(int height, int count) => CopyToSlots(height, count, Base);

    /// <summary>
    /// Moves a call's arguments into the slots where the callee's frame will begin. Wasmi
    /// 0.32+ lists the argument registers after the call instead (constants in its pool), and
    /// charges only the call and the callee's frame: these copies are free.
    /// </summary>
    private void CopyArguments(int height, int count)
    {
        CopyToSlots(height, count, fuelPerCopy: 0);
        for (int i = _height - count; i < _height; i++)
            if (_stack[i].IsConst)
                _pooledConsts.Add(_stack[i].Bits);
    }

    private void CopyToSlots(int height, int count, ulong fuelPerCopy)
    {
        int first = _height - count;
        for (int i = 0; i < count; i++)
        {
            var v = _stack[first + i];
            var dst = Slot(height + i);
            // Copying upwards is safe: a temporary source is at or above its destination
            // slot, and locals are never destinations.
            if (v.Kind == OperandKind.Temp && v.Register == dst)
                continue;
            Emit(v.Kind == OperandKind.Const
                ? new Instr(Op.CopyImm, dst, imm: v.Bits)
                : new Instr(Op.Copy, dst, v.Register), fuelPerCopy);
        }
    }

    private bool SlotsInPlace(int height, int count)
    {
        int first = _height - count;
        for (int i = 0; i < count; i++)
        {
            var v = _stack[first + i];
            if (v.Kind != OperandKind.Temp || v.Register != Slot(height + i))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Before a local is overwritten, stack entries still reading it get their own copy of the
    /// old value (wasmi's local preservation). Those copies run before the write.
    /// </summary>
    private bool PreserveLocal(ushort local)
    {
        bool any = false;
        for (int p = 0; p < _height; p++)
        {
            var v = _stack[p];
            if (v.Kind == OperandKind.Local && v.Register == local)
            {
                Emit(new Instr(Op.Copy, Slot(p), local), Base);
                _stack[p] = Operand.Temp(v.Type, Slot(p));
                any = true;
            }
        }
        return any;
    }

    /// <summary>
    /// At control-flow boundaries every local reference on the stack becomes a copy, so a write
    /// to a local inside a nested block (possibly not executed, or executed once per loop
    /// iteration) never has to preserve values below the block.
    /// </summary>
    /// <remarks>
    /// Fuel, as Wasmi 0.36 charges its own preservation at block and if entry: each distinct
    /// local copied once, as one group (Copy or Copy2: one unit; more: one unit plus one per 8
    /// of the count + 1). At loop entry Wasmi copies nothing and preserves at the first write
    /// inside the loop instead, paying on every iteration; we pay once, at entry.
    /// </remarks>
    private void PreserveAllLocals()
    {
        _preserving.Clear();
        for (int p = 0; p < _height; p++)
        {
            var v = _stack[p];
            if (v.Kind != OperandKind.Local)
                continue;
            if (!_preserving.Contains(v.Register))
                _preserving.Add(v.Register);
            Emit(new Instr(Op.Copy, Slot(p), v.Register), fuel: 0);
            _stack[p] = Operand.Temp(v.Type, Slot(p));
        }
        int distinct = _preserving.Count;
        if (distinct > 0)
            BumpFuel(distinct <= 2 ? Base : Base + (ulong)(distinct + 1) / CopiesPerFuel);
    }
}
