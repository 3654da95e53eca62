using Replay.Engine.Stack.Bytecode;
using Replay.Wasm.Binary;
using Replay.Wasm.Types;

namespace Replay.Engine.Stack.Translation;

// Parametric operators, locals, globals, constants and references.
internal partial struct FuncTranslator
{
    public void VisitDrop()
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        Pop();
        _code.Emit(new Instr(Op.Drop));
    }

    public void VisitSelect()
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        Pop(3);
        Push();
        _code.Emit(new Instr(Op.Select));
    }

    /// <summary>Cells are untyped, so a typed select is a select.</summary>
    public void VisitTypedSelect(ValType type) => VisitSelect();

    public void VisitLocalGet(uint localIndex)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        int depth = LocalDepth(localIndex);
        _code.Emit(new Instr(Op.LocalGet, depth));
        Push();
    }

    public void VisitLocalSet(uint localIndex)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        Pop();
        _code.Emit(new Instr(Op.LocalSet, LocalDepth(localIndex)));
    }

    public void VisitLocalTee(uint localIndex)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        _code.Emit(new Instr(Op.LocalTee, LocalDepth(localIndex)));
    }

    public void VisitGlobalGet(uint globalIndex)
    {
        CheckIndex(globalIndex, _module.GlobalCount, "unknown global");
        Entity(Op.GlobalGet, 0, 1, (int)globalIndex);
    }

    public void VisitGlobalSet(uint globalIndex)
    {
        CheckIndex(globalIndex, _module.GlobalCount, "unknown global");
        Entity(Op.GlobalSet, 1, 0, (int)globalIndex);
    }

    public void VisitI32Const(int value) => Const((uint)value);

    public void VisitI64Const(long value) => Const((ulong)value);

    public void VisitF32Const(uint bits) => Const(bits);

    public void VisitF64Const(ulong bits) => Const(bits);

    /// <summary>A null reference is the zero cell; Wasmi translates it as a constant.</summary>
    public void VisitRefNull(ValType type) => Const(0);

    /// <summary>Wasmi translates ref.is_null as i64.eqz on the 64-bit handle.</summary>
    public void VisitRefIsNull() => Unary(Op.I64Eqz);

    public void VisitRefFunc(uint functionIndex)
    {
        if (!_reachable) return;
        CheckIndex(functionIndex, _module.FunctionCount, "unknown function");
        BumpFuel(_costs.Base);
        _code.Emit(new Instr(Op.RefFunc, (int)functionIndex));
        Push();
    }

    // Reinterpretations change only the static type: no instruction, no fuel (as in Wasmi 0.31).
    public readonly void VisitI32ReinterpretF32() { }

    public readonly void VisitI64ReinterpretF64() { }

    public readonly void VisitF32ReinterpretI32() { }

    public readonly void VisitF64ReinterpretI64() { }

    private readonly void CheckIndex(uint index, int count, string rule)
    {
        if (_reachable && index >= (uint)count)
            throw Invalid(rule);
    }
}
