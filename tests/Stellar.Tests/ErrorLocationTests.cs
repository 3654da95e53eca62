using System.Buffers;
using Replay.Stellar.Json;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

public sealed class ErrorLocationTests
{
    /// <summary>
    /// Corrupts the type of one ledger entry change deep inside a real ledger and expects the error
    /// to name exactly that change and its byte offset.
    /// </summary>
    [SharedFact]
    public void CorruptChangeInARealLedgerIsLocatedByPathAndOffset()
    {
        foreach (var file in SharedData.CorpusFiles())
        {
            if (LedgerFile.TryOpen(file) is not { } ledgers)
                continue;
            foreach (var raw in ledgers.RawLedgers())
            {
                var bytes = raw.Bytes.ToArray();
                if (XdrCodec.Decode<LedgerCloseMeta>(bytes) is not LedgerCloseMeta.V2 v2)
                    continue;
                for (var t = 0; t < v2.Value.TxProcessing.Length; t++)
                {
                    if (v2.Value.TxProcessing[t].TxApplyProcessing is not TransactionMeta.V4 v4)
                        continue;
                    for (var o = 0; o < v4.Value.Operations.Length; o++)
                    {
                        var changes = v4.Value.Operations[o].Changes;
                        for (var c = 0; c < changes.Length; c++)
                        {
                            var encoded = changes[c].ToXdr();
                            var at = bytes.AsSpan().IndexOf(encoded);
                            if (at < 0 || bytes.AsSpan().LastIndexOf(encoded) != at)
                                continue; // only a change whose bytes occur once can be located by search
                            bytes[at + 3] = 99; // LedgerEntryChangeType has no member 99
                            var e = Assert.Throws<XdrException>(() => XdrCodec.Decode<LedgerCloseMeta>(bytes));
                            Assert.Equal($"LedgerCloseMeta.v2.txProcessing[{t}].txApplyProcessing.v4.operations[{o}].changes[{c}]", e.Path);
                            Assert.Equal(at, e.Offset);
                            Assert.Contains("LedgerEntryChangeType", e.Reason, StringComparison.Ordinal);
                            return;
                        }
                    }
                }
            }
        }
        Assert.Fail("no v2 ledger with v4 transaction meta and operation changes in the corpus");
    }

    [Fact]
    public void MultiSegmentSequencesDecodeLikeSpans()
    {
        var value = new SCVal.Vec([new SCVal.Symbol("hello"), new SCVal.U64(5), new SCVal.Bytes([1, 2, 3])]);
        var bytes = value.ToXdr();
        var first = new Segment(bytes.AsMemory(0, 7));
        var last = first.Append(bytes.AsMemory(7));
        var sequence = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        Assert.False(sequence.IsSingleSegment);
        Assert.Equal(bytes, XdrCodec.Decode<SCVal>(sequence).ToXdr());
    }

    [Fact]
    public void JsonTextRoundTripsTypedValues()
    {
        var value = new SCVal.Map([new SCMapEntry { Key = new SCVal.Symbol("a"), Val = new SCVal.I64(-1) }]);
        var json = XdrJsonText.ToJson<SCVal>(value);
        Assert.Equal("""{"map":[{"key":{"symbol":"a"},"val":{"i64":"-1"}}]}""", json);
        Assert.Equal(value.ToXdr(), XdrJsonText.FromJson<SCVal>(json).ToXdr());
        var e = Assert.Throws<XdrJsonException>(() => XdrJsonText.FromJson<SCVal>("""{"map":[{"key":{"symbol":"a"}}]}"""));
        Assert.Equal("SCVal.map[0].val", e.Path);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
