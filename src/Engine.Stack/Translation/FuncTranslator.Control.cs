using Replay.Engine.Stack.Bytecode;
using Replay.Wasm.Binary;

namespace Replay.Engine.Stack.Translation;

// Structured control flow, branches, returns and calls.
internal partial struct FuncTranslator
{
    public void VisitUnreachable()
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        _code.Emit(new Instr(Op.Unreachable));
        _reachable = false;
    }

    public readonly void VisitNop()
    {
    }

    public void VisitBlock(BlockType blockType)
    {
        var (p, r) = Arity(blockType);
        if (!_reachable)
        {
            _frames.Push(new ControlFrame { Kind = FrameKind.Unreachable, Construct = FrameKind.Block, Params = p, Results = r, FuelInstr = -1 });
            return;
        }
        // A block always runs to its end or branches out, so it shares its parent's ConsumeFuel.
        _frames.Push(new ControlFrame
        {
            Kind = FrameKind.Block,
            Params = p,
            Results = r,
            Height = FrameHeight(p),
            Label = _code.NewLabel(),
            ElseLabel = -1,
            FuelInstr = _frames.Top.FuelInstr,
        });
    }

    public void VisitLoop(BlockType blockType)
    {
        var (p, r) = Arity(blockType);
        if (!_reachable)
        {
            _frames.Push(new ControlFrame { Kind = FrameKind.Unreachable, Construct = FrameKind.Loop, Params = p, Results = r, FuelInstr = -1 });
            return;
        }
        int height = FrameHeight(p);
        int head = _code.NewLabel();
        _code.Pin(head);
        // Every iteration re-enters at the head and pays for the body again.
        int fuel = EmitConsumeFuelBase();
        _frames.Push(new ControlFrame { Kind = FrameKind.Loop, Params = p, Results = r, Height = height, Label = head, ElseLabel = -1, FuelInstr = fuel });
    }

    public void VisitIf(BlockType blockType)
    {
        var (p, r) = Arity(blockType);
        if (!_reachable)
        {
            _frames.Push(new ControlFrame { Kind = FrameKind.Unreachable, Construct = FrameKind.If, Params = p, Results = r, FuelInstr = -1 });
            return;
        }
        Pop();
        int height = FrameHeight(p);
        int elseLabel = _code.NewLabel();
        int endLabel = _code.NewLabel();
        BumpFuel(_costs.Base);
        _code.EmitBranch(Op.BrIfEqz, elseLabel);
        int fuel = EmitConsumeFuelBase();
        _frames.Push(new ControlFrame { Kind = FrameKind.If, Params = p, Results = r, Height = height, Label = endLabel, ElseLabel = elseLabel, FuelInstr = fuel });
    }

    public void VisitElse()
    {
        if (_frames.Count == 0)
            throw Invalid("else outside of an if");
        var frame = _frames.Pop();
        if (frame.Kind == FrameKind.Unreachable && frame.Construct == FrameKind.If)
        {
            // The whole if is unreachable, so is its else arm.
            _frames.Push(frame);
            return;
        }
        if (frame.Kind != FrameKind.If)
            throw Invalid("else without a matching if");
        if (_reachable)
        {
            // The jump over the else arm is charged to the enclosing frame, as Wasmi does
            // (the if frame is already off its control stack at this point).
            BumpFuel(_costs.Base);
            _code.EmitBranch(Op.Br, frame.Label);
        }
        _code.Pin(frame.ElseLabel);
        if (_meterFuel)
            frame.FuelInstr = EmitConsumeFuelBase();
        _height = frame.Height;
        Push(frame.Params);
        frame.ElseSeen = true;
        _frames.Push(frame);
        _reachable = true;
    }

    public void VisitEnd()
    {
        if (_frames.Count == 0 || _finished)
            throw Invalid("operators after the end of the function");
        ref var top = ref _frames.Top;
        if (top.Kind == FrameKind.If && !top.ElseSeen)
            _code.Pin(top.ElseLabel); // without an else, a false condition jumps to the end
        if (top.Kind is FrameKind.Block or FrameKind.If)
            _code.Pin(top.Label);
        bool frameReachable = top.Kind != FrameKind.Unreachable;
        if (_frames.Count == 1)
        {
            // The end of the body returns.
            VisitReturn();
            _finished = true;
        }
        else
        {
            _reachable = frameReachable;
        }
        var frame = _frames.Pop();
        if (frameReachable)
        {
            if (frame.Height > _height)
                throw Invalid("type mismatch: block ended with too few values");
            _height = frame.Height;
        }
        // Wasmi pushes the results even for a frame opened in unreachable code (no shrink there).
        Push(frame.Results);
    }

    public void VisitBr(uint relativeDepth)
    {
        if (!_reachable) return;
        CheckDepth(relativeDepth);
        if (IsReturnDepth(relativeDepth))
        {
            VisitReturn();
            return;
        }
        var dk = DropKeepFor(relativeDepth);
        int label = _frames.NthBack(relativeDepth).Label;
        BumpFuel(_costs.Base);
        if (dk.Drop == 0)
        {
            _code.EmitBranch(Op.Br, label);
        }
        else
        {
            BumpFuel(FuelFor(dk));
            _code.EmitBranch(Op.BrAdjust, label, dk.Pack());
        }
        _reachable = false;
    }

    public void VisitBrIf(uint relativeDepth)
    {
        if (!_reachable) return;
        CheckDepth(relativeDepth);
        Pop();
        if (IsReturnDepth(relativeDepth))
        {
            // Wasmi charges nothing for a conditional return.
            _code.Emit(new Instr(Op.ReturnIfNez, 0, DropKeepForReturn().Pack()));
            return;
        }
        var dk = DropKeepFor(relativeDepth);
        int label = _frames.NthBack(relativeDepth).Label;
        BumpFuel(_costs.Base);
        if (dk.Drop == 0)
        {
            _code.EmitBranch(Op.BrIfNez, label);
        }
        else
        {
            BumpFuel(FuelFor(dk));
            _code.EmitBranch(Op.BrIfNezAdjust, label, dk.Pack());
        }
    }

    public void VisitBrTable(BrTable table)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        Pop();
        int arms = checked(table.Count + 1);
        _code.Emit(new Instr(Op.BrTable, arms));
        ulong maxFuel = 0;
        foreach (uint depth in table)
            maxFuel = Math.Max(maxFuel, EmitBrTableArm(depth));
        maxFuel = Math.Max(maxFuel, EmitBrTableArm(table.Default));
        // One charge for the dearest arm, whichever is taken.
        BumpFuel(maxFuel);
        _reachable = false;
    }

    private readonly ulong EmitBrTableArm(uint depth)
    {
        CheckDepth(depth);
        if (IsReturnDepth(depth))
        {
            var rdk = DropKeepForReturn();
            _code.Emit(new Instr(Op.Return, 0, rdk.Pack()));
            return FuelFor(rdk);
        }
        var dk = DropKeepFor(depth);
        _code.EmitBranch(Op.BrAdjust, _frames.NthBack(depth).Label, dk.Pack());
        return FuelFor(dk);
    }

    public void VisitReturn()
    {
        if (!_reachable) return;
        var dk = DropKeepForReturn();
        BumpFuel(_costs.Base);
        BumpFuel(FuelFor(dk));
        _code.Emit(new Instr(Op.Return, 0, dk.Pack()));
        _reachable = false;
    }

    public void VisitCall(uint functionIndex)
    {
        if (!_reachable) return;
        if (functionIndex >= (uint)_module.FunctionCount)
            throw Invalid("unknown function");
        BumpFuel(_costs.Call);
        var type = _module.FuncTypeOf((int)functionIndex);
        Pop(type.ParamCount);
        Push(type.ResultCount);
        var op = _module.IsImportedFunction((int)functionIndex) ? Op.CallImported : Op.CallInternal;
        _code.Emit(new Instr(op, (int)functionIndex));
    }

    public void VisitCallIndirect(uint typeIndex, uint tableIndex)
    {
        if (!_reachable) return;
        if (typeIndex >= (uint)_module.Types.Length)
            throw Invalid("unknown type");
        BumpFuel(_costs.Call);
        Pop();
        var type = _module.Types[(int)typeIndex];
        Pop(type.ParamCount);
        Push(type.ResultCount);
        _code.Emit(new Instr(Op.CallIndirect, (int)typeIndex, tableIndex));
    }

    /// <summary>Height below a block's parameters.</summary>
    private readonly int FrameHeight(int blockParams)
    {
        if (blockParams > _height)
            throw Invalid("type mismatch: block parameters missing");
        return _height - blockParams;
    }
}
