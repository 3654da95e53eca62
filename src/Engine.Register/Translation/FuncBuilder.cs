using System.Runtime.CompilerServices;
using Replay.Engine.Register.Ir;
using Replay.Wasm.Modules;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Translation;

/// <summary>
/// Builds one function's register code from its operators: the operand stack with positional
/// register allocation, the instruction encoder (labels, fuel bumping, result relinking) and
/// the control frames. <see cref="FuncTranslator"/> is the visitor feeding it; the partial
/// files hold the operator families. Reusable across bodies (buffers are kept), not thread-safe.
/// </summary>
internal sealed partial class FuncBuilder
{
    /// <summary>Registers are 16-bit operands, as in Wasmi's IR; larger frames are rejected.</summary>
    public const int MaxRegisters = ushort.MaxValue;

    /// <summary>
    /// Wasmi 0.32+ prices register copies (call arguments, spans, frame setup) at one unit
    /// per 8 registers: 64 bytes per unit of fuel divided by 8-byte cells.
    /// </summary>
    public const ulong CopiesPerFuel = 8;

    private Instr[] _code = new Instr[256];
    private int _count;
    private Operand[] _stack = new Operand[64];
    private int _height;
    private int _maxHeight;
    private ControlFrame[] _frames = new ControlFrame[16];
    private int _frameCount;
    private int[] _labels = new int[32];
    private int _labelCount;
    private readonly List<(int Instr, int Label)> _fixups = [];
    private Operand[] _saved = new Operand[16];
    private int _savedCount;

    private WasmModule _module = null!;
    private FuelCosts? _fuel;
    private FuncType _type = FuncType.Empty;
    private int _localCount;
    private bool _reachable;

    /// <summary>Index of the last instruction whose only effect is writing its A register, or -1.</summary>
    private int _relinkable = -1;

    /// <summary>Starts translating defined function <paramref name="funcIndex"/>.</summary>
    public void Begin(WasmModule module, int funcIndex, FuelCosts? fuel)
    {
        _module = module;
        _fuel = fuel;
        _type = module.FuncTypeOf(funcIndex);
        var body = module.BodyOf(funcIndex);
        long locals = _type.ParamCount + body.LocalCount;
        if (locals >= MaxRegisters)
            throw new RegisterLimitException($"function {funcIndex} has {locals} locals; the register engine supports fewer than {MaxRegisters}");
        _localCount = (int)locals;
        _count = 0;
        _height = 0;
        _maxHeight = 0;
        _frameCount = 0;
        _labelCount = 0;
        _fixups.Clear();
        _savedCount = 0;
        _reachable = true;
        _relinkable = -1;
        int fuelInstr = -1;
        if (_fuel is not null)
            fuelInstr = Append(new Instr(Op.ConsumeFuel, imm: _fuel.Base));
        PushFrame(new ControlFrame
        {
            Kind = FrameKind.Function,
            Height = 0,
            ResultCount = _type.ResultCount,
            Label = NewLabel(),
            ElseLabel = -1,
            Reachable = true,
            FuelInstr = fuelInstr,
        });
    }

    /// <summary>Whether the function's final end has been translated.</summary>
    public bool Done => _frameCount == 0;

    /// <summary>Resolves branch targets and produces the compiled function.</summary>
    public CompiledFunc Finish()
    {
        foreach (var (instr, label) in _fixups)
        {
            ref var i = ref _code[instr];
            // Targets are relative to the branch itself, so code needs no base pointer at run time.
            i.Imm = (i.Imm & 0xFFFF_FFFF_0000_0000UL) | (uint)(_labels[label] - instr);
        }
        int frameSize = Math.Max(_localCount + _maxHeight, _type.ResultCount);
        if (frameSize > MaxRegisters)
            throw new RegisterLimitException($"function needs {frameSize} registers; the register engine supports at most {MaxRegisters}");
        // Wasmi charges the frame's setup at entry: its register count in copies.
        if (_fuel is not null)
            _code[0].Imm += (ulong)frameSize / CopiesPerFuel;
        var code = GC.AllocateUninitializedArray<Instr>(_count, pinned: true);
        _code.AsSpan(0, _count).CopyTo(code);
        return new CompiledFunc(code, frameSize, _type.ParamCount, _type.ResultCount)
        {
            LocalCount = _localCount - _type.ParamCount,
        };
    }

    // ---- registers and the operand stack ----

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
                throw new RegisterLimitException($"operand stack needs more than {MaxRegisters} registers");
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

    /// <summary>A register holding <paramref name="operand"/>, which sat at stack position <paramref name="position"/>: constants are materialised into that position's slot.</summary>
    private ushort RegOf(Operand operand, int position)
    {
        if (operand.Kind != OperandKind.Const)
            return operand.Register;
        var slot = Slot(position);
        Emit(new Instr(Op.CopyImm, slot, imm: operand.Bits), Base);
        return slot;
    }

    /// <summary>Moves the top <paramref name="count"/> values into the slots of positions <paramref name="height"/> and up (a branch's or call's value transfer).</summary>
    private void CopyToSlots(int height, int count)
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
                : new Instr(Op.Copy, dst, v.Register), Base);
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
    private void PreserveAllLocals()
    {
        for (int p = 0; p < _height; p++)
        {
            var v = _stack[p];
            if (v.Kind == OperandKind.Local)
            {
                Emit(new Instr(Op.Copy, Slot(p), v.Register), Base);
                _stack[p] = Operand.Temp(v.Type, Slot(p));
            }
        }
    }

    // ---- encoder ----

    private ulong Base => _fuel?.Base ?? 0;

    private int Append(Instr instr)
    {
        if (_count == _code.Length)
            Array.Resize(ref _code, _code.Length * 2);
        _code[_count] = instr;
        return _count++;
    }

    /// <summary>Appends an instruction and adds its price to the current block's ConsumeFuel.</summary>
    private int Emit(Instr instr, ulong fuel)
    {
        BumpFuel(fuel);
        _relinkable = -1;
        return Append(instr);
    }

    private void BumpFuel(ulong amount)
    {
        if (_fuel is null || amount == 0)
            return;
        int at = _frames[_frameCount - 1].FuelInstr;
        if (at >= 0)
            _code[at].Imm += amount;
    }

    /// <summary>Starts a new basic block's fuel charge (loop headers, if and else arms).</summary>
    private int NewFuelInstr() => _fuel is null ? -1 : Append(new Instr(Op.ConsumeFuel, imm: _fuel.Base));

    private int NewLabel()
    {
        if (_labelCount == _labels.Length)
            Array.Resize(ref _labels, _labels.Length * 2);
        _labels[_labelCount] = -1;
        return _labelCount++;
    }

    private void Pin(int label)
    {
        _labels[label] = _count;
        _relinkable = -1;
    }

    /// <summary>Emits a branch instruction whose target (Imm's low half) is resolved at <see cref="Finish"/>.</summary>
    private int EmitBranch(Instr instr, int label)
    {
        int at = Emit(instr, Base);
        _fixups.Add((at, label));
        return at;
    }

    private void PushFrame(ControlFrame frame)
    {
        if (_frameCount == _frames.Length)
            Array.Resize(ref _frames, _frames.Length * 2);
        _frames[_frameCount++] = frame;
    }

    private ref ControlFrame FrameAt(uint relativeDepth) => ref _frames[_frameCount - 1 - (int)relativeDepth];
}

/// <summary>A function exceeds what 16-bit register operands can address.</summary>
internal sealed class RegisterLimitException(string message) : Exception(message);
