using System.Text;
using System.Text.Json;
using Replay.Soroban.Invocation;
using static Replay.Diff.Tests.Outcomes;

namespace Replay.Diff.Tests;

public sealed class JsonShapeTests
{
    private static readonly CaseFacts Facts = new("ledgers/f.xdr", 35, 1, 0, "13090e8f", 27, "invoke-contract", "CAA3", "add", "58f1");

    private static CaseComparison Divergent()
    {
        var a = Success(Stack);
        var b = Success(Register, value: 6, fuel: 40);
        var engines = OutcomeComparer.CompareEngines(a, b);
        var runs = new[] { EngineRunSummary.Of(a), EngineRunSummary.Of(b) };
        return new CaseComparison
        {
            Facts = Facts,
            Runs = runs,
            Recorded = new RecordedSummary("success", "success", 1000, 2000),
            VsRecorded = [new RecordedComparison("stack/Eager", RecordedVerdict.Match, null, null), new RecordedComparison("register/Lazy", RecordedVerdict.Differ, new FieldDifference("returnValue.i32", "5", "6"), null)],
            Engines = [engines],
            Verdict = engines.Verdict,
            Class = engines.Class,
            Signatures = [DivergenceSignature.Of("result", engines.Difference, Facts, null, null), DivergenceSignature.Of("recorded:register/Lazy", engines.Difference, Facts, "recorded success", null)],
            CpuChecked = true,
            CpuExact = true,
        };
    }

    [Fact]
    public void An_outcome_line_has_exactly_the_issues_fields()
    {
        var keys = ComparisonJson.EngineKeys(["stack/Eager", "register/Lazy"]);
        Assert.Equal(["stack", "register"], keys);
        using var doc = JsonDocument.Parse(ComparisonJson.OutcomeLine(Divergent(), keys));
        var root = doc.RootElement;
        Assert.Equal(["source", "ledger", "txHash", "opIndex", "protocol", "kind", "contract", "function", "engines", "recorded", "stackVsRecorded", "registerVsRecorded", "enginesVerdict", "class"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("{\"status\":\"success\",\"resultHash\":\"7279e8c3ad3fee56a18c048ce620d342f1961e75a0dd2c9777121b7880e72fd3\",\"cpu\":1000,\"mem\":2000,\"fuel\":30,\"instantiation\":{\"cpu\":400,\"mem\":900,\"fuel\":0}}",
            root.GetProperty("engines").GetProperty("stack").GetRawText());
        Assert.Equal(40, root.GetProperty("engines").GetProperty("register").GetProperty("fuel").GetInt32());
        Assert.Equal("{\"status\":\"success\",\"cpu\":1000,\"mem\":2000}", root.GetProperty("recorded").GetRawText());
        Assert.Equal("{\"verdict\":\"differ\",\"engine\":\"register/Lazy\",\"field\":\"returnValue\"}", root.GetProperty("registerVsRecorded").GetRawText());
        Assert.Equal(("divergent", "result"), (root.GetProperty("enginesVerdict").GetString(), root.GetProperty("class").GetString()));
    }

    [Fact]
    public void Several_modes_of_one_engine_are_keyed_by_variant()
    {
        Assert.Equal(["stack", "register/Lazy", "register/Eager"], ComparisonJson.EngineKeys(["stack/Eager", "register/Lazy", "register/Eager"]));
    }

    [Fact]
    public void The_summary_has_exactly_the_issues_keys_and_counts_what_was_added()
    {
        var s = new RunSummary { Source = "meta:x" };
        var keys = ComparisonJson.EngineKeys(["stack/Eager", "register/Lazy"]);
        var known = Divergent().Signatures[0];
        var allow = AllowList.Parse(AllowList.Write([(known, "known")]), "a");
        s.Add(Divergent(), keys, allow);
        s.Add(Divergent(), keys, AllowList.Empty);
        s.Cases = 2;
        s.Seconds = 0.5;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            ComparisonJson.WriteSummary(w, s);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        var root = doc.RootElement;
        Assert.Equal(["source", "range", "ledgers", "invocations", "cases", "notApplied", "notReplayable", "engines", "vsRecorded", "costs", "signatures", "seconds", "casesPerSecond"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("{\"identical\":0,\"costOnly\":0,\"divergent\":2,\"byClass\":{\"budget-flip\":0,\"error-code\":0,\"events\":0,\"lazy-validation\":0,\"ledger-changes\":0,\"result\":2,\"stack-flip\":0,\"trap-kind\":0}}",
            root.GetProperty("engines").GetRawText());
        Assert.Equal("{\"stack\":{\"match\":2,\"differ\":0,\"cpuChecked\":2,\"cpuExact\":2},\"register\":{\"match\":0,\"differ\":2}}", root.GetProperty("vsRecorded").GetRawText());
        Assert.Equal("{\"stack\":{\"cpu\":2000,\"mem\":4000,\"fuel\":60},\"register\":{\"cpu\":2000,\"mem\":4000,\"fuel\":80}}", root.GetProperty("costs").GetRawText());
        // Two distinct signatures, each seen twice; whether one is known is decided when it is first seen.
        Assert.Equal([2L, 2L], s.Signatures.Values.Select(v => v.Count));
        Assert.Equal((1, 1), (s.NewSignatures, s.KnownSignatures));
        Assert.Equal("""{"new":1,"known":1,"regressed":0,"fixed":0}""", root.GetProperty("signatures").GetRawText());
        // Both cases have a finding the allow-list does not cover (the first: its recorded difference).
        Assert.Equal(2, s.UnallowedFindings);
        Assert.Equal(4, root.GetProperty("casesPerSecond").GetDouble());
    }
}
