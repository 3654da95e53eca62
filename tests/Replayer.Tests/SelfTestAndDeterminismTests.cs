using System.Text.Json;
using Replay.Diff;
using Replay.Engine.Stack;
using Replay.Engines;
using Replay.History;
using Replay.History.Building;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Replayer.Cli;
using Replay.Replayer.Pipeline;
using Replay.Soroban.Profile;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Replayer.Tests;

public sealed class SelfTestAndDeterminismTests
{
    private static string CoreTests(params string[] parts) => SharedData.PathOf(["corpus", "core-tests", .. parts]);

    [SharedFact]
    public async Task Selftest_finds_the_three_injected_bugs_in_their_classes_with_stable_signatures()
    {
        var result = await CliRunner.RunAsync("selftest", "--source", "meta:" + CoreTests(), "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal(1874, root.GetProperty("cases").GetInt32());
        // One probe per protocol among the corpus's plain successful invocations: none of its contracts uses i32.rem_s.
        Assert.Equal(5, root.GetProperty("probes").GetInt32());
        Assert.True(root.GetProperty("passed").GetBoolean());
        var faults = root.GetProperty("faults").EnumerateArray().ToDictionary(f => f.GetProperty("fault").GetString()!);
        Assert.Equal(["rem_s-sign", "fuel-off-by-one", "lazy-validation"], faults.Keys);

        var rem = faults["rem_s-sign"];
        Assert.Equal((5, 0), (rem.GetProperty("newDivergences").GetInt32(), rem.GetProperty("costChanged").GetInt32()));
        Assert.Equal("{\"result\":5}", rem.GetProperty("classes").Raw());
        Assert.Equal(2, rem.GetProperty("signatures").GetArrayLength());

        // Every case that executes Wasm costs more fuel; none crosses a limit because of one unit per call.
        var fuel = faults["fuel-off-by-one"];
        Assert.Equal((0, 645), (fuel.GetProperty("newDivergences").GetInt32(), fuel.GetProperty("costChanged").GetInt32()));

        var lazy = faults["lazy-validation"];
        Assert.Equal((74, 0), (lazy.GetProperty("newDivergences").GetInt32(), lazy.GetProperty("costChanged").GetInt32()));
        Assert.Equal("{\"lazy-validation\":74}", lazy.GetProperty("classes").Raw());
        Assert.Equal(3, lazy.GetProperty("signatures").GetArrayLength());
        Assert.All(faults.Values, f => Assert.True(f.GetProperty("stable").GetBoolean()));
    }

    private static async Task<List<ReplayCase>> CasesAsync(string file)
    {
        var runner = new CaseRunner(new CaseRunOptions
        {
            Source = new MetaSource(CoreTests(file)),
            Range = new LedgerRange(0, null),
            Stores = new InMemoryLedgerStateStoreFactory(),
            TestNetworkConfig = CoreTestNetworkConfig.Load(SharedData.PathOf("soroban", CoreTestNetworkConfig.FileName)),
            CodeRentSize = Replay.Soroban.Invocation.Fees.ContractCodeRentSize,
        });
        var cases = new List<ReplayCase>();
        await foreach (var r in runner.RunAsync())
        {
            if (r is BuiltCase b)
                cases.Add(b.Case);
        }
        return cases;
    }

    /// <summary>A stack engine whose compilations alternate between two fuel prices (stores follow the last compilation): a nondeterministic reference.</summary>
    private sealed class FlakyEngine : IEngine
    {
        private readonly StackEngine _a;
        private readonly StackEngine _b;
        private int _compiles;
        private StackEngine _last = null!;

        public FlakyEngine(EngineConfig config)
        {
            _a = new StackEngine(config);
            _b = new StackEngine(config with { FuelCosts = config.FuelCosts with { Base = config.FuelCosts.Base + 1 } });
        }

        public EngineIdentity Identity => _a.Identity;

        public EngineConfig Config => _a.Config;

        public ICompiledModule Compile(ReadOnlyMemory<byte> wasm)
        {
            _last = ++_compiles % 2 == 0 ? _b : _a;
            return _last.Compile(wasm);
        }

        public IStore CreateStore(object? hostState = null) => (_last ?? _a).CreateStore(hostState);
    }

    [SharedFact]
    public async Task The_determinism_check_aborts_on_a_reference_engine_that_gives_two_outcomes_naming_the_case()
    {
        var cases = await CasesAsync("13ddfbcd91340230.xdr");
        // One worker, no module cache: every run compiles, alternately at each price.
        var flaky = EngineSet.Create(["stack", "register"], ["lazy"], cache: false,
            v => v.Engine == EngineCatalog.Stack ? new FlakyEngine(SorobanProfile.Config(v.Engine.Generation, v.Mode)) : null);
        var options = new PipelineOptions { Engines = flaky, Parallel = 1, DeterminismEvery = 1 };
        var e = await Assert.ThrowsAsync<NondeterminismException>(async () =>
        {
            await foreach (var _ in ReplayPipeline.RunAsync(Source(cases), options))
            {
            }
        });
        // The first case that executes Wasm (an upload only parses it): fuel differs between the two runs.
        var first = cases.First(c => c.HostFunction is Stellar.Xdr.HostFunction.InvokeContract);
        Assert.Equal(first.Id, e.Case);
        Assert.StartsWith($"nondeterminism: the reference engine gave two different outcomes for case {first.Id}: costs: cpu ", e.Message, StringComparison.Ordinal);

        // The real engines pass the same check on every case.
        var real = new PipelineOptions { Engines = EngineSet.Create(["stack", "register"], ["lazy"], cache: true), Parallel = 2, DeterminismEvery = 1 };
        var count = 0;
        await foreach (var item in ReplayPipeline.RunAsync(Source(cases), real))
            count++;
        Assert.Equal(9, count);
    }

    [SharedFact]
    public async Task The_module_cache_changes_no_outcome_in_any_mode()
    {
        var cases = await CasesAsync("13ddfbcd91340230.xdr");
        foreach (var mode in new[] { "eager", "lazy-translation", "lazy" })
        {
            var cached = EngineSet.Create(["stack", "register"], [mode], cache: true);
            var fresh = EngineSet.Create(["stack", "register"], [mode], cache: false);
            // Twice through the cached set: the second pass runs every module from the cache.
            foreach (var pass in new[] { 1, 2 })
            {
                foreach (var c in cases)
                {
                    var a = CaseExecutor.Execute(c, cached, determinismCheck: false).Comparison;
                    var b = CaseExecutor.Execute(c, fresh, determinismCheck: false).Comparison;
                    Assert.Equal(b.Runs, a.Runs);
                    Assert.Equal(b.Verdict, a.Verdict);
                }
            }
        }
    }

#pragma warning disable CS1998
    private static async IAsyncEnumerable<CaseBuildResult> Source(IEnumerable<ReplayCase> cases)
    {
        foreach (var c in cases)
            yield return new BuiltCase(c);
    }
#pragma warning restore CS1998
}
