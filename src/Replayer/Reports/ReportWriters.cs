using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;

namespace Replay.Replayer.Reports;

/// <summary>The three renderings of a <see cref="ReportModel"/>: one self-contained HTML file, JUnit XML and Markdown.</summary>
public static class ReportWriters
{
    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Html(ReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>soroban-replay report ")
          .Append(E(m.Range)).Append("</title>\n<style>")
          .Append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
          .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f3f3f3}")
          .Append(".new,.regressed{color:#b00020;font-weight:bold}.known{color:#666}.fixed{color:#070}")
          .Append("figure{display:inline-block;margin:1em;vertical-align:top}pre{background:#f7f7f7;padding:6px;max-width:60em;overflow:auto}")
          .Append(".absent{width:720px;height:80px;border:1px dashed #aaa;padding:1em;color:#555}")
          .Append("</style></head><body>\n");
        sb.Append("<h1>soroban-replay report</h1>\n");
        sb.Append("<p>Source <code>").Append(E(m.Text("source"))).Append("</code>, ledgers ").Append(E(m.Range))
          .Append(", from <code>").Append(E(m.Origin)).Append("</code></p>\n");
        sb.Append("<h2>Summary</h2>\n<table id=\"summary\">\n");
        void Row(string k, string v) => sb.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>\n");
        var cases = m.Number("cases");
        Row("ledgers", N(m.Number("ledgers")));
        Row("invocations", N(m.Number("invocations")));
        Row("cases", N(cases));
        Row("identical", N(m.Number("engines", "identical")));
        Row("cost only", N(m.Number("engines", "costOnly")));
        Row("divergent", N(m.Number("engines", "divergent")));
        var stackJudged = m.Number("vsRecorded", "stack", "match") + m.Number("vsRecorded", "stack", "differ");
        var regJudged = m.Number("vsRecorded", "register", "match") + m.Number("vsRecorded", "register", "differ");
        Row("stack vs recorded: match", $"{N(m.Number("vsRecorded", "stack", "match"))} of {N(stackJudged)} ({ReportModel.Percent(m.Number("vsRecorded", "stack", "match"), stackJudged)})");
        Row("register vs recorded: match", $"{N(m.Number("vsRecorded", "register", "match"))} of {N(regJudged)} ({ReportModel.Percent(m.Number("vsRecorded", "register", "match"), regJudged)})");
        Row("cpu exact vs recorded", $"{N(m.Number("vsRecorded", "stack", "cpuExact"))} of {N(m.Number("vsRecorded", "stack", "cpuChecked"))}");
        Row("signatures new / known / regressed / fixed",
            $"{N(m.Number("signatures", "new"))} / {N(m.Number("signatures", "known"))} / {N(m.Number("signatures", "regressed"))} / {N(m.Number("signatures", "fixed"))}");
        Row("seconds", m.Real("seconds").ToString("0.###", CultureInfo.InvariantCulture));
        Row("cases per second", m.Real("casesPerSecond").ToString("0.#", CultureInfo.InvariantCulture));
        sb.Append("</table>\n");

        sb.Append("<h2>Divergences by signature</h2>\n");
        if (m.Signatures.Count == 0)
        {
            sb.Append("<p id=\"no-divergences\">No divergence: every case agreed.</p>\n");
        }
        else
        {
            sb.Append("<table id=\"signatures\"><tr><th>signature</th><th>status</th><th>class</th><th>path</th><th>function</th><th>count</th><th>first seen</th><th>last seen</th><th>repro</th></tr>\n");
            foreach (var s in m.Signatures)
            {
                sb.Append("<tr><td><code>").Append(E(s.Hash.Length > 16 ? s.Hash[..16] : s.Hash)).Append("</code></td><td class=\"").Append(E(s.Status)).Append("\">").Append(E(s.Status))
                  .Append(s.AllowReason is null ? "" : " (" + E(s.AllowReason) + ")").Append("</td><td>")
                  .Append(E(s.Class)).Append("</td><td>").Append(E(s.Path)).Append("</td><td>").Append(E(s.Function)).Append("</td><td>")
                  .Append(N(s.Count)).Append("</td><td>").Append(E(s.FirstSeen)).Append("</td><td>").Append(E(s.LastSeen))
                  .Append("</td><td><code>").Append(E(s.Repro)).Append("</code></td></tr>\n");
                if (s.Difference is not null)
                    sb.Append("<tr><td colspan=\"9\"><details><summary>field-level diff</summary><pre>").Append(E(s.Difference)).Append("</pre></details></td></tr>\n");
            }
            sb.Append("</table>\n");
        }

        sb.Append("<h2>Charts</h2>\n");
        foreach (var c in Charts.All(m))
        {
            sb.Append("<figure class=\"chart\" id=\"chart-").Append(E(c.Id)).Append("\" data-series=\"").Append(E(string.Join(",", c.Series))).Append("\">");
            if (c.Svg is not null)
                sb.Append(StripXmlDeclaration(c.Svg));
            else
                sb.Append("<div class=\"absent\"><b>").Append(E(c.Title)).Append("</b><br>").Append(E(c.Absent)).Append("</div>");
            sb.Append("<figcaption>").Append(E(c.Title)).Append("</figcaption></figure>\n");
        }
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static string StripXmlDeclaration(string svg)
    {
        var t = svg.TrimStart();
        if (t.StartsWith("<?xml", StringComparison.Ordinal))
            t = t[(t.IndexOf("?>", StringComparison.Ordinal) + 2)..];
        return t;
    }

    /// <summary>JUnit XML (Ant/Jenkins junit-10 shape): one testcase per signature; new and regressed fail, known is skipped with its allow reason.</summary>
    public static string JUnit(ReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, settings))
        {
            var failures = m.Signatures.Count(s => s.Status is "new" or "regressed");
            var skipped = m.Signatures.Count(s => s.Status is not ("new" or "regressed"));
            var tests = Math.Max(1, m.Signatures.Count);
            w.WriteStartElement("testsuites");
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", $"soroban-replay {m.Text("source")} {m.Range}");
            w.WriteAttributeString("tests", N(tests));
            w.WriteAttributeString("failures", N(failures));
            w.WriteAttributeString("errors", "0");
            w.WriteAttributeString("skipped", N(skipped));
            w.WriteAttributeString("time", m.Real("seconds").ToString("0.###", CultureInfo.InvariantCulture));
            if (m.Signatures.Count == 0)
            {
                w.WriteStartElement("testcase");
                w.WriteAttributeString("name", $"range {m.Range}: {N(m.Number("cases"))} cases agree");
                w.WriteAttributeString("classname", "replay.range");
                w.WriteEndElement();
            }
            foreach (var s in m.Signatures)
            {
                w.WriteStartElement("testcase");
                w.WriteAttributeString("name", $"{s.Class} {s.Path} {s.Function} [{(s.Hash.Length > 16 ? s.Hash[..16] : s.Hash)}]");
                w.WriteAttributeString("classname", "replay.signature." + (s.Class.Length == 0 ? "unknown" : s.Class));
                if (s.Status is "new" or "regressed")
                {
                    w.WriteStartElement("failure");
                    w.WriteAttributeString("message", $"{s.Status} signature, {N(s.Count)} case(s), first seen {s.FirstSeen}");
                    w.WriteAttributeString("type", s.Status);
                    w.WriteString($"{s.Repro}\n{s.Difference}");
                    w.WriteEndElement();
                }
                else
                {
                    w.WriteStartElement("skipped");
                    w.WriteAttributeString("message", s.AllowReason ?? $"{s.Status} signature");
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Markdown(ReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var sb = new StringBuilder();
        var verdict = m.Failing > 0 ? $"**{m.Failing} new or regressed signature(s)**" : "no new divergence";
        sb.Append(CultureInfo.InvariantCulture, $"### soroban-replay: {m.Text("source")} ledgers {m.Range}: {verdict}\n\n");
        sb.Append("| cases | identical | cost only | divergent | stack vs recorded | register vs recorded | cases/s |\n");
        sb.Append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        var stackJudged = m.Number("vsRecorded", "stack", "match") + m.Number("vsRecorded", "stack", "differ");
        var regJudged = m.Number("vsRecorded", "register", "match") + m.Number("vsRecorded", "register", "differ");
        sb.Append(CultureInfo.InvariantCulture,
            $"| {m.Number("cases")} | {m.Number("engines", "identical")} | {m.Number("engines", "costOnly")} | {m.Number("engines", "divergent")} | {ReportModel.Percent(m.Number("vsRecorded", "stack", "match"), stackJudged)} | {ReportModel.Percent(m.Number("vsRecorded", "register", "match"), regJudged)} | {m.Real("casesPerSecond").ToString("0.#", CultureInfo.InvariantCulture)} |\n");
        if (m.Signatures.Count > 0)
        {
            sb.Append("\n| status | signature | class | path | function | count | repro |\n| --- | --- | --- | --- | --- | ---: | --- |\n");
            foreach (var s in m.Signatures)
                sb.Append(CultureInfo.InvariantCulture, $"| {s.Status} | `{(s.Hash.Length > 16 ? s.Hash[..16] : s.Hash)}` | {s.Class} | {s.Path.Replace("|", "\\|", StringComparison.Ordinal)} | {s.Function} | {s.Count} | `{s.Repro}` |\n");
        }
        return sb.ToString();
    }

    /// <summary>Writes report.html, junit.xml and summary.md into <paramref name="directory"/>.</summary>
    public static void WriteAll(ReportModel m, string directory)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, "report.html"), Html(m), utf8);
        File.WriteAllText(Path.Combine(directory, "junit.xml"), JUnit(m), utf8);
        File.WriteAllText(Path.Combine(directory, "summary.md"), Markdown(m), utf8);
    }
}
