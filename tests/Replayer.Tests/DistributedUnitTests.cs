using System.Text;
using System.Text.Json;
using Replay.Diff;
using Replay.Replayer.Distributed;

namespace Replay.Replayer.Tests;

/// <summary>The pieces of a distributed run that need no database: batch payloads, summary parts, the crash hook.</summary>
public sealed class DistributedUnitTests
{
    [Fact]
    public void A_batch_payload_that_is_not_one_is_refused_naming_what_is_wrong()
    {
        var empty = BatchPayload.Encode([]);
        Assert.Empty(BatchPayload.Decode(empty));

        var notZstd = Assert.Throws<InvalidDataException>(() => BatchPayload.Decode("not a payload"u8));
        Assert.StartsWith("batch payload: not Zstandard data", notZstd.Message);

        using var compressor = new ZstdSharp.Compressor(3);
        var wrongMagic = compressor.Wrap(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }).ToArray();
        Assert.Equal("batch payload: not a case batch (bad magic)", Assert.Throws<InvalidDataException>(() => BatchPayload.Decode(wrongMagic)).Message);

        // "RPLB", version 1, one case announced, none there.
        var truncated = compressor.Wrap(new byte[] { 0x52, 0x50, 0x4C, 0x42, 0, 0, 0, 1, 0, 0, 0, 1 }).ToArray();
        Assert.Equal("batch payload: truncated at case 0 of 1", Assert.Throws<InvalidDataException>(() => BatchPayload.Decode(truncated)).Message);

        var version2 = compressor.Wrap(new byte[] { 0x52, 0x50, 0x4C, 0x42, 0, 0, 0, 2, 0, 0, 0, 0 }).ToArray();
        Assert.Equal("batch payload: format version 2, this tool reads 1", Assert.Throws<InvalidDataException>(() => BatchPayload.Decode(version2)).Message);
    }

    [Fact]
    public void Summary_parts_round_trip_and_merge_into_the_sums()
    {
        var a = new RunSummary { Source = "s" };
        a.CostsOf("stack");
        a.CostsOf("register");
        a.NotReplayable["not implemented: x"] = 2;
        a.ByClass["result"] = 3;
        var sig = new DivergenceSignature("result", "returnValue", "ab", "f", "none | none");
        a.Signatures[sig.Hash] = (sig, false, 4);

        string Write(RunSummary s)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
                s.WritePart(w);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        var text = Write(a);
        using var doc = JsonDocument.Parse(text);
        var back = RunSummary.ReadPart(doc.RootElement, "s");
        Assert.Equal(text, Write(back));

        var total = new RunSummary { Source = "s" };
        total.Merge(back);
        total.Merge(back);
        Assert.Equal(4, total.NotReplayable["not implemented: x"]);
        Assert.Equal(6, total.ByClass["result"]);
        Assert.Equal(8, total.Signatures[sig.Hash].Count);
        Assert.Equal(["stack", "register"], total.Costs.Select(c => c.Key));

        using var bad = JsonDocument.Parse("""{"version": 2}""");
        Assert.Equal("summary part version 2 is not 1", Assert.Throws<FormatException>(() => RunSummary.ReadPart(bad.RootElement, "s")).Message);
    }

    [Fact]
    public void The_crash_hook_is_honoured_only_in_its_documented_forms()
    {
        Assert.Null(WorkerContext.ParseHook(null));
        Assert.Null(WorkerContext.ParseHook(""));
        Assert.Equal(((long?)null, 3), WorkerContext.ParseHook("3"));
        Assert.Equal(((long?)7, 3), WorkerContext.ParseHook("7:3"));
        Assert.Equal("REPLAY_TEST_CRASH_BATCH='x': expected BATCH or RUN:BATCH",
            Assert.Throws<Replay.Replayer.Cli.UserError>(() => WorkerContext.ParseHook("x")).Message);
    }
}
