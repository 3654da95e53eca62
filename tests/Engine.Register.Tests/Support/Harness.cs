using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Tests.Support;

/// <summary>One module instantiated on a fresh register engine and store.</summary>
internal sealed class Harness
{
    public Harness(string wat, EngineConfig? config = null, Action<Linker, IStore>? imports = null, ulong fuel = 0)
        : this(Wat.ToWasm(wat), config, imports, fuel)
    {
    }

    public Harness(byte[] wasm, EngineConfig? config = null, Action<Linker, IStore>? imports = null, ulong fuel = 0)
    {
        Engine = new RegisterEngine(config ?? new EngineConfig());
        Compiled = Engine.Compile(wasm);
        Store = Engine.CreateStore();
        if (Engine.Config.ConsumeFuel)
            Store.Fuel = fuel;
        var linker = new Linker();
        imports?.Invoke(linker, Store);
        Instance = Store.Instantiate(Compiled, linker);
    }

    public RegisterEngine Engine { get; }
    public ICompiledModule Compiled { get; }
    public IStore Store { get; }
    public IInstance Instance { get; }

    /// <summary>Fuel on with Wasmi's default costs (every class one unit).</summary>
    public static EngineConfig Metered(CompilationMode mode = CompilationMode.Eager, FuelCosts? costs = null) => new()
    {
        ConsumeFuel = true,
        Mode = mode,
        FuelCosts = costs ?? FuelCosts.Default,
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
