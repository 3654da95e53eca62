using System.Diagnostics;
using Replay.Wasm.Runtime;

namespace Replay.Replayer.Bench;

/// <summary>Runs a module's <c>run() -> i64</c> export on one of our engines.</summary>
public sealed class EngineUnderTest(string name, Func<EngineConfig, IEngine> create)
{
    public string Name { get; } = name;

    public IEngine Create(EngineConfig config) => create(config);

    /// <summary>Compiles, instantiates and calls once; the call alone is timed.</summary>
    public static (long Result, TimeSpan CallTime) RunOnce(IEngine engine, ReadOnlyMemory<byte> wasm, ulong? fuel = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var module = engine.Compile(wasm);
        var store = engine.CreateStore();
        if (fuel is { } f)
            store.Fuel = f;
        var instance = store.Instantiate(module, new Linker());
        var run = instance.GetFunction("run") ?? throw new InvalidOperationException("the module exports no function 'run'");
        var results = new Value[1];
        var clock = Stopwatch.StartNew();
        run.Call([], results);
        clock.Stop();
        return (results[0].AsI64, clock.Elapsed);
    }

    /// <summary>Compile + instantiate + one call, all timed: what a transaction pays to start a contract.</summary>
    public static TimeSpan ColdStart(IEngine engine, ReadOnlyMemory<byte> wasm)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var clock = Stopwatch.StartNew();
        var module = engine.Compile(wasm);
        var store = engine.CreateStore();
        var instance = store.Instantiate(module, new Linker());
        var results = new Value[1];
        (instance.GetFunction("run") ?? throw new InvalidOperationException("no export 'run'")).Call([], results);
        clock.Stop();
        return clock.Elapsed;
    }
}
