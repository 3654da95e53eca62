using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Types;

namespace Replay.Wasm.Validation;

// Control instructions: structured blocks, branches, calls.
public sealed partial class FuncValidator
{
    public void VisitUnreachable() => SetUnreachable();

    public void VisitNop()
    {
    }

    public void VisitBlock(BlockType blockType)
    {
        CheckBlockType(blockType);
        PopValues(StartTypes(blockType));
        PushFrame(FrameKind.Block, blockType);
    }

    public void VisitLoop(BlockType blockType)
    {
        CheckBlockType(blockType);
        PopValues(StartTypes(blockType));
        PushFrame(FrameKind.Loop, blockType);
    }

    public void VisitIf(BlockType blockType)
    {
        CheckBlockType(blockType);
        Pop(ValType.I32);
        PopValues(StartTypes(blockType));
        PushFrame(FrameKind.If, blockType);
    }

    public void VisitElse()
    {
        if (_frames[_frameCount - 1].Kind != FrameKind.If)
            throw Invalid("else found outside of an if block");
        var frame = PopFrame();
        PushFrame(FrameKind.Else, frame.Type);
    }

    public void VisitEnd()
    {
        var frame = PopFrame();
        if (frame.Kind == FrameKind.If)
        {
            // An if without else has an empty else branch, which passes its parameters through:
            // that only types if the parameters are the results.
            if (!StartTypes(frame.Type).SequenceEqual(EndTypes(frame.Type)))
                throw Invalid("type mismatch", "if without else must have matching parameter and result types");
        }
        if (frame.Kind != FrameKind.Function) PushValues(EndTypes(frame.Type));
    }

    public void VisitBr(uint relativeDepth)
    {
        PopValues(LabelTypes(in Label(relativeDepth)));
        SetUnreachable();
    }

    public void VisitBrIf(uint relativeDepth)
    {
        Pop(ValType.I32);
        var types = LabelTypes(in Label(relativeDepth));
        PopValues(types);
        PushValues(types);
    }

    public void VisitBrTable(BrTable table)
    {
        if ((uint)table.Count > Limits.MaxBrTableTargets)
            throw Invalid("br_table size is out of bounds", $"{table.Count} targets");
        Pop(ValType.I32);
        var defaultTypes = LabelTypes(in Label(table.Default));
        foreach (uint depth in table)
        {
            var types = LabelTypes(in Label(depth));
            if (types.Length != defaultTypes.Length)
                throw Invalid("type mismatch", $"br_table target {depth} has arity {types.Length}, default has {defaultTypes.Length}");
            CheckTop(types);
        }
        PopValues(defaultTypes);
        SetUnreachable();
    }

    public void VisitReturn()
    {
        PopValues(_funcType.Results);
        SetUnreachable();
    }

    public void VisitCall(uint functionIndex)
    {
        if (functionIndex >= (uint)_module.FunctionCount)
            throw Invalid("unknown function", $"function {functionIndex}");
        var type = _module.FuncTypeOf((int)functionIndex);
        PopValues(type.Params);
        PushValues(type.Results);
    }

    public void VisitCallIndirect(uint typeIndex, uint tableIndex)
    {
        if (tableIndex != 0 && !_features.Has(WasmFeatures.ReferenceTypes))
            throw Malformed("zero byte expected", OperatorOffset, "call_indirect table index without reference types");
        var table = Table(tableIndex);
        if (table.ElementType != ValType.FuncRef)
            throw Invalid("type mismatch", $"call_indirect through a table of {table.ElementType.Name()}");
        if (typeIndex >= (uint)_module.Types.Length) throw Invalid("unknown type", $"type {typeIndex}");
        var type = _module.Types[(int)typeIndex];
        Pop(ValType.I32);
        PopValues(type.Params);
        PushValues(type.Results);
    }

    public void VisitDrop() => Pop();

    public void VisitSelect()
    {
        Pop(ValType.I32);
        var t1 = Pop();
        var t2 = Pop();
        // Untyped select is for numeric operands only; references need the typed form.
        if (t1.IsReference() || t2.IsReference())
            throw Invalid("type mismatch", "select without a type on reference operands");
        if (t1 != t2 && t1 != Unknown && t2 != Unknown)
            throw Invalid("type mismatch", $"select operands {t2.Name()} and {t1.Name()}");
        Push(t1 == Unknown ? t2 : t1);
    }

    public void VisitTypedSelect(ValType type)
    {
        Require(WasmFeatures.ReferenceTypes);
        CheckValueType(type, OperatorOffset);
        Pop(ValType.I32);
        Pop(type);
        Pop(type);
        Push(type);
    }
}
