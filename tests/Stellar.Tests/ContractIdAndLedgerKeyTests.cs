using Replay.Stellar.Check;
using Replay.Stellar.Domain;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

public sealed class ContractIdAndLedgerKeyTests
{
    /// <summary>
    /// Every contract created in the corpus must appear, under the id we derive from its preimage,
    /// as a contract-instance entry created by the same transaction.
    /// </summary>
    [SharedFact]
    public void DerivedContractIdsMatchTheInstancesTheCorpusCreated()
    {
        var networks = new LedgerChecker().Run([SharedData.Corpus!]).Networks;
        var checkedCount = 0;
        foreach (var (file, networkName) in networks)
        {
            var network = Network.Known.First(n => n.Name == networkName);
            foreach (var ledger in LedgerFile.Open(file).Ledgers())
            {
                var envelopes = LedgerTransactions.EnvelopesOf(ledger).ToDictionary(e => TransactionHash.Of(e, network.Id));
                var results = LedgerTransactions.ResultHashesOf(ledger);
                var metas = MetaChanges.TransactionMetasOf(ledger);
                for (var i = 0; i < results.Count; i++)
                {
                    var preimage = CreatedPreimage(envelopes[results[i]]);
                    if (preimage is null)
                        continue;
                    var createdInstances = MetaChanges.Of(metas[i])
                        .OfType<LedgerEntryChange.Created>()
                        .Select(c => c.Value.Data)
                        .OfType<LedgerEntryData.ContractData>()
                        .Where(d => d.Value.Key is SCVal.LedgerKeyContractInstance)
                        .Select(d => ((SCAddress.Contract)d.Value.Contract).Value)
                        .ToList();
                    if (createdInstances.Count == 0)
                        continue; // the creation failed; nothing to compare
                    Assert.Contains(ContractId.FromPreimage(preimage, network.Id), createdInstances);
                    checkedCount++;
                }
            }
            if (checkedCount >= 40)
                break;
        }
        Assert.Equal(41, checkedCount);
    }

    private static ContractIDPreimage? CreatedPreimage(TransactionEnvelope envelope)
    {
        var tx = envelope switch
        {
            TransactionEnvelope.Tx v1 => v1.Value.Tx,
            TransactionEnvelope.TxFeeBump fb => ((FeeBumpTransactionInnerTx.Tx)fb.Value.Tx.InnerTx).Value.Tx,
            _ => null,
        };
        if (tx is null || tx.Operations.Length != 1 || tx.Operations[0].Body is not OperationBody.InvokeHostFunction invoke)
            return null;
        return invoke.Value.HostFunction switch
        {
            HostFunction.CreateContract c => c.Value.ContractIDPreimage,
            HostFunction.CreateContractV2 c => c.Value.ContractIDPreimage,
            _ => null,
        };
    }

    /// <summary>stellar-core records a removal as the entry's prior state followed by its key.</summary>
    [SharedFact]
    public void KeyOfTheStateBeforeARemovalIsTheRemovedKey()
    {
        var compared = 0;
        foreach (var file in SharedData.CorpusFiles())
        {
            if (LedgerFile.TryOpen(file) is not { } ledgers)
                continue;
            foreach (var ledger in ledgers.Ledgers())
            {
                foreach (var meta in MetaChanges.TransactionMetasOf(ledger))
                {
                    LedgerEntry? lastState = null;
                    foreach (var change in MetaChanges.Of(meta))
                    {
                        if (change is LedgerEntryChange.State s)
                            lastState = s.Value;
                        else if (change is LedgerEntryChange.Removed r && lastState is not null)
                        {
                            Assert.Equal(r.Value.ToXdr(), LedgerKeys.KeyOf(lastState).ToXdr());
                            compared++;
                        }
                    }
                }
            }
            if (compared > 200)
                break;
        }
        Assert.Equal(30, compared);
    }

    [Fact]
    public void EveryLedgerEntryKindHasAKey()
    {
        var account = new PublicKey.PublicKeyTypeEd25519(default);
        var entry = new LedgerEntry
        {
            LastModifiedLedgerSeq = 1,
            Data = new LedgerEntryData.Ttl(new TTLEntry { KeyHash = Hash.FromBytes(new byte[32]), LiveUntilLedgerSeq = 9 }),
            Ext = LedgerEntryExt.V0.Instance,
        };
        Assert.IsType<LedgerKey.Ttl>(LedgerKeys.KeyOf(entry));
        var data = new LedgerEntryData.Data(new DataEntry { AccountID = account, DataName = "n", DataValue = [1], Ext = DataEntryExt.V0.Instance });
        var key = Assert.IsType<LedgerKey.Data>(LedgerKeys.KeyOf(data));
        Assert.Equal("n", key.Value.DataName.ToString());
    }
}
