using System.Text.Json;
using Replay.History.Cases;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Tests;

public sealed class CasesCommandTests
{
    private static string Corpus(params string[] parts) => SharedData.PathOf(["corpus", .. parts]);

    [SharedFact]
    public async Task Check_on_the_whole_corpus_prints_exactly_the_summary_keys()
    {
        var result = await CliRunner.RunAsync("cases", "--source", "meta:" + Corpus(), "--check", "--json");
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal(["ledgers", "transactions", "invocations", "cases", "notApplied", "notReplayable", "preState", "txSetHash", "successHash", "stateSizeWindow", "stateSizeReset", "seconds"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3215, root.GetProperty("ledgers").GetInt32());
        Assert.Equal(2930, root.GetProperty("transactions").GetInt32());
        Assert.Equal(2076, root.GetProperty("invocations").GetInt32());
        Assert.Equal(1874, root.GetProperty("cases").GetInt32());
        Assert.Equal(1, root.GetProperty("notApplied").GetInt32());
        Assert.Equal("{\"missing-state\":201}", root.GetProperty("notReplayable").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal((531, 531), Check(root, "preState"));
        Assert.Equal((1945, 1945), Check(root, "successHash"));
        // Every protocol 23+ ledger of the core-tests records its window's average; no stream's upgrade rewrites the window.
        Assert.Equal((3194, 3194), Check(root, "stateSizeWindow"));
        Assert.Equal((0, 0), Check(root, "stateSizeReset"));
        // The standalone load-test fixture splices several ledgers' transaction sets into ledgers 85
        // and 88 (4 and 6 phases; a valid set has 2): their sets do not hash to their headers'.
        Assert.Equal((3215, 3213), Check(root, "txSetHash"));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Contains("warning: ledger 85: the transaction set hashes to 62c35c011d0b02666082a84419b369595b8ec48b291cbb824d9a2eb74fb53e0e, the header records 329f87fe58d6d32e5e67f386e7dd8c97bfdd5fe942d42f6e2694da3911c64600 (the set has 4 phases; a valid generalized set has 2)", result.Error, StringComparison.Ordinal);
    }

    private static (int, int) Check(JsonElement root, string name) =>
        (root.GetProperty(name).GetProperty("checked").GetInt32(), root.GetProperty(name).GetProperty("matched").GetInt32());

    [SharedFact]
    public async Task Check_on_the_core_tests_matches_everything_and_exits_zero()
    {
        var result = await CliRunner.RunAsync("cases", "--source", "meta:" + Corpus("core-tests"), "--check", "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal((3211, 3211), Check(doc.RootElement, "txSetHash"));
        Assert.Equal("", result.Error);
    }

    [SharedFact]
    public async Task Out_writes_every_case_and_one_result_line_per_operation()
    {
        var dir = Path.Combine(Path.GetTempPath(), "replay-cases-" + Guid.NewGuid().ToString("N")[..8]);
        var result = await CliRunner.RunAsync("cases", "--source", "meta:" + Corpus("core-tests", "21c43b92b819267f.xdr"), "--out", dir);
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var files = Directory.GetFiles(dir, "*.case").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(30, files.Length);
        Assert.Equal("0000000003-0000-00.case", Path.GetFileName(files[0]));
        var first = CaseBinary.Decode(File.ReadAllBytes(files[0]));
        Assert.Equal(3u, first.Id.Ledger);
        var lines = File.ReadAllLines(Path.Combine(dir, "results.jsonl"));
        Assert.Equal(30, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"outcome\":\"case\"", l, StringComparison.Ordinal));
        Assert.StartsWith("44 ledgers, 42 transactions, 30 invocations: 30 cases, 0 not applied, not replayable: 0 (", result.Out, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Show_prints_one_case_as_json_and_says_why_when_there_is_none()
    {
        var file = Corpus("core-tests", "21c43b92b819267f.xdr");
        var shown = await CliRunner.RunAsync("cases", "show", "--source", "meta:" + file, "--ledger", "5", "--tx", "0");
        Assert.True(shown.ExitCode == ExitCodes.Ok, shown.Error);
        var c = CaseJson.FromJson(shown.Out);
        Assert.Equal(5u, c.Id.Ledger);
        Assert.Equal(26u, c.LedgerInfo.ProtocolVersion);
        Assert.Equal(file, c.Provenance.Object);

        var pubnet = await CliRunner.RunAsync("cases", "show", "--source", "meta:" + Corpus("pubnet"), "--ledger", "53312000", "--tx", "162");
        Assert.Equal(ExitCodes.Findings, pubnet.ExitCode);
        Assert.StartsWith("not replayable (missing-state): the state (partial: history read from ledger 53312000, no checkpoint) does not hold 33 ledger entries the operation reads", pubnet.Error, StringComparison.Ordinal);
        Assert.Contains("  missing {\"contract_code\":{\"hash\":\"df88820e231ad8f3027871e5dd3cf45491d7b7735e785731466bfc2946008608\"}}", pubnet.Error, StringComparison.Ordinal);

        var none = await CliRunner.RunAsync("cases", "show", "--source", "meta:" + file, "--ledger", "5", "--tx", "3");
        Assert.Equal(ExitCodes.Error, none.ExitCode);
        Assert.Equal("error: ledger 5 has no InvokeHostFunction operation in transaction 3\n", none.Error);
    }

    [Fact]
    public async Task Unusable_sources_are_bad_usage()
    {
        var result = await CliRunner.RunAsync("cases", "--source", "nowhere:x");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal("error: 'nowhere:x' is not a source: expected meta:PATH, datalake:PATH|URL, rpc:URL, archive:PATH|URL, or sample and sample-archive (the embedded sample history's data lake and archive)\n", result.Error);
        var archiveOnly = await CliRunner.RunAsync("cases", "--source", "archive:/nonexistent");
        Assert.Equal("error: an archive gives the state at a checkpoint, not ledgers: add a meta:, datalake: or rpc: source\n", archiveOnly.Error);
    }
}
