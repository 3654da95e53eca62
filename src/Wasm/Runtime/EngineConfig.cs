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

    /// <summary>The configuration Soroban runs contracts under: its feature profile, fuel on, its calibrated costs.</summary>
    public static EngineConfig Soroban(CompilationMode mode = CompilationMode.Eager) => new()
    {
        Features = WasmFeatures.Soroban,
        Mode = mode,
        ConsumeFuel = true,
        FuelCosts = FuelCosts.Soroban,
    };
}
