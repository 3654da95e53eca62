using Replay.Engine.Stack.Bytecode;
using Replay.Wasm.Binary;
using Replay.Wasm.Modules;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;
using Replay.Wasm.Validation;

namespace Replay.Engine.Stack.Translation;

/// <summary>
/// Translates one function body to stack bytecode in a single pass, one visitor method per
/// Wasm operator, following Wasmi 0.31's translator so that the fuel charged and the stack
/// height reserved are Wasmi's.
/// </summary>
/// <remarks>
/// Facts from Wasmi 0.31 implemented here:
/// <list type="bullet">
/// <item>Fuel is charged by ConsumeFuel instructions, each heading a function body, a loop body,
/// an if's then arm or its else arm, priced at one base cost plus the cost of every instruction
/// translated while that frame is innermost. A nested block adds to its parent's instruction.
/// Code the translator deems unreachable is not translated and costs nothing.</item>
/// <item>Costs by class: base for most instructions, entity for globals/memory.size/grow/bulk/table
/// ops, load, store, call (direct and indirect). nop and the four reinterpretations cost nothing.</item>
/// <item>Locals: parameters plus declared locals, one fuel per 8, on the body's instruction.</item>
/// <item>Branches that drop cells: one fuel per 8 kept cells (nothing when nothing is dropped).
/// br_table charges the most expensive arm. A br_if that returns charges nothing at all.</item>
/// <item>The stack height the function reserves is its declared locals plus the highest operand
/// stack the translator tracked (parameters are the caller's cells and not included).</item>
/// </list>
/// </remarks>
internal partial struct FuncTranslator : IOperatorVisitor
{
    /// <summary>Parameters and locals one function may have here (Wasmi's validator stops at 50,000).</summary>
    private const long MaxLocals = 1 << 24;

    private readonly WasmModule _module;
    private readonly InstrEncoder _code;
    private readonly ControlStack _frames;
    private readonly FuelCosts _costs;
    private readonly bool _meterFuel;
    private readonly int _functionIndex;
    private readonly int _paramsAndLocals;
    private readonly int _declaredLocals;
    private readonly int _start;
    private int _height;
    private int _maxHeight;
    private bool _reachable;
    private bool _finished;

    public FuncTranslator(WasmModule module, FunctionBody body, InstrEncoder code, ControlStack frames, FuelCosts costs, bool meterFuel)
    {
        _module = module;
        _code = code;
        _frames = frames;
        _costs = costs;
        _meterFuel = meterFuel;
        _functionIndex = body.FunctionIndex;
        var type = module.FuncTypeOf(body.FunctionIndex);
        // Far beyond any value stack limit; refusing here keeps every count below in int range.
        if (body.LocalCount + type.ParamCount > MaxLocals)
            throw new StackTranslationException(_functionIndex, $"{body.LocalCount + type.ParamCount} locals exceed the engine's limit of {MaxLocals}");
        _declaredLocals = (int)body.LocalCount;
        _paramsAndLocals = type.ParamCount + _declaredLocals;
        _start = code.Count;
        _reachable = true;
        frames.Clear();

        // The body is a block whose branch target is the return; it owns the first ConsumeFuel.
        int fuelInstr = _meterFuel ? code.Emit(new Instr(Op.ConsumeFuel, 0, (long)_costs.Base)) : -1;
        frames.Push(new ControlFrame
        {
            Kind = FrameKind.Block,
            Params = 0,
            Results = type.ResultCount,
            Height = 0,
            Label = code.NewLabel(),
            ElseLabel = -1,
            FuelInstr = fuelInstr,
        });
        BumpFuel(FuelPer(checked((ulong)_paramsAndLocals), 8));
    }

    /// <summary>Completes the function: patches its branches and returns its header.</summary>
    public FuncHeader Finish()
    {
        if (!_finished)
            throw Invalid("unexpected end of function body: a block is still open");
        _code.FinishFunction();
        return new FuncHeader(_start, _declaredLocals, checked(_declaredLocals + _maxHeight));
    }

    private readonly WasmValidationException Invalid(string rule) => new(rule, -1, _functionIndex);

    // ---- fuel ---------------------------------------------------------------------------------

    private static ulong FuelPer(ulong items, ulong itemsPerFuel) => items / itemsPerFuel;

    /// <summary>Fuel for a branch's drop/keep: kept cells per 8, only when something is dropped.</summary>
    private static ulong FuelFor(DropKeep dk) => dk.Drop == 0 ? 0 : FuelPer((ulong)dk.Keep, 8);

    /// <summary>Adds to the innermost frame's ConsumeFuel instruction (Wasmi keeps it in 32 bits).</summary>
    private readonly void BumpFuel(ulong delta)
    {
        if (!_meterFuel)
            return;
        int at = _frames.Top.FuelInstr;
        if (at < 0)
            return;
        ref Instr fuel = ref _code.At(at);
        ulong total = (ulong)fuel.B + delta;
        if (total > uint.MaxValue || total < delta)
            throw new StackTranslationException(_functionIndex, "fuel of one block exceeds the engine's 32-bit limit");
        fuel.B = (long)total;
    }

    private readonly int EmitConsumeFuelBase() => _meterFuel ? _code.Emit(new Instr(Op.ConsumeFuel, 0, (long)_costs.Base)) : -1;

    // ---- emulated operand stack ---------------------------------------------------------------

    private void Push(int n = 1)
    {
        _height += n;
        if (_height > _maxHeight)
            _maxHeight = _height;
    }

    private void Pop(int n = 1)
    {
        if (n > _height)
            throw Invalid("type mismatch: operand stack underflow");
        _height -= n;
    }

    // ---- branches -----------------------------------------------------------------------------

    private readonly DropKeep MakeDropKeep(int drop, int keep)
    {
        if (drop < 0 || keep < 0)
            throw Invalid("type mismatch: branch operands missing");
        if (drop > ushort.MaxValue || keep > ushort.MaxValue)
            throw new StackTranslationException(_functionIndex, "amount of kept elements exceeds engine limits");
        return new DropKeep(drop, keep);
    }

    private readonly DropKeep DropKeepFor(uint depth)
    {
        ref var frame = ref _frames.NthBack(depth);
        int keep = frame.BranchArity;
        return MakeDropKeep(_height - frame.Height - keep, keep);
    }

    /// <summary>A return drops the function's operands and all its parameters and locals.</summary>
    private readonly DropKeep DropKeepForReturn()
    {
        var dk = DropKeepFor((uint)_frames.Count - 1);
        return MakeDropKeep(dk.Drop + _paramsAndLocals, dk.Keep);
    }

    private readonly bool IsReturnDepth(uint depth) => depth == (uint)_frames.Count - 1;

    private readonly void CheckDepth(uint depth)
    {
        if (depth >= (uint)_frames.Count)
            throw Invalid("unknown label");
    }

    private readonly int LocalDepth(uint localIndex)
    {
        if (localIndex >= (uint)_paramsAndLocals)
            throw Invalid("unknown local");
        return _height + _paramsAndLocals - (int)localIndex;
    }

    private readonly FuncType BlockFuncType(BlockType blockType) => blockType.Kind switch
    {
        BlockTypeKind.FuncType when blockType.TypeIndex < (uint)_module.Types.Length => _module.Types[(int)blockType.TypeIndex],
        BlockTypeKind.FuncType => throw Invalid("unknown type"),
        _ => FuncType.Empty,
    };

    private readonly (int Params, int Results) Arity(BlockType blockType) => blockType.Kind switch
    {
        BlockTypeKind.Empty => (0, 0),
        BlockTypeKind.Value => (0, 1),
        _ => (BlockFuncType(blockType).ParamCount, BlockFuncType(blockType).ResultCount),
    };

    // ---- shapes of simple operators -----------------------------------------------------------

    private void Unary(Op op)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        _code.Emit(new Instr(op));
    }

    private void Binary(Op op)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        Pop(2);
        Push();
        _code.Emit(new Instr(op));
    }

    private void Const(ulong bits)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Base);
        Push();
        _code.Emit(new Instr(Op.Const, 0, (long)bits));
    }

    private void Load(Op op, MemArg memArg)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Load);
        Pop();
        Push();
        _code.Emit(new Instr(op, (int)memArg.Offset));
    }

    private void Store(Op op, MemArg memArg)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Store);
        Pop(2);
        _code.Emit(new Instr(op, (int)memArg.Offset));
    }

    /// <summary>An entity operation: pops <paramref name="pops"/>, pushes <paramref name="pushes"/>.</summary>
    private void Entity(Op op, int pops, int pushes, int a = 0, long b = 0)
    {
        if (!_reachable) return;
        BumpFuel(_costs.Entity);
        Pop(pops);
        Push(pushes);
        _code.Emit(new Instr(op, a, b));
    }
}
