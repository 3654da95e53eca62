using Replay.History.Building;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.History.State;

namespace Replay.History.Tests.Support;

/// <summary>Runs the case builder over a source and collects everything it produced.</summary>
internal static class Runs
{
    private static readonly Lazy<CoreTestNetworkConfig> Config = new(() =>
        CoreTestNetworkConfig.Load(SharedData.PathOf("soroban", CoreTestNetworkConfig.FileName)));

    public static CoreTestNetworkConfig TestNetworkConfig => Config.Value;

    public sealed record Result(CaseRunSummary Summary, List<CaseBuildResult> Results, List<string> Warnings);

    public static async Task<Result> RunAsync(ILedgerSource source, LedgerRange? range = null, ILedgerStateStoreFactory? stores = null,
        IStateBootstrap? bootstrap = null, bool rangeGiven = false)
    {
        var warnings = new List<string>();
        var runner = new CaseRunner(new CaseRunOptions
        {
            Source = source,
            Range = range ?? new LedgerRange(0, null),
            RangeGiven = rangeGiven,
            Stores = stores ?? new InMemoryLedgerStateStoreFactory(),
            TestNetworkConfig = TestNetworkConfig,
            Bootstrap = bootstrap,
            Warn = warnings.Add,
        });
        var results = new List<CaseBuildResult>();
        await foreach (var r in runner.RunAsync())
            results.Add(r);
        return new Result(runner.Summary, results, warnings);
    }

    public static Task<Result> MetaAsync(string path, LedgerRange? range = null) => RunAsync(new MetaSource(path), range);
}
