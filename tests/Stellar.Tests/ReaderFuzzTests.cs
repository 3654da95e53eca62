using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Replay.Stellar.Json;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;
using Xunit.Abstractions;

using static Replay.Stellar.Tests.TestContainers;

namespace Replay.Stellar.Tests;

/// <summary>
/// Seeded fuzzing for a bounded time: mutated containers (record-marked, batch; plain, zstd,
/// gzip) through the stream readers, and mutated values of every XDR type through the decoder
/// and its JSON view. Inputs are built here (and taken from ../shared/corpus when present).
/// Whatever the bytes, only the typed errors may come out, each input must end quickly, and it
/// may allocate only a bounded amount; a value that decodes must survive JSON unchanged.
/// A failure names the seed and iteration, which reproduce it.
/// </summary>
public sealed class ReaderFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20251201;

    /// <summary>Small limits, so that the bounds are tight and every path (refill, refusal) is reached.</summary>
    private static readonly LedgerReadLimits Limits = new(MaxLedgerBytes: 64 << 10, MaxDecodedBytes: 2 << 20, MaxZstdWindowLog: 20);

    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(2);

    /// <summary>Per input: the limits above, a few buffers, and the ledgers it holds (each a few KB) decoded once.</summary>
    private const long MaxAllocatedPerInput = 96L << 20;

    private static readonly uint[] InterestingWords =
        [0, 1, 2, 3, 4, 12, 0x7F, 0x100, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, 0x8000_0004, 0x8000_1000, 0xFFFF_FFFF, 64 << 10, (64 << 10) + 1];

    private static List<byte[]> ContentSeeds()
    {
        byte[][] ledgers =
        [
            SyntheticLedgers.Empty,
            SyntheticLedgers.WithQuorumSets(2, sequence: 1),
            SyntheticLedgers.WithQuorumSets(3, depth: 6, sequence: 2),
        ];
        byte[] batch = [0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 3, .. ledgers.SelectMany(l => l)];
        // The same ledgers in fragments of 1, 2, 3... bytes.
        using var fragmented = new MemoryStream();
        Span<byte> mark = stackalloc byte[4];
        foreach (var ledger in ledgers)
        {
            var size = 1;
            for (var at = 0; at < ledger.Length; at += size, size++)
            {
                var n = Math.Min(size, ledger.Length - at);
                BinaryPrimitives.WriteUInt32BigEndian(mark, (uint)n | (at + n == ledger.Length ? 0x8000_0000u : 0));
                fragmented.Write(mark);
                fragmented.Write(ledger.AsSpan(at, n));
            }
        }
        var seeds = new List<byte[]> { RecordMarked(ledgers), batch, fragmented.ToArray() };
        // Real ledgers when ../shared is there (decompressed, so that mutations reach the framing).
        foreach (var file in SharedData.CorpusFiles().Where((_, i) => i % 30 == 0).Take(6))
        {
            using var source = File.OpenRead(file);
            using var content = LedgerStream.Open(source, file);
            seeds.Add(RecordMarked(content.RawLedgers().Take(3).Select(r => r.Bytes.ToArray())));
        }
        return seeds;
    }

    [Fact]
    public void Mutated_containers_fail_only_with_typed_errors_in_bounded_time_and_memory()
    {
        var seeds = ContentSeeds();
        var random = new Random(Seed);
        var clock = Stopwatch.StartNew();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var iteration = 0;
        for (; clock.Elapsed < TimeSpan.FromSeconds(2) || iteration < 200; iteration++)
        {
            var content = Mutate(seeds[random.Next(seeds.Count)], random, seeds);
            var compression = random.Next(3);
            var input = compression switch
            {
                1 => Zstd(content, level: 1),
                2 => Gzip(content),
                _ => content,
            };
            // A quarter of compressed inputs are damaged after compression, to reach the decompressors.
            if (compression != 0 && random.Next(4) == 0)
                input = Mutate(input, random, []);
            var outcome = Bounded($"seed {Seed} iteration {iteration}", () => ReadAll(input, seekable: random.Next(2) == 0));
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        output.WriteLine($"{iteration} inputs: " + string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        // The fuzzer must reach both ends: inputs that read cleanly and each kind of failure.
        Assert.Contains("ok", outcomes.Keys);
        Assert.Contains(nameof(StreamFormatException), outcomes.Keys);
        Assert.Contains(nameof(XdrException), outcomes.Keys);
    }

    [Fact]
    public void Mutated_values_of_every_type_decode_or_fail_typed_and_survive_json()
    {
        var types = XdrTypes.All;
        var random = new Random(Seed + 1);
        var clock = Stopwatch.StartNew();
        var decoded = 0;
        var iteration = 0;
        var seeds = new Dictionary<XdrTypeInfo, byte[]>();
        var ledgers = new List<byte[]> { SyntheticLedgers.WithQuorumSets(2, depth: 3) };
        ledgers.AddRange(CorpusSamples.EncodedLedgers.Take(20));
        var ledgerType = XdrTypes.Find("LedgerCloseMeta")!;
        for (; clock.Elapsed < TimeSpan.FromSeconds(1.5) || iteration < 1000; iteration++)
        {
            XdrTypeInfo type;
            byte[] input;
            if (random.Next(8) == 0)
            {
                type = ledgerType;
                input = Mutate(ledgers[random.Next(ledgers.Count)], random, []);
            }
            else
            {
                // The type's all-zero value, changed in a few words, then padded until it decodes
                // again: structure-aware without a generator, reaching other cases and lengths.
                type = types[random.Next(types.Count)];
                if (!seeds.TryGetValue(type, out var seed))
                    seeds[type] = seed = Complete(type, []);
                input = Complete(type, MutateWords(seed, random));
            }
            var where = $"seed {Seed + 1} iteration {iteration} type {type.XdrName} input {Convert.ToHexStringLower(input.AsSpan(0, Math.Min(64, input.Length)))}";
            if (Bounded(where, () => JsonRoundTrip(type, input)) == "ok")
                decoded++;
        }
        output.WriteLine($"{iteration} inputs over {types.Count} types, {decoded} decoded and round-tripped through JSON");
        Assert.True(decoded > iteration / 4, $"only {decoded} of {iteration} decoded: the inputs do not reach far enough");
    }

    /// <summary>Appends zero words while decoding fails only for want of input (at most 2 KB).</summary>
    private static byte[] Complete(XdrTypeInfo type, byte[] input)
    {
        for (var round = 0; round < 512; round++)
        {
            try
            {
                using var writer = new Utf8JsonWriter(Stream.Null, XdrJsonText.WriterOptions);
                type.WriteJson(input, writer);
                return input;
            }
            catch (XdrException e) when (e.EndOfInput)
            {
                input = [.. input, 0, 0, 0, 0];
            }
            catch (Exception e) when (e is XdrException or XdrJsonException)
            {
                return input;
            }
        }
        return input;
    }

    private static byte[] MutateWords(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        for (var round = random.Next(1, 4); round > 0 && bytes.Length >= 4; round--)
        {
            var at = random.Next(bytes.Length / 4) * 4;
            var value = random.Next(3) switch
            {
                0 => (uint)random.Next(0, 8),
                1 => InterestingWords[random.Next(InterestingWords.Length)],
                _ => (uint)random.Next(),
            };
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
            if (random.Next(4) == 0)
                bytes = bytes[..at];
        }
        return bytes;
    }

    /// <summary>Decodes, writes JSON, parses it back: the bytes must come back identical.</summary>
    private static void JsonRoundTrip(XdrTypeInfo type, byte[] input)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, XdrJsonText.WriterOptions))
            type.WriteJson(input, writer);
        using var doc = XdrJsonText.Parse(buffer.ToArray());
        var again = type.ReadJson(doc.RootElement);
        if (!again.AsSpan().SequenceEqual(input))
            throw new InvalidOperationException($"JSON {TextPreview.Shorten(System.Text.Encoding.UTF8.GetString(buffer.ToArray()))} encodes to {Convert.ToHexStringLower(again)}");
    }

    /// <summary>Reads every ledger the way `xdr check` does; returns "ok" or the typed error's name.</summary>
    private static void ReadAll(byte[] input, bool seekable)
    {
        Stream source = seekable ? new MemoryStream(input) : new NonSeekable(input);
        using var content = LedgerStream.Open(source, "fuzz", Limits);
        if (!content.IsLedgerData)
            return;
        var failures = 0;
        foreach (var raw in content.RawLedgers())
        {
            try
            {
                LedgerFile.DecodeLedger(raw, Limits);
            }
            catch (XdrException) when (++failures < 100)
            {
                // Framing is intact: the next record can still be read, as the checker does.
            }
        }
    }

    /// <summary>Runs one input; only the codec's and the readers' exceptions may escape, within time and memory bounds.</summary>
    private static string Bounded(string where, Action run)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        string outcome;
        try
        {
            run();
            outcome = "ok";
        }
        catch (Exception e) when (e is StreamFormatException or XdrException or XdrJsonException)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message), where);
            outcome = e.GetType().Name;
        }
        catch (Exception e)
        {
            Assert.Fail($"{where}: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            throw;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(clock.Elapsed < PerInput, $"{where}: took {clock.Elapsed}");
        Assert.True(allocated < MaxAllocatedPerInput, $"{where}: allocated {allocated} bytes");
        return outcome;
    }

    private static byte[] Mutate(byte[] original, Random random, List<byte[]> others)
    {
        var bytes = (byte[])original.Clone();
        for (var round = random.Next(1, 4); round > 0 && bytes.Length > 0; round--)
        {
            switch (random.Next(7))
            {
                case 0:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 1:
                    var bit = random.Next(bytes.Length * 8);
                    bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                case 2 when bytes.Length >= 4:
                    // Aligned words are where lengths, counts, marks and discriminants live.
                    var at = random.Next(bytes.Length / 4) * 4;
                    BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), InterestingWords[random.Next(InterestingWords.Length)]);
                    break;
                case 3:
                    var start = random.Next(bytes.Length);
                    random.NextBytes(bytes.AsSpan(start, Math.Min(bytes.Length - start, random.Next(1, 16))));
                    break;
                case 4:
                    var cut = random.Next(bytes.Length);
                    var length = Math.Min(bytes.Length - cut, random.Next(1, 64));
                    bytes = [.. bytes[..cut], .. bytes[(cut + length)..]];
                    break;
                case 5:
                    // A piece repeated: records and ledgers twice, or a fragment of one inside another.
                    var from = random.Next(bytes.Length);
                    var piece = bytes[from..Math.Min(bytes.Length, from + random.Next(1, 512))];
                    var into = random.Next(bytes.Length);
                    bytes = [.. bytes[..into], .. piece, .. bytes[into..]];
                    break;
                case 6 when others.Count > 0:
                    var other = others[random.Next(others.Count)];
                    bytes = [.. bytes[..random.Next(bytes.Length)], .. other[random.Next(other.Length)..]];
                    break;
            }
        }
        return bytes;
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
