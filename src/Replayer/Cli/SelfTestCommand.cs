using System.CommandLine;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.Replayer.Pipeline;
using Spectre.Console;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay selftest [--source S] [--json]`: replays the corpus with a register engine broken
/// three ways (one at a time) and checks that each bug is found in the right class with stable
/// signatures. Exit 0 when all three are found, 1 when one is missed or misclassified, 2 when the
/// corpus cannot be read.
/// </summary>
public sealed class SelfTestCommand : ICliCommand
{
    public const string DefaultSource = "meta:../shared/corpus/core-tests";

    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var sources = new SourceOptions("--fetch-parallel", DefaultSource);
        var parallel = new Option<int>("--parallel") { Description = "Workers (default: the processor count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("selftest", "Check that the pipeline finds three deliberate register-engine bugs, in the right class, with stable signatures");
        sources.AddTo(command);
        command.Add(parallel);
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(parallel);
            if (n < 1)
                throw new UserError("--parallel must be at least 1");
            var cases = new List<ReplayCase>();
            await using (var run = await CaseRun.StartAsync(parse, globals, sources, null, null, error, ct).ConfigureAwait(false))
            {
                try
                {
                    await foreach (var r in run.Runner.RunAsync(ct).ConfigureAwait(false))
                    {
                        if (r is BuiltCase b)
                            cases.Add(b.Case);
                    }
                }
                catch (LedgerSourceException e)
                {
                    throw new UserError(e.Message, e);
                }
            }
            if (cases.Count == 0)
                throw new UserError("the source holds no replay case: nothing to test the pipeline with");
            var corpus = cases.Count;
            var probes = SelfTestProbes.Build(cases);
            cases.AddRange(probes);
            IReadOnlyList<SelfTestResult> results;
            try
            {
                results = await SelfTest.RunAsync(cases, CompilationModeName.Lazy, n, m => error.WriteLine("selftest: " + m), ct).ConfigureAwait(false);
            }
            catch (CaseFailedException e)
            {
                throw new UserError(e.Message, e);
            }
            if (parse.GetValue(globals.Json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("cases", corpus);
                    w.WriteNumber("probes", probes.Count);
                    w.WriteBoolean("passed", results.All(r => r.Passed));
                    w.WriteStartArray("faults");
                    foreach (var r in results)
                    {
                        w.WriteStartObject();
                        w.WriteString("fault", r.Fault.Name);
                        w.WriteString("description", r.Fault.Description);
                        w.WriteStartArray("expected");
                        foreach (var c in r.Fault.Expected)
                            w.WriteStringValue(Diff.VerdictNames.Name(c));
                        w.WriteEndArray();
                        w.WriteBoolean("passed", r.Passed);
                        w.WriteString("reason", r.Reason);
                        w.WriteNumber("changed", r.Changed);
                        w.WriteNumber("newDivergences", r.NewDivergences);
                        w.WriteNumber("costChanged", r.CostChanged);
                        w.WriteStartObject("classes");
                        foreach (var (k, v) in r.Classes)
                            w.WriteNumber(k, v);
                        w.WriteEndObject();
                        w.WriteStartArray("signatures");
                        foreach (var s in r.Signatures)
                            w.WriteStringValue(s);
                        w.WriteEndArray();
                        w.WriteBoolean("stable", r.Stable);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                var console = Terminal.For(output);
                var table = new Table().AddColumn("fault").AddColumn("found").AddColumn("new divergences").AddColumn("cost changed").AddColumn("classes").AddColumn("signatures").AddColumn("stable");
                foreach (var r in results)
                {
                    table.AddRow(Markup.Escape(r.Fault.Name), r.Passed ? "yes" : Markup.Escape("NO: " + r.Reason),
                        r.NewDivergences.ToString(System.Globalization.CultureInfo.InvariantCulture), r.CostChanged.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Markup.Escape(string.Join(", ", r.Classes.Select(kv => $"{kv.Key} {kv.Value}"))),
                        Markup.Escape(string.Join(" ", r.Signatures.Select(s => s[..16]))), r.Stable ? "yes" : "no");
                }
                console.Write(table);
                console.WriteLine($"{corpus} cases and {probes.Count} probes; {(results.All(r => r.Passed) ? "all three faults found" : "a fault was missed")}");
            }
            return results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.Findings;
        });
        return command;
    }
}
