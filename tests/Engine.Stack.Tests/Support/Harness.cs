using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Tests.Support;

/// <summary>One module instantiated on a fresh stack engine and store.</summary>
internal sealed class Harness
{
    public Harness(string wat, EngineConfig? config = null, Action<Linker, IStore>? imports = null, ulong fuel = 0)
    {
        Engine = new StackEngine(config ?? new EngineConfig());
        Compiled = Engine.Compile(Wat.ToWasm(wat));
        Store = Engine.CreateStore();
        if (Engine.Config.ConsumeFuel)
            Store.Fuel = fuel;
        var linker = new Linker();
        imports?.Invoke(linker, Store);
        Instance = Store.Instantiate(Compiled, linker);
    }

    public StackEngine Engine { get; }
    public ICompiledModule Compiled { get; }
    public IStore Store { get; }
    public IInstance Instance { get; }

    public static EngineConfig Metered(FuelCosts? costs = null) => new()
    {
        ConsumeFuel = true,
        FuelCosts = costs ?? FuelCosts.Soroban,
    };

    public Value[] Call(string name, params Value[] args)
    {
        var f = Instance.GetFunction(name) ?? throw new InvalidOperationException($"no export {name}");
        var results = new Value[f.Type.ResultCount];
        f.Call(args, results);
        return results;
    }

    public Value Call1(string name, params Value[] args) => Call(name, args).Single();

    /// <summary>The fuel one call consumes.</summary>
    public ulong FuelOf(string name, params Value[] args)
    {
        Store.ResetFuelConsumed();
        Call(name, args);
        return Store.FuelConsumed;
    }

    public TrapCode Trap(string name, params Value[] args) =>
        Assert.Throws<TrapException>(() => Call(name, args)).Code;
}
