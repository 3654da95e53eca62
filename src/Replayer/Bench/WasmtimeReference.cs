using System.Diagnostics;

namespace Replay.Replayer.Bench;

/// <summary>
/// Wasmtime (Cranelift JIT) as the outside speed reference: what compiled code achieves.
/// Only the call is timed; compilation happens before.
/// </summary>
public static class WasmtimeReference
{
    public static (long Result, TimeSpan CallTime) RunOnce(byte[] wasm)
    {
        using var engine = new Wasmtime.Engine();
        using var module = Wasmtime.Module.FromBytes(engine, "kernel", wasm);
        using var linker = new Wasmtime.Linker(engine);
        using var store = new Wasmtime.Store(engine);
        var instance = linker.Instantiate(store, module);
        var run = instance.GetFunction<long>("run") ?? throw new InvalidOperationException("the module exports no function 'run() -> i64'");
        var clock = Stopwatch.StartNew();
        var result = run();
        clock.Stop();
        return (result, clock.Elapsed);
    }
}
