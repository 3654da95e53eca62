using System.CommandLine;
using System.Text;
using Replay.Replayer.Reports;

namespace Replay.Replayer.Cli;

/// <summary>`replay report --out DIR --html FILE [--junit FILE] [--markdown FILE]`: renders a finished run for people and CI.</summary>
public sealed class ReportCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var outDir = new Option<string?>("--out") { Description = "The --out directory of a finished `replay run` (summary.json, outcomes.jsonl, divergences/)" };
        var html = new Option<string?>("--html") { Description = "Write the self-contained HTML report (charts inline as SVG) to FILE" };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML (one test case per signature) to FILE" };
        var markdown = new Option<string?>("--markdown") { Description = "Write the Markdown summary to FILE" };
        var command = new Command("report", "Render a run as an HTML report, JUnit XML and a Markdown summary") { outDir, html, junit, markdown };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(outDir);
            if (dir is null)
                throw new UserError("report: give --out DIR (the directory a `replay run --out DIR` wrote)");
            var htmlFile = parse.GetValue(html);
            var junitFile = parse.GetValue(junit);
            var mdFile = parse.GetValue(markdown);
            if (htmlFile is null && junitFile is null && mdFile is null)
                throw new UserError("report: give at least one of --html FILE, --junit FILE, --markdown FILE");
            var model = OutDirectoryReader.Read(dir);
            var utf8 = new UTF8Encoding(false);
            try
            {
                if (htmlFile is not null)
                    File.WriteAllText(htmlFile, ReportWriters.Html(model), utf8);
                if (junitFile is not null)
                    File.WriteAllText(junitFile, ReportWriters.JUnit(model), utf8);
                if (mdFile is not null)
                    File.WriteAllText(mdFile, ReportWriters.Markdown(model), utf8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserError($"report: cannot write: {e.Message}", e);
            }
            output.WriteLine($"report: {model.Signatures.Count} signature(s), {model.Failing} new or regressed");
            return ExitCodes.Ok;
        });
        return command;
    }
}
