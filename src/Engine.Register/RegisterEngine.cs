using Replay.Engine.Register.Runtime;
using Replay.Wasm;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
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
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
    }

    public EngineIdentity Identity => RegisterEngineInfo.Identity;

    public EngineConfig Config { get; }

    public ICompiledModule Compile(ReadOnlyMemory<byte> wasm)
    {
        var module = ModuleDecoder.Decode(wasm, Config.Features);
        // LazyTranslation validates every body now (and translates later); the other modes
        // validate bodies while translating them: all at once (Eager) or on first call (Lazy).
        ModuleValidator.Validate(module, Config.Features, validateBodies: Config.Mode == CompilationMode.LazyTranslation, LimitsFor(Config));
        var compiled = new RegisterModule(module, Config);
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

    /// <summary>
    /// Wasmi 0.36 validates with the same wasmparser (0.100) as Wasmi 0.31, so its limits always
    /// apply; Wasmi's own strict enforced limits apply when the engine runs Soroban's profile,
    /// because Soroban configures them (Wasmi's default is none).
    /// </summary>
    internal static WasmLimits LimitsFor(EngineConfig config) =>
        config.Features == WasmFeatures.Soroban ? WasmLimits.Wasmi036Soroban : WasmLimits.Wasmi031;
}
