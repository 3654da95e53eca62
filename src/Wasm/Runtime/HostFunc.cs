namespace Replay.Wasm.Runtime;

/// <summary>
/// A function the embedder provides. Arguments and results are spans the engine owns
/// (reused, not allocated per call). To fail, throw: the exception reaches the caller of
/// <see cref="IFunction.Call"/> unchanged, which is how a Soroban host error ends a contract call.
/// </summary>
public delegate void HostFunc(ICaller caller, ReadOnlySpan<Value> arguments, Span<Value> results);

/// <summary>What a host function sees of the Wasm code that called it.</summary>
public interface ICaller
{
    IStore Store { get; }

    /// <summary>The embedder's state (same as <see cref="IStore.HostState"/>).</summary>
    object? HostState { get; }

    /// <summary>An export of the calling instance (Soroban reads the contract's "memory" this way), or null.</summary>
    IExternal? GetExport(string name);
}
