namespace Replay.Soroban.Prng;

/// <summary>A source of random words, as rand_core's RngCore (next_u32, next_u64).</summary>
public interface IRandomSource
{
    uint NextU32();

    ulong NextU64();
}

/// <summary>
/// The sampling algorithms of the rand crate 0.8.5 that the host uses (fact: rand 0.8.5
/// src/distributions/uniform.rs UniformInt, src/seq/mod.rs SliceRandom::shuffle and gen_index),
/// exact in which words they draw, so results match the reference bit for bit.
/// </summary>
public static class Rand08
{
    /// <summary><c>Uniform::new_inclusive(low, high).sample(rng)</c> for u64 (low ≤ high): widening multiply with rejection zone.</summary>
    public static ulong U64InInclusiveRange(IRandomSource rng, ulong low, ulong high)
    {
        var range = high - low + 1;
        if (range == 0)
            return rng.NextU64();
        var intsToReject = (ulong.MaxValue - range + 1) % range;
        var zone = ulong.MaxValue - intsToReject;
        while (true)
        {
            var hi = Math.BigMul(rng.NextU64(), range, out var lo);
            if (lo <= zone)
                return low + hi;
        }
    }

    /// <summary><c>Uniform::new_inclusive(low, high).sample(rng)</c> for u32 (its "large" type is u32 as well).</summary>
    public static uint U32InInclusiveRange(IRandomSource rng, uint low, uint high)
    {
        var range = high - low + 1;
        if (range == 0)
            return rng.NextU32();
        var intsToReject = (uint.MaxValue - range + 1) % range;
        var zone = uint.MaxValue - intsToReject;
        while (true)
        {
            var m = (ulong)rng.NextU32() * range;
            if ((uint)m <= zone)
                return low + (uint)(m >> 32);
        }
    }

    /// <summary>
    /// <c>UniformInt&lt;u32&gt;::sample_single_inclusive(low, high)</c>: the same multiply, with the
    /// conservative zone <c>(range &lt;&lt; leading_zeros(range)) - 1</c>.
    /// </summary>
    public static uint U32SampleSingleInclusive(IRandomSource rng, uint low, uint high)
    {
        var range = high - low + 1;
        if (range == 0)
            return rng.NextU32();
        var zone = (range << System.Numerics.BitOperations.LeadingZeroCount(range)) - 1;
        while (true)
        {
            var m = (ulong)rng.NextU32() * range;
            if ((uint)m <= zone)
                return low + (uint)(m >> 32);
        }
    }

    /// <summary><c>SliceRandom::shuffle</c>: Fisher-Yates from the end, indices by <c>gen_range(0..i+1)</c> on u32.</summary>
    public static void Shuffle<T>(IRandomSource rng, T[] items)
    {
        for (var i = items.Length - 1; i >= 1; i--)
        {
            var j = (int)U32SampleSingleInclusive(rng, 0, (uint)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
