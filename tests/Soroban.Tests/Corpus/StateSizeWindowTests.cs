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

    /// <summary>
    /// Every ledger at protocol 23 or later (3,194 of the 3,211) records the average of the window
    /// the next ledger prices rent from; the rebuilt window gives it exactly. No stream upgrades
    /// to protocol 23 or changes memory cost parameters, so no upgrade rewrites the window (none to
    /// check), and no stream reaches a sample-period ledger (they end by ledger 46; the period is
    /// 64): those from protocol 23 keep the test network's genesis window (30 zeros) throughout,
    /// which the recorded averages confirm. Every case has its window: from protocol 23 the
    /// rebuilt one; the 12 of protocol 20 and 21 the window the streams' first config upgrade
    /// records as its pre-image. (The snapshot at a sample period is exercised by the sample
    /// history: Sample.Tests, whose lake records the window's average at every ledger.)
    /// </summary>
    [SharedFact]
    public async Task RebuiltWindowAveragesWhatEveryLedgerRecords()
    {
        var run = await CoreTests.Value;
        var s = run.Summary;
        Assert.Equal((3194, 3194), (s.StateSizeWindow.Checked, s.StateSizeWindow.Matched));
        Assert.Equal((0, 0), (s.StateSizeReset.Checked, s.StateSizeReset.Matched));
        Assert.Empty(run.Warnings);
        var byProtocol = run.Cases.GroupBy(c => c.LedgerInfo.ProtocolVersion).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(c => c.Settings.StateSizeWindow is { Length: 30 })));
        Assert.Equal(new Dictionary<uint, (int, int)> { [20] = (11, 11), [21] = (1, 1), [23] = (199, 199), [26] = (158, 158), [27] = (1505, 1505) }, byProtocol);
        Assert.All(run.Cases.Where(c => c.LedgerInfo.ProtocolVersion >= 23), c => Assert.Equal(new ulong[30], c.Settings.StateSizeWindow));
        Assert.All(run.Cases.Where(c => c.LedgerInfo.ProtocolVersion < 23), c => Assert.Equal(Enumerable.Repeat(100UL, 30), c.Settings.StateSizeWindow));
    }
}
