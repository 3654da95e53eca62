using Replay.History.Cases;
using Replay.History.State;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Invocation;

/// <summary>How the Soroban state size sets the rent price of 1 KB (the network's ledger cost settings).</summary>
/// <param name="StateTargetSizeBytes">The state size up to which the price grows linearly.</param>
/// <param name="Fee1KbLow">The price at state size 0.</param>
/// <param name="Fee1KbHigh">The price at the target size.</param>
/// <param name="GrowthFactor">How much faster the price grows past the target.</param>
public sealed record RentWriteFeeSettings(long StateTargetSizeBytes, long Fee1KbLow, long Fee1KbHigh, uint GrowthFactor);

/// <summary>The prices a rent fee is computed with (the host's RentFeeConfiguration as core fills it).</summary>
/// <param name="FeePerWrite1Kb">Price of writing 1 KB (the TTL entries an extension writes).</param>
/// <param name="FeePerRent1Kb">Price of renting 1 KB for one rent period.</param>
/// <param name="FeePerWriteEntry">Price of writing one entry (each extended TTL entry).</param>
/// <param name="PersistentRentRateDenominator">Ledgers a persistent KB rents for at <paramref name="FeePerRent1Kb"/>.</param>
/// <param name="TemporaryRentRateDenominator">The same for temporary entries.</param>
public sealed record RentFeeConfig(long FeePerWrite1Kb, long FeePerRent1Kb, long FeePerWriteEntry, long PersistentRentRateDenominator, long TemporaryRentRateDenominator);

/// <summary>
/// The resources core passes to the host's fee computation (the host's TransactionResources).
/// </summary>
/// <param name="Instructions">Declared CPU instructions.</param>
/// <param name="DiskReadEntries">Entries core counts as read from disk (see <see cref="Fees.CoreFeeResources"/>).</param>
/// <param name="WriteEntries">Read-write footprint entries.</param>
/// <param name="DiskReadBytes">Declared disk read bytes.</param>
/// <param name="WriteBytes">Declared write bytes.</param>
/// <param name="ContractEventsSizeBytes">Contract events size (0 before the host ran).</param>
/// <param name="TransactionSizeBytes">Encoded size of the transaction envelope core applies.</param>
public readonly record struct FeeResources(uint Instructions, uint DiskReadEntries, uint WriteEntries, uint DiskReadBytes, uint WriteBytes,
    uint ContractEventsSizeBytes, uint TransactionSizeBytes);

/// <summary>The fee rates of the resource fee (the host's FeeConfiguration as core fills it).</summary>
/// <param name="FeePerInstructionIncrement">Price of 10,000 instructions.</param>
/// <param name="FeePerDiskReadEntry">Price of one entry read from disk.</param>
/// <param name="FeePerWriteEntry">Price of one entry written.</param>
/// <param name="FeePerDiskRead1Kb">Price of 1 KB read from disk.</param>
/// <param name="FeePerWrite1Kb">Price of 1 KB written: the rent price before protocol 23, the flat write price from 23.</param>
/// <param name="FeePerHistorical1Kb">Price of 1 KB of history (transaction size plus the result allowance).</param>
/// <param name="FeePerContractEvent1Kb">Price of 1 KB of contract events.</param>
/// <param name="FeePerTransactionSize1Kb">Price of 1 KB of transaction size (bandwidth).</param>
public sealed record ResourceFeeConfig(long FeePerInstructionIncrement, long FeePerDiskReadEntry, long FeePerWriteEntry, long FeePerDiskRead1Kb,
    long FeePerWrite1Kb, long FeePerHistorical1Kb, long FeePerContractEvent1Kb, long FeePerTransactionSize1Kb);

/// <summary>One footprint entry's rent-relevant change (the host's LedgerEntryRentChange).</summary>
public readonly record struct RentChange(bool IsPersistent, bool IsCodeEntry, uint OldSizeBytes, uint NewSizeBytes, uint OldLiveUntil, uint NewLiveUntil);

/// <summary>
/// The resource fees core checks against the refundable fee after a host call (fact: rs-soroban-env
/// fees.rs and e2e_invoke.rs <c>extract_rent_changes</c> at each linked commit; stellar-core
/// NetworkConfig.cpp for which settings fill which price). The arithmetic is the same from protocol
/// 20 to 27 except where noted: before protocol 23 the rent price is also the write price; from 23
/// the write price is a flat setting and contract code rents at a third of the price, rounded down
/// through protocol 25 and up from 26.
/// </summary>
public static class Fees
{
    /// <summary>Bytes of a TTL entry as the rent fee counts them for each extension.</summary>
    public const uint TtlEntrySize = 48;

    /// <summary>The least rent price of 1 KB.</summary>
    public const long MinimumRentFeePer1Kb = 1000;

    private const long DataSizeIncrement = 1024;
    private const long CodeEntryRentDiscountFactor = 3;

    /// <summary>
    /// The rent price of 1 KB at an average Soroban state size (<c>compute_rent_write_fee_per_1kb</c>;
    /// before protocol 23 <c>compute_write_fee_per_1kb</c> over the bucket list size, the same arithmetic).
    /// </summary>
    public static long RentFeePer1Kb(long stateSizeBytes, RentWriteFeeSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var multiplier = ClampFee(SaturatingSub(s.Fee1KbHigh, s.Fee1KbLow));
        long fee;
        if (stateSizeBytes < s.StateTargetSizeBytes)
        {
            fee = ClampFee(DivCeil(SaturatingMul128(multiplier, stateSizeBytes), Math.Max(s.StateTargetSizeBytes, 1)));
            fee = SaturatingAdd(fee, s.Fee1KbLow);
        }
        else
        {
            var past = SaturatingSub(stateSizeBytes, s.StateTargetSizeBytes);
            var postTarget = ClampFee(DivCeil(SaturatingMul128(SaturatingMul128(multiplier, past), s.GrowthFactor), Math.Max(s.StateTargetSizeBytes, 1)));
            fee = SaturatingAdd(s.Fee1KbHigh, postTarget);
        }
        return Math.Max(fee, MinimumRentFeePer1Kb);
    }

    /// <summary>
    /// Core's average of the state size window (<see cref="SorobanStateSize.Average"/>), as an i64
    /// the way the bridge passes it.
    /// </summary>
    public static long AverageStateSize(IReadOnlyList<ulong> window) => unchecked((long)SorobanStateSize.Average(window));

    /// <summary>
    /// <c>extract_rent_changes</c>: the changes of entries with a TTL that were extended or grew
    /// (a deleted entry keeps its old size).
    /// </summary>
    public static List<RentChange> RentChanges(IReadOnlyList<HostLedgerChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var result = new List<RentChange>();
        foreach (var c in changes)
        {
            if (c.Ttl is not { } ttl)
                continue;
            var newSize = c.EncodedNewValue is not null ? c.NewSizeForRent : c.OldSizeForRent;
            if (ttl.OldLiveUntil >= ttl.NewLiveUntil && c.OldSizeForRent >= newSize)
                continue;
            result.Add(new RentChange(ttl.Durability == ContractDataDurability.Persistent, ttl.EntryType == LedgerEntryType.ContractCode,
                c.OldSizeForRent, newSize, ttl.OldLiveUntil, ttl.NewLiveUntil));
        }
        return result;
    }

    /// <summary>
    /// A contract code entry's size for rent as core sizes it for its in-memory Soroban state
    /// (rs-soroban-env <c>contract_code_memory_size_for_rent</c> through stellar-core's bridge: a
    /// budget from the network's cost parameters, the host of <paramref name="protocol"/>, the
    /// encoded size plus the module's memory cost). Fits <see cref="History.State.ContractCodeRentSize"/>.
    /// </summary>
    public static uint ContractCodeRentSize(LedgerEntry codeEntry, uint encodedSize, uint protocol,
        IReadOnlyList<ContractCostParamEntry> cpuParams, IReadOnlyList<ContractCostParamEntry> memParams)
    {
        ArgumentNullException.ThrowIfNull(codeEntry);
        var budget = Budget.Budget.FromConfig((int)protocol, 0, 0, cpuParams, memParams);
        return HostInvoker.SizeForRent(budget, codeEntry, (int)encodedSize, (int)protocol);
    }

    /// <summary>Bytes the historical fee adds to the transaction size for its result.</summary>
    public const uint TransactionBaseResultSize = 300;

    private const long InstructionsIncrement = 10_000;

    /// <summary>
    /// <c>compute_transaction_resource_fee</c> of the host linked for <paramref name="protocol"/>:
    /// (non-refundable, refundable). Before protocol 23 the host counts the write entries as read
    /// entries too (the read-entry fee is over disk-read plus write entries); from 23 it counts the
    /// disk-read entries alone. The refundable part is the events fee.
    /// </summary>
    public static (long NonRefundable, long Refundable) TransactionResourceFee(FeeResources r, ResourceFeeConfig c, int protocol)
    {
        ArgumentNullException.ThrowIfNull(c);
        var compute = FeePerIncrement(r.Instructions, c.FeePerInstructionIncrement, InstructionsIncrement);
        var readEntries = protocol >= 23 ? r.DiskReadEntries : SaturatingAddU32(r.DiskReadEntries, r.WriteEntries);
        var readEntryFee = SaturatingMul(c.FeePerDiskReadEntry, readEntries);
        var writeEntryFee = SaturatingMul(c.FeePerWriteEntry, r.WriteEntries);
        var readBytesFee = FeePerIncrement(r.DiskReadBytes, c.FeePerDiskRead1Kb, DataSizeIncrement);
        var writeBytesFee = FeePerIncrement(r.WriteBytes, c.FeePerWrite1Kb, DataSizeIncrement);
        var historicalFee = FeePerIncrement(SaturatingAddU32(r.TransactionSizeBytes, TransactionBaseResultSize), c.FeePerHistorical1Kb, DataSizeIncrement);
        var eventsFee = FeePerIncrement(r.ContractEventsSizeBytes, c.FeePerContractEvent1Kb, DataSizeIncrement);
        var bandwidthFee = FeePerIncrement(r.TransactionSizeBytes, c.FeePerTransactionSize1Kb, DataSizeIncrement);
        var nonRefundable = SaturatingAdd(SaturatingAdd(SaturatingAdd(SaturatingAdd(SaturatingAdd(SaturatingAdd(compute, readEntryFee),
            writeEntryFee), readBytesFee), writeBytesFee), historicalFee), bandwidthFee);
        return (nonRefundable, eventsFee);
    }

    /// <summary>
    /// The counts stellar-core passes for a transaction (TransactionFrame::computeSorobanResourceFee):
    /// before protocol 23 the read-only footprint's length as disk-read entries; from 23 the
    /// classic (non-Soroban) keys of both footprints plus the read-write entries marked archived for
    /// restore (a RestoreFootprint transaction: its whole read-write footprint). Write entries: the
    /// read-write footprint's length.
    /// </summary>
    public static FeeResources CoreFeeResources(SorobanResources resources, int archivedEntries, bool restoreFootprint, uint transactionSizeBytes,
        uint contractEventsSizeBytes, int protocol)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var fp = resources.Footprint;
        uint diskRead;
        if (protocol < 23)
        {
            diskRead = (uint)fp.ReadOnly.Length;
        }
        else if (restoreFootprint)
        {
            diskRead = (uint)fp.ReadWrite.Length;
        }
        else
        {
            diskRead = (uint)(fp.ReadOnly.Count(k => !LedgerKeys.IsSoroban(k)) + fp.ReadWrite.Count(k => !LedgerKeys.IsSoroban(k)) + archivedEntries);
        }
        return new FeeResources(resources.Instructions, diskRead, (uint)fp.ReadWrite.Length, resources.DiskReadBytes, resources.WriteBytes,
            contractEventsSizeBytes, transactionSizeBytes);
    }

    /// <summary>
    /// Core's fee rates for <paramref name="protocol"/> (SorobanNetworkConfig::rustBridgeFeeConfiguration):
    /// the write price per KB is the flat <c>feeWrite1KB</c> from protocol 23, before it the rent
    /// price <paramref name="rentFeePer1Kb"/> (from the bucket list size window); null when that is
    /// needed and not known.
    /// </summary>
    public static ResourceFeeConfig? CoreFeeConfig(NetworkSettings s, int protocol, long? rentFeePer1Kb)
    {
        ArgumentNullException.ThrowIfNull(s);
        long write;
        if (protocol >= 23)
        {
            if (s.LedgerCostExt is not { } ext)
                return null;
            write = ext.FeeWrite1KB;
        }
        else
        {
            if (rentFeePer1Kb is not { } rent)
                return null;
            write = rent;
        }
        return new ResourceFeeConfig(s.Compute.FeeRatePerInstructionsIncrement, s.LedgerCost.FeeDiskReadLedgerEntry, s.LedgerCost.FeeWriteLedgerEntry,
            s.LedgerCost.FeeDiskRead1KB, write, s.HistoricalData.FeeHistorical1KB, s.Events.FeeContractEvents1KB, s.Bandwidth.FeeTxSize1KB);
    }

    /// <summary>The rent price of 1 KB at the average of <paramref name="s"/>'s state size window; null when the window is not known.</summary>
    public static long? RentFeePer1Kb(NetworkSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.StateSizeWindow is not { Length: > 0 } window)
            return null;
        var cost = s.LedgerCost;
        return RentFeePer1Kb(AverageStateSize(window), new RentWriteFeeSettings(cost.SorobanStateTargetSizeBytes,
            cost.RentFee1KBSorobanStateSizeLow, cost.RentFee1KBSorobanStateSizeHigh, cost.SorobanStateRentFeeGrowthFactor));
    }

    /// <summary>
    /// The non-refundable resource fee core charges before applying an InvokeHostFunction case
    /// (computePreApplySorobanResourceFee: declared resources, no events); null when a price it
    /// needs is not known (before protocol 23, the write price follows the unknown bucket list size).
    /// </summary>
    public static long? NonRefundableResourceFee(ReplayCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var protocol = (int)c.LedgerInfo.ProtocolVersion;
        var config = CoreFeeConfig(c.Settings, protocol, protocol >= 23 ? null : RentFeePer1Kb(c.Settings));
        if (config is null)
            return null;
        var resources = CoreFeeResources(c.Resources, c.ArchivedEntryIndices.Length, restoreFootprint: false, c.TransactionSizeBytes, 0, protocol);
        return TransactionResourceFee(resources, config, protocol).NonRefundable;
    }

    /// <summary><c>compute_rent_fee</c> of the host linked for <paramref name="protocol"/>.</summary>
    public static long RentFee(IReadOnlyList<RentChange> changes, RentFeeConfig config, uint ledgerSeq, int protocol)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(config);
        long fee = 0;
        long extended = 0;
        uint extendedBytes = 0;
        foreach (var e in changes)
        {
            fee = SaturatingAdd(fee, EntryRentFee(e, config, ledgerSeq, protocol));
            if (e.OldLiveUntil < e.NewLiveUntil)
            {
                extended = SaturatingAdd(extended, 1);
                extendedBytes = extendedBytes > uint.MaxValue - TtlEntrySize ? uint.MaxValue : extendedBytes + TtlEntrySize;
            }
        }
        fee = SaturatingAdd(fee, SaturatingMul(config.FeePerWriteEntry, extended));
        return SaturatingAdd(fee, FeePerIncrement(extendedBytes, config.FeePerWrite1Kb));
    }

    /// <summary>The refundable part of the resource fee for a contract events size (the events fee).</summary>
    public static long EventsFee(uint contractEventsSizeBytes, long feePerContractEvent1Kb) =>
        FeePerIncrement(contractEventsSizeBytes, feePerContractEvent1Kb);

    private static long EntryRentFee(RentChange e, RentFeeConfig config, uint ledgerSeq, int protocol)
    {
        var isNew = e.OldSizeBytes == 0 && e.OldLiveUntil == 0;
        long fee = 0;
        // Extension: from the ledger before (new entries: the previous ledger) to the new live-until, at the new size.
        var before = isNew ? (ledgerSeq == 0 ? 0 : ledgerSeq - 1) : e.OldLiveUntil;
        if (e.NewLiveUntil >= before)
            fee = SaturatingAdd(fee, SizeAndLedgersFee(e.IsPersistent, e.NewSizeBytes, e.NewLiveUntil - before, config));
        // Prepaid ledgers [ledgerSeq, old live-until] pay the size increase.
        if (!isNew && e.OldLiveUntil >= ledgerSeq && e.NewSizeBytes >= e.OldSizeBytes)
        {
            var prepaid = e.OldLiveUntil - ledgerSeq == uint.MaxValue ? uint.MaxValue : e.OldLiveUntil - ledgerSeq + 1;
            fee = SaturatingAdd(fee, SizeAndLedgersFee(e.IsPersistent, e.NewSizeBytes - e.OldSizeBytes, prepaid, config));
        }
        if (e.IsCodeEntry && protocol >= 23)
            fee = protocol >= 26 ? (long)DivCeil(fee, CodeEntryRentDiscountFactor) : fee / CodeEntryRentDiscountFactor;
        return fee;
    }

    private static long SizeAndLedgersFee(bool persistent, uint size, uint ledgers, RentFeeConfig config)
    {
        var num = SaturatingMul(SaturatingMul(size, config.FeePerRent1Kb), ledgers);
        var denominator = SaturatingMul(DataSizeIncrement, persistent ? config.PersistentRentRateDenominator : config.TemporaryRentRateDenominator);
        return (long)DivCeil(num, Math.Max(denominator, 1));
    }

    private static long FeePerIncrement(uint value, long rate) => FeePerIncrement(value, rate, DataSizeIncrement);

    // compute_fee_per_increment: ceil(value * rate / increment), the product saturating.
    private static long FeePerIncrement(uint value, long rate, long increment) =>
        (long)DivCeil(SaturatingMul(value, rate), increment);

    private static uint SaturatingAddU32(uint a, uint b) => a > uint.MaxValue - b ? uint.MaxValue : a + b;

    // num_integer::div_ceil for signed values: rounds toward +infinity.
    private static Int128 DivCeil(Int128 a, Int128 b)
    {
        var q = a / b;
        var r = a % b;
        return (r != 0 && (r > 0) == (b > 0)) ? q + 1 : q;
    }

    // clamp_fee: negatives (impossible under sane settings) and values past i64 become i64::MAX.
    private static long ClampFee(Int128 v) => v < 0 || v > long.MaxValue ? long.MaxValue : (long)v;

    private static long ClampFee(long v) => v < 0 ? long.MaxValue : v;

    private static Int128 SaturatingMul128(Int128 a, Int128 b)
    {
        if (a == 0 || b == 0)
            return 0;
        var r = a * b;
        return r / b != a || (r < 0) != ((a < 0) != (b < 0)) ? (((a < 0) != (b < 0)) ? Int128.MinValue : Int128.MaxValue) : r;
    }

    private static long SaturatingAdd(long a, long b)
    {
        var r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : r;
    }

    private static long SaturatingSub(long a, long b)
    {
        var r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : r;
    }

    private static long SaturatingMul(long a, long b)
    {
        var r = (Int128)a * b;
        return r > long.MaxValue ? long.MaxValue : r < long.MinValue ? long.MinValue : (long)r;
    }
}
