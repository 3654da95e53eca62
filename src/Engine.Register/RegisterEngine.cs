using Replay.Engine.Register.Runtime;
using Replay.Wasm;
using Replay.Wasm.Binary;
using Replay.Wasm.Runtime;
using Replay.Wasm.Validation;

namespace Replay.Engine.Register;

/// <summary>
/// The register-machine interpreter (modelled on Wasmi 0.32-0.36): bodies are translated to
/// register code (eagerly, or on first call in the lazy modes) and run by an executor with an
/// explicit frame stack. Fuel follows Wasmi 0.32+: one base unit per emitted instruction,
/// charged per basic block.
/// </summary>
public sealed class RegisterEngine : IEngine
{
    public RegisterEngine(EngineConfig config)
        : this(config, RegisterFaults.None)
    {
    }

    /// <summary>An engine with deliberate bugs (<see cref="RegisterFaults"/>), for the pipeline's self-test only.</summary>
    public RegisterEngine(EngineConfig config, RegisterFaults faults)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        Faults = faults;
    }

    /// <summary>The deliberate bugs this engine was built with (<see cref="RegisterFaults.None"/> for every engine the catalog makes).</summary>
    public RegisterFaults Faults { get; }

    public EngineIdentity Identity => RegisterEngineInfo.Identity;

    public EngineConfig Config { get; }

    public ICompiledModule Compile(ReadOnlyMemory<byte> wasm)
    {
        var module = ModuleDecoder.Decode(wasm, Config.Features);
        // LazyTranslation validates every body now (and translates later); the other modes
        // validate bodies while translating them: all at once (Eager) or on first call (Lazy).
        ModuleValidator.Validate(module, Config.Features, validateBodies: Config.Mode == CompilationMode.LazyTranslation, Config.Limits);
        var compiled = new RegisterModule(module, Config, Faults);
        if (Config.Mode == CompilationMode.Eager)
        {
            try
            {
                compiled.CompileAll();
            }
            catch (Translation.RegisterLimitException e)
            {
                throw new WasmValidationException("implementation limit exceeded", 0, -1, e.Message);
            }
        }
        return compiled;
    }

    public IStore CreateStore(object? hostState = null) => new RegisterStore(this, hostState);

    // This engine in each other mode, made on first use (the engine holds no state a twin could share wrongly).
    private readonly RegisterEngine?[] _twins = new RegisterEngine?[3];

    /// <summary>This engine, with the same configuration and faults, compiling in <paramref name="mode"/>.</summary>
    public IEngine InMode(CompilationMode mode)
    {
        if (mode == Config.Mode)
            return this;
        var i = (int)mode;
        if ((uint)i >= (uint)_twins.Length)
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a compilation mode");
        return _twins[i] ??= new RegisterEngine(Config with { Mode = mode }, Faults);
    }

    /// <summary>
    /// A module with the same decoded and validated structure as <paramref name="compiled"/> (a
    /// module this engine compiled) and nothing translated yet: what <see cref="Compile"/> returns
    /// for the same bytes, without decoding and validating them again. Lazily compiled code lives in
    /// the module, so a run that must not inherit another run's compiled functions (and their
    /// compilation fuel) takes a fresh one; in Eager mode everything is translated again.
    /// </summary>
    public ICompiledModule Fresh(ICompiledModule compiled)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        if (compiled is not RegisterModule m || m.Mode != Config.Mode)
            throw new ArgumentException("not a module this engine compiled", nameof(compiled));
        var fresh = new RegisterModule(m.Module, Config, Faults);
        if (Config.Mode == CompilationMode.Eager)
            fresh.CompileAll();
        return fresh;
    }

}
