using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

/// <summary>
/// Property test: corrupted real ledgers (truncated, bit-flipped, overwritten, or pure garbage) must
/// decode or fail with XdrException, never another exception, never a hang, never a large allocation.
/// </summary>
public sealed class MalformedInputTests
{
    private const int MutationsPerLedger = 30;

    [SharedFact]
    public void CorruptedLedgersFailOnlyWithTheCodecException()
    {
        var random = new Random(20240601);
        var samples = CorpusSamples.EncodedLedgers;
        Assert.NotEmpty(samples);
        var failures = 0;
        var decoded = 0;
        foreach (var original in samples)
        {
            for (var m = 0; m < MutationsPerLedger; m++)
            {
                var input = Mutate(original, random, m);
                if (TryDecode(input))
                    decoded++;
                else
                    failures++;
            }
        }
        // Most corruptions must be caught; some bit flips land in hashes or amounts and still decode.
        Assert.Equal((1096, 824), (failures, decoded));
    }

    [Fact]
    public void RandomGarbageFailsOnlyWithTheCodecException()
    {
        var random = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            var garbage = new byte[random.Next(0, 512)];
            random.NextBytes(garbage);
            // Small discriminants make the decoder walk deeper than uniform noise would.
            if (garbage.Length >= 4 && i % 2 == 0)
                garbage[0] = garbage[1] = garbage[2] = 0;
            TryDecode(garbage);
        }
    }

    private static byte[] Mutate(byte[] original, Random random, int round)
    {
        var bytes = (byte[])original.Clone();
        switch (round % 5)
        {
            case 0:
                return bytes[..random.Next(0, bytes.Length)];
            case 1:
                for (var k = random.Next(1, 4); k > 0; k--)
                {
                    var bit = random.Next(bytes.Length * 8);
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                }
                return bytes;
            case 2:
                // A word overwritten with a large value hits length prefixes and counts.
                var at = random.Next(bytes.Length / 4) * 4;
                bytes[at] = (byte)random.Next(0x01, 0x100);
                return bytes;
            case 3:
                var word = random.Next(bytes.Length / 4) * 4;
                bytes[word] = bytes[word + 1] = bytes[word + 2] = 0;
                bytes[word + 3] = (byte)random.Next(0, 40);
                return bytes;
            default:
                var start = random.Next(bytes.Length);
                var length = Math.Min(bytes.Length - start, random.Next(1, 64));
                random.NextBytes(bytes.AsSpan(start, length));
                return bytes;
        }
    }

    /// <summary>True when decoded; false when rejected with XdrException. Anything else fails the test.</summary>
    private static bool TryDecode(byte[] input)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var started = Environment.TickCount64;
        bool ok;
        try
        {
            var value = XdrCodec.Decode<LedgerCloseMeta>(input);
            // Whatever decodes must re-encode to the same bytes: strictness leaves one encoding per value.
            Assert.Equal(input, value.ToXdr());
            ok = true;
        }
        catch (XdrException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Message));
            Assert.InRange(e.Offset, 0, input.Length);
            ok = false;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The decoded graph of a ledger is a small multiple of its size; a hostile length must not add to that.
        Assert.True(allocated <= 64L * input.Length + (1 << 20), $"allocated {allocated} bytes for {input.Length} input bytes");
        Assert.True(Environment.TickCount64 - started < 5000, "decoding took more than 5 s");
        return ok;
    }
}
