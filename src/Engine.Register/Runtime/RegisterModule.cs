using Replay.Engine.Register.Translation;
using Replay.Wasm.Binary;
using Replay.Wasm.Modules;
using Replay.Wasm.Runtime;
using Replay.Wasm.Validation;

namespace Replay.Engine.Register.Runtime;

/// <summary>
/// A compiled module: the decoded structure plus the code map of its defined functions, shared
/// by every instance (in any store) of the module, so lazily compiled code is compiled once.
/// </summary>
internal sealed class RegisterModule : ICompiledModule
{
    [ThreadStatic] private static FuncBuilder? t_builder;
    [ThreadStatic] private static FuncValidator? t_validator;

    // Made on first use: a lazily compiled module of thousands of functions, of which a
    // transaction calls a few, should not pay an object for each of the others.
    private readonly FuncEntry?[] _entries;
    private readonly FuelCosts? _fuel;

    public RegisterModule(WasmModule module, EngineConfig config, RegisterFaults faults = RegisterFaults.None)
    {
        // A body can only fail validation on its first call in the lazy modes.
        Faults = config.Mode == CompilationMode.Eager ? faults & ~RegisterFaults.LazyBrTableInvalid : faults;
        Module = module;
        Mode = config.Mode;
        Features = config.Features;
        Costs = config.FuelCosts;
        _fuel = config.ConsumeFuel ? config.FuelCosts : null;
        Limits = config.Limits;
        _entries = new FuncEntry?[module.Bodies.Length];
    }

    public WasmModule Module { get; }

    /// <summary>Deliberate bugs translation applies (self-test only).</summary>
    public RegisterFaults Faults { get; }

    public CompilationMode Mode { get; }

    public Wasm.Features.WasmFeatures Features { get; }

    public FuelCosts Costs { get; }

    public Wasm.Features.WasmLimits Limits { get; }

    /// <summary>The code map entry of a defined function. Thread-safe: racing callers get one entry.</summary>
    public FuncEntry EntryOf(int functionIndex)
    {
        int i = functionIndex - Module.ImportedFunctionCount;
        return Volatile.Read(ref _entries[i])
            ?? Interlocked.CompareExchange(ref _entries[i], new FuncEntry(this, functionIndex), null)
            ?? _entries[i]!;
    }

    /// <summary>Translates every body now (Eager mode), validating each in lockstep.</summary>
    public void CompileAll()
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            int functionIndex = Module.ImportedFunctionCount + i;
            EntryOf(functionIndex).Set(Translate(functionIndex, validate: true));
        }
    }

    /// <summary>Fuel charged for compiling a body on its first call: bytes times the mode's factor.</summary>
    public ulong CompilationFuel(int functionIndex)
    {
        ulong bytes = (ulong)Module.Bodies.LengthOf(functionIndex - Module.ImportedFunctionCount);
        ulong factor = Mode switch
        {
            CompilationMode.Lazy => Costs.LazyCompilePerByte,
            CompilationMode.LazyTranslation => Costs.LazyTranslationCompilePerByte,
            _ => 0,
        };
        return bytes * factor;
    }

    /// <summary>Translates one body, optionally validating it in lockstep (the validator sees each operator first).</summary>
    public CompiledFunc Translate(int functionIndex, bool validate)
    {
        var builder = t_builder ??= new FuncBuilder();
        var validator = validate ? (t_validator ??= new FuncValidator()) : null;
        if (validator is not null)
        {
            validator.Limits = Limits;
            // The validator's own limits (50,000 locals) come first, as in Wasmi, before the
            // register limit the builder checks when it begins.
            var body = Module.BodyOf(functionIndex);
            if (Module.FuncTypeOf(functionIndex).ParamCount + body.LocalCount >= FuncBuilder.MaxRegisters)
                validator.Begin(Module, functionIndex, Features);
        }
        builder.Begin(Module, functionIndex, _fuel, Faults);
        var translator = new FuncTranslator(builder);
        if (validator is not null)
        {
            validator.Run(Module, functionIndex, Features, ref translator);
        }
        else
        {
            var reader = new OperatorReader(Module, Module.BodyOf(functionIndex));
            while (!builder.Done)
                reader.Read(ref translator);
        }
        return builder.Finish();
    }
}
