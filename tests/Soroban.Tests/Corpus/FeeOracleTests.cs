using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Corpus;

/// <summary>
/// The non-refundable resource fee computed as core computes it (<see cref="Fees.NonRefundableResourceFee"/>),
/// against what corpus/core-tests recorded. The streams carry no SorobanTransactionMetaExtV1, so
/// the recording gives the resource fee charged: the transaction's final feeCharged less the
/// inclusion fee its fee processing took (the balance drop less the declared resource fee). When
/// the operation failed, core keeps no refundable fee, so that is the non-refundable fee alone
/// (every protocol); from protocol 23 a success adds the rent and events fees of the replay
/// (before 23 the replay does not judge rent, so a success does not determine the split).
/// corpus/pubnet and corpus/standalone give no case (partial state: the settings are unknown).
/// </summary>
public sealed class FeeOracleTests
{
    /// <summary>
    /// A p26 upload whose resource fee was charged whole (feeCharged equals what fee processing
    /// took: no refund at all), where core refunds the unused refundable fee of every other
    /// successful transaction; the recording does not say why.
    /// </summary>
    private const string ChargedWithoutRefund = "edd30d699f6f4b171b18787ba8276965dec95e307c98492b07adfb98e61c968c";

    [SharedFact]
    public async Task ComputedNonRefundableFeeIsWhatCoreCharged()
    {
        var cases = await CorpusInvocationTests.Cases.Value;
        var engine = CorpusInvocationTests.CreateEngine(EngineCatalog.GetVariant("stack/Eager"));
        var counts = new SortedDictionary<string, (int Total, int Agree)>(StringComparer.Ordinal);
        var disagree = new List<string>();
        foreach (var c in cases)
        {
            var nonRefundable = Fees.NonRefundableResourceFee(c);
            Assert.NotNull(nonRefundable);
            var charged = c.Recorded.Fees.FeeCharged - (c.Recorded.Fees.InitialFeeCharged!.Value - c.ResourceFee);
            var protocol = c.LedgerInfo.ProtocolVersion;
            var success = c.Recorded.OperationResult == InvokeHostFunctionResultCode.Success;
            var expected = nonRefundable.Value;
            if (success)
            {
                if (protocol < 23)
                    continue;
                var o = Invoker.Run(c, engine);
                var events = (uint)o.CoreMetrics.Single(m => m.Name == "emit_event_byte").Value;
                expected += o.RentFee!.Value + Fees.EventsFee(events, c.Settings.Events.FeeContractEvents1KB);
            }
            var key = $"p{protocol} {(success ? "success" : "failure")}";
            var (total, agree) = counts.GetValueOrDefault(key);
            counts[key] = (total + 1, agree + (charged == expected ? 1 : 0));
            if (charged != expected)
                disagree.Add(c.Id.TransactionHash.ToString());
        }
        Assert.Equal(new SortedDictionary<string, (int, int)>(StringComparer.Ordinal)
        {
            ["p20 failure"] = (1, 1),
            ["p23 failure"] = (1, 1),
            ["p23 success"] = (198, 198),
            ["p26 failure"] = (14, 14),
            ["p26 success"] = (144, 143),
            ["p27 failure"] = (114, 114),
            ["p27 success"] = (1391, 1391),
        }, counts);
        Assert.Equal([ChargedWithoutRefund], disagree);
    }
}
