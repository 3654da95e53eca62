using Replay.Wasm.Runtime;

namespace Replay.Tests.Common;

/// <summary>One module compiled on an engine and instantiated in a fresh store, with call helpers.</summary>
public class EngineHarness
{
    public EngineHarness(IEngine engine, byte[] wasm, Action<Linker, IStore>? imports = null, ulong fuel = 0)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Compiled = engine.Compile(wasm);
        Store = engine.CreateStore();
        if (engine.Config.ConsumeFuel)
            Store.Fuel = fuel;
        var linker = new Linker();
        imports?.Invoke(linker, Store);
        Instance = Store.Instantiate(Compiled, linker);
    }

    public ICompiledModule Compiled { get; }
    public IStore Store { get; }
    public IInstance Instance { get; }

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
