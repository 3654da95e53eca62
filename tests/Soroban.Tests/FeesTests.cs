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
}
