using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Cases;

/// <summary>
/// What stellar-core does with a case's footprint before it calls the host (its addReads): for
/// each read-only then read-write key it loads the entry, skips expired temporary entries,
/// restores archived persistent entries the transaction marked (protocol 23+) or fails with
/// ENTRY_ARCHIVED, checks entry sizes against the network limits, and meters disk reads against
/// the declared read bytes (every key before protocol 23, classic and restored keys from 23).
/// The result is either the exact entry and TTL lists the host receives, or the result code core
/// fails with without calling the host.
/// </summary>
public static class HostCallPlan
{
    /// <summary>First protocol with parallel Soroban apply, automatic restore and the hot archive.</summary>
    public const uint ParallelSorobanProtocol = 23;

    public static HostCallPreparation Prepare(ReplayCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var protocol = c.LedgerInfo.ProtocolVersion;
        var ledgerSeq = c.LedgerInfo.SequenceNumber;
        var restoredLiveUntil = ledgerSeq + c.Settings.StateArchival.MinPersistentTTL - 1;
        var marked = new HashSet<uint>(c.ArchivedEntryIndices);
        var entries = new List<HostLedgerEntry>(c.Footprint.Length);
        var restored = new List<uint>();
        long readBytes = 0;
        var readOnlyCount = c.Resources.Footprint.ReadOnly.Length;

        for (var position = 0; position < c.Footprint.Length; position++)
        {
            var fe = c.Footprint[position];
            var index = (uint)(fe.ReadOnly ? position : position - readOnlyCount);
            var key = fe.Key;
            var soroban = LedgerKeys.IsSoroban(key);
            uint entrySize = 0;

            if (soroban)
            {
                switch (fe.State)
                {
                    case FootprintEntryState.Live:
                        var live = Require(fe);
                        entrySize = SizeOf(live);
                        entries.Add(new HostLedgerEntry(live, TtlOf(key, RequireTtl(fe))));
                        break;
                    case FootprintEntryState.Archived or FootprintEntryState.Evicted:
                        if (protocol < ParallelSorobanProtocol || fe.ReadOnly || !marked.Contains(index))
                            return HostCallPreparation.Fail(InvokeHostFunctionResultCode.EntryArchived,
                                $"footprint entry {position} is archived and not marked for restore");
                        var archived = Require(fe);
                        var archivedSize = SizeOf(archived);
                        if (!WithinEntryLimits(key, archivedSize, c.Settings))
                            return HostCallPreparation.Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded,
                                $"restored footprint entry {position} of {archivedSize} bytes exceeds the network's entry size limit");
                        readBytes += archivedSize;
                        if (c.Resources.DiskReadBytes < readBytes)
                            return DiskReadExceeded(c, readBytes);
                        entries.Add(new HostLedgerEntry(archived, TtlOf(key, restoredLiveUntil)));
                        restored.Add(index);
                        continue;
                    case FootprintEntryState.RestoredEarlierInLedger:
                        continue;
                    case FootprintEntryState.Absent or FootprintEntryState.ExpiredTemporary:
                        break;
                    default:
                        throw new InvalidOperationException($"footprint entry {position} has unknown state {fe.State}");
                }
            }
            else if (fe.State == FootprintEntryState.Live)
            {
                var entry = Require(fe);
                entrySize = SizeOf(entry);
                entries.Add(new HostLedgerEntry(entry, null));
            }

            if (!WithinEntryLimits(key, entrySize, c.Settings))
                return HostCallPreparation.Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded,
                    $"footprint entry {position} of {entrySize} bytes exceeds the network's entry size limit");
            if (!soroban || protocol < ParallelSorobanProtocol)
            {
                readBytes += entrySize;
                if (c.Resources.DiskReadBytes < readBytes)
                    return DiskReadExceeded(c, readBytes);
            }
        }
        return new HostCallPreparation(null, null, entries, restored);
    }

    private static HostCallPreparation DiskReadExceeded(ReplayCase c, long readBytes) =>
        HostCallPreparation.Fail(InvokeHostFunctionResultCode.ResourceLimitExceeded,
            $"disk reads of {readBytes} bytes exceed the declared {c.Resources.DiskReadBytes}");

    /// <summary>Core's validateContractLedgerEntry: code against the maximum contract size, data against the maximum entry size.</summary>
    public static bool WithinEntryLimits(LedgerKey key, uint entrySize, NetworkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return key switch
        {
            LedgerKey.ContractCode => entrySize <= settings.ContractMaxSizeBytes,
            LedgerKey.ContractData => entrySize <= settings.ContractDataEntrySizeBytes,
            _ => true,
        };
    }

    private static uint SizeOf(LedgerEntry entry) => (uint)XdrCodec.Encode(entry).Length;

    private static TTLEntry TtlOf(LedgerKey key, uint liveUntil) =>
        new() { KeyHash = LedgerKeys.TtlKeyHashOf(key), LiveUntilLedgerSeq = liveUntil };

    private static LedgerEntry Require(FootprintEntry fe) =>
        fe.Entry ?? throw new InvalidOperationException($"footprint key in state {fe.State} has no entry");

    private static uint RequireTtl(FootprintEntry fe) =>
        fe.LiveUntilLedger ?? throw new InvalidOperationException($"live Soroban footprint key has no TTL");
}

/// <summary>An entry as the host receives it, with its TTL for contract data and code (null for accounts and trustlines).</summary>
public sealed record HostLedgerEntry(LedgerEntry Entry, TTLEntry? Ttl);

/// <summary>
/// Either a failure core reports without calling the host (<see cref="FailureCode"/> set), or
/// the host's entry list and the read-write indices restored for it.
/// </summary>
public sealed record HostCallPreparation(
    InvokeHostFunctionResultCode? FailureCode,
    string? FailureReason,
    IReadOnlyList<HostLedgerEntry> Entries,
    IReadOnlyList<uint> RestoredReadWriteIndices)
{
    public bool CallsHost => FailureCode is null;

    internal static HostCallPreparation Fail(InvokeHostFunctionResultCode code, string reason) => new(code, reason, [], []);
}
