namespace Replay.Wasm.Runtime;

/// <summary>
/// A function the embedder provides. Arguments and results are spans the engine owns
/// (reused, not allocated per call). Each result starts as the zero value of its type, so a
/// host function that sets none returns zeros; a result set to another type fails the call
/// with a <see cref="HostResultTypeException"/>. To fail, throw: the exception reaches the
/// caller of <see cref="IFunction.Call"/> unchanged, which is how a Soroban host error ends a
/// contract call. See <see cref="HostCall"/> for the whole boundary.
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

    /// <summary>
    /// The fuel left, exact at this point of the call: the engine has already charged the
    /// basic block that contains the call (the call's own price included), as both Wasmi
    /// generations do. Setting it adds or removes fuel; execution resumes with the new
    /// figure, and <see cref="IStore.FuelConsumed"/> does not count the change as consumption.
    /// Throws when the engine does not consume fuel (as <see cref="IStore.Fuel"/> does).
    /// </summary>
    ulong Fuel { get; set; }
}
