using Replay.History.Cases;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.Cases;

public sealed class CaseSerializationTests
{
    private static ReplayCase Sample()
    {
        var ro = SampleCases.DataKey("ro", ContractDataDurability.Persistent);
        var rw = SampleCases.DataKey("rw", ContractDataDurability.Temporary);
        return SampleCases.Minimal(23,
        [
            new FootprintEntry { Key = ro, ReadOnly = true, State = FootprintEntryState.Live, Entry = SampleCases.DataEntry(ro, 1), LiveUntilLedger = 500 },
            new FootprintEntry { Key = rw, ReadOnly = false, State = FootprintEntryState.Absent, Entry = null, LiveUntilLedger = null },
        ], archived: [0]);
    }

    [Fact]
    public void Binary_round_trip_is_byte_identical()
    {
        var bytes = CaseBinary.Encode(Sample());
        var again = CaseBinary.Encode(CaseBinary.Decode(bytes));
        Assert.Equal(bytes, again);
        Assert.Equal("RPLC"u8.ToArray(), bytes[..4]);
        Assert.Equal(new byte[] { 0, 0, 0, 2 }, bytes[4..8]);
    }

    [Fact]
    public void Json_round_trip_preserves_every_field()
    {
        var c = Sample();
        var json = CaseJson.ToJson(c);
        var back = CaseJson.FromJson(json);
        Assert.Equal(CaseBinary.Encode(c), CaseBinary.Encode(back));
        Assert.Equal(json, CaseJson.ToJson(back));
    }

    [Fact]
    public void Json_uses_the_cli_view_for_xdr_parts()
    {
        var json = CaseJson.ToJson(Sample());
        Assert.Contains("\"function_name\": \"put\"", json, StringComparison.Ordinal);
        Assert.Contains("\"source_account\": \"GAEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSH7S\"", json, StringComparison.Ordinal);
        Assert.Contains("\"state\": \"absent\"", json, StringComparison.Ordinal);
        Assert.Contains("\"operation_result\": \"success\"", json, StringComparison.Ordinal);
        Assert.Contains("\"cpu_insn\": \"361301\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_versions_and_garbage_are_refused_with_a_reason()
    {
        var bytes = CaseBinary.Encode(Sample());
        bytes[7] = 3;
        var e = Assert.Throws<CaseFormatException>(() => CaseBinary.Decode(bytes));
        Assert.Equal("replay case format version 3; this build reads version 2", e.Message);
        bytes[7] = 1;
        var old = Assert.Throws<CaseFormatException>(() => CaseBinary.Decode(bytes));
        Assert.Equal("replay case format version 1 is older than this build's version 2 (version 2 added the transaction size and the initial fee charged); extract the case again from its source", old.Message);
        var oldJson = CaseJson.ToJson(Sample()).Replace("\"version\": 2", "\"version\": 1", StringComparison.Ordinal);
        Assert.Equal(old.Message, Assert.Throws<CaseFormatException>(() => CaseJson.FromJson(oldJson)).Message);

        var truncated = CaseBinary.Encode(Sample())[..100];
        var t = Assert.Throws<CaseFormatException>(() => CaseBinary.Decode(truncated));
        Assert.StartsWith("malformed replay case at byte ", t.Message, StringComparison.Ordinal);

        var wrong = Assert.Throws<CaseFormatException>(() => CaseBinary.Decode("XDRX\0\0\0\u0001"u8));
        Assert.Equal("not a replay case: starts with 0x58445258, expected \"RPLC\"", wrong.Message);

        var json = CaseJson.ToJson(Sample()).Replace("\"version\": 2", "\"version\": 2, \"extra\": 0", StringComparison.Ordinal);
        var j = Assert.Throws<CaseFormatException>(() => CaseJson.FromJson(json));
        Assert.Equal("replay case JSON: the top level has unknown key 'extra'", j.Message);
    }
}
