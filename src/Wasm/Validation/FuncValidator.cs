using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Modules;
using Replay.Wasm.Types;

namespace Replay.Wasm.Validation;

/// <summary>
/// Validates one function body with the spec's algorithm (an operand stack and a control stack,
/// with unreachable code typed polymorphically). Reusable: its stacks are kept between bodies,
/// so validating many bodies allocates only when a body is larger than any before it.
/// Not thread-safe; use one per thread. The module must have passed <see cref="ModuleValidator"/>
/// (at least without bodies), since types of functions, tables and globals are trusted here.
/// <para>
/// Translators run in lockstep through <see cref="Run{TInner}"/> and may query the stacks:
/// <see cref="OperandCount"/>, <see cref="PeekOperand"/>, <see cref="Frame"/>. An operand type of
/// <see cref="Unknown"/> stands for any type, which only happens in unreachable code.
/// </para>
/// </summary>
public sealed partial class FuncValidator : IOperatorVisitor
{
    /// <summary>The type of an operand popped from the polymorphic stack of unreachable code.</summary>
    public const ValType Unknown = 0;

    // Locals beyond this many are looked up by binary search over the declared runs instead
    // of a flat array, so a body declaring 2^32 - 1 locals costs no memory.
    private const int FlatLocalLimit = 4096;

    private ValType[] _operands = new ValType[64];
    private int _operandCount;
    private ControlFrame[] _frames = new ControlFrame[16];
    private int _frameCount;

    // The innermost frame's height and unreachability, mirrored out of _frames because every
    // pop consults them.
    private int _height;
    private bool _unreachable;

    private ValType[] _flatLocals = new ValType[64];
    private int _flatLocalCount;
    private long _localCount;
    private long[] _runEnds = [];
    private ValType[] _runTypes = [];
    private int _runCount;

    private WasmModule _module = null!;
    private WasmFeatures _features;
    private FuncType _funcType = FuncType.Empty;

    /// <summary>The module whose body is being validated.</summary>
    public WasmModule Module => _module;

    /// <summary>Implementation limits enforced on bodies (locals, br_table size); none by default.</summary>
    public WasmLimits Limits { get; set; } = WasmLimits.None;

    /// <summary>Features in force (the module's profile unless overridden).</summary>
    public WasmFeatures Features => _features;

    public int FunctionIndex { get; private set; } = -1;

    /// <summary>Module offset of the operator being validated.</summary>
    public int OperatorOffset { get; set; }

    /// <summary>Height of the operand stack.</summary>
    public int OperandCount => _operandCount;

    /// <summary>Depth of the control stack; 0 once the body's final end was validated.</summary>
    public int ControlDepth => _frameCount;

    /// <summary>Number of locals, parameters included.</summary>
    public long LocalCount => _localCount;

    /// <summary>Whether the code at this point is unreachable (after br, return, unreachable...).</summary>
    public bool IsUnreachable => _frameCount > 0 && _unreachable;

    /// <summary>The control frame <paramref name="relativeDepth"/> levels out (0 = innermost).</summary>
    public ControlFrame Frame(int relativeDepth) => _frames[_frameCount - 1 - relativeDepth];

    /// <summary>
    /// Type of the operand <paramref name="depth"/> places below the top (0 = top), or
    /// <see cref="Unknown"/> where unreachable code left the stack polymorphic.
    /// </summary>
    public ValType PeekOperand(int depth)
    {
        int i = _operandCount - 1 - depth;
        return i >= _height ? _operands[i] : Unknown;
    }

    /// <summary>Number of values a branch to the frame <paramref name="relativeDepth"/> out carries.</summary>
    public int LabelArity(int relativeDepth) => LabelTypes(in _frames[_frameCount - 1 - relativeDepth]).Length;

    /// <summary>Values a block of this type takes on entry.</summary>
    public ReadOnlySpan<ValType> BlockParams(BlockType type) => StartTypes(type);

    /// <summary>Values a block of this type leaves on exit.</summary>
    public ReadOnlySpan<ValType> BlockResults(BlockType type) => EndTypes(type);

    /// <summary>Validates the body of defined function <paramref name="funcIndex"/> on its own.</summary>
    public void Validate(WasmModule module, int funcIndex) => Validate(module, funcIndex, module.Features);

    public void Validate(WasmModule module, int funcIndex, WasmFeatures features)
    {
        var none = default(NullVisitor);
        Run(module, funcIndex, features, ref none);
    }

    /// <summary>
    /// Validates a body while feeding each operator, once validated, to <paramref name="translator"/>.
    /// The translator is a struct visitor (typically holding a reference to its builder); the
    /// generic instantiation lets the JIT call and inline both without interface dispatch. It is
    /// copied in and copied back once the body is done, so state it keeps in its own fields is
    /// lost if validation fails part-way; state behind references is not.
    /// </summary>
    public void Run<TInner>(WasmModule module, int funcIndex, WasmFeatures features, ref TInner translator)
        where TInner : struct, IOperatorVisitor
    {
        var body = Begin(module, funcIndex, features);
        var reader = new OperatorReader(module, body)
        {
            ReservedCallIndirectTableByte = !features.Has(WasmFeatures.ReferenceTypes),
        };
        var visitor = new ValidatingVisitor<TInner>(this, translator);
        while (_frameCount > 0)
        {
            if (reader.AtEnd) throw Malformed("unexpected end of section or function", reader.Position, "the body ends before its final end opcode");
            OperatorOffset = reader.Position;
            reader.Read(ref visitor);
        }
        // The reference decoder reads a body up to its final end, then finds the body's size unused.
        if (!reader.AtEnd) throw Malformed("section size mismatch", reader.Position, "operators remain after the function's final end");
        translator = visitor.Inner;
    }

    /// <summary>
    /// Prepares to validate a body: checks and indexes its locals and opens the function frame.
    /// <see cref="Run{TInner}"/> calls this; it is public for drivers that read operators themselves.
    /// </summary>
    public FunctionBody Begin(WasmModule module, int funcIndex, WasmFeatures features)
    {
        ArgumentNullException.ThrowIfNull(module);
        _module = module;
        _features = features;
        FunctionIndex = funcIndex;
        var body = module.BodyOf(funcIndex);
        OperatorOffset = body.Offset;
        _funcType = module.FuncTypeOf(funcIndex);
        _operandCount = 0;
        _frameCount = 0;
        _height = 0;
        _unreachable = false;
        IndexLocals(body);
        PushFrame(FrameKind.Function, BlockType.OfTypeIndex(module.TypeIndexOf(funcIndex)));
        return body;
    }

    private void IndexLocals(FunctionBody body)
    {
        var parameters = _funcType.Params;
        _localCount = parameters.Length + body.LocalCount;
        if (_localCount > Limits.MaxFunctionLocals)
            throw new WasmValidationException("too many locals: locals exceed maximum", body.Offset, FunctionIndex, $"{_localCount} locals");
        int flat = (int)Math.Min(_localCount, FlatLocalLimit);
        if (_flatLocals.Length < flat) _flatLocals = new ValType[Math.Max(flat, _flatLocals.Length * 2)];
        _flatLocalCount = 0;
        _runCount = 0;
        long end = 0;
        foreach (var p in parameters) AddLocals(1, p, flat, ref end);
        foreach (var decl in body.Locals)
        {
            CheckValueType(decl.Type, body.Offset);
            AddLocals(decl.Count, decl.Type, flat, ref end);
        }
    }

    /// <summary>Indexes <paramref name="count"/> locals of one type: the first ones flat, the rest as a run.</summary>
    private void AddLocals(uint count, ValType type, int flat, ref long end)
    {
        end += count;
        for (; _flatLocalCount < flat && _flatLocalCount < end; _flatLocalCount++) _flatLocals[_flatLocalCount] = type;
        if (end <= flat || count == 0) return;
        if (_runCount > 0 && _runTypes[_runCount - 1] == type)
        {
            _runEnds[_runCount - 1] = end;
            return;
        }
        if (_runCount == _runEnds.Length)
        {
            Array.Resize(ref _runEnds, Math.Max(8, _runCount * 2));
            Array.Resize(ref _runTypes, _runEnds.Length);
        }
        _runEnds[_runCount] = end;
        _runTypes[_runCount] = type;
        _runCount++;
    }

    /// <summary>Type of local <paramref name="index"/> (parameters first).</summary>
    public ValType LocalType(uint index)
    {
        if (index < (uint)_flatLocalCount) return _flatLocals[index];
        if (index >= _localCount) throw Invalid("unknown local", $"local {index}, function has {_localCount}");
        int lo = 0, hi = _runCount - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_runEnds[mid] > index) hi = mid;
            else lo = mid + 1;
        }
        return _runTypes[lo];
    }

    // ---- operand stack ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(ValType type)
    {
        if (_operandCount == _operands.Length) Array.Resize(ref _operands, _operands.Length * 2);
        _operands[_operandCount++] = type;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValType Pop()
    {
        if (_operandCount == _height)
        {
            if (_unreachable) return Unknown;
            ThrowEmptyPop(Unknown);
        }
        return _operands[--_operandCount];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValType Pop(ValType expected)
    {
        if (_operandCount == _height)
        {
            if (_unreachable) return expected;
            ThrowEmptyPop(expected);
        }
        var actual = _operands[--_operandCount];
        if (actual != expected && actual != Unknown && expected != Unknown) ThrowMismatch(expected, actual);
        return actual;
    }

    private void PopValues(ReadOnlySpan<ValType> types)
    {
        for (int i = types.Length - 1; i >= 0; i--) Pop(types[i]);
    }

    private void PushValues(ReadOnlySpan<ValType> types)
    {
        foreach (var t in types) Push(t);
    }

    /// <summary>Checks the top of the stack against <paramref name="types"/> without popping (br_table targets).</summary>
    private void CheckTop(ReadOnlySpan<ValType> types)
    {
        for (int i = 0; i < types.Length; i++)
        {
            int at = _operandCount - 1 - i;
            var expected = types[types.Length - 1 - i];
            if (at < _height)
            {
                if (_unreachable) return;
                ThrowEmptyPop(expected);
            }
            var actual = _operands[at];
            if (actual != expected && actual != Unknown) ThrowMismatch(expected, actual);
        }
    }

    // ---- control stack ----

    private void PushFrame(FrameKind kind, BlockType type)
    {
        if (_frameCount == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
        _frames[_frameCount++] = new ControlFrame(kind, type, _operandCount, false);
        _height = _operandCount;
        _unreachable = false;
        if (kind != FrameKind.Function) PushValues(StartTypes(type));
    }

    private ControlFrame PopFrame()
    {
        var frame = _frames[_frameCount - 1];
        PopValues(EndTypes(frame.Type));
        if (_operandCount != frame.Height)
            throw Invalid("type mismatch", $"{_operandCount - frame.Height} values left at the end of a block");
        _frameCount--;
        if (_frameCount > 0)
        {
            ref var outer = ref _frames[_frameCount - 1];
            _height = outer.Height;
            _unreachable = outer.Unreachable;
        }
        return frame;
    }

    private void SetUnreachable()
    {
        ref var frame = ref _frames[_frameCount - 1];
        _operandCount = _height;
        frame = frame with { Unreachable = true };
        _unreachable = true;
    }

    private ReadOnlySpan<ValType> StartTypes(BlockType type) =>
        type.Kind == BlockTypeKind.FuncType ? _module.Types[(int)type.TypeIndex].Params : default;

    private ReadOnlySpan<ValType> EndTypes(BlockType type) => type.Kind switch
    {
        BlockTypeKind.Empty => default,
        BlockTypeKind.Value => SingleType.Of(type.ValueType),
        _ => _module.Types[(int)type.TypeIndex].Results,
    };

    private ReadOnlySpan<ValType> LabelTypes(in ControlFrame frame) =>
        frame.Kind == FrameKind.Loop ? StartTypes(frame.Type) : EndTypes(frame.Type);

    private ref readonly ControlFrame Label(uint relativeDepth)
    {
        if (relativeDepth >= (uint)_frameCount)
            throw Invalid("unknown label", $"depth {relativeDepth}, {_frameCount} frames open");
        return ref _frames[_frameCount - 1 - (int)relativeDepth];
    }

    // ---- feature and type checks ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Require(WasmFeatures needed)
    {
        if ((_features & needed) != needed) ThrowFeature(needed);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowFeature(WasmFeatures needed)
    {
        var missing = needed & ~_features;
        if (missing.Has(WasmFeatures.Floats))
            throw Invalid("floating-point instruction disallowed", "the profile has no floats");
        throw Invalid($"{FeatureRules.Describe(missing)} support is not enabled");
    }

    private void CheckValueType(ValType type, int offset)
    {
        var rule = FeatureRules.CheckValType(type, _features);
        if (rule is not null) throw new WasmValidationException(rule, offset, FunctionIndex, type.Name());
    }

    private void CheckBlockType(BlockType type)
    {
        switch (type.Kind)
        {
            case BlockTypeKind.Value:
                CheckValueType(type.ValueType, OperatorOffset);
                break;
            case BlockTypeKind.FuncType:
                if (type.TypeIndex >= (uint)_module.Types.Length)
                    throw Invalid("unknown type", $"type {type.TypeIndex}");
                var ft = _module.Types[(int)type.TypeIndex];
                if ((ft.ParamCount > 0 || ft.ResultCount > 1) && !_features.Has(WasmFeatures.MultiValue))
                    throw Invalid("multi-value support is not enabled", "block type with parameters or several results");
                break;
        }
    }

    // ---- errors ----

    private WasmValidationException Invalid(string rule, string? detail = null) =>
        new(rule, OperatorOffset, FunctionIndex, detail);

    private WasmDecodeException Malformed(string rule, int offset, string? detail = null) =>
        new(rule, offset, FunctionIndex, detail);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowMismatch(ValType expected, ValType actual) =>
        throw Invalid("type mismatch", $"expected {expected.Name()}, found {actual.Name()}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowEmptyPop(ValType expected) =>
        throw Invalid("type mismatch", expected == Unknown
            ? "expected a value, the stack is empty"
            : $"expected {expected.Name()}, the stack is empty");
}
