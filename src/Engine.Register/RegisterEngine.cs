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
        ModuleValidator.Validate(module, Config.Features, validateBodies: Config.Mode == CompilationMode.LazyTranslation, Config.Limits);
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

}
