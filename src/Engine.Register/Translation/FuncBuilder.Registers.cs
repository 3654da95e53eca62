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
        if (operand.IsDynamic && ++_dynLive > _maxDynamic)
            _maxDynamic = _dynLive;
        if (_height > _maxHeight)
        {
            _maxHeight = _height;
            if (_localCount + _maxHeight > MaxRegisters)
                throw new RegisterLimitException($"function {_funcIndex}: operand stack needs more than {MaxRegisters} registers");
        }
    }

    private Operand Pop()
    {
        var v = _stack[--_height];
        if (v.IsDynamic)
            _dynLive--;
        return v;
    }

    /// <summary>Truncates the operand stack to <paramref name="height"/>.</summary>
    private void SetHeight(int height)
    {
        _height = height;
        RecountDynamic();
    }

    private void RecountDynamic()
    {
        int n = 0;
        for (int p = 0; p < _height; p++)
            if (_stack[p].IsDynamic)
                n++;
        _dynLive = n;
        if (n > _maxDynamic)
            _maxDynamic = n;
    }

    /// <summary>Counts the preservation registers Wasmi would hold now (one per preserved local still on the stack).</summary>
    private void CountPreserved()
    {
        int distinct = 0;
        for (int p = 0; p < _height; p++)
        {
            var v = _stack[p];
            if (!v.IsPreserved || v.IsLoopPending)
                continue;
            bool seen = false;
            for (int q = 0; q < p && !seen; q++)
                seen = _stack[q].IsPreserved && _stack[q].Bits == v.Bits;
            if (!seen)
                distinct++;
        }
        if (distinct > _maxPreserved)
            _maxPreserved = distinct;
    }

    private ref Operand Peek(int depth) => ref _stack[_height - 1 - depth];

    /// <summary>Pushes a value that may come from another stack position, keeping temporaries in their own slot.</summary>
    private void PushMoved(Operand operand)
    {
        if (operand.Kind == OperandKind.Temp && operand.Register != Slot(_height))
        {
            // Wasmi pushes the same register back: no instruction, no fuel.
            Emit(new Instr(Op.Copy, Slot(_height), operand.Register), fuel: 0);
            operand = operand with { Register = Slot(_height) };
        }
        Push(operand);
    }

    /// <summary>Pushes the result of the instruction just emitted, which wrote the next slot.</summary>
    private void PushResult(ValType type, int instr)
    {
        Push(Operand.Temp(type, Slot(_height)));
        _relinkable = instr;
        _callResult = -1;
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
    private ushort RegOf(Operand operand, int position) => RegOf(operand, position, operand.IsConst && FitsImm16(operand));

    /// <summary>As <see cref="RegOf(Operand, int)"/>, where <paramref name="immediate"/> says whether Wasmi encodes this constant in the instruction (else it is a pool register).</summary>
    private ushort RegOf(Operand operand, int position, bool immediate)
    {
        if (operand.Kind != OperandKind.Const)
            return operand.Register;
        var slot = Slot(position);
        Emit(new Instr(Op.CopyImm, slot, imm: operand.Bits), fuel: 0);
        if (!immediate)
            _pooledConsts.Add(operand.Bits);
        return slot;
    }

    /// <summary>Whether Wasmi encodes the constant as a 32-bit immediate (every i32 and f32; an i64 or f64 when it round-trips).</summary>
    private static bool FitsImm32(Operand constant) => constant.Type switch
    {
        ValType.I64 => (long)constant.Bits == (int)(long)constant.Bits,
        ValType.F64 => (double)(float)BitConverter.UInt64BitsToDouble(constant.Bits) == BitConverter.UInt64BitsToDouble(constant.Bits),
        _ => true,
    };

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
            // Wasmi copies a constant as an immediate (32-bit forms); a wider i64 takes a pool register.
            if (v.Kind == OperandKind.Const && fuelPerCopy > 0 && !FitsImm32(v))
                _pooledConsts.Add(v.Bits);
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
    /// old value (wasmi's local preservation). Those copies run before the write. Wasmi makes
    /// one preservation register for all of them: one copy, one unit of fuel. Entries we copied
    /// at a loop's entry but Wasmi still reads from the local (<see cref="Operand.IsLoopPending"/>)
    /// are preserved by Wasmi here too: they join that copy (no instruction of ours, the unit is
    /// Wasmi's). Returns whether we emitted copies, and in <paramref name="charged"/> whether Wasmi
    /// preserved anything.
    /// </summary>
    private bool PreserveLocal(ushort local, out bool charged)
    {
        bool any = false;
        charged = false;
        ulong group = 0;
        for (int p = 0; p < _height; p++)
        {
            var v = _stack[p];
            bool pending = v.IsLoopPending && v.PendingLocal == local;
            if ((v.Kind == OperandKind.Local && v.Register == local) || pending)
            {
                if (!charged)
                {
                    group = ++_preserveGroups;
                    BumpFuel(Base);
                    charged = true;
                }
                if (!pending)
                {
                    Emit(new Instr(Op.Copy, Slot(p), local), fuel: 0);
                    any = true;
                }
                _stack[p] = Operand.Preserved(v.Type, Slot(p), group);
            }
        }
        if (charged)
            CountPreserved();
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
    /// of the count + 1); entries copied at a loop entry that Wasmi still reads from their local
    /// count as locals. At loop entry (<paramref name="loop"/>) Wasmi preserves nothing (a to-do
    /// there): our copies are free and marked pending, and Wasmi's preservation is charged where it
    /// happens, at the first write to the local or the next block or if entry inside the loop.
    /// </remarks>
    private void PreserveAllLocals(bool loop = false)
    {
        _preserving.Clear();
        ulong firstGroup = _preserveGroups + 1;
        for (int p = 0; p < _height; p++)
        {
            var v = _stack[p];
            ushort local;
            if (v.Kind == OperandKind.Local)
                local = v.Register;
            else if (v.IsLoopPending && !loop)
                local = v.PendingLocal;
            else
                continue;
            if (loop)
            {
                Emit(new Instr(Op.Copy, Slot(p), local), fuel: 0);
                _stack[p] = Operand.LoopPending(v.Type, Slot(p), local);
                continue;
            }
            int k = _preserving.IndexOf(local);
            if (k < 0)
            {
                k = _preserving.Count;
                _preserving.Add(local);
                _preserveGroups++;
            }
            if (v.Kind == OperandKind.Local)
                Emit(new Instr(Op.Copy, Slot(p), local), fuel: 0);
            _stack[p] = Operand.Preserved(v.Type, Slot(p), firstGroup + (ulong)k);
        }
        int distinct = _preserving.Count;
        if (distinct > 0)
        {
            BumpFuel(distinct <= 2 ? Base : Base + (ulong)(distinct + 1) / CopiesPerFuel);
            CountPreserved();
        }
    }
}
