using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using System.Xml.Schema;
using Dapper;
using Npgsql;
using Replay.Replayer.Cli;
using Replay.Replayer.Tests.Postgres;

namespace Replay.Replayer.Tests;

/// <summary>
/// Reports from the run store, `run`/`nightly --report DIR` and `repro --db`, on runs of the
/// embedded sample history (its ledger 5 holds a `sort` call declared with a budget between the
/// two engines' costs: the stack engine runs out as the network did, the lazy register engine does
/// not; a budget-flip divergence and the register engine's difference from the recording)
/// recorded into a real PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReportDatabaseTests(PostgresFixture pg) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-report-db-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Dir(string name) => Path.Combine(_dir, name);

    private static async Task<long> ScalarAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<CliRunner.Result> OkAsync(int expected, params string[] args)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.True(r.ExitCode == expected, $"replay {string.Join(' ', args)}: exit {r.ExitCode}\n{r.Out}\n{r.Error}");
        return r;
    }

    /// <summary>The Markdown summary's figures row (the line after the header and its rule).</summary>
    private static string FiguresRow(string markdown) => markdown.Split('\n')[4];

    private static void AssertValidJUnit(string file)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Resources", "junit-10.xsd"));
        var errors = new List<string>();
        XDocument.Load(file).Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);
    }

    /// <summary>The texts of an SVG (titles, axis labels, tick labels, legend), trimmed.</summary>
    private static string[] Texts(string svg) => [.. Regex.Matches(svg, ">([^<>]+)</text>").Select(m => m.Groups[1].Value.Trim())];

    private static void AssertHasText(string svg, string text) =>
        Assert.True(Texts(svg).Contains(text), $"no \"{text}\" in the chart: {string.Join(", ", Texts(svg))}");

    /// <summary>The SVG of one chart of the HTML report, which must have rendered.</summary>
    private static string ChartSvg(string html, string id)
    {
        var m = Regex.Match(html, $"<figure class=\"chart\" id=\"chart-{id}\" data-series=\"([^\"]*)\">(.*?)</figure>", RegexOptions.Singleline);
        Assert.True(m.Success, $"no chart {id}");
        Assert.StartsWith("<svg", m.Groups[2].Value.TrimStart(), StringComparison.Ordinal);
        return m.Groups[2].Value;
    }

    [Fact]
    public async Task Report_from_the_database_agrees_with_the_out_directory_and_draws_the_trends()
    {
        var db = await pg.CreateDatabaseAsync();
        // Three runs from the start of the sample: to ledger 5 (both signatures new), to 6 and to 7
        // (seen again: known). The last one also writes --out. (A run over the same cases takes
        // their rows, so the per-case data is the last run's.)
        await OkAsync(ExitCodes.Findings, "run", "--source", "sample", "--to", "5", "--db", db, "--parallel", "1");
        await OkAsync(ExitCodes.Findings, "run", "--source", "sample", "--to", "6", "--db", db, "--parallel", "1");
        var third = await OkAsync(ExitCodes.Findings, "run", "--source", "sample", "--to", "7", "--db", db, "--out", Dir("out3"), "--parallel", "1", "--json");
        Assert.Equal(3, await ScalarAsync(db, "SELECT count(*) FROM runs WHERE status = 'succeeded'"));

        // summary.json is the triaged summary the database holds (signatures known, not new).
        using (var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir("out3"), "summary.json"))))
        using (var printed = JsonDocument.Parse(third.Out))
        {
            Assert.Equal("""{"new":0,"known":2,"regressed":0,"fixed":0}""", JsonSerializer.Serialize(s.RootElement.GetProperty("signatures")));
            Assert.Equal(JsonSerializer.Serialize(printed.RootElement.GetProperty("signatures")), JsonSerializer.Serialize(s.RootElement.GetProperty("signatures")));
        }

        // The latest run from the database (the default) and from its --out directory: every summary figure agrees.
        var latest = await OkAsync(ExitCodes.Ok, "report", "--db", db, "--markdown", Dir("db3.md"), "--junit", Dir("db3.xml"), "--html", Dir("db3.html"));
        Assert.Contains("report: run 3 (run, started", latest.Out, StringComparison.Ordinal);
        await OkAsync(ExitCodes.Ok, "report", "--out", Dir("out3"), "--markdown", Dir("out3.md"), "--html", Dir("out3.html"));
        var fromDb = File.ReadAllText(Dir("db3.md"));
        var fromOut = File.ReadAllText(Dir("out3.md"));
        Assert.Equal("### soroban-replay: sample ledgers 3..7: no new divergence", fromDb.Split('\n')[0]);
        Assert.Equal(fromOut.Split('\n')[0], fromDb.Split('\n')[0]);
        Assert.StartsWith("| 38 | 13 | 24 | 1 | 100.0% | 97.4% | ", FiguresRow(fromDb), StringComparison.Ordinal);
        Assert.Equal(FiguresRow(fromOut), FiguresRow(fromDb));
        // The same signatures with the same counts of cases; the database knows them from run 1.
        static string[] Signatures(string md) => [.. md.Split('\n').Where(l => l.StartsWith("| known |", StringComparison.Ordinal) || l.StartsWith("| new |", StringComparison.Ordinal))
            .Select(l => string.Join('|', l.Split('|')[2..7]))];
        Assert.Equal(
            [" `4641c64f35d1a8f8` | budget-flip | status | sort | 1 ", " `d233e9a34f1c8425` | recorded:register/Lazy | resultCode | sort | 1 "],
            Signatures(fromDb));
        Assert.Equal(Signatures(fromOut), Signatures(fromDb));
        Assert.All(fromDb.Split('\n').Where(l => l.Contains("`4641c64f35d1a8f8`", StringComparison.Ordinal)), l => Assert.StartsWith("| known |", l, StringComparison.Ordinal));
        AssertValidJUnit(Dir("db3.xml"));
        var junit = XDocument.Load(Dir("db3.xml")).Root!.Element("testsuite")!;
        Assert.Equal(("2", "0", "2"), (junit.Attribute("tests")!.Value, junit.Attribute("failures")!.Value, junit.Attribute("skipped")!.Value));
        // The charts from the database draw the same per-case data as from --out.
        var dbHtml = File.ReadAllText(Dir("db3.html"));
        var outHtml = File.ReadAllText(Dir("out3.html"));
        foreach (var chart in new[] { "cpu-delta", "per-contract", "per-function", "instantiation", "instantiation-fuel" })
            Assert.Equal(Texts(ChartSvg(outHtml, chart)), Texts(ChartSvg(dbHtml, chart)));
        var modelFromDb = await Reports.DatabaseReader.ReadAsync(db, 3, null);
        var modelFromOut = Reports.OutDirectoryReader.Read(Dir("out3"));
        Assert.Equal(38, modelFromDb.Cases.Count);
        Assert.Equal(JsonSerializer.Serialize(modelFromOut.Cases), JsonSerializer.Serialize(modelFromDb.Cases));
        Assert.Equal(modelFromOut.Startup, modelFromDb.Startup);
        Assert.Equal(2, modelFromDb.Startup.Count);

        // An earlier run keeps its summary (its cases were replayed again by run 3).
        await OkAsync(ExitCodes.Ok, "report", "--db", db, "--run", "1", "--markdown", Dir("db1.md"));
        var first = File.ReadAllText(Dir("db1.md"));
        Assert.Equal("### soroban-replay: sample ledgers 3..5: no new divergence", first.Split('\n')[0]);
        Assert.StartsWith("| 30 | 13 | 16 | 1 | 100.0% | 96.7% | ", FiguresRow(first), StringComparison.Ordinal);

        // The last three runs: figures added up, trends over the three runs.
        await OkAsync(ExitCodes.Ok, "report", "--db", db, "--last", "3", "--markdown", Dir("last3.md"), "--html", Dir("last3.html"));
        var last3 = File.ReadAllText(Dir("last3.md"));
        Assert.Equal("### soroban-replay: sample ledgers 3..7: no new divergence", last3.Split('\n')[0]);
        Assert.StartsWith("| 100 | 39 | 58 | 3 | 100.0% | 97.0% | ", FiguresRow(last3), StringComparison.Ordinal);
        var html = File.ReadAllText(Dir("last3.html"));
        Assert.Contains("runs 1..3 (3 runs)", html, StringComparison.Ordinal);
        var status = ChartSvg(html, "trend-status");
        foreach (var series in new[] { "new", "known", "regressed", "fixed", "run 1", "run 2", "run 3" })
            AssertHasText(status, series);
        var cost = ChartSvg(html, "trend-cost");
        AssertHasText(cost, "CPU delta");
        AssertHasText(cost, "fuel delta");
        Assert.Contains("id=\"chart-trend-status\" data-series=\"new,known,regressed,fixed\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-trend-cost\" data-series=\"CPU delta,fuel delta\"", html, StringComparison.Ordinal);
        var rate = ChartSvg(html, "throughput");
        AssertHasText(rate, "run 3");
    }

    [Fact]
    public async Task Report_from_the_database_says_what_is_wrong()
    {
        var db = await pg.CreateDatabaseAsync();
        var empty = await CliRunner.RunAsync("report", "--db", db, "--markdown", Dir("x.md"));
        Assert.Equal(ExitCodes.Error, empty.ExitCode);
        Assert.Contains("holds no replay results", empty.Error, StringComparison.Ordinal);
        await OkAsync(ExitCodes.Ok, "run", "--source", "sample", "--to", "3", "--db", db, "--parallel", "1");
        var missing = await CliRunner.RunAsync("report", "--db", db, "--run", "42", "--markdown", Dir("x.md"));
        Assert.Equal(ExitCodes.Error, missing.ExitCode);
        Assert.Contains("no run 42", missing.Error, StringComparison.Ordinal);
        var both = await CliRunner.RunAsync("report", "--db", db, "--run", "1", "--last", "2", "--markdown", Dir("x.md"));
        Assert.Equal(ExitCodes.Error, both.ExitCode);
        Assert.Contains("not both", both.Error, StringComparison.Ordinal);
        var zero = await CliRunner.RunAsync("report", "--db", db, "--last", "0", "--markdown", Dir("x.md"));
        Assert.Equal(ExitCodes.Error, zero.ExitCode);
        var down = await CliRunner.RunAsync("report", "--db", "Host=127.0.0.1;Port=1;Username=x;Timeout=2", "--markdown", Dir("x.md"));
        Assert.Equal(ExitCodes.Error, down.ExitCode);
        Assert.Contains("127.0.0.1:1", down.Error, StringComparison.Ordinal);
    }

    private static void AssertReportDirectory(string dir)
    {
        foreach (var f in new[] { "report.html", "junit.xml", "summary.md", "summary.json" })
            Assert.True(File.Exists(Path.Combine(dir, f)), $"{f} missing in {dir}");
        AssertValidJUnit(Path.Combine(dir, "junit.xml"));
        var html = File.ReadAllText(Path.Combine(dir, "report.html"));
        ChartSvg(html, "cpu-delta");
        AssertHasText(ChartSvg(html, "instantiation"), "instantiation CPU");
        AssertHasText(ChartSvg(html, "instantiation-fuel"), "compilation fuel (lazy: at first call)");
        ChartSvg(html, "throughput");
    }

    [Fact]
    public async Task Run_writes_its_reports_at_the_end()
    {
        // run without a database: the report beside the run's own files.
        var run = await OkAsync(ExitCodes.Findings, "run", "--source", "sample", "--to", "5", "--report", Dir("run"), "--parallel", "1", "--json");
        AssertReportDirectory(Dir("run"));
        Assert.True(File.Exists(Path.Combine(Dir("run"), "outcomes.jsonl")));
        using (var printed = JsonDocument.Parse(run.Out))
        using (var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir("run"), "summary.json"))))
            Assert.Equal(printed.RootElement.GetProperty("cases").GetInt64(), written.RootElement.GetProperty("cases").GetInt64());
        var md = File.ReadAllText(Path.Combine(Dir("run"), "summary.md"));
        Assert.Equal("### soroban-replay: sample ledgers 3..5: **2 new or regressed signature(s)**", md.Split('\n')[0]);
        Assert.StartsWith("| 30 | 13 | 16 | 1 | 100.0% | 96.7% | ", FiguresRow(md), StringComparison.Ordinal);
        Assert.Contains("`replay repro divergences/0000000005-0001-00-4641c64f35d1a8f8.json`", md, StringComparison.Ordinal);

        // Both compilation modes: the lazy against eager chart, from every case's split.
        await OkAsync(ExitCodes.Findings, "run", "--source", "sample", "--to", "5", "--modes", "lazy,eager", "--report", Dir("modes"), "--parallel", "1");
        AssertReportDirectory(Dir("modes"));
        var modes = File.ReadAllText(Path.Combine(Dir("modes"), "report.html"));
        Assert.Contains("id=\"chart-lazy-eager\" data-series=\"lazy,eager\"", modes, StringComparison.Ordinal);
        var lazyEager = ChartSvg(modes, "lazy-eager");
        AssertHasText(lazyEager, "register/Lazy");
        AssertHasText(lazyEager, "register/Eager");
        AssertHasText(lazyEager, "instantiation CPU per case");

        // run with --out elsewhere: repro paths lead from the report to the --out files.
        await OkAsync(ExitCodes.Findings, "run", "--source", "sample", "--to", "5", "--out", Dir("out"), "--report", Dir("elsewhere"), "--parallel", "1");
        AssertReportDirectory(Dir("elsewhere"));
        Assert.Contains("`replay repro ../out/divergences/0000000005-0001-00-4641c64f35d1a8f8.json`", File.ReadAllText(Path.Combine(Dir("elsewhere"), "summary.md")), StringComparison.Ordinal);

    }

    /// <summary>Two nights on a core-tests network (the nightly resumes at its cursor): each report from the database, the second with the trend over both.</summary>
    [SharedFact]
    public async Task Nightly_writes_its_report_at_the_end_with_the_trend_over_nights()
    {
        var network = SharedData.PathOf("corpus", "core-tests", "13ddfbcd91340230.xdr");
        var db = await pg.CreateDatabaseAsync();
        await OkAsync(ExitCodes.Ok, "nightly", "--source", "meta:" + network, "--db", db, "--max-ledgers", "20", "--report", Dir("night1"), "--parallel", "1");
        await OkAsync(ExitCodes.Findings, "nightly", "--source", "meta:" + network, "--db", db, "--report", Dir("night2"), "--parallel", "1");
        foreach (var night in new[] { "night1", "night2" })
        {
            AssertReportDirectory(Dir(night));
            using var s = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir(night), "summary.json")));
            var r = s.RootElement;
            long N(params string[] path) => path.Aggregate(r, (e, p) => e.GetProperty(p)).GetInt64();
            var md = File.ReadAllText(Path.Combine(Dir(night), "summary.md"));
            Assert.StartsWith($"### soroban-replay: meta:{network} ledgers {N("range", "from")}..{N("range", "to")}: ", md, StringComparison.Ordinal);
            Assert.StartsWith($"| {N("cases")} | {N("engines", "identical")} | {N("engines", "costOnly")} | {N("engines", "divergent")} | ", FiguresRow(md), StringComparison.Ordinal);
        }
        var night2 = File.ReadAllText(Path.Combine(Dir("night2"), "report.html"));
        var trend = ChartSvg(night2, "trend-status");
        AssertHasText(trend, "run 1");
        AssertHasText(trend, "run 2");
        Assert.Contains("**2 new or regressed signature(s)**", File.ReadAllText(Path.Combine(Dir("night2"), "summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repro_reruns_a_divergence_stored_in_the_database()
    {
        var db = await pg.CreateDatabaseAsync();
        await OkAsync(ExitCodes.Findings, "run", "--source", "sample", "--to", "5", "--db", db, "--out", Dir("out"), "--parallel", "1");
        var id = await ScalarAsync(db, "SELECT d.id FROM divergences d JOIN signatures s ON s.hash = d.signature WHERE s.class = 'budget-flip'");

        var r = await OkAsync(ExitCodes.Findings, "repro", "--db", db, "--divergence", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        using (var doc = JsonDocument.Parse(r.Out))
        {
            var root = doc.RootElement;
            Assert.True(root.GetProperty("reproduced").GetBoolean());
            Assert.True(root.GetProperty("sameSignature").GetBoolean());
            Assert.Equal("budget-flip", root.GetProperty("class").GetString());
            Assert.Equal("""{"path":"status","stack/Eager":"failed","register/Lazy":"success"}""", JsonSerializer.Serialize(root.GetProperty("difference")));
        }
        // The same as from the divergence file.
        var file = Directory.GetFiles(Path.Combine(Dir("out"), "divergences"), "*4641c64f35d1a8f8.json").Single();
        var fromFile = await OkAsync(ExitCodes.Findings, "repro", file, "--json");
        Assert.Equal(fromFile.Out, r.Out);

        var text = await OkAsync(ExitCodes.Findings, "repro", "--db", db, "--divergence", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--extract", Dir("x"));
        Assert.Contains("reproduced: divergent (budget-flip) at status", text.Out, StringComparison.Ordinal);
        Assert.Contains("signature 4641c64f35d1a8f8", text.Out, StringComparison.Ordinal);
        var extracted = Directory.GetFiles(Dir("x")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("case.case", extracted);
        Assert.Contains("invocation.json", extracted);
        var wasm = extracted.Where(f => f!.EndsWith(".wasm", StringComparison.Ordinal)).ToArray();
        Assert.Single(wasm);
        // The called contract's module, named by its hash.
        var bytes = File.ReadAllBytes(Path.Combine(Dir("x"), wasm[0]!));
        Assert.Equal(wasm[0], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) + ".wasm");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dir("x"), "case.case")), await CaseBinaryOfAsync(db, id));

        var none = await CliRunner.RunAsync("repro", "--db", db, "--divergence", "999999");
        Assert.Equal(ExitCodes.Error, none.ExitCode);
        Assert.Contains("no divergence 999999", none.Error, StringComparison.Ordinal);
        var noDb = await CliRunner.RunAsync("repro", "--divergence", "1");
        Assert.Equal(ExitCodes.Error, noDb.ExitCode);
    }

    private static async Task<byte[]> CaseBinaryOfAsync(string db, long id)
    {
        await using var connection = new NpgsqlConnection(db);
        return await connection.ExecuteScalarAsync<byte[]>("SELECT case_binary FROM divergences WHERE id = @id", new { id }) ?? [];
    }
}
