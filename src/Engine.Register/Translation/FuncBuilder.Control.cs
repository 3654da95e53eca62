using Replay.Engine.Register.Ir;
using Replay.Wasm.Binary;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Translation;

/// <summary>Blocks, branches, calls and returns.</summary>
internal sealed partial class FuncBuilder
{
    public bool Reachable => _reachable;

    public void Unreachable()
    {
        if (!_reachable) return;
        Emit(new Instr(Op.Trap, imm: (ulong)TrapCode.UnreachableCodeReached), Base);
        _reachable = false;
    }

    private void PushDeadFrame(FrameKind kind) =>
        PushFrame(new ControlFrame { Kind = kind, Reachable = false, FuelInstr = -1, Label = -1, ElseLabel = -1 });

    public void Block(BlockType type)
    {
        if (!_reachable) { PushDeadFrame(FrameKind.Block); return; }
        PreserveAllLocals();
        int parameters = type.ParamCount(_module);
        // Blocks are entered only by falling in, so they share the enclosing block's fuel charge.
        PushFrame(OpenFrame(FrameKind.Block, type, _height - parameters, parameters, NewLabel(), _frames[_frameCount - 1].FuelInstr));
    }

    /// <summary>A reachable frame of a block, loop or if whose parameters start at stack height <paramref name="height"/>.</summary>
    private ControlFrame OpenFrame(FrameKind kind, BlockType type, int height, int parameters, int label, int fuelInstr) => new()
    {
        Kind = kind,
        Type = type,
        Height = height,
        ParamCount = parameters,
        ResultCount = type.ResultCount(_module),
        Label = label,
        ElseLabel = -1,
        Reachable = true,
        SavedParamsStart = _savedCount,
        FuelInstr = fuelInstr,
    };

    public void Loop(BlockType type)
    {
        if (!_reachable) { PushDeadFrame(FrameKind.Loop); return; }
        PreserveAllLocals(loop: true);
        int parameters = type.ParamCount(_module);
        int height = _height - parameters;
        // Loop parameters must sit in their slots: back edges deliver them there.
        CopyToSlots(height, parameters);
        for (int i = 0; i < parameters; i++)
            _stack[height + i] = Operand.Temp(_stack[height + i].Type, Slot(height + i));
        if (parameters > 0)
            RecountDynamic();
        int header = NewLabel();
        Pin(header);
        // The header starts a basic block entered on every iteration: it gets its own charge.
        PushFrame(OpenFrame(FrameKind.Loop, type, height, parameters, header, fuelInstr: -1));
        _frames[_frameCount - 1].FuelInstr = NewFuelInstr();
    }

    public void If(BlockType type)
    {
        if (!_reachable) { PushDeadFrame(FrameKind.If); return; }
        var condition = Pop();
        PreserveAllLocals();
        int parameters = type.ParamCount(_module);
        var frame = OpenFrame(FrameKind.If, type, _height - parameters, parameters, NewLabel(), _frames[_frameCount - 1].FuelInstr);
        SaveParams(parameters);
        if (condition.IsConst)
        {
            // A constant condition makes the if a block with one dead arm, as wasmi does.
            frame.ConstCondition = true;
            frame.ConstConditionValue = (uint)condition.Bits != 0;
            PushFrame(frame);
            _reachable = frame.ConstConditionValue;
            return;
        }
        frame.ElseLabel = NewLabel();
        BranchIf(condition, frame.ElseLabel, whenZero: true);
        PushFrame(frame);
        _frames[_frameCount - 1].FuelInstr = NewFuelInstr();
    }

    private void SaveParams(int count)
    {
        if (_savedCount + count > _saved.Length)
            Array.Resize(ref _saved, Math.Max(_saved.Length * 2, _savedCount + count));
        for (int i = 0; i < count; i++)
            _saved[_savedCount++] = _stack[_height - count + i];
    }

    private void RestoreParams(in ControlFrame frame)
    {
        SetHeight(frame.Height);
        for (int i = 0; i < frame.ParamCount; i++)
            Push(_saved[frame.SavedParamsStart + i]);
    }

    public void Else()
    {
        ref var frame = ref _frames[_frameCount - 1];
        if (!frame.Reachable) return;
        frame.Kind = FrameKind.Else;
        if (frame.ConstCondition)
        {
            if (frame.ConstConditionValue)
            {
                // The then arm was live: it ends here, the else arm is dead.
                if (_reachable) FallIntoEnd(ref frame);
                _reachable = false;
            }
            else
            {
                RestoreParams(frame);
                _reachable = true;
            }
            return;
        }
        if (_reachable)
        {
            // Wasmi has popped the if's frame here: the moves and the jump of the then arm are
            // charged to the enclosing block's fuel, paid whichever arm runs.
            _frameCount--;
            CopyToSlots(frame.Height, frame.ResultCount);
            EmitBranch(new Instr(Op.Br), frame.Label);
            _frameCount++;
            frame.EndReachable = true;
        }
        Pin(frame.ElseLabel);
        frame.ElseLabel = -1;
        RestoreParams(frame);
        _reachable = true;
        frame.FuelInstr = NewFuelInstr();
    }

    /// <summary>The current arm falls through to the frame's end: its results must be in the frame's slots.</summary>
    private void FallIntoEnd(ref ControlFrame frame)
    {
        CopyToSlots(frame.Height, frame.ResultCount);
        frame.EndReachable = true;
    }

    public void End()
    {
        if (_frames[_frameCount - 1].Kind == FrameKind.Function)
        {
            // The final return still belongs to the function's block (and its fuel charge).
            if (_reachable) Return();
            _frameCount--;
            _savedCount = 0;
            return;
        }
        var frame = _frames[--_frameCount];
        if (!frame.Reachable) return;
        _savedCount = frame.SavedParamsStart;
        if (frame.Kind == FrameKind.Loop)
        {
            // Branches went to the header; only falling through reaches the end, values as they are.
            return;
        }
        bool implicitElse = frame.Kind == FrameKind.If && frame.ElseLabel >= 0;
        bool constIfNoElse = frame.Kind == FrameKind.If && frame.ConstCondition;
        if (!implicitElse && !constIfNoElse && !frame.EndReachable)
        {
            // Only falling through reaches the end: the values stay where they are.
            if (!_reachable) SetHeight(frame.Height);
            return;
        }
        if (constIfNoElse && !frame.ConstConditionValue)
        {
            // The only live path is the missing else: parameters pass through as results.
            RestoreParams(frame);
            _reachable = true;
            return;
        }
        if (!implicitElse && !_reachable && !frame.EndReachable)
        {
            SetHeight(frame.Height);
            return;
        }
        if (_reachable) FallIntoEnd(ref frame);
        if (implicitElse)
        {
            // Without an else, the false path carries the parameters to the end unchanged.
            // (Wasmi encodes this jump without charging it.)
            if (_reachable && !SavedInPlace(frame)) EmitBranch(new Instr(Op.Br), frame.Label, fuel: 0);
            Pin(frame.ElseLabel);
            RestoreParams(frame);
            CopyToSlots(frame.Height, frame.ParamCount);
        }
        Pin(frame.Label);
        SetHeight(frame.Height);
        for (int i = 0; i < frame.ResultCount; i++)
            Push(Operand.Temp(default, Slot(frame.Height + i)));
        _reachable = true;
    }

    private bool SavedInPlace(in ControlFrame frame)
    {
        for (int i = 0; i < frame.ParamCount; i++)
        {
            var v = _saved[frame.SavedParamsStart + i];
            if (v.Kind != OperandKind.Temp || v.Register != Slot(frame.Height + i))
                return false;
        }
        return true;
    }

    public void Br(uint depth) => Br(depth, Base, Base);

    /// <summary>A branch whose value moves cost <paramref name="copyFuel"/> each and the jump <paramref name="branchFuel"/>.</summary>
    private void Br(uint depth, ulong copyFuel, ulong branchFuel)
    {
        if (!_reachable) return;
        ref var target = ref FrameAt(depth);
        if (target.Kind == FrameKind.Function)
        {
            Return(branchFuel);
            return;
        }
        CopyToSlots(target.Height, target.LabelArity, copyFuel);
        EmitBranch(new Instr(Op.Br), target.Label, branchFuel);
        if (target.Kind != FrameKind.Loop) target.EndReachable = true;
        _reachable = false;
    }

    public void BrIf(uint depth)
    {
        if (!_reachable) return;
        var condition = Pop();
        if (condition.IsConst)
        {
            if ((uint)condition.Bits != 0) Br(depth);
            return;
        }
        ref var target = ref FrameAt(depth);
        if (target.Kind == FrameKind.Function && target.ResultCount == 0)
        {
            // A conditional return with nothing to return is one instruction.
            Emit(new Instr(Op.ReturnIfNez, condition.Register), Base);
            return;
        }
        if (target.Kind != FrameKind.Function && SlotsInPlace(target.Height, target.LabelArity))
        {
            if (target.Kind != FrameKind.Loop) target.EndReachable = true;
            BranchIf(condition, target.Label, whenZero: false);
            return;
        }
        // Values must move before branching: skip the moves when the condition is false.
        int skip = NewLabel();
        BranchIf(condition, skip, whenZero: true);
        Br(depth);
        _reachable = true;
        Pin(skip);
    }

    public void BrTable(BrTable table)
    {
        if (!_reachable) return;
        var index = Pop();
        if (index.IsConst)
        {
            uint i = (uint)index.Bits;
            uint chosen = table.Default;
            uint n = 0;
            foreach (var depth in table)
            {
                if (n++ == i) { chosen = depth; break; }
            }
            Br(chosen);
            return;
        }
        Emit(new Instr(Op.BrTable, index.Register, imm: (ulong)table.Count), Base);
        // The jump table: one instruction per target; targets needing value moves go
        // through trampolines placed after the table.
        Span<int> trampolines = table.Count < 256 ? stackalloc int[table.Count + 1] : new int[table.Count + 1];
        int k = 0;
        foreach (var depth in table)
            trampolines[k++] = TableEntry(depth);
        trampolines[k] = TableEntry(table.Default);
        // Wasmi shares one arm per distinct target and charges its moves, not its jump.
        var charged = new HashSet<uint>();
        k = 0;
        foreach (var depth in table)
            EmitTrampoline(trampolines[k++], depth, charged);
        EmitTrampoline(trampolines[k], table.Default, charged);
        _reachable = false;
    }

    /// <summary>Appends a jump-table entry; returns the trampoline label it jumps to, or -1 when it goes straight to the target.</summary>
    private int TableEntry(uint depth)
    {
        ref var target = ref FrameAt(depth);
        int arity = target.LabelArity;
        if (target.Kind == FrameKind.Function)
        {
            if (arity == 0) { Append(new Instr(Op.Return)); return -1; }
            if (arity == 1)
            {
                var v = Peek(0);
                Append(v.IsConst ? new Instr(Op.ReturnImm, imm: v.Bits) : new Instr(Op.Return1, b: v.Register));
                return -1;
            }
        }
        else if (SlotsInPlace(target.Height, arity))
        {
            if (target.Kind != FrameKind.Loop) target.EndReachable = true;
            _fixups.Add((Append(new Instr(Op.Br)), target.Label));
            return -1;
        }
        int trampoline = NewLabel();
        _fixups.Add((Append(new Instr(Op.Br)), trampoline));
        return trampoline;
    }

    private void EmitTrampoline(int label, uint depth, HashSet<uint> charged)
    {
        if (label < 0) return;
        Pin(label);
        _reachable = true;
        Br(depth, charged.Add(depth) ? Base : 0, branchFuel: 0);
    }

    /// <summary>Emits a conditional branch on an i32, fusing a just-computed comparison into it.</summary>
    private void BranchIf(Operand condition, int label, bool whenZero)
    {
        if (condition.Kind == OperandKind.Temp && _relinkable >= 0 && _code[_relinkable].A == condition.Register
            && TryFuse(ref _code[_relinkable], whenZero))
        {
            _fixups.Add((_relinkable, label));
            _relinkable = -1;
            return;
        }
        // Wasmi charges nothing for the conditional branch of an if or a br_if.
        EmitBranch(new Instr(whenZero ? Op.BrIfEqz : Op.BrIfNez, condition.Register), label, fuel: 0);
    }

    public void Return() => Return(Base);

    private void Return(ulong fuel)
    {
        if (!_reachable) return;
        int n = _type.ResultCount;
        if (n == 0)
            Emit(new Instr(Op.Return), fuel);
        else if (n == 1)
        {
            // Peek, not pop: br_if reuses the stack after a conditional return.
            var v = Peek(0);
            if (v.IsConst && !FitsImm32(v))
                _pooledConsts.Add(v.Bits);
            Emit(v.IsConst ? new Instr(Op.ReturnImm, imm: v.Bits) : new Instr(Op.Return1, b: v.Register), fuel);
        }
        else
        {
            int first = _height - n;
            CopyToSlots(first, n);
            Emit(new Instr(Op.CopySpan, 0, Slot(first), (ushort)n), Base + (ulong)n / CopiesPerFuel);
            Emit(new Instr(Op.Return), Base);
        }
        _reachable = false;
    }

    public void Call(uint funcIndex)
    {
        if (!_reachable) return;
        var type = _module.FuncTypeOf((int)funcIndex);
        EmitCall(new Instr(Op.Call, imm: funcIndex), type.ParamCount, type.ResultCount);
    }

    public void CallIndirect(uint typeIndex, uint tableIndex)
    {
        if (!_reachable) return;
        if (tableIndex > ushort.MaxValue)
            throw new RegisterLimitException($"function {_funcIndex}: table index {tableIndex} exceeds the register engine's 16-bit operand");
        var type = _module.Types[(int)typeIndex];
        var index = Pop();
        var reg = RegOf(index, _height);
        EmitCall(new Instr(Op.CallIndirect, 0, reg, (ushort)tableIndex, typeIndex), type.ParamCount, type.ResultCount);
    }

    /// <summary>Arguments go to consecutive slots, where the callee's frame will begin: results come back in the same place.</summary>
    private void EmitCall(Instr call, int parameters, int results)
    {
        int first = _height - parameters;
        CopyArguments(first, parameters);
        call.A = Slot(first);
        SetHeight(first);
        int at = Emit(call, _fuel?.Call ?? 0);
        for (int i = 0; i < results; i++)
            Push(Operand.Temp(default, Slot(_height)));
        if (results == 1)
            _callResult = at;
    }
}
