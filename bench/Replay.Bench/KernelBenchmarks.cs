using BenchmarkDotNet.Attributes;
using Replay.Engines;
using Replay.Wasm.Runtime;

namespace Replay.Bench;

/// <summary>
/// Execution speed of each reference workload of kernels.c on both engines and Wasmtime.
/// Compilation and instantiation happen in setup; only the call is measured.
/// </summary>
[MemoryDiagnoser]
[MinIterationCount(3), MaxIterationCount(10), WarmupCount(1)]
public class KernelBenchmarks
{
    private IFunction _run = null!;
    private Wasmtime.Engine? _wasmtimeEngine;
    private Wasmtime.Store? _wasmtimeStore;
    private Func<long>? _wasmtimeRun;
    private readonly Value[] _results = new Value[1];

    [Params("fib_rec", "fib_iter", "primes", "matmul", "hash_loop")]
    public string Kernel { get; set; } = "";

    [ParamsSource(nameof(Engines))]
    public string Engine { get; set; } = "";

    /// <summary>Every engine of the catalog, then Wasmtime.</summary>
    public static IEnumerable<string> Engines => [.. EngineCatalog.All.Select(e => e.Name), "wasmtime"];

    [GlobalSetup]
    public void Setup()
    {
        var wasm = BenchInputs.KernelModule(Kernel);
        if (Engine == "wasmtime")
        {
            _wasmtimeEngine = new Wasmtime.Engine();
            using var module = Wasmtime.Module.FromBytes(_wasmtimeEngine, Kernel, wasm);
            using var linker = new Wasmtime.Linker(_wasmtimeEngine);
            _wasmtimeStore = new Wasmtime.Store(_wasmtimeEngine);
            _wasmtimeRun = linker.Instantiate(_wasmtimeStore, module).GetFunction<long>("run");
            return;
        }
        var engine = EngineCatalog.Get(Engine).Create(new EngineConfig());
        var store = engine.CreateStore();
        var instance = store.Instantiate(engine.Compile(wasm), new Linker());
        _run = instance.GetFunction("run")!;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _wasmtimeStore?.Dispose();
        _wasmtimeEngine?.Dispose();
    }

    [Benchmark]
    public long Run()
    {
        if (_wasmtimeRun is not null)
            return _wasmtimeRun();
        _run.Call([], _results);
        return _results[0].AsI64;
    }
}
