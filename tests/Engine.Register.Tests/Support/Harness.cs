using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Tests.Support;

/// <summary>One module instantiated on a fresh register engine and store.</summary>
internal sealed class Harness(byte[] wasm, EngineConfig? config = null, Action<Linker, IStore>? imports = null, ulong fuel = 0)
    : EngineHarness(new RegisterEngine(config ?? new EngineConfig()), wasm, imports, fuel)
{
    public Harness(string wat, EngineConfig? config = null, Action<Linker, IStore>? imports = null, ulong fuel = 0)
        : this(Wat.ToWasm(wat), config, imports, fuel)
    {
    }

    /// <summary>Fuel on with Wasmi's default costs (every class one unit).</summary>
    public static EngineConfig Metered(CompilationMode mode = CompilationMode.Eager, FuelCosts? costs = null) => new()
    {
        ConsumeFuel = true,
        Mode = mode,
        FuelCosts = costs ?? FuelCosts.Default,
    };
}
