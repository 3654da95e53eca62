using System.CommandLine;
using System.Globalization;
using System.Text;
using Replay.Replayer.Reports;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay report (--db CONN [--run ID | --last N] | --out DIR) --html FILE [--junit FILE] [--markdown FILE]`:
/// renders a finished run (or the last N runs of the database, with trends across runs) for people and CI.
/// </summary>
public sealed class ReportCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var outDir = new Option<string?>("--out") { Description = "The --out directory of a finished `replay run` (summary.json, outcomes.jsonl, divergences/)" };
        var run = new Option<long?>("--run") { Description = "With --db: the run to report (default: the latest finished run)" };
        var last = new Option<int?>("--last") { Description = "With --db: report the last N finished runs together (figures added up; trends over them)" };
        var html = new Option<string?>("--html") { Description = "Write the self-contained HTML report (charts inline as SVG) to FILE" };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML (one test case per signature) to FILE" };
        var markdown = new Option<string?>("--markdown") { Description = "Write the Markdown summary to FILE" };
        var command = new Command("report", "Render a run as an HTML report, JUnit XML and a Markdown summary, from its --out directory or from the database")
        {
            outDir, run, last, html, junit, markdown,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(outDir);
            var runId = parse.GetValue(run);
            var lastN = parse.GetValue(last);
            var htmlFile = parse.GetValue(html);
            var junitFile = parse.GetValue(junit);
            var mdFile = parse.GetValue(markdown);
            if (htmlFile is null && junitFile is null && mdFile is null)
                throw new UserError("report: give at least one of --html FILE, --junit FILE, --markdown FILE");
            ReportModel model;
            if (dir is not null)
            {
                if (parse.GetValue(globals.Db) is not null)
                    throw new UserError("report: give --out DIR or --db CONN, not both");
                if (runId is not null || lastN is not null)
                    throw new UserError("report: --run and --last select runs of the database (--db), not of an --out directory");
                var target = htmlFile ?? junitFile ?? mdFile;
                model = OutDirectoryReader.Read(dir, Path.GetDirectoryName(Path.GetFullPath(target!)));
            }
            else
            {
                var connection = globals.ConnectionString(parse)
                    ?? throw new UserError($"report: give --out DIR (the directory a `replay run --out DIR` wrote) or --db CONN (or set {GlobalOptions.DbEnvironmentVariable})");
                model = await DatabaseReader.ReadAsync(connection, runId, lastN, ct).ConfigureAwait(false);
            }
            var utf8 = new UTF8Encoding(false);
            try
            {
                if (htmlFile is not null)
                    await File.WriteAllTextAsync(htmlFile, ReportWriters.Html(model), utf8, ct).ConfigureAwait(false);
                if (junitFile is not null)
                    await File.WriteAllTextAsync(junitFile, ReportWriters.JUnit(model), utf8, ct).ConfigureAwait(false);
                if (mdFile is not null)
                    await File.WriteAllTextAsync(mdFile, ReportWriters.Markdown(model), utf8, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"report: cannot write: {e.Message}", e);
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"report: {model.Origin}: {model.Signatures.Count} signature(s), {model.Failing} new or regressed")).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
