using Replay.Soroban.Profile;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Tests.Support;

/// <summary>One module instantiated on a fresh stack engine and store.</summary>
internal sealed class Harness(string wat, EngineConfig? config = null, Action<Linker, IStore>? imports = null, ulong fuel = 0)
    : EngineHarness(new StackEngine(config ?? new EngineConfig()), Wat.ToWasm(wat), imports, fuel)
{
    /// <summary>Fuel on with Soroban's Wasmi 0.31 costs unless told otherwise.</summary>
    public static EngineConfig Metered(FuelCosts? costs = null) => new()
    {
        ConsumeFuel = true,
        FuelCosts = costs ?? SorobanProfile.FuelCosts(EngineGeneration.Wasmi031),
    };
}
