using Replay.Stellar.Check;
using Replay.Stellar.Domain;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

public sealed class NetworkAndHashTests
{
    [Theory]
    [InlineData("Public Global Stellar Network ; September 2015", "7ac33997544e3175d266bd022439b22cdb16508c01163f26e5cb2a3e1045a979")]
    [InlineData("Test SDF Network ; September 2015", "cee0302d59844d32bdca915c8203dd44b33fbb7edc19051ea37abedf28ecd472")]
    public void NetworkIdIsTheSha256OfThePassphrase(string passphrase, string expectedHex)
    {
        Assert.Equal(expectedHex, Network.IdOf(passphrase).ToString());
        Assert.Equal(expectedHex, Network.FromPassphrase(passphrase).Id.ToString());
    }

    [Fact]
    public void V0EnvelopeHashesAsTheV1TransactionItConvertsTo()
    {
        var key = Uint256.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        var ops = new[] { new Operation { Body = OperationBody.Inflation.Instance } };
        var v0 = new TransactionEnvelope.TxV0(new TransactionV0Envelope
        {
            Tx = new TransactionV0
            {
                SourceAccountEd25519 = key,
                Fee = 100,
                SeqNum = 12345,
                TimeBounds = new TimeBounds { MinTime = 1, MaxTime = 2 },
                Memo = new Memo.Id(9),
                Operations = ops,
                Ext = TransactionV0Ext.V0.Instance,
            },
            Signatures = [],
        });
        var v1 = new TransactionEnvelope.Tx(new TransactionV1Envelope
        {
            Tx = new Transaction
            {
                SourceAccount = new MuxedAccount.Ed25519(key),
                Fee = 100,
                SeqNum = 12345,
                Cond = new Preconditions.Time(new TimeBounds { MinTime = 1, MaxTime = 2 }),
                Memo = new Memo.Id(9),
                Operations = ops,
                Ext = TransactionExt.V0.Instance,
            },
            Signatures = [],
        });
        var network = Network.Testnet.Id;
        Assert.Equal(TransactionHash.Of(v1, network), TransactionHash.Of(v0, network));
        Assert.NotEqual(TransactionHash.Of(v1, network), TransactionHash.Of(v1, Network.Public.Id));
    }

    [SharedFact]
    public void V1AndFeeBumpHashesMatchTheirResultsInTheCorpus()
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in SharedData.CorpusFiles())
        {
            if (LedgerFile.TryOpen(file) is not { } ledgers)
                continue;
            var network = file.Contains("pubnet", StringComparison.Ordinal) ? Network.Public
                : file.Contains("standalone", StringComparison.Ordinal) ? Network.Standalone
                : Network.CoreTests;
            foreach (var ledger in ledgers.Ledgers())
            {
                var results = LedgerTransactions.ResultHashesOf(ledger).ToHashSet();
                foreach (var envelope in LedgerTransactions.EnvelopesOf(ledger))
                {
                    if (!kinds.Add(envelope.GetType().Name) && kinds.Count == 2)
                        continue;
                    Assert.Contains(TransactionHash.Of(envelope, network.Id), results);
                }
            }
            if (kinds.Count == 2)
                return;
        }
        Assert.Fail("the corpus should hold both v1 and fee-bump envelopes");
    }

    [SharedFact]
    public void CheckerDetectsTheNetworkOfEachCorpusPart()
    {
        var report = new LedgerChecker().Run([SharedData.Corpus!]);
        foreach (var (file, network) in report.Networks)
        {
            var expected = file.Contains("/pubnet/", StringComparison.Ordinal) ? "pubnet"
                : file.Contains("/standalone/", StringComparison.Ordinal) ? "standalone"
                : "core-tests";
            Assert.Equal(expected, network);
        }
        Assert.Contains(report.Networks, n => n.Value == "pubnet");
    }

    [SharedFact]
    public void AWrongNetworkPassphraseFailsThePairing()
    {
        var pubnet = Directory.GetFiles(Path.Combine(SharedData.Corpus!, "pubnet"))[0];
        var report = new LedgerChecker(Network.Testnet).Run([pubnet]);
        Assert.False(report.Passed);
        Assert.Equal(0, report.HashMatched);
        Assert.Equal(report.Ledgers, report.RoundTripIdentical);
    }
}
