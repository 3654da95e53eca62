using System.Buffers;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

/// <summary>XdrCodec.Encode(value) reuses a per-thread buffer: every result must still be a fresh, exact array.</summary>
public sealed class XdrEncodeScratchTests
{
    private static byte[] Plain<T>(T value)
        where T : IXdrType<T>
    {
        var buffer = new ArrayBufferWriter<byte>();
        XdrCodec.Encode(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Each_encoding_is_its_own_array_with_exactly_the_value_s_bytes()
    {
        var small = new SCVal.U32(7);
        var large = new SCVal.Bytes(Enumerable.Range(0, 3 << 20).Select(i => (byte)i).ToArray());
        var vec = new SCVal.Vec([new SCVal.Symbol("hello"), new SCVal.U64(5), new SCVal.Bytes([1, 2, 3])]);

        var a = XdrCodec.Encode<SCVal>(small);
        var b = XdrCodec.Encode<SCVal>(vec);
        Assert.NotSame(a, b);
        Assert.Equal([0, 0, 0, 3, 0, 0, 0, 7], a);
        Assert.Equal(Plain<SCVal>(vec), b);
        // A value larger than the kept buffer, then small ones again: nothing of the large one leaks into them.
        var c = XdrCodec.Encode<SCVal>(large);
        Assert.Equal(Plain<SCVal>(large), c);
        Assert.Equal([0, 0, 0, 3, 0, 0, 0, 7], XdrCodec.Encode<SCVal>(small));
        Assert.Equal(Plain<SCVal>(vec), XdrCodec.Encode<SCVal>(vec));
        // Earlier results are not overwritten by later encodings.
        Assert.Equal([0, 0, 0, 3, 0, 0, 0, 7], a);
    }

    [Fact]
    public void Threads_encoding_at_once_each_get_their_own_values()
    {
        var results = new byte[8][];
        Parallel.For(0, 8, i =>
        {
            for (var n = 0; n < 2000; n++)
            {
                var bytes = XdrCodec.Encode<SCVal>(new SCVal.U64((ulong)(i * 1_000_000 + n)));
                Assert.Equal(Plain<SCVal>(new SCVal.U64((ulong)(i * 1_000_000 + n))), bytes);
                results[i] = bytes;
            }
        });
        for (var i = 0; i < 8; i++)
            Assert.Equal(Plain<SCVal>(new SCVal.U64((ulong)(i * 1_000_000 + 1999))), results[i]);
    }
}
