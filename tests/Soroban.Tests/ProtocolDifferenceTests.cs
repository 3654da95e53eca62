using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using static Replay.Soroban.Tests.TestHosts;

namespace Replay.Soroban.Tests;

/// <summary>Behaviour that changes with the host version a ledger protocol links (facts from the linked commits' diffs).</summary>
public sealed class ProtocolDifferenceTests
{
    // declared_size.rs: HostObject is 48 bytes in v21/v22 and 64 from v23 (688bc34e) on.
    [Theory]
    [InlineData(21, 48)]
    [InlineData(22, 48)]
    [InlineData(23, 64)]
    [InlineData(27, 64)]
    public void NewObjectsAllocateTheDeclaredHostObjectSize(int protocol, ulong size)
    {
        var h = Default(protocol);
        h.Invoke("vec_new");
        var t = h.Budget.Tracker(ContractCostType.MemAlloc);
        Assert.Equal((1UL, size), (t.Iterations, t.Inputs));
    }

    [Fact]
    public void MuxedAddressesBecomeTheirOwnObjectsFromProtocol23()
    {
        var muxed = new SCVal.Address(new SCAddress.MuxedAccount(new MuxedEd25519Account { Id = 7, Ed25519 = default }));
        Throws(SCErrorType.Object, SCErrorCode.UnexpectedType, () => Default(22).ToHostVal(muxed));
        var h = Default(23);
        var v = h.ToHostVal(muxed);
        Assert.Equal(Tag.MuxedAddressObject, Tags.FromByte(v.TagByte, 23));
        Assert.Equal(muxed.ToXdr(), h.FromHostVal(v).ToXdr());
    }

    // metered_vector.rs at b351f88a: comparing vectors also charges a MemCmp of the compared prefix.
    [Theory]
    [InlineData(25, 0UL)]
    [InlineData(26, 1UL)]
    public void VectorComparisonChargesMemCmpFromProtocol26(int protocol, ulong memCmpCharges)
    {
        var h = Default(protocol);
        var a = h.VecOfU32(1, 2);
        var b = h.VecOfU32(1, 2);
        h.CompareVals(a, b);
        Assert.Equal(memCmpCharges, h.Budget.Tracker(ContractCostType.MemCmp).Iterations);
    }
}
