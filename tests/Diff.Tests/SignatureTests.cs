namespace Replay.Diff.Tests;

public sealed class SignatureTests
{
    private static readonly CaseFacts Facts = new("f.xdr", 35, 1, 0, "13", 27, "invoke-contract", "CA", "add", new string('a', 0) + string.Concat(Enumerable.Repeat("ab", 32)));

    [Fact]
    public void The_hash_is_the_sha256_of_the_canonical_parts()
    {
        var s = DivergenceSignature.Of("budget-flip", new FieldDifference("status", "\"success\"", "\"failed\""), Facts, null, "Budget/ExceededLimit");
        Assert.Equal(("budget-flip", "status", "add", "none | Budget/ExceededLimit"), (s.Class, s.Path, s.Function, s.Error));
        // sha256("soroban-replay signature v1\nbudget-flip\nstatus\nabab...\nadd\nnone | Budget/ExceededLimit"), computed independently.
        Assert.Equal("63d09cb1f86979ee0452666c853c566afd4dece0041e4ecea9694670ecd7f274", s.Hash);
        Assert.Equal("63d09cb1f86979ee", s.ShortHash);
    }

    [Fact]
    public void List_indices_do_not_split_a_signature_but_every_part_does()
    {
        var a = DivergenceSignature.Of("events", new FieldDifference("diagnosticEvents[3].event.body.v0.data.vec[0].u64", "1", "2"), Facts, "x", "y");
        var b = DivergenceSignature.Of("events", new FieldDifference("diagnosticEvents[12].event.body.v0.data.vec[4].u64", "5", "6"), Facts, "x", "y");
        Assert.Equal("diagnosticEvents[].event.body.v0.data.vec[].u64", a.Path);
        Assert.Equal(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, DivergenceSignature.Of("result", new FieldDifference("diagnosticEvents[3].event.body.v0.data.vec[0].u64", "1", "2"), Facts, "x", "y").Hash);
        Assert.NotEqual(a.Hash, DivergenceSignature.Of("events", new FieldDifference("diagnosticEvents[3].event.body.v0.data.vec[0].u64", "1", "2"), Facts with { Function = "sub" }, "x", "y").Hash);
        Assert.NotEqual(a.Hash, DivergenceSignature.Of("events", new FieldDifference("diagnosticEvents[3].event.body.v0.data.vec[0].u64", "1", "2"), Facts, "x", "z").Hash);
    }

    [Fact]
    public void The_allow_list_honours_listed_signatures_and_names_what_is_wrong_in_a_file()
    {
        var s = DivergenceSignature.Of("budget-flip", new FieldDifference("status", "1", "2"), Facts, null, "Budget/ExceededLimit");
        var other = DivergenceSignature.Of("result", new FieldDifference("status", "1", "2"), Facts, null, "Budget/ExceededLimit");
        var list = AllowList.Parse(AllowList.Write([(s, "lazy compilation fuel: expected by CAP-0060")]), "allow.json");
        Assert.True(list.Allows(s));
        Assert.False(list.Allows(other));
        Assert.Equal("lazy compilation fuel: expected by CAP-0060", list.EntryFor(s)!.Reason);

        var noReason = $"{{\"version\":1,\"entries\":[{{\"signature\":\"{s.Hash}\"}}]}}";
        Assert.Equal("allow.json: entries[0]: \"reason\" must say why the signature is allowed", Assert.Throws<FormatException>(() => AllowList.Parse(noReason, "allow.json")).Message);
        var shortHash = $"{{\"version\":1,\"entries\":[{{\"signature\":\"{s.ShortHash}\",\"reason\":\"r\"}}]}}";
        Assert.Equal("allow.json: entries[0]: \"signature\" must be a signature hash (64 lower-case hex digits)", Assert.Throws<FormatException>(() => AllowList.Parse(shortHash, "allow.json")).Message);
        var twice = $"{{\"version\":1,\"entries\":[{{\"signature\":\"{s.Hash}\",\"reason\":\"r\"}},{{\"signature\":\"{s.Hash}\",\"reason\":\"r\"}}]}}";
        Assert.Equal($"allow.json: entries[1]: signature {s.Hash} is listed twice", Assert.Throws<FormatException>(() => AllowList.Parse(twice, "allow.json")).Message);
        Assert.Equal("allow.json: \"version\" must be 1", Assert.Throws<FormatException>(() => AllowList.Parse("{\"entries\":[]}", "allow.json")).Message);
        Assert.StartsWith("allow.json: not JSON: ", Assert.Throws<FormatException>(() => AllowList.Parse("{", "allow.json")).Message, StringComparison.Ordinal);
    }
}
