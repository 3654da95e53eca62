using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Replay.Replayer.Reports;
using Xunit;

namespace Replay.Replayer.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A fixed --out directory: 3 cases on stack and register, one new and one known signature.</summary>
    private ReportModel Fixture()
    {
        File.WriteAllText(Path.Combine(_dir, "summary.json"), """
            {"source":"sample","range":{"from":3,"to":9},"ledgers":7,"invocations":3,"cases":3,"notApplied":0,"notReplayable":{},
             "engines":{"identical":1,"costOnly":1,"divergent":1,"byClass":{}},
             "vsRecorded":{"stack":{"match":3,"differ":0,"cpuChecked":3,"cpuExact":3},"register":{"match":2,"differ":1}},
             "costs":{"stack":{"cpu":600,"mem":1,"fuel":60},"register":{"cpu":540,"mem":1,"fuel":66}},
             "signatures":{"new":1,"known":1,"regressed":0,"fixed":0},"seconds":1.5,"casesPerSecond":2}
            """);
        File.WriteAllLines(Path.Combine(_dir, "outcomes.jsonl"),
        [
            """{"contract":"CA","function":"f","enginesVerdict":"identical","engines":{"stack":{"status":"success","cpu":100,"fuel":10},"register":{"status":"success","cpu":100,"fuel":10}}}""",
            """{"contract":"CA","function":"g","enginesVerdict":"cost-only","engines":{"stack":{"status":"success","cpu":200,"fuel":20},"register":{"status":"success","cpu":150,"fuel":24}}}""",
            """{"contract":"CB","function":"f","enginesVerdict":"divergent","engines":{"stack":{"status":"success","cpu":300,"fuel":30},"register":{"status":"failed","cpu":290,"fuel":32}}}""",
        ]);
        Directory.CreateDirectory(Path.Combine(_dir, "divergences"));
        File.WriteAllText(Path.Combine(_dir, "divergences", "0000000005-0000-00-aaaa.json"), """
            {"case":{"ledger":5},"signature":{"hash":"aaaa000011112222","class":"status","path":"status","function":"f","known":false},"allowReason":null,
             "difference":{"path":"status","stack":"success","register":"failed"}}
            """);
        File.WriteAllText(Path.Combine(_dir, "divergences", "0000000009-0000-00-bbbb.json"), """
            {"case":{"ledger":9},"signature":{"hash":"bbbb000011112222","class":"recorded:register","path":"resultCode","function":"g","known":true},"allowReason":"issue 12: known trap code"}
            """);
        return OutDirectoryReader.Read(_dir);
    }

    [Fact]
    public void JUnitValidatesAgainstTheJUnit10SchemaAndMapsStatuses()
    {
        var xml = ReportWriters.JUnit(Fixture());
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Resources", "junit-10.xsd"));
        var errors = new List<string>();
        XDocument.Parse(xml).Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);
        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;
        Assert.Equal("2", suite.Attribute("tests")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        Assert.Equal("1", suite.Attribute("skipped")!.Value);
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal("new", cases[0].Element("failure")!.Attribute("type")!.Value);
        Assert.Equal("issue 12: known trap code", cases[1].Element("skipped")!.Attribute("message")!.Value);
    }

    [Fact]
    public void JUnitIsRejectedBySchemaWhenBroken()
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Resources", "junit-10.xsd"));
        var errors = new List<string>();
        XDocument.Parse("<testsuites><testsuite name=\"x\"><testcase/></testsuite></testsuites>").Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void MarkdownHasExactFigures()
    {
        var md = ReportWriters.Markdown(Fixture());
        Assert.Contains("| 3 | 1 | 1 | 1 | 100.0% | 66.7% | 2 |", md, StringComparison.Ordinal);
        Assert.Contains("**1 new or regressed signature(s)**", md, StringComparison.Ordinal);
        Assert.Contains("`replay repro divergences/0000000005-0000-00-aaaa.json`", md, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlIsSelfContainedWithChartSeries()
    {
        var html = ReportWriters.Html(Fixture());
        Assert.DoesNotContain("http://cdn", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"register vs stack\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-per-contract\" data-series=\"cpu,fuel\"", html, StringComparison.Ordinal);
        Assert.Matches(new Regex("id=\"chart-cpu-delta\"[^>]*>\\s*<svg"), html);
        Assert.Contains("This run used one compilation mode", html, StringComparison.Ordinal);
    }

    /// <summary>Opens the report in Debian's chromium (headless); a missing chromium fails.</summary>
    [Fact]
    public async Task HtmlRendersInHeadlessChromiumWithoutConsoleErrors()
    {
        var html = Path.Combine(_dir, "report.html");
        File.WriteAllText(html, ReportWriters.Html(Fixture()));
        var shot = Path.Combine(_dir, "shot.png");
        var psi = new ProcessStartInfo("chromium")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=2000", "--window-size=1400,2400", "--screenshot=" + shot, "file://" + html })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("chromium did not start");
        var stderrTask = p.StandardError.ReadToEndAsync();
        _ = p.StandardOutput.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "chromium did not finish in 120 s");
        var stderr = await stderrTask;
        Assert.True(File.Exists(shot), "no screenshot: " + stderr);
        Assert.True(new FileInfo(shot).Length > 10_000, "screenshot is nearly empty");
        Assert.DoesNotContain("CONSOLE", stderr.Split('\n').Where(l => l.Contains("ERROR", StringComparison.Ordinal)).FirstOrDefault() ?? "", StringComparison.Ordinal);
    }
}
