using BenchmarkDotNet.Attributes;
using Replay.Engines;
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

    [ParamsSource(nameof(Variants))]
    public string EngineMode { get; set; } = "";

    /// <summary>Every engine in every mode it has ("stack/Eager", "register/Lazy", ...).</summary>
    public static IEnumerable<string> Variants => EngineCatalog.Variants.Select(v => v.Name);

    [GlobalSetup]
    public void Setup() => _wasm = Wabt.Wat2Wasm(SyntheticModules.ManyFunctions(2000, 24));

    [Benchmark]
    public long CompileInstantiateCall()
    {
        var engine = EngineCatalog.GetVariant(EngineMode).Create(new EngineConfig());
        var instance = engine.CreateStore().Instantiate(engine.Compile(_wasm), new Linker());
        instance.GetFunction("run")!.Call([], _results);
        return _results[0].AsI64;
    }
}
