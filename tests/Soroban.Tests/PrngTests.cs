using Replay.Soroban.Objects;
using Replay.Soroban.Prng;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using static Replay.Soroban.Tests.TestHosts;

namespace Replay.Soroban.Tests;

public sealed class PrngTests
{
    // ChaCha20 with an all-zero key and nonce, counter 0: keystream 76b8e0ad a0f13d90 405d6ae5 ...
    // (RFC 7539 section A.1, test vector #1); rand_chacha reads it as little-endian u32 words.
    [Fact]
    public void KeystreamMatchesTheChaCha20TestVector()
    {
        var p = new ChaChaPrng(new byte[32]);
        Assert.Equal(0xade0b876u, p.NextU32());
        Assert.Equal(0x903df1a0u, p.NextU32());
        Assert.Equal(0x28bd8653e56a5d40UL, p.NextU64());
        var q = new ChaChaPrng(new byte[32]);
        var bytes = new byte[5];
        q.FillBytes(bytes);
        Assert.Equal("76b8e0ada0", Convert.ToHexStringLower(bytes));
        // fill_bytes consumed two whole words; the next word is the third.
        Assert.Equal(0xe56a5d40u, q.NextU32());
    }

    [Fact]
    public void NextU64StraddlesARefill()
    {
        var p = new ChaChaPrng(new byte[32]);
        var words = new uint[130];
        for (var i = 0; i < words.Length; i++)
            words[i] = p.NextU32();
        var q = new ChaChaPrng(new byte[32]);
        for (var i = 0; i < 63; i++)
            q.NextU32();
        Assert.Equal(((ulong)words[64] << 32) | words[63], q.NextU64());
        Assert.Equal(((ulong)words[66] << 32) | words[65], q.NextU64());
    }

    [Fact]
    public void UniformRangeAndShuffleStayInRange()
    {
        var p = new ChaChaPrng(new byte[32]);
        for (var i = 0; i < 100; i++)
        {
            var x = p.U64InInclusiveRange(10, 20);
            Assert.InRange(x, 10UL, 20UL);
        }
        Assert.Equal(5UL, p.U64InInclusiveRange(5, 5));
        var items = Enumerable.Range(0, 20).ToArray();
        p.Shuffle(items);
        Assert.Equal(Enumerable.Range(0, 20), items.Order());
    }

    [Fact]
    public void HostPrngNeedsAFrameAndASeed()
    {
        var h = Default();
        Throws(SCErrorType.Context, SCErrorCode.InternalError, () => h.Invoke("prng_bytes_new", U32(4)));
        h.PushHostFrame();
        Throws(SCErrorType.Context, SCErrorCode.InternalError, () => h.Invoke("prng_bytes_new", U32(4)));
        h.SetBasePrngSeed(new byte[32]);
        var b = h.Invoke("prng_bytes_new", U32(4));
        Assert.Equal(4, ((BytesObject)h.PeekObject(b)).Bytes.Length);
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.Invoke(Functions.HostFunctionTable.Named("prng_u64_in_inclusive_range"), [5, 4]));
        Throws(SCErrorType.Value, SCErrorCode.UnexpectedSize, () => h.Invoke("prng_reseed", h.BytesNewFromSlice([1, 2])));
        h.Invoke("prng_reseed", h.BytesNewFromSlice(new byte[32]));
        var v = h.VecOfU32(1, 2, 3, 4);
        var shuffled = h.Invoke("prng_vec_shuffle", v);
        Assert.Equal(new[] { 1u, 2u, 3u, 4u }, ((VecObject)h.PeekObject(shuffled)).Items.Select(x => x.AsU32).Order());
    }
}
