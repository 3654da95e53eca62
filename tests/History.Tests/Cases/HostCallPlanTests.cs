using Replay.History.Cases;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.Cases;

public sealed class HostCallPlanTests
{
    private static readonly LedgerKey Persistent = SampleCases.DataKey("p", ContractDataDurability.Persistent);
    private static readonly LedgerKey Temporary = SampleCases.DataKey("t", ContractDataDurability.Temporary);

    private static FootprintEntry Entry(LedgerKey key, bool readOnly, FootprintEntryState state, uint? liveUntil = null) => new()
    {
        Key = key,
        ReadOnly = readOnly,
        State = state,
        Entry = state is FootprintEntryState.Absent or FootprintEntryState.RestoredEarlierInLedger ? null : SampleCases.DataEntry(key, 1),
        LiveUntilLedger = liveUntil,
    };

    [Fact]
    public void Live_entries_go_to_the_host_with_their_ttl_and_expired_temporaries_do_not()
    {
        var c = SampleCases.Minimal(22,
        [
            Entry(Persistent, true, FootprintEntryState.Live, 100),
            Entry(Temporary, false, FootprintEntryState.ExpiredTemporary, 41),
        ]);
        var plan = HostCallPlan.Prepare(c);
        Assert.True(plan.CallsHost);
        var only = Assert.Single(plan.Entries);
        Assert.Equal(100u, only.Ttl!.LiveUntilLedgerSeq);
        Assert.Equal(LedgerKeys.TtlKeyHashOf(Persistent), only.Ttl.KeyHash);
        Assert.Empty(plan.RestoredReadWriteIndices);
    }

    [Fact]
    public void Archived_entries_fail_before_protocol_23_even_when_marked()
    {
        var c = SampleCases.Minimal(22, [Entry(Persistent, false, FootprintEntryState.Archived, 10)], archived: [0]);
        var plan = HostCallPlan.Prepare(c);
        Assert.Equal(InvokeHostFunctionResultCode.EntryArchived, plan.FailureCode);
    }

    [Fact]
    public void From_protocol_23_a_marked_read_write_entry_is_restored_with_the_minimum_persistent_ttl()
    {
        var c = SampleCases.Minimal(23,
        [
            Entry(Temporary, true, FootprintEntryState.Absent),
            Entry(Persistent, false, FootprintEntryState.Evicted),
        ], archived: [0]);
        var plan = HostCallPlan.Prepare(c);
        Assert.True(plan.CallsHost);
        var restored = Assert.Single(plan.Entries);
        // ledger 42 + min persistent TTL 4096 - 1
        Assert.Equal(4137u, restored.Ttl!.LiveUntilLedgerSeq);
        Assert.Equal([0u], plan.RestoredReadWriteIndices);
    }

    [Fact]
    public void From_protocol_23_an_unmarked_or_read_only_archived_entry_fails()
    {
        Assert.Equal(InvokeHostFunctionResultCode.EntryArchived,
            HostCallPlan.Prepare(SampleCases.Minimal(23, [Entry(Persistent, true, FootprintEntryState.Archived, 3)])).FailureCode);
        Assert.Equal(InvokeHostFunctionResultCode.EntryArchived,
            HostCallPlan.Prepare(SampleCases.Minimal(23, [Entry(Persistent, false, FootprintEntryState.Evicted)])).FailureCode);
    }

    [Fact]
    public void Disk_reads_are_metered_for_soroban_entries_only_before_protocol_23()
    {
        var size = (uint)XdrCodec.Encode(SampleCases.DataEntry(Persistent, 1)).Length;
        FootprintEntry[] footprint = [Entry(Persistent, true, FootprintEntryState.Live, 100)];
        Assert.Equal(InvokeHostFunctionResultCode.ResourceLimitExceeded,
            HostCallPlan.Prepare(SampleCases.Minimal(22, footprint, diskReadBytes: size - 1)).FailureCode);
        Assert.True(HostCallPlan.Prepare(SampleCases.Minimal(22, footprint, diskReadBytes: size)).CallsHost);
        Assert.True(HostCallPlan.Prepare(SampleCases.Minimal(23, footprint, diskReadBytes: 0)).CallsHost);
    }

    [Fact]
    public void Entries_larger_than_the_network_limit_fail_with_resource_limit_exceeded()
    {
        var key = SampleCases.DataKey("big", ContractDataDurability.Persistent);
        var c = SampleCases.Minimal(23, [Entry(key, true, FootprintEntryState.Live, 100)]);
        // The sample's contract data entry limit is 200 bytes; this entry is smaller, so shrink the limit.
        var size = (uint)XdrCodec.Encode(SampleCases.DataEntry(key, 1)).Length;
        var tight = new ReplayCase
        {
            Id = c.Id, Provenance = c.Provenance, LedgerInfo = c.LedgerInfo, HostFunction = c.HostFunction, Resources = c.Resources,
            ArchivedEntryIndices = c.ArchivedEntryIndices, ResourceFee = c.ResourceFee, TransactionSizeBytes = c.TransactionSizeBytes, SourceAccount = c.SourceAccount, Auth = c.Auth,
            Footprint = c.Footprint, PrngSeed = c.PrngSeed, Recorded = c.Recorded,
            Settings = c.Settings with { ContractDataEntrySizeBytes = size - 1 },
        };
        Assert.Equal(InvokeHostFunctionResultCode.ResourceLimitExceeded, HostCallPlan.Prepare(tight).FailureCode);
        Assert.True(HostCallPlan.Prepare(c).CallsHost);
    }
}
