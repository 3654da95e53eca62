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

    // rand_chacha 0.3 (rand 0.8.5 tree) test_chacha_true_values_b: key ending in 1, block 1
    // (IETF draft-nir-cfrg-chacha20-poly1305-04 test vector 3).
    [Fact]
    public void SecondBlockOfANonZeroKeyMatchesRandChacha()
    {
        var seed = new byte[32];
        seed[31] = 1;
        var p = new ChaChaPrng(seed);
        for (var i = 0; i < 16; i++)
            p.NextU32();
        uint[] expected =
        [
            0x2452eb3a, 0x9249f8ec, 0x8d829d9b, 0xddd4ceb1, 0xe8252083, 0x60818b01, 0xf38422b8,
            0x5aaa49c9, 0xbb00ca8e, 0xda3ba7b4, 0xc4b592d1, 0xfdf2732f, 0x4436274e, 0x2561b3c8,
            0xebdd4aa6, 0xa0136c00,
        ];
        Assert.Equal(expected, Enumerable.Range(0, 16).Select(_ => p.NextU32()));
    }

    // rand 0.8.5's own value-stability vectors (src/distributions/uniform.rs value_stability,
    // src/seq/mod.rs value_stability_slice), drawn from its test RNG, Pcg32(seed, 11634580027462260723).
    [Fact]
    public void SamplingMatchesRandValueStabilityVectors()
    {
        var rng = new Pcg32(897, 11634580027462260723);
        Assert.Equal(new uint[] { 17, 66, 214 }, Enumerable.Range(0, 3).Select(_ => Rand08.U32SampleSingleInclusive(rng, 11, 218)));
        Assert.Equal(new uint[] { 181, 93, 165 }, Enumerable.Range(0, 3).Select(_ => Rand08.U32InInclusiveRange(rng, 11, 218)));
        var nums = Enumerable.Range(0, 13).ToArray();
        Rand08.Shuffle(new Pcg32(414, 11634580027462260723), nums);
        Assert.Equal(new[] { 9, 5, 3, 10, 7, 12, 8, 11, 6, 4, 0, 2, 1 }, nums);
    }

    /// <summary>rand_pcg's Lcg64Xsh32 (Pcg32), rand's test RNG: an LCG step and an XSH-RR output.</summary>
    private sealed class Pcg32 : IRandomSource
    {
        private const ulong Multiplier = 6364136223846793005;
        private readonly ulong _increment;
        private ulong _state;

        public Pcg32(ulong state, ulong stream)
        {
            _increment = (stream << 1) | 1;
            _state = state + _increment;
            Step();
        }

        private void Step() => _state = _state * Multiplier + _increment;

        public uint NextU32()
        {
            var state = _state;
            Step();
            var rot = (int)(state >> 59);
            var xsh = (uint)(((state >> 18) ^ state) >> 27);
            return uint.RotateRight(xsh, rot);
        }

        public ulong NextU64()
        {
            var lo = (ulong)NextU32();
            return ((ulong)NextU32() << 32) | lo;
        }
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
            var x = Rand08.U64InInclusiveRange(p, 10, 20);
            Assert.InRange(x, 10UL, 20UL);
        }
        Assert.Equal(5UL, Rand08.U64InInclusiveRange(p, 5, 5));
        var items = Enumerable.Range(0, 20).ToArray();
        Rand08.Shuffle(p, items);
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
