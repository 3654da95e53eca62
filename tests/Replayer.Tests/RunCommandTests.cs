using System.Security.Cryptography;
using System.Text.Json;
using Replay.Diff;
using Replay.Replayer.Cli;
using Replay.Replayer.Pipeline;

namespace Replay.Replayer.Tests;

/// <summary>`replay run`, `replay repro` and their files, end to end on the recorded core-tests corpus.</summary>
public sealed class RunCommandTests
{
    private static string CoreTests(params string[] parts) => SharedData.PathOf(["corpus", "core-tests", .. parts]);

    /// <summary>The file holding ledger 35 of one core test run: the p27 "add" call the lazy register engine runs out of budget on.</summary>
    private const string BudgetFlipFile = "13ddfbcd91340230.xdr";

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "replay-run-" + Guid.NewGuid().ToString("N")[..8]);

    [SharedFact]
    public async Task Run_on_the_core_tests_prints_exactly_the_summary_and_exits_one_on_its_findings()
    {
        var result = await CliRunner.RunAsync("run", "--source", "meta:" + CoreTests(), "--json");
        Assert.True(result.ExitCode == ExitCodes.Findings, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        var root = doc.RootElement;
        Assert.Equal(["source", "range", "ledgers", "invocations", "cases", "notApplied", "notReplayable", "engines", "vsRecorded", "costs", "signatures", "seconds", "casesPerSecond"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("meta:" + CoreTests(), root.GetProperty("source").GetString());
        Assert.Equal((3211, 1875, 1874, 1), (root.GetProperty("ledgers").GetInt32(), root.GetProperty("invocations").GetInt32(), root.GetProperty("cases").GetInt32(), root.GetProperty("notApplied").GetInt32()));
        // Every case runs (the asset contract's 41 included).
        Assert.Equal("{}", root.GetProperty("notReplayable").Raw());
        // 1874 cases, all compared. The one divergence is the lazy register engine's cost effect the
        // corpus tests know (CorpusInvocationTests): p27 "add" (over its 300,000 instruction limit
        // only on the register engine). p20 "sum" crosses its limit on both engines at different
        // points: core's diagnostic differs only in the consumed CPU it carries, a cost
        // (CostDiagnostics), so that case is cost-only.
        Assert.Equal(Compact("""
            {"identical":1234,"costOnly":639,"divergent":1,"byClass":{"budget-flip":1,"error-code":0,"events":0,"lazy-validation":0,"ledger-changes":0,"result":0,"stack-flip":0,"trap-kind":0}}
            """), root.GetProperty("engines").Raw());
        // The stack engine matches every recorded outcome and core's cpu_insn in all 1,868 recorded figures
        // (the 6 others are refundable-fee failures the case cannot judge).
        Assert.Equal(Compact("""
            {"stack":{"match":1868,"differ":0,"cpuChecked":1868,"cpuExact":1868},"register":{"match":1867,"differ":1}}
            """), root.GetProperty("vsRecorded").Raw());
        Assert.Equal(Compact("""
            {"stack":{"cpu":2622310189,"mem":2605619543,"fuel":955571},"register":{"cpu":2624650004,"mem":2605615113,"fuel":1541542}}
            """), root.GetProperty("costs").Raw());
        Assert.Equal(Compact("""{"new":2,"known":0,"regressed":0,"fixed":0}"""), root.GetProperty("signatures").Raw());
        Assert.True(root.GetProperty("seconds").GetDouble() < 60, "the corpus must replay in under a minute");
    }

    [SharedFact]
    public async Task Out_writes_the_summary_one_line_per_case_and_a_file_per_finding_the_same_with_any_parallelism()
    {
        var one = TempDir();
        var two = TempDir();
        var a = await CliRunner.RunAsync("run", "--source", "meta:" + CoreTests(BudgetFlipFile), "--out", one, "--parallel", "1", "--json");
        var b = await CliRunner.RunAsync("run", "--source", "meta:" + CoreTests(BudgetFlipFile), "--out", two, "--parallel", "2", "--no-module-cache");
        Assert.True(a.ExitCode == ExitCodes.Findings, a.Error);
        Assert.Equal(ExitCodes.Findings, b.ExitCode);

        // summary.json is what --json printed (timings aside).
        Assert.Equal(WithoutTimings(a.Out), WithoutTimings(File.ReadAllText(Path.Combine(one, "summary.json"))));
        var lines = File.ReadAllLines(Path.Combine(one, "outcomes.jsonl"));
        Assert.Equal(9, lines.Length);
        Assert.Equal(lines, File.ReadAllLines(Path.Combine(two, "outcomes.jsonl")));
        using (var add = JsonDocument.Parse(lines.Single(l => l.Contains("13090e8f662ba487f03346b694c2d6073bbddd34a43cc65eacc32bedded62514", StringComparison.Ordinal))))
        {
            var r = add.RootElement;
            Assert.Equal(CoreTests(BudgetFlipFile), r.GetProperty("source").GetString());
            Assert.Equal((35, 0, 27, "invoke-contract", "add"), (r.GetProperty("ledger").GetInt32(), r.GetProperty("opIndex").GetInt32(), r.GetProperty("protocol").GetInt32(),
                r.GetProperty("kind").GetString(), r.GetProperty("function").GetString()));
            Assert.Equal("CAA3QKIP2SNVXUJTB4HKOGF55JTSSMQGED3FZYNHMNSXYV3DRRMAWA3Y", r.GetProperty("contract").GetString());
            // The recording: success at core's cpu_insn 297,895, which the stack engine reproduces exactly.
            Assert.Equal(Compact("""{"status":"success","cpu":297895,"mem":1146417}"""), r.GetProperty("recorded").Raw());
            Assert.Equal(297895, r.GetProperty("engines").GetProperty("stack").GetProperty("cpu").GetInt64());
            Assert.Equal(Compact("""{"status":"failed","resultHash":"665709e558604f845a0ac76beecdddef718fcfa02193844d8ae6bca0facb43a6","cpu":300094,"mem":1141987,"fuel":2036,"instantiation":{"cpu":200912,"mem":1121913,"fuel":1971}}"""),
                r.GetProperty("engines").GetProperty("register").Raw());
            Assert.Equal(Compact("""{"verdict":"match","engine":"stack/Eager"}"""), r.GetProperty("stackVsRecorded").Raw());
            Assert.Equal(Compact("""{"verdict":"differ","engine":"register/Lazy","field":"resultCode"}"""), r.GetProperty("registerVsRecorded").Raw());
            Assert.Equal(("divergent", "budget-flip"), (r.GetProperty("enginesVerdict").GetString(), r.GetProperty("class").GetString()));
        }

        var files = Directory.GetFiles(Path.Combine(one, "divergences")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        // The budget flip and the register engine's difference from the recording.
        Assert.Equal(["0000000035-0001-00-1c8115b144650cee.json", "0000000035-0001-00-ece5369937363882.json"], files);
        foreach (var f in files)
            Assert.Equal(File.ReadAllText(Path.Combine(one, "divergences", f)), File.ReadAllText(Path.Combine(two, "divergences", f)));

        using var flip = JsonDocument.Parse(File.ReadAllText(Path.Combine(one, "divergences", "0000000035-0001-00-ece5369937363882.json")));
        var d = flip.RootElement;
        Assert.Equal(["format", "version", "tool", "kind", "engines", "case", "signature", "allowReason", "verdict", "class", "difference", "runs", "costs", "firstDivergentStep", "outcomes", "replayCase"],
            d.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Compact("""
            {"hash":"ece53699373638823030bb8fb3b664bb95300e885853b3ca8db2e7542bb957a6","class":"budget-flip","path":"status","wasmHash":"58f1391217525aca029e5511ffbd301108cf3b0d1d533cf5289934147da00156","function":"add","error":"none | Budget/ExceededLimit","known":false}
            """), d.GetProperty("signature").Raw());
        Assert.Equal(Compact("""{"path":"status","stack/Eager":"success","register/Lazy":"failed"}"""), d.GetProperty("difference").Raw());
        // The same instantiation CPU on both engines (the host's cost model); the lazy register
        // engine's compilation fuel (9 per body byte, charged at each function's first call) is
        // 1,971 of its 2,036 fuel: execution alone costs it less fuel than the stack engine.
        Assert.Equal(Compact("""{"cpu":2199,"mem":-4430,"fuel":1567,"instantiation":{"cpu":0,"mem":0,"fuel":1971},"execution":{"cpu":2199,"mem":-4430,"fuel":-404}}"""),
            d.GetProperty("costs").Raw());
        // Both engines make the same host calls: the register engine crosses the limit after the last one.
        var step = d.GetProperty("firstDivergentStep");
        Assert.Equal(JsonValueKind.Null, step.GetProperty("index").ValueKind);
        var steps = step.GetProperty("steps");
        Assert.Equal(steps.GetProperty("stack/Eager").GetInt32(), steps.GetProperty("register/Lazy").GetInt32());
    }

    [SharedFact]
    public async Task Repro_reruns_a_divergence_from_its_file_alone_and_extracts_its_wasm()
    {
        var dir = TempDir();
        var run = await CliRunner.RunAsync("run", "--source", "meta:" + CoreTests(BudgetFlipFile), "--out", dir);
        Assert.True(run.ExitCode == ExitCodes.Findings, run.Error);
        var file = Path.Combine(dir, "divergences", "0000000035-0001-00-ece5369937363882.json");
        var extract = Path.Combine(dir, "extract");
        var repro = await CliRunner.RunAsync("repro", file, "--extract", extract);
        Assert.True(repro.ExitCode == ExitCodes.Findings, repro.Error);
        Assert.Contains("reproduced: divergent (budget-flip) at status\n  stack/Eager: \"success\"\n  register/Lazy: \"failed\"\n", repro.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("signature ece53699373638823030bb8fb3b664bb95300e885853b3ca8db2e7542bb957a6 (as recorded in the file)", repro.Out, StringComparison.Ordinal);
        var wasm = Path.Combine(extract, "58f1391217525aca029e5511ffbd301108cf3b0d1d533cf5289934147da00156.wasm");
        Assert.Equal("58f1391217525aca029e5511ffbd301108cf3b0d1d533cf5289934147da00156", Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wasm))));
        using var invocation = JsonDocument.Parse(File.ReadAllText(Path.Combine(extract, "invocation.json")));
        Assert.Equal("add", invocation.RootElement.GetProperty("function").GetString());
        Assert.Equal(2, invocation.RootElement.GetProperty("args").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(extract, "case.case")));

        var json = await CliRunner.RunAsync("repro", Path.Combine(dir, "divergences", "0000000035-0001-00-1c8115b144650cee.json"), "--json");
        Assert.Equal(ExitCodes.Findings, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal((true, "differ", "recorded:register/Lazy", true), (doc.RootElement.GetProperty("reproduced").GetBoolean(), doc.RootElement.GetProperty("verdict").GetString(),
            doc.RootElement.GetProperty("class").GetString(), doc.RootElement.GetProperty("sameSignature").GetBoolean()));
        Assert.Equal(Compact("""{"path":"resultCode","recorded":"success","register/Lazy":"resource_limit_exceeded"}"""), doc.RootElement.GetProperty("difference").Raw());
    }

    [SharedFact]
    public async Task An_allow_list_naming_every_signature_turns_the_exit_code_to_zero()
    {
        var dir = TempDir();
        var run = await CliRunner.RunAsync("run", "--source", "meta:" + CoreTests(BudgetFlipFile), "--out", dir);
        Assert.Equal(ExitCodes.Findings, run.ExitCode);
        var hashes = Directory.GetFiles(Path.Combine(dir, "divergences")).Select(f =>
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(f));
            return doc.RootElement.GetProperty("signature").GetProperty("hash").GetString()!;
        }).ToArray();
        var allow = Path.Combine(dir, "allow.json");
        File.WriteAllText(allow, "{\"version\":1,\"entries\":[" + string.Join(",", hashes.Select(h => $"{{\"signature\":\"{h}\",\"reason\":\"lazy compilation fuel (CAP-0060)\"}}")) + "]}");
        var allowed = await CliRunner.RunAsync("run", "--source", "meta:" + CoreTests(BudgetFlipFile), "--allow", allow, "--json");
        Assert.True(allowed.ExitCode == ExitCodes.Ok, allowed.Error);
        using var summary = JsonDocument.Parse(allowed.Out);
        Assert.Equal(Compact("""{"new":0,"known":2,"regressed":0,"fixed":0}"""), summary.RootElement.GetProperty("signatures").Raw());

        // Half the list: the other signature still fails the run.
        File.WriteAllText(allow, $"{{\"version\":1,\"entries\":[{{\"signature\":\"{hashes[0]}\",\"reason\":\"known\"}}]}}");
        Assert.Equal(ExitCodes.Findings, (await CliRunner.RunAsync("run", "--source", "meta:" + CoreTests(BudgetFlipFile), "--allow", allow)).ExitCode);
    }

    [SharedFact]
    public async Task Only_the_stack_engine_compares_nothing_between_engines_and_passes_when_it_matches_the_recording()
    {
        var result = await CliRunner.RunAsync("run", "--source", "meta:" + CoreTests(BudgetFlipFile), "--engines", "stack", "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(Compact("""{"identical":0,"costOnly":0,"divergent":0,"byClass":{"budget-flip":0,"error-code":0,"events":0,"lazy-validation":0,"ledger-changes":0,"result":0,"stack-flip":0,"trap-kind":0}}"""),
            doc.RootElement.GetProperty("engines").Raw());
        Assert.Equal(Compact("""{"stack":{"cpu":6318634,"mem":10151474,"fuel":1049}}"""), doc.RootElement.GetProperty("costs").Raw());
    }

    [Theory]
    [InlineData("--engines", "stack,bogus", "error: --engines: unknown engine 'bogus' (expected stack, register)")]
    [InlineData("--modes", "fast", "error: --modes: unknown mode 'fast' (expected eager, lazy-translation, lazy)")]
    [InlineData("--parallel", "0", "error: --parallel must be at least 1")]
    [InlineData("--allow", "/nonexistent/allow.json", "error: /nonexistent/allow.json: no such file (--allow)")]
    public async Task Bad_usage_exits_two_naming_what_is_wrong(string option, string value, string message)
    {
        var result = await CliRunner.RunAsync("run", "--source", "meta:/nonexistent", option, value);
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal(message, result.Error.Trim());
    }

    [Fact]
    public async Task A_bad_allow_list_or_source_exits_two()
    {
        var allow = Path.GetTempFileName();
        File.WriteAllText(allow, "{\"version\":1,\"entries\":[{\"signature\":\"abc\",\"reason\":\"r\"}]}");
        var bad = await CliRunner.RunAsync("run", "--source", "meta:/nonexistent", "--allow", allow);
        Assert.Equal(ExitCodes.Error, bad.ExitCode);
        Assert.Equal($"error: {allow}: entries[0]: \"signature\" must be a signature hash (64 lower-case hex digits)", bad.Error.Trim());
        var missing = await CliRunner.RunAsync("run", "--source", "meta:/nonexistent/ledgers");
        Assert.Equal(ExitCodes.Error, missing.ExitCode);
        Assert.Equal("error: meta:/nonexistent/ledgers: no such file or directory", missing.Error.Trim());
    }

    [Fact]
    public async Task Repro_of_a_file_that_is_not_a_divergence_exits_two()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "{\"format\":\"something else\"}");
        var result = await CliRunner.RunAsync("repro", file);
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal($"error: {file}: not a divergence file (no \"format\": \"soroban-replay/divergence\")", result.Error.Trim());
        Assert.Equal(ExitCodes.Error, (await CliRunner.RunAsync("repro", "/nonexistent.json")).ExitCode);
    }

    private static string Compact(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Raw() is var raw ? JsonSerializer.Serialize(doc.RootElement) : raw;
    }

    private static string WithoutTimings(string summary)
    {
        using var doc = JsonDocument.Parse(summary);
        return string.Join(",", doc.RootElement.EnumerateObject().Where(p => p.Name is not ("seconds" or "casesPerSecond")).Select(p => p.Name + "=" + JsonSerializer.Serialize(p.Value)));
    }
}

internal static class JsonText
{
    /// <summary>An element as compact JSON, whatever the layout it was parsed from.</summary>
    public static string Raw(this JsonElement e) => JsonSerializer.Serialize(e);
}
