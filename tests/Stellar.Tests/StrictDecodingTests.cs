using System.Buffers.Binary;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

public sealed class StrictDecodingTests
{
    private static byte[] Words(params uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        for (var i = 0; i < words.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), words[i]);
        return bytes;
    }

    private static XdrException Fails<T>(byte[] bytes) where T : IXdrType<T> =>
        Assert.Throws<XdrException>(() => XdrCodec.Decode<T>(bytes));

    [Fact]
    public void BoolMustBeZeroOrOne()
    {
        Assert.True(((SCVal.Bool)XdrCodec.Decode<SCVal>(Words(0, 1))).Value);
        var e = Fails<SCVal>(Words(0, 2));
        Assert.Contains("bool must be 0 or 1", e.Reason, StringComparison.Ordinal);
        Assert.Equal("SCVal.b", e.Path);
        Assert.Equal(4, e.Offset);
    }

    [Fact]
    public void PaddingMustBeZero()
    {
        // SCV_SYMBOL "a": length 1, 'a', then three padding bytes.
        var good = Words((uint)SCValType.Symbol, 1, 0x61000000);
        Assert.Equal("a", ((SCVal.Symbol)XdrCodec.Decode<SCVal>(good)).Value.ToString());
        var bad = Words((uint)SCValType.Symbol, 1, 0x61000100);
        var e = Fails<SCVal>(bad);
        Assert.Contains("padding", e.Reason, StringComparison.Ordinal);
        Assert.Equal(10, e.Offset);
    }

    [Fact]
    public void UndeclaredEnumValuesAndUnionCasesAreRejected()
    {
        var e = Fails<SCVal>(Words(99));
        Assert.Contains("not a declared SCValType", e.Reason, StringComparison.Ordinal);
        Assert.Equal(0, e.Offset);
        // An int-discriminated union: TransactionMeta has cases 0..4 only.
        Assert.Contains("TransactionMeta case", Fails<TransactionMeta>(Words(5)).Reason, StringComparison.Ordinal);
        // LedgerEntryExt declares v = 0 and 1; 2 is not a case even though it is a valid int.
        Assert.Contains("LedgerEntryExt case", Fails<LedgerEntryExt>(Words(2)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredMaximumLengthsAreEnforced()
    {
        // SCSymbol is string<32>.
        var words = new uint[2 + 9];
        words[0] = (uint)SCValType.Symbol;
        words[1] = 33;
        var e = Fails<SCVal>(Words(words));
        Assert.Contains("exceeds the declared maximum 32", e.Reason, StringComparison.Ordinal);
        // Operation arrays are <100> in a Transaction; writers enforce the same bound.
        var tooLong = new SCVal.Symbol(new XdrString(new string('x', 33)));
        Assert.Throws<XdrException>(() => tooLong.ToXdr());
    }

    [Fact]
    public void OversizedLengthPrefixFailsBeforeAllocating()
    {
        var opaque = Words((uint)SCValType.Bytes, 0x7FFF_FFF0, 0);
        var vec = Words((uint)SCValType.Vec, 1, 0x4000_0000, 0);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("bytes left", Fails<SCVal>(opaque).Reason, StringComparison.Ordinal);
        Assert.Contains("cannot fit", Fails<SCVal>(vec).Reason, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Fact]
    public void NestingDepthIsLimited()
    {
        static byte[] NestedVecs(int depth)
        {
            var words = new List<uint>();
            for (var i = 0; i < depth; i++)
                words.AddRange([(uint)SCValType.Vec, 1, 1]);
            words.Add((uint)SCValType.Void);
            return Words([.. words]);
        }
        Assert.IsType<SCVal.Vec>(XdrCodec.Decode<SCVal>(NestedVecs(100)));
        var e = Fails<SCVal>(NestedVecs(10_000));
        Assert.Contains("nesting deeper", e.Reason, StringComparison.Ordinal);
        Assert.StartsWith("SCVal.vec[0].vec[0]", e.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedAndTrailingInputFail()
    {
        var value = new SCVal.U64(42).ToXdr();
        Assert.Equal(12, value.Length);
        for (var cut = 0; cut < value.Length; cut++)
            Assert.Contains("input ends", Fails<SCVal>(value[..cut]).Reason, StringComparison.Ordinal);
        Assert.Contains("trailing", Fails<SCVal>([.. value, 0, 0, 0, 0]).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorPathNamesFieldsArmsAndIndexes()
    {
        // vec [ u32 1, map { void -> bool 7 } ]: the bad bool sits at vec[1].map[0].val.b
        var bytes = Words(
            (uint)SCValType.Vec, 1, 2,
            (uint)SCValType.U32, 1,
            (uint)SCValType.Map, 1, 1,
            (uint)SCValType.Void,
            (uint)SCValType.Bool, 7);
        var e = Fails<SCVal>(bytes);
        Assert.Equal("SCVal.vec[1].map[0].val.b", e.Path);
        Assert.Equal(40, e.Offset);
        Assert.StartsWith("SCVal.vec[1].map[0].val.b at byte 40:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValuesRoundTrip()
    {
        var value = new SCVal.Map(
        [
            new SCMapEntry { Key = new SCVal.Symbol("k"), Val = new SCVal.I128(new Int128Parts { Hi = -1, Lo = 5 }) },
            new SCMapEntry { Key = new SCVal.Bytes([1, 2, 3]), Val = SCVal.Void.Instance },
        ]);
        var bytes = value.ToXdr();
        var back = SCVal.FromXdr(bytes);
        Assert.Equal(bytes, back.ToXdr());
        var map = Assert.IsType<SCVal.Map>(back);
        Assert.Equal(2, map.Value!.Length);
        Assert.Same(SCVal.Void.Instance, map.Value[1].Val);
    }
}
