using System.Security.Cryptography;
using System.Text;
using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Core's handling of the host's output (<see cref="CoreApply"/>): the meta-form changes of a
/// successful write, the success hash, and the refundable-fee check with its diagnostic events.
/// </summary>
public sealed class CoreApplyTests
{
    private const int Protocol = 23;
    private static readonly SCVal K = new SCVal.Symbol(new XdrString("k"u8.ToArray()));

    private static readonly RentFeeConfig Rent = new(FeePerWrite1Kb: 1000, FeePerRent1Kb: 2000, FeePerWriteEntry: 500,
        PersistentRentRateDenominator: 100, TemporaryRentRateDenominator: 10);

    private const long EventsRate = 10_000;

    /// <summary>Writes persistent "k" = 77 with the "ledger" contract and hands the host's output to core with the given refundable fee.</summary>
    private static (Outcome Outcome, HostInvocationResult Host, LedgerKey DataKey) PutThroughCore(long? maximumRefundableFee)
    {
        var ledger = new ContractLedger(Protocol);
        var id = ledger.Deploy("ledger");
        var dataKey = ContractLedger.DataKey(id, K, ContractDataDurability.Persistent);
        var codeKey = new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = Hash.FromBytes(SHA256.HashData(ContractBuilder.Build("ledger", Protocol))) });
        var instanceKey = ContractLedger.InstanceKey(id);
        var v = EngineCatalog.GetVariant("stack/Eager");
        var host = ledger.Invoke(v, id, "put", [new SCVal.U32(1), new SCVal.U32(77)], readWrite: [dataKey], apply: false);
        Assert.Null(host.Error);

        CoreFootprintEntry Present(LedgerKey key)
        {
            Assert.True(ledger.TryGet(key, out var entry, out var live));
            return new CoreFootprintEntry(key, true, entry, live, null, false);
        }
        var ctx = new CoreContext
        {
            Protocol = Protocol,
            LedgerSeq = ledger.Sequence,
            Resources = new SorobanResources
            {
                Footprint = new LedgerFootprint { ReadOnly = [codeKey, instanceKey], ReadWrite = [dataKey] },
                Instructions = ledger.Instructions,
                DiskReadBytes = 0,
                WriteBytes = 10_000,
            },
            Footprint = [Present(codeKey), Present(instanceKey), new CoreFootprintEntry(dataKey, false, null, null, null, false)],
            Limits = new CoreLimits(MaxContractSizeBytes: 65_536, MaxContractDataEntrySizeBytes: 65_536, TxMaxContractEventsSizeBytes: 8_192, TxMemoryLimit: 100_000_000),
            MinPersistentTtl = ledger.MinPersistentTtl,
            ReadMetrics = [],
            RefundableFee = maximumRefundableFee is { } max
                ? new RefundableFeeCheck(max, changes => Fees.RentFee(Fees.RentChanges(changes), Rent, ledger.Sequence, Protocol), size => Fees.EventsFee(size, EventsRate))
                : null,
        };
        var outcome = CoreApply.ToOutcome(ctx, host, new OutcomeEngine(v.Engine.Identity, v.Mode));
        return (outcome, host, dataKey);
    }

    /// <summary>
    /// The new persistent entry: 4096 ledgers (999, 5095] at its size, plus its TTL entry's write
    /// (500 + ceil(48 × 1000 / 1024) = 547).
    /// </summary>
    private static long ExpectedRent(HostInvocationResult host, LedgerKey dataKey)
    {
        var change = Assert.Single(host.LedgerChanges, c => !c.ReadOnly);
        Assert.Equal(dataKey.ToXdr(), change.Key.ToXdr());
        Assert.Equal(1000u + 4096 - 1, change.Ttl!.NewLiveUntil);
        var size = change.NewSizeForRent;
        return (size * 2000L * 4096 + 1024 * 100 - 1) / (1024 * 100) + 547;
    }

    [Fact]
    public void SuccessCarriesTheChangesInMetaFormAndTheRentFee()
    {
        var (o, host, dataKey) = PutThroughCore(1_000_000_000);
        Assert.Equal(OutcomeStatus.Success, o.Status);
        Assert.Equal(InvokeHostFunctionResultCode.Success, o.ResultCode);
        Assert.Equal(ExpectedRent(host, dataKey), o.RentFee);
        // The data entry and its TTL entry are created; the read-only entries are untouched.
        Assert.Equal(2, o.LedgerChanges.Count);
        var created = o.LedgerChanges.OfType<LedgerEntryChange.Created>().Select(c => c.Value.Data).ToList();
        Assert.Equal(2, created.Count);
        Assert.Contains(created, d => d is LedgerEntryData.ContractData);
        var ttl = Assert.IsType<LedgerEntryData.Ttl>(Assert.Single(created, d => d is LedgerEntryData.Ttl)).Value;
        Assert.Equal(Stellar.Domain.LedgerKeys.TtlKeyHashOf(dataKey), ttl.KeyHash);
        Assert.Equal(1000u + 4096 - 1, ttl.LiveUntilLedgerSeq);
        // The success hash: SHA-256 of InvokeHostFunctionSuccessPreImage { Void, no events }.
        var preimage = new InvokeHostFunctionSuccessPreImage { ReturnValue = SCVal.Void.Instance, Events = [] };
        Assert.Equal(Hash.FromBytes(SHA256.HashData(XdrCodec.Encode(preimage))), o.SuccessHash);
    }

    [Fact]
    public void WithoutTheCheckNoRentFeeIsClaimed()
    {
        var (o, _, _) = PutThroughCore(null);
        Assert.Equal(OutcomeStatus.Success, o.Status);
        Assert.Null(o.RentFee);
    }

    [Fact]
    public void RentAboveTheRefundableFeeFailsTheOperation()
    {
        var (first, host, dataKey) = PutThroughCore(1_000_000_000);
        var rent = ExpectedRent(host, dataKey);
        Assert.Equal(rent, first.RentFee);

        var (o, _, _) = PutThroughCore(rent - 1);
        Assert.Equal(OutcomeStatus.Failed, o.Status);
        Assert.Equal(InvokeHostFunctionResultCode.InsufficientRefundableFee, o.ResultCode);
        Assert.Empty(o.LedgerChanges);
        Assert.Null(o.Error);
        AssertLastError(o, "refundable resource fee was not sufficient to cover the ledger storage rent: {} > {}", (ulong)rent, (ulong)(rent - 1));
    }

    [Fact]
    public void EventsFeeAfterRentFailsTheOperation()
    {
        var (first, host, dataKey) = PutThroughCore(1_000_000_000);
        var rent = ExpectedRent(host, dataKey);
        // No contract events; the return value (Void, 4 bytes encoded) counts: ceil(4 × 10000 / 1024) = 40.
        var (o, _, _) = PutThroughCore(rent + 39);
        Assert.Equal(InvokeHostFunctionResultCode.InsufficientRefundableFee, o.ResultCode);
        AssertLastError(o, "refundable resource fee was not sufficient to cover the events fee after paying for ledger storage rent: {} > {}", 40UL, 39UL);
        Assert.Equal(InvokeHostFunctionResultCode.Success, PutThroughCore(rent + 40).Outcome.ResultCode);
        Assert.Equal(rent, first.RentFee);
    }

    private static void AssertLastError(Outcome o, string message, params ulong[] args)
    {
        var body = ((ContractEventBody.V0)o.DiagnosticEvents[^1].Event.Body).Value;
        Assert.Equal("error", Encoding.ASCII.GetString(Assert.IsType<SCVal.Symbol>(body.Topics[0]).Value.ToArray()));
        var error = Assert.IsType<SCError.Budget>(Assert.IsType<SCVal.Error>(body.Topics[1]).Value);
        Assert.Equal(SCErrorCode.ExceededLimit, error.Value);
        var data = Assert.IsType<SCVal.Vec>(body.Data).Value!;
        Assert.Equal(message, Encoding.ASCII.GetString(Assert.IsType<SCVal.String>(data[0]).Value.ToArray()));
        Assert.Equal(args, data.Skip(1).Select(d => Assert.IsType<SCVal.U64>(d).Value));
    }
}
