using Replay.Tooling;
using Replay.Wasm.Features;
using Replay.Wasm.Runtime;

namespace Replay.Replayer.Bench;

/// <summary>
/// Start-up cost: compile + instantiate + one call of a module with many functions, of
/// which the call touches one, on the stack engine (eager, as Wasmi 0.31) and the register
/// engine in each compilation mode.
/// </summary>
public static class CompileSuite
{
    /// <summary>The generated modules: a 2,000-function one and a contract-sized one.</summary>
    public static IReadOnlyList<(string Name, int Functions, int BodyOps, int DataBytes)> Modules { get; } =
    [
        ("many-functions", 2000, 24, 0),
        ("contract-sized", 450, 40, 8192),
    ];

    public static void Run(BenchReport report, EngineUnderTest stack, EngineUnderTest register, int repeat, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(progress);
        foreach (var (name, functions, bodyOps, dataBytes) in Modules)
        {
            progress($"generating {name}");
            var wasm = Wabt.Wat2Wasm(SyntheticModules.ManyFunctions(functions, bodyOps, dataBytes));
            double Time(EngineUnderTest engine, CompilationMode mode)
            {
                progress($"{name}: {engine.Name} {mode}");
                var config = new EngineConfig { Features = WasmFeatures.Spec, Mode = mode };
                WarmUp(() => EngineUnderTest.ColdStart(engine.Create(config), wasm));
                var samples = new List<double>(repeat);
                for (var i = 0; i < repeat; i++)
                    samples.Add(EngineUnderTest.ColdStart(engine.Create(config), wasm).TotalMilliseconds);
                return Statistics.Median(samples);
            }
            report.Compile.Add(new CompileTiming(
                name, functions + 1, wasm.Length,
                Time(stack, CompilationMode.Eager),
                Time(register, CompilationMode.Eager),
                Time(register, CompilationMode.LazyTranslation),
                Time(register, CompilationMode.Lazy)));
        }
    }

    /// <summary>
    /// Runs until .NET has promoted our decoder, validator and translator to optimised code
    /// (tiered compilation promotes a method after 30 calls and a short delay). One run is
    /// not enough: measured right after it, Eager looks 2-3x slower than it is.
    /// </summary>
    private static void WarmUp(Action run)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var runs = 0; runs < MinWarmUpRuns || clock.Elapsed < MinWarmUpTime; runs++)
            run();
    }

    private const int MinWarmUpRuns = 50;
    private static readonly TimeSpan MinWarmUpTime = TimeSpan.FromSeconds(1);
}
