using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// Owns all runtime objects (instances, memories, tables, globals, functions) and the
/// execution state shared by them: fuel, the resource limiter and the host's state.
/// Objects of one store must not be used with another. Not thread-safe.
/// </summary>
public interface IStore
{
    IEngine Engine { get; }

    /// <summary>The embedder's state, handed to every host function through <see cref="ICaller"/>.</summary>
    object? HostState { get; }

    /// <summary>Consulted before a memory or table grows; null allows growth up to the declared maximum.</summary>
    IResourceLimiter? Limiter { get; set; }

    /// <summary>Fuel left. Throws when the engine does not consume fuel.</summary>
    ulong Fuel { get; set; }

    /// <summary>Fuel consumed since the store was created (or since <see cref="ResetFuelConsumed"/>).</summary>
    ulong FuelConsumed { get; }

    void ResetFuelConsumed();

    /// <summary>
    /// The part of the fuel consumed since the store was created that paid for compiling function
    /// bodies on their first call (an engine compiling lazily charges it before the function's
    /// first instruction); 0 for an engine that compiles everything ahead. Not reset by
    /// <see cref="ResetFuelConsumed"/>.
    /// </summary>
    ulong CompilationFuelConsumed { get; }

    IMemory CreateMemory(MemoryType type);

    ITable CreateTable(TableType type, Value initial);

    IGlobal CreateGlobal(GlobalType type, Value initial);

    /// <summary>
    /// A host function of this store. <paramref name="name"/> is what errors call it (Soroban's
    /// "x._"); without one it takes "module.field" of the first import that links it.
    /// </summary>
    IFunction CreateHostFunction(FuncType type, HostFunc callback, string? name = null);

    /// <summary>
    /// Instantiates a module: resolves imports from <paramref name="imports"/> (a
    /// <see cref="LinkException"/> when one is missing or mistyped), then creates globals,
    /// memories and tables, initialises element and data segments in order and runs the
    /// start function (a <see cref="TrapException"/> leaves what was already written).
    /// </summary>
    IInstance Instantiate(ICompiledModule module, IImportResolver imports);
}
