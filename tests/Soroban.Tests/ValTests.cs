using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using static Replay.Soroban.Tests.TestHosts;

namespace Replay.Soroban.Tests;

public sealed class ValTests
{
    // Tag numbering and body layout: soroban-env-common/src/val.rs (8 tag bits, 32-bit major, 24-bit minor).
    [Fact]
    public void SmallValuesHaveTheReferenceEncoding()
    {
        Assert.Equal(0x0UL, Val.False.Payload);
        Assert.Equal(0x1UL, Val.True.Payload);
        Assert.Equal(0x2UL, Val.Void.Payload);
        Assert.Equal((5UL << 32) | 4, Val.FromU32(5).Payload);
        Assert.Equal((0xFFFF_FFFFUL << 32) | 5, Val.FromI32(-1).Payload);
        Assert.Equal((7UL << 32) | (1UL << 8) | 3, Val.FromError(SCErrorType.WasmVm, 7).Payload);
        Assert.Equal((3UL << 32) | 75, Val.FromObjectHandle(3, Tag.VecObject).Payload);
        Assert.Equal(Tag.U32Val, Val.FromU32(9).Tag);
        Assert.Equal(9u, Val.FromU32(9).AsU32);
        Assert.Equal(-9, Val.FromI32(-9).AsI32);
        var small = Val.FromSmallSigned(-5, Tag.I64Small);
        Assert.Equal(-5L, small.SignedBody);
        Assert.Equal(Tag.I64Small, small.Tag);
    }

    [Fact]
    public void SmallSymbolsPackSixBitsPerCharacter()
    {
        Assert.True(SymbolSmall.TryFromBytes("a"u8, out var a));
        Assert.Equal((38UL << 8) | 14, a.Payload);
        Assert.True(SymbolSmall.TryFromBytes("_9Z"u8, out var s));
        Assert.Equal(((((1UL << 6) | 11) << 6) | 37) << 8 | 14, s.Payload);
        Assert.Equal("_9Z"u8.ToArray(), SymbolSmall.Decode(s));
        Assert.True(SymbolSmall.TryFromBytes("abcdefghi"u8, out var nine));
        Assert.Equal("abcdefghi"u8.ToArray(), SymbolSmall.Decode(nine));
        Assert.False(SymbolSmall.TryFromBytes("abcdefghij"u8, out _));
        Assert.False(SymbolSmall.TryFromBytes("a-b"u8, out _));
    }

    [Fact]
    public void TagsDependOnTheProtocol()
    {
        Assert.Equal(Tag.Bad, Tags.FromByte(78, 22));
        Assert.Equal(Tag.MuxedAddressObject, Tags.FromByte(78, 23));
        Assert.Equal(Tag.Bad, Tags.FromByte(79, 27));
        Assert.Equal(Tag.ExecutableTagObject, Tags.FromByte(79, 28));
        Assert.Equal(Tag.Bad, Tags.FromByte(15, 22));
        Assert.Equal(Tag.Bad, Tags.FromByte(63, 22));
        Assert.Equal(Tag.U64Object, Tags.FromByte(64, 20));
    }

    [Fact]
    public void IsGoodFollowsTheReferenceRules()
    {
        var h = Default();
        Assert.True(h.IsGood(Val.True));
        Assert.False(h.IsGood(new Val(1UL << 8 | 1)));            // True with a body
        Assert.False(h.IsGood(new Val(1UL << 8 | 4)));            // U32 with a minor part
        Assert.False(h.IsGood(Val.FromError((SCErrorType)10, 0))); // no such error type
        Assert.False(h.IsGood(Val.FromError(SCErrorType.Value, 10))); // no such code
        Assert.True(h.IsGood(Val.FromError(SCErrorType.Contract, 12345)));
        Assert.False(h.IsGood(new Val((3UL << 54) << 8 | 14)));   // small symbol using bits 54-55
        Assert.False(h.IsGood(new Val(1UL << 8 | 75)));            // object with a minor part
        Assert.False(h.IsGood(new Val(78)));                       // MuxedAddressObject before p23
        Assert.True(Default(23).IsGood(new Val(78)));
    }

    [Fact]
    public void ObjectHandlesAreAbsoluteOddAndRelativeEven()
    {
        var h = Default();
        var v0 = h.VecOfU32(1);
        var v1 = h.VecOfU32(2);
        Assert.Equal(1u, v0.ObjectHandle);
        Assert.Equal(3u, v1.ObjectHandle);
        var frame = h.PushVmFrame(null);
        var r1 = h.AbsoluteToRelative(v1);
        var r0 = h.AbsoluteToRelative(v0);
        Assert.Equal(0u, r1.ObjectHandle);
        Assert.Equal(2u, r0.ObjectHandle);
        Assert.Equal(v1, h.RelativeToAbsolute(r1));
        Assert.Equal(v0, h.RelativeToAbsolute(r0));
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.RelativeToAbsolute(v0));               // forged absolute
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.RelativeToAbsolute(Val.FromObjectHandle(4, Tag.VecObject)));
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.RelativeToAbsolute(Val.FromObjectHandle(0, Tag.MapObject)));
        Throws(SCErrorType.Context, SCErrorCode.InternalError, () => h.AbsoluteToRelative(r0));
        Assert.Equal(Val.FromU32(7), h.RelativeToAbsolute(Val.FromU32(7)));
        h.PopFrame(frame);
        Throws(SCErrorType.Context, SCErrorCode.InternalError, () => h.RelativeToAbsolute(r0));
    }

    [Fact]
    public void IntegrityChecksCatchForgedObjects()
    {
        var h = Default();
        var v = h.VecOfU32(1, 2, 3);
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.CheckValIntegrity(new Val(v.Payload + 1)));      // map tag on a vec
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.CheckValIntegrity(new Val(v.Payload | 0xffUL << 48))); // unknown handle
        Throws(SCErrorType.Object, SCErrorCode.InternalError, () => h.VisitUntyped(Val.FromObjectHandle(0, Tag.VecObject)));
        h.CheckValIntegrity(v);
    }
}
