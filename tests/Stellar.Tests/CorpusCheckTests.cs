using Replay.Stellar.Check;

namespace Replay.Stellar.Tests;

public sealed class CorpusCheckTests
{
    [SharedFact]
    public void EveryCorpusLedgerRoundTripsAndEveryTransactionPairs()
    {
        var report = new LedgerChecker().Run([SharedData.Corpus!]);
        Assert.Empty(report.Failures);
        Assert.Equal((3215, 2930), (report.Ledgers, report.Transactions));
        Assert.Equal(report.Ledgers, report.RoundTripIdentical);
        Assert.Equal(report.Transactions, report.HashMatched);
        Assert.True(report.Passed);
    }
}
