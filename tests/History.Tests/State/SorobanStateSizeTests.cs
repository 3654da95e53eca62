using Replay.History.State;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.State;

/// <summary>The pieces of core's in-memory Soroban state size and its window average.</summary>
public sealed class SorobanStateSizeTests
{
    private static LedgerEntry Code(byte[] wasm) => new()
    {
        LastModifiedLedgerSeq = 7,
        Data = new LedgerEntryData.ContractCode(new ContractCodeEntry { Ext = ContractCodeEntryExt.V0.Instance, Hash = Hash.FromBytes(new byte[32]), Code = wasm }),
        Ext = LedgerEntryExt.V0.Instance,
    };

    [Fact]
    public void ContractCodeIsSizedByTheGivenSizerUnderAtLeastProtocol23()
    {
        // Encoded: last-modified 4, type 4, ext 4, hash 32, length 4, 10 bytes padded to 12 = 60; ext 4 = 64.
        var entry = Code(new byte[10]);
        var seen = new List<(uint, uint)>();
        uint Sizer(LedgerEntry e, uint encoded, uint protocol, IReadOnlyList<ContractCostParamEntry> cpu, IReadOnlyList<ContractCostParamEntry> mem)
        {
            seen.Add((encoded, protocol));
            return encoded + 1000;
        }
        Assert.Equal(1064UL, SorobanStateSize.SizeOf(entry, 21, Sizer, [], []));
        Assert.Equal(1064UL, SorobanStateSize.SizeOf(entry, 27, Sizer, [], []));
        Assert.Equal([(64u, 23u), (64u, 27u)], seen);
        // No sizer or no cost parameters: not known.
        Assert.Null(SorobanStateSize.SizeOf(entry, 23, null, [], []));
        Assert.Null(SorobanStateSize.SizeOf(entry, 23, Sizer, null, []));
    }

    [Fact]
    public void ContractDataCountsItsEncodedSizeAndOtherEntriesNothing()
    {
        var data = new LedgerEntry
        {
            LastModifiedLedgerSeq = 7,
            Data = new LedgerEntryData.ContractData(new ContractDataEntry
            {
                Ext = ExtensionPoint.V0.Instance,
                Contract = new SCAddress.Contract(Hash.FromBytes(new byte[32])),
                Key = new SCVal.U32(1),
                Durability = ContractDataDurability.Persistent,
                Val = new SCVal.U32(2),
            }),
            Ext = LedgerEntryExt.V0.Instance,
        };
        Assert.Equal((ulong)XdrCodec.Encode(data).Length, SorobanStateSize.SizeOf(data, 23, null, null, null));
        Assert.Equal(0UL, SorobanStateSize.SizeOf(null, 23, null, null, null));
    }

    [Fact]
    public void WindowAverageIsTheSaturatingSumOverTheLength()
    {
        Assert.Equal(20UL, SorobanStateSize.Average([10, 20, 31]));
        Assert.Equal(0UL, SorobanStateSize.Average(new ulong[30]));
        Assert.Equal(ulong.MaxValue / 2, SorobanStateSize.Average([ulong.MaxValue - 1, 5]));
        Assert.Throws<ArgumentException>(() => SorobanStateSize.Average([]));
    }
}
