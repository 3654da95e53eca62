using Replay.Wasm.Features;

namespace Replay.Wasm.Runtime;

/// <summary>Everything an engine is configured with; fixed for the engine's lifetime.</summary>
public sealed record EngineConfig
{
    /// <summary>Which WebAssembly proposals are accepted (a module using others is invalid).</summary>
    public WasmFeatures Features { get; init; } = WasmFeatures.Spec;

    public CompilationMode Mode { get; init; } = CompilationMode.Eager;

    /// <summary>Whether execution meters fuel. When off, fuel queries on a store throw.</summary>
    public bool ConsumeFuel { get; init; }

    public FuelCosts FuelCosts { get; init; } = FuelCosts.Default;

    public StackLimits StackLimits { get; init; } = StackLimits.Default;

    /// <summary>
    /// The implementation limits the validator imposes beyond the spec. The default is what
    /// Wasmi's validator (wasmparser 0.100) enforces in both generations; Wasmi 0.32+ can add
    /// its own enforced limits (<see cref="WasmLimits.Enforced"/>), which the stack engine
    /// (Wasmi 0.31) does not have.
    /// </summary>
    public WasmLimits Limits { get; init; } = WasmLimits.Wasmi031;
}
