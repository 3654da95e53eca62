using Replay.History;
using Replay.History.Building;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Corpus;

/// <summary>
/// The live Soroban state size window rebuilt over corpus/core-tests, against what the streams
/// record of it: every ledger's totalByteSizeOfLiveSorobanState (the window's average after
/// close), and the size that upgrades to protocol 23 and later write into every slot.
/// </summary>
public sealed class StateSizeWindowTests
{
    private sealed record Run(CaseRunSummary Summary, List<string> Warnings, List<ReplayCase> Cases);

    private static readonly Lazy<Task<Run>> CoreTests = new(async () =>
    {
        var warnings = new List<string>();
        var runner = new CaseRunner(new CaseRunOptions
        {
            Source = new MetaSource(SharedData.PathOf("corpus", "core-tests")),
            Range = new LedgerRange(0, null),
            Stores = new InMemoryLedgerStateStoreFactory(),
            TestNetworkConfig = CoreTestNetworkConfig.Load(SharedData.PathOf("soroban", CoreTestNetworkConfig.FileName)),
            CodeRentSize = Fees.ContractCodeRentSize,
            Warn = warnings.Add,
        });
        var cases = new List<ReplayCase>();
        await foreach (var r in runner.RunAsync())
        {
            if (r is BuiltCase b)
                cases.Add(b.Case);
        }
        return new Run(runner.Summary, warnings, cases);
    });

    [SharedFact]
    public async Task Explore()
    {
        var run = await CoreTests.Value;
        var s = run.Summary;
        var byProtocol = run.Cases.GroupBy(c => (c.LedgerInfo.ProtocolVersion, c.Settings.StateSizeWindow is not null)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {g.Count()}");
        var nonZero = run.Cases.Where(c => c.Settings.StateSizeWindow!.Any(v => v != 0)).Select(c => $"{c.Id.Ledger} p{c.LedgerInfo.ProtocolVersion} avg {SorobanStateSize.Average(c.Settings.StateSizeWindow!)} {c.Recorded.OperationResult}").Distinct().Take(40);
        Assert.Fail($"{string.Join("\n", nonZero)}\nwindow {s.StateSizeWindow.Matched}/{s.StateSizeWindow.Checked} reset {s.StateSizeReset.Matched}/{s.StateSizeReset.Checked}\n{string.Join("\n", byProtocol)}\n{string.Join("\n", run.Warnings.Take(30))}");
    }
}
