using System.CommandLine;
using System.Globalization;
using Replay.Engines;
using Replay.Wasm.Runtime;
using Replay.Wasm.SpecTest;
using Spectre.Console;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay spectest [--engine stack|register|both] [--mode eager|lazy-translation|lazy] [--json] PATH...`:
/// runs WebAssembly spec scripts (wast2json's .json, or .wast converted on the fly) on the chosen
/// engines. Exit 0 when nothing failed, 1 when something did, 2 when the input could not be used.
/// </summary>
public sealed class SpecTestCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Spec scripts: wast2json .json files, .wast files (converted with wabt's wast2json), or directories of them",
            // Checked in the action rather than by the parser, so a missing path is bad usage (exit 2).
            Arity = ArgumentArity.ZeroOrMore,
        };
        var engine = new Option<string>("--engine")
        {
            Description = $"Engine to run on: {string.Join(", ", EngineCatalog.SelectionNames)}",
            DefaultValueFactory = _ => EngineCatalog.Both,
        };
        var mode = new Option<string>("--mode")
        {
            Description = "Compilation mode: " + string.Join(", ", Enum.GetValues<CompilationMode>().Select(m => m.Name())),
            DefaultValueFactory = _ => CompilationMode.Eager.Name(),
        };

        var command = new Command("spectest", "Run WebAssembly spec test scripts on the engines");
        command.Add(paths);
        command.Add(engine);
        command.Add(mode);
        command.SetAction(parse =>
        {
            // Names are checked here, not with the parser's AcceptOnlyFromAmong, so that a wrong one
            // is a UserError (exit 2, bad usage) like every other unusable input.
            if (!EngineCatalog.TrySelect(parse.GetValue(engine), out var engines))
                throw new UserError($"unknown engine \"{parse.GetValue(engine)}\" (expected one of: {string.Join(", ", EngineCatalog.SelectionNames)})");
            if (!CompilationModeNames.TryParse(parse.GetValue(mode), out var compilation))
                throw new UserError($"unknown mode \"{parse.GetValue(mode)}\" (expected one of: {string.Join(", ", Enum.GetValues<CompilationMode>().Select(m => m.Name()))})");
            var given = parse.GetValue(paths) ?? [];
            if (given.Length == 0)
                throw new UserError("no scripts given: pass .json or .wast files, or directories of them");
            foreach (var e in engines)
            {
                if (!e.Modes.Contains(compilation))
                    throw new UserError($"the {e.Name} engine does not support {compilation.Name()} compilation (it supports: {string.Join(", ", e.Modes.Select(m => m.Name()))})");
            }

            using var scripts = SpecScriptSet.Load(given);
            var config = new EngineConfig { Mode = compilation };
            var results = engines.Select(e => SpecTestRunner.Create(e.Create, config).Run(scripts.Scripts)).ToList();

            if (parse.GetValue(globals.Json))
                WriteJson(output, results);
            else
                WriteTable(output, results);
            return results.Any(r => r.Failed > 0) ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(TextWriter output, IReadOnlyList<SpecRunResult> results) =>
        JsonOutput.Write(output, w =>
        {
            if (results.Count == 1)
            {
                results[0].WriteJson(w);
                return;
            }
            w.WriteStartArray();
            foreach (var r in results)
                r.WriteJson(w);
            w.WriteEndArray();
        });

    private static void WriteTable(TextWriter output, IReadOnlyList<SpecRunResult> results)
    {
        var console = Terminal.For(output);
        var table = new Spectre.Console.Table()
            .AddColumn("engine").AddColumn("mode").AddColumn("files").AddColumn("commands")
            .AddColumn("passed").AddColumn("failed").AddColumn("skipped").AddColumn("message mismatches");
        foreach (var r in results)
        {
            table.AddRow(Markup.Escape(r.Engine), Markup.Escape(r.Mode), Number(r.Files), Number(r.Commands),
                Number(r.Passed), Number(r.Failed), Number(r.Skipped), Number(r.MessageMismatches));
        }
        console.Write(table);
        foreach (var r in results)
        {
            foreach (var (reason, count) in r.SkipReasons)
                console.WriteLine($"{r.Engine}: skipped {Number(count)} needing {reason}");
            foreach (var f in r.Failures)
                console.WriteLine($"{r.Engine}: FAIL {f.File}:{f.Line.ToString(CultureInfo.InvariantCulture)} {f.Command}: expected {f.Expected}, got {f.Actual}");
            if (r.Failed > r.Failures.Count)
                console.WriteLine($"{r.Engine}: ... and {Number(r.Failed - r.Failures.Count)} more failures");
        }
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
