using Replay.Soroban.Invocation;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests;

/// <summary>
/// The rent and events fees core checks against the refundable fee (the figures below are worked
/// by hand from the formulas of rs-soroban-env fees.rs).
/// </summary>
public sealed class FeesTests
{
    private static readonly RentWriteFeeSettings Price = new(StateTargetSizeBytes: 1000, Fee1KbLow: 2000, Fee1KbHigh: 12000, GrowthFactor: 2);

    [Theory]
    [InlineData(0, 2000)]       // the low price
    [InlineData(501, 7010)]     // 2000 + ceil(10000 × 501 / 1000)
    [InlineData(1000, 12000)]   // at the target: the high price
    [InlineData(1500, 22000)]   // 12000 + ceil(10000 × 500 × 2 / 1000)
    public void RentPriceGrowsWithTheStateSize(long stateSize, long expected) =>
        Assert.Equal(expected, Fees.RentFeePer1Kb(stateSize, Price));

    [Fact]
    public void RentPriceHasAFloor() =>
        Assert.Equal(Fees.MinimumRentFeePer1Kb, Fees.RentFeePer1Kb(10, new RentWriteFeeSettings(1000, 0, 0, 1)));

    [Fact]
    public void AverageStateSizeSaturatesTheSum()
    {
        Assert.Equal(20, Fees.AverageStateSize([10, 20, 30]));
        Assert.Equal((long)(ulong.MaxValue / 2), Fees.AverageStateSize([ulong.MaxValue - 1, 5]) );
        Assert.Throws<ArgumentException>(() => Fees.AverageStateSize([]));
    }

    private static readonly RentFeeConfig Config = new(FeePerWrite1Kb: 1000, FeePerRent1Kb: 2000, FeePerWriteEntry: 500,
        PersistentRentRateDenominator: 100, TemporaryRentRateDenominator: 10);

    [Fact]
    public void NewPersistentEntryPaysItsRentAndTheTtlWrite()
    {
        // 100 ledgers (99, 199] at 1024 bytes: ceil(1024 × 2000 × 100 / (1024 × 100)) = 2000;
        // the TTL entry: 500 + ceil(48 × 1000 / 1024) = 547.
        var change = new RentChange(IsPersistent: true, IsCodeEntry: false, OldSizeBytes: 0, NewSizeBytes: 1024, OldLiveUntil: 0, NewLiveUntil: 199);
        Assert.Equal(2547, Fees.RentFee([change], Config, ledgerSeq: 100, protocol: 23));
    }

    [Fact]
    public void GrowingEntryPaysTheIncreaseOverItsPrepaidLedgers()
    {
        // Prepaid [100, 150] = 51 ledgers, 200 more bytes, temporary: ceil(200 × 2000 × 51 / 10240) = 1993; no extension.
        var change = new RentChange(false, false, 100, 300, 150, 150);
        Assert.Equal(1993, Fees.RentFee([change], Config, 100, 23));
    }

    [Theory]
    [InlineData(22, 586 + 547)] // no code discount before protocol 23
    [InlineData(23, 195 + 547)] // a third, rounded down
    [InlineData(25, 195 + 547)]
    [InlineData(26, 196 + 547)] // a third, rounded up
    [InlineData(27, 196 + 547)]
    public void ContractCodeRentsAtAThirdFromProtocol23(int protocol, long expected)
    {
        // 10 ledgers at 3000 bytes: ceil(3000 × 2000 × 10 / 102400) = 586.
        var change = new RentChange(true, true, 0, 3000, 0, 109);
        Assert.Equal(expected, Fees.RentFee([change], Config, 100, protocol));
    }

    [Fact]
    public void EventsFeeIsPerStartedKilobyte()
    {
        Assert.Equal(0, Fees.EventsFee(0, 10000));
        Assert.Equal(10, Fees.EventsFee(1, 10000));        // ceil(10000 / 1024)
        Assert.Equal(10000, Fees.EventsFee(1024, 10000));
        Assert.Equal(10010, Fees.EventsFee(1025, 10000));
    }

    [Fact]
    public void RentChangesAreEntriesWithTtlThatWereExtendedOrGrew()
    {
        static LedgerKey Key(byte b) => new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = Hash.FromBytes(Enumerable.Repeat(b, 32).ToArray()) });
        static HostTtlChange Ttl(byte b, ContractDataDurability d, uint oldLive, uint newLive) =>
            new(Hash.FromBytes(Enumerable.Repeat(b, 32).ToArray()), d, LedgerEntryType.ContractData, oldLive, newLive);
        HostLedgerChange[] changes =
        [
            new(false, Key(1), 10, null, [1, 2], 20, Ttl(1, ContractDataDurability.Persistent, 5, 5)),   // grew: in
            new(false, Key(2), 10, null, [1, 2], 10, Ttl(2, ContractDataDurability.Temporary, 5, 5)),    // unchanged: out
            new(false, Key(3), 10, null, null, 0, Ttl(3, ContractDataDurability.Persistent, 5, 9)),      // deleted but extended: old size
            new(true, Key(4), 10, null, null, 0, null),                                                   // no TTL: out
        ];
        var rent = Fees.RentChanges(changes);
        Assert.Equal(
            [new RentChange(true, false, 10, 20, 5, 5), new RentChange(true, false, 10, 10, 5, 9)],
            rent);
    }
    private static readonly ResourceFeeConfig Rates = new(FeePerInstructionIncrement: 25, FeePerDiskReadEntry: 6250, FeePerWriteEntry: 10_000,
        FeePerDiskRead1Kb: 1786, FeePerWrite1Kb: 3500, FeePerHistorical1Kb: 16_235, FeePerContractEvent1Kb: 10_000, FeePerTransactionSize1Kb: 1624);

    private static readonly FeeResources Used = new(Instructions: 1_000_000, DiskReadEntries: 2, WriteEntries: 3, DiskReadBytes: 5000, WriteBytes: 2000,
        ContractEventsSizeBytes: 300, TransactionSizeBytes: 700);

    /// <summary>
    /// compute ceil(1,000,000 × 25 / 10,000) = 2,500; writes 3 × 10,000 = 30,000; read bytes
    /// ceil(5,000 × 1,786 / 1,024) = 8,721; write bytes ceil(2,000 × 3,500 / 1,024) = 6,836; history
    /// ceil((700 + 300) × 16,235 / 1,024) = 15,855; bandwidth ceil(700 × 1,624 / 1,024) = 1,111; read
    /// entries 2 × 6,250 = 12,500 from protocol 23, (2 + 3) × 6,250 = 31,250 before (the host counts
    /// written entries as read). Refundable: the events, ceil(300 × 10,000 / 1,024) = 2,930.
    /// </summary>
    [Theory]
    [InlineData(20, 96_273)]
    [InlineData(22, 96_273)]
    [InlineData(23, 77_523)]
    [InlineData(27, 77_523)]
    public void ResourceFeeSplitsAsTheHostOfTheProtocolComputesIt(int protocol, long nonRefundable) =>
        Assert.Equal((nonRefundable, 2930L), Fees.TransactionResourceFee(Used, Rates, protocol));

    [Fact]
    public void ResourceFeeSaturates()
    {
        var huge = new ResourceFeeConfig(long.MaxValue, long.MaxValue, 1, 1, 1, 1, 1, 1);
        Assert.Equal((long.MaxValue, 1L), Fees.TransactionResourceFee(Used, huge, 23));
        // The history fee's size saturates at the u32 maximum: ceil(4,294,967,295 × 1,024 / 1,024).
        var size = Used with { TransactionSizeBytes = uint.MaxValue };
        var onlyHistory = new ResourceFeeConfig(0, 0, 0, 0, 0, 1024, 0, 0);
        Assert.Equal(uint.MaxValue, Fees.TransactionResourceFee(size, onlyHistory, 23).NonRefundable);
    }

    private static readonly LedgerKey Account = new LedgerKey.Account(new LedgerKeyAccount { AccountID = new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(new byte[32])) });

    private static LedgerKey Code(byte b) => new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = Hash.FromBytes(Enumerable.Repeat(b, 32).ToArray()) });

    private static readonly SorobanResources Declared = new()
    {
        Footprint = new LedgerFootprint { ReadOnly = [Account, Code(1)], ReadWrite = [Code(2), Account, Code(3)] },
        Instructions = 1_000_000,
        DiskReadBytes = 5000,
        WriteBytes = 2000,
    };

    /// <summary>
    /// Core's counts: before protocol 23 the read-only footprint's length (2); from 23 the classic
    /// keys of both footprints (2) plus the entries marked for restore; a RestoreFootprint
    /// transaction reads its whole read-write footprint (3). Writes: the read-write footprint (3).
    /// </summary>
    [Theory]
    [InlineData(22, 0, false, 2u)]
    [InlineData(22, 1, false, 2u)]
    [InlineData(23, 0, false, 2u)]
    [InlineData(23, 2, false, 4u)]
    [InlineData(23, 0, true, 3u)]
    public void CoreCountsTheDiskReadEntriesPerProtocol(int protocol, int archived, bool restore, uint diskReads)
    {
        var r = Fees.CoreFeeResources(Declared, archived, restore, transactionSizeBytes: 700, contractEventsSizeBytes: 300, protocol);
        Assert.Equal(new FeeResources(1_000_000, diskReads, 3, 5000, 2000, 300, 700), r);
    }
}
