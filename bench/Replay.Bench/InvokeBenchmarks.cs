using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Replay.Engines;
using Replay.History;
using Replay.History.Building;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Soroban.Invocation;
using Replay.Soroban.Profile;
using Replay.Soroban.Vm;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Bench;

/// <summary>
/// The invocations of the corpus verification (the core-tests InvokeContract operations that need
/// no address credentials: 634, 29 of them reaching the Stellar Asset Contract), each run through <see cref="Invoker.Run"/> on one engine variant, one thread;
/// with modules compiled afresh per invocation (as the host does without a cache) or taken from a
/// compiled-module cache (<see cref="RunOptions.Compile"/>).
/// </summary>
internal static class InvokeWorkload
{
    private static List<ReplayCase>? s_cases;

    /// <summary>The in-scope cases, built once from ../shared/corpus/core-tests.</summary>
    public static List<ReplayCase> Cases()
    {
        if (s_cases is not null)
            return s_cases;
        var corpus = Corpus.Find() ?? throw new InvalidOperationException("../shared/corpus not found: run from the repository");
        var runner = new CaseRunner(new CaseRunOptions
        {
            Source = new MetaSource(Path.Combine(corpus, "core-tests")),
            Range = new LedgerRange(0, null),
            Stores = new InMemoryLedgerStateStoreFactory(),
            TestNetworkConfig = CoreTestNetworkConfig.Load(Path.Combine(corpus, "..", "soroban", CoreTestNetworkConfig.FileName)),
        });
        var cases = new List<ReplayCase>();
        var run = Task.Run(async () =>
        {
            await foreach (var r in runner.RunAsync())
            {
                if (r is BuiltCase b && b.Case.HostFunction is HostFunction.InvokeContract
                    && b.Case.Auth.All(a => a.Credentials is SorobanCredentials.SourceAccount))
                    cases.Add(b.Case);
            }
        });
        run.GetAwaiter().GetResult();
        return s_cases = cases;
    }

    public static IEngine Engine(string variant)
    {
        var v = EngineCatalog.GetVariant(variant);
        return v.Create(SorobanProfile.Config(v.Engine.Generation, v.Mode));
    }

    /// <summary>A compiler caching one compiled module per distinct Wasm (by SHA-256) and compiling engine's mode, for <paramref name="engine"/> and its eager twin.</summary>
    public static ModuleCompiler CachingCompiler(IEngine engine)
    {
        var cache = new Dictionary<(string, CompilationMode), ICompiledModule>();
        return (compiling, wasm) =>
        {
            var key = (Convert.ToHexString(SHA256.HashData(wasm.Span)), compiling.Config.Mode);
            if (!cache.TryGetValue(key, out var module))
                cache[key] = module = compiling.Compile(wasm);
            return module;
        };
    }

    /// <summary>Runs every case once; returns how many ran the host (not "not implemented").</summary>
    public static int RunAll(List<ReplayCase> cases, IEngine engine, RunOptions? options)
    {
        int hostRuns = 0;
        foreach (var c in cases)
        {
            if (Invoker.Run(c, engine, options).Status != OutcomeStatus.NotImplemented)
                hostRuns++;
        }
        return hostRuns;
    }

    /// <summary>
    /// `dotnet run -c Release --project bench/Replay.Bench -- invoke [passes]`: per variant and
    /// cache setting, a warm-up pass then the best of <paramref name="passes"/> timed passes, one
    /// thread; thread CPU time (CLOCK_THREAD_CPUTIME_ID), process CPU time (the GC's and JIT's
    /// threads included) and wall time, as invocations per second.
    /// </summary>
    public static int Report(int passes)
    {
        var cases = Cases();
        Console.WriteLine($"{cases.Count} in-scope invocations (core-tests InvokeContract without address credentials)");
        Console.WriteLine("| variant | modules | host runs | thread CPU s / pass | process CPU s / pass | wall s / pass | invocations / thread CPU s | invocations / wall s |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var variant in EngineCatalog.Variants.Select(v => v.Name))
        {
            foreach (var cached in new[] { false, true })
            {
                var engine = Engine(variant);
                var options = cached ? new RunOptions { Compile = CachingCompiler(engine) } : null;
                int hostRuns = RunAll(cases, engine, options);
                double bestCpu = double.MaxValue, bestWall = double.MaxValue, bestProcess = double.MaxValue;
                for (int p = 0; p < passes; p++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    var cpu0 = ThreadCpuSeconds();
                    var process0 = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
                    var sw = Stopwatch.StartNew();
                    RunAll(cases, engine, options);
                    sw.Stop();
                    var cpu = ThreadCpuSeconds() - cpu0;
                    bestProcess = Math.Min(bestProcess, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - process0);
                    bestCpu = Math.Min(bestCpu, cpu);
                    bestWall = Math.Min(bestWall, sw.Elapsed.TotalSeconds);
                }
                Console.WriteLine(FormattableString.Invariant(
                    $"| {variant} | {(cached ? "cached" : "compiled per run")} | {hostRuns} | {bestCpu:F3} | {bestProcess:F3} | {bestWall:F3} | {cases.Count / bestCpu:F0} | {cases.Count / bestWall:F0} |"));
            }
        }
        return 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    private const int ClockThreadCpuTime = 3;

    /// <summary>The calling thread's CPU time (Linux); the process's on other systems.</summary>
    private static double ThreadCpuSeconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var t) == 0)
            return t.Seconds + t.Nanoseconds / 1e9;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }
}

/// <summary>All in-scope corpus invocations per engine variant, with and without a compiled-module cache.</summary>
[MemoryDiagnoser]
public class InvokeBenchmarks
{
    private List<ReplayCase> _cases = [];
    private IEngine _engine = null!;
    private RunOptions? _options;

    [Params("stack/Eager", "register/Eager", "register/LazyTranslation", "register/Lazy")]
    public string Variant { get; set; } = "stack/Eager";

    [Params(false, true)]
    public bool CachedModules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cases = InvokeWorkload.Cases();
        _engine = InvokeWorkload.Engine(Variant);
        _options = CachedModules ? new RunOptions { Compile = InvokeWorkload.CachingCompiler(_engine) } : null;
    }

    [Benchmark(Description = "all in-scope corpus invocations")]
    public int AllInvocations() => InvokeWorkload.RunAll(_cases, _engine, _options);
}
