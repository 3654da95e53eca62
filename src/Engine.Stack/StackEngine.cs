using Replay.Engine.Stack.Bytecode;
using Replay.Engine.Stack.Runtime;
using Replay.Engine.Stack.Translation;
using Replay.Wasm;
using Replay.Wasm.Binary;
using Replay.Wasm.Runtime;
using Replay.Wasm.Validation;

namespace Replay.Engine.Stack;

/// <summary>
/// The legacy stack interpreter: Wasmi 0.31's execution model and fuel, compiled eagerly
/// (every body validated and translated when the module is compiled, as Wasmi 0.31 does).
/// </summary>
public sealed class StackEngine : IEngine
{
    public StackEngine(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Mode != CompilationMode.Eager)
            throw new NotSupportedException($"the stack engine compiles eagerly only (Wasmi 0.31 has no lazy compilation); {config.Mode} is not supported");
        ArgumentNullException.ThrowIfNull(config.Limits);
        if (config.Limits.Enforced is not null)
            throw new NotSupportedException("the stack engine models Wasmi 0.31, which has no enforced limits (Wasmi 0.32+); configure limits without them");
        if (config.StackLimits.MaxValueStackCells <= 0 || config.StackLimits.MaxCallDepth < 0)
            throw new ArgumentException($"stack limits must be positive, got {config.StackLimits}", nameof(config));
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("the stack engine reads linear memory in the machine's byte order and needs a little-endian machine");
        Config = config;
    }

    public EngineIdentity Identity => StackEngineInfo.Identity;

    public EngineConfig Config { get; }

    public ICompiledModule Compile(ReadOnlyMemory<byte> wasm)
    {
        var features = Config.Features;
        var module = ModuleDecoder.Decode(wasm, features);
        // Wasmi 0.31 validates with wasmparser, whose implementation limits (50,000 locals,
        // 1,000 parameters, ...) reject some spec-valid modules: the configuration's limits
        // (by default those) apply.
        var limits = Config.Limits;
        ModuleValidator.Validate(module, features, validateBodies: false, limits);

        var code = new InstrEncoder();
        var frames = new ControlStack();
        var validator = new FuncValidator { Limits = limits };
        var headers = new FuncHeader[module.FunctionCount];
        foreach (var body in module.Bodies)
        {
            var translator = new FuncTranslator(module, body, code, frames, Config.FuelCosts, Config.ConsumeFuel);
            validator.Run(module, body.FunctionIndex, features, ref translator);
            headers[body.FunctionIndex] = translator.Finish();
        }
        return new StackModule(module, code.ToArray(), headers, this);
    }

    public IStore CreateStore(object? hostState = null) => new StackStore(this, hostState);
}
