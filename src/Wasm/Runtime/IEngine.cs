using Replay.Wasm.Modules;

namespace Replay.Wasm.Runtime;

/// <summary>
/// A WebAssembly engine: compiles modules and creates stores to run them in.
/// Both interpreters implement this, and the Soroban host and the spec test runner talk
/// to nothing else, so an outcome difference is the engines' and never the callers'.
/// </summary>
public interface IEngine
{
    EngineIdentity Identity { get; }

    EngineConfig Config { get; }

    /// <summary>
    /// Decodes and validates a module (bodies too, unless the mode is <see cref="CompilationMode.Lazy"/>)
    /// and translates bodies when the mode is <see cref="CompilationMode.Eager"/>.
    /// Throws the front end's exception for a malformed or invalid module.
    /// </summary>
    ICompiledModule Compile(ReadOnlyMemory<byte> wasm);

    /// <summary>A new store holding <paramref name="hostState"/>, with no fuel and no limiter.</summary>
    IStore CreateStore(object? hostState = null);

    /// <summary>
    /// This engine with the same configuration compiling in <paramref name="mode"/> (an embedder
    /// may compile some modules eagerly and others lazily, as Soroban's Wasmi 0.36 host did). An
    /// engine that implements one mode returns itself for it and refuses any other.
    /// </summary>
    IEngine InMode(CompilationMode mode) => mode == Config.Mode
        ? this
        : throw new NotSupportedException($"{Identity.Name} compiles in {Config.Mode} mode only; {mode} is not supported");
}

/// <summary>A compiled module: reusable across stores and instantiations.</summary>
public interface ICompiledModule
{
    /// <summary>The decoded module structure (imports, exports, types...).</summary>
    WasmModule Module { get; }
}
