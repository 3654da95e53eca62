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

    /// <summary>Distinct constants Wasmi would keep in the function's constant pool (see <c>RegOf</c>).</summary>
    private readonly HashSet<ulong> _pooledConsts = [];

    /// <summary>Scratch: the distinct locals a block entry is preserving.</summary>
    private readonly List<ushort> _preserving = [];

    private WasmModule _module = null!;
    private FuelCosts? _fuel;
    private FuncType _type = FuncType.Empty;
    private int _localCount;
    private int _funcIndex;
    private bool _reachable;

    /// <summary>Index of the last instruction whose only effect is writing its A register, or -1.</summary>
    private int _relinkable = -1;

    /// <summary>Deliberate bugs to translate with (self-test only; <see cref="RegisterFaults"/>).</summary>
    public RegisterFaults Faults { get; private set; }

    /// <summary>
    /// Index of the last call when its result is the value on top of the stack, or -1. Wasmi
    /// rewrites a call's result register for a following <c>local.set</c> as it does any other
    /// instruction's; our call results land where the callee's frame began, so we copy, for free.
    /// </summary>
    private int _callResult = -1;

    // Wasmi's register count for the frame-setup charge: locals, then the most dynamic
    // registers (instruction results) live at once, the preservation registers, the constant pool.
    private int _dynLive;
    private int _maxDynamic;
    private int _maxPreserved;
    private ulong _preserveGroups;

    /// <summary>Starts translating defined function <paramref name="funcIndex"/>.</summary>
    public void Begin(WasmModule module, int funcIndex, FuelCosts? fuel, RegisterFaults faults = RegisterFaults.None)
    {
        _module = module;
        Faults = faults;
        _funcIndex = funcIndex;
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
        _pooledConsts.Clear();
        _reachable = true;
        _relinkable = -1;
        _callResult = -1;
        _dynLive = 0;
        _maxDynamic = 0;
        _maxPreserved = 0;
        _preserveGroups = 0;
        int fuelInstr = -1;
        if (_fuel is not null)
            fuelInstr = Append(new Instr(Op.ConsumeFuel, imm: _fuel.Base + ((Faults & RegisterFaults.FuelOffByOne) != 0 ? 1UL : 0UL)));
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
            throw new RegisterLimitException($"function {_funcIndex} needs {frameSize} registers; the register engine supports at most {MaxRegisters}");
        // Wasmi charges the frame's setup at entry: its register count in copies. Its count is
        // of its own allocation, not our positional one: the locals, the most instruction
        // results live at once (locals and constants on the operand stack take no register),
        // the preservation registers and the constant pool.
        if (_fuel is not null)
            _code[0].Imm += (ulong)(_localCount + _maxDynamic + _maxPreserved + _pooledConsts.Count) / CopiesPerFuel;
        var code = GC.AllocateUninitializedArray<Instr>(_count, pinned: true);
        _code.AsSpan(0, _count).CopyTo(code);
        return new CompiledFunc(code, frameSize, _type.ParamCount, _type.ResultCount)
        {
            LocalCount = _localCount - _type.ParamCount,
        };
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
