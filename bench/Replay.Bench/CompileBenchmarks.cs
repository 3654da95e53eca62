using BenchmarkDotNet.Attributes;
using Replay.Tooling;
using Replay.Wasm.Runtime;

namespace Replay.Bench;

/// <summary>
/// Start-up cost per compilation mode: compile + instantiate + one call of a module with
/// 2,000 functions of which the call touches one (what lazy compilation is for).
/// </summary>
[MemoryDiagnoser]
[MinIterationCount(5), MaxIterationCount(20)]
public class CompileBenchmarks
{
    private byte[] _wasm = [];
    private readonly Value[] _results = new Value[1];

    [Params("stack:Eager", "register:Eager", "register:LazyTranslation", "register:Lazy")]
    public string EngineMode { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _wasm = Wabt.Wat2Wasm(SyntheticModules.ManyFunctions(2000, 24));

    [Benchmark]
    public long CompileInstantiateCall()
    {
        var parts = EngineMode.Split(':');
        var engine = BenchInputs.CreateEngine(parts[0], new EngineConfig { Mode = Enum.Parse<CompilationMode>(parts[1]) });
        var instance = engine.CreateStore().Instantiate(engine.Compile(_wasm), new Linker());
        instance.GetFunction("run")!.Call([], _results);
        return _results[0].AsI64;
    }
}
