using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Replay.Replayer.Bench;
using Replay.Engines;
using Replay.Tooling;
using Spectre.Console;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay bench`: a quick side-by-side of the two engines against each other and against
/// Wasmtime and wabt's interpreter, in one run on one machine. BenchmarkDotNet (bench/)
/// is the careful instrument; this is the one everybody can rerun in a few minutes.
/// </summary>
public sealed class BenchCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var suite = new Option<string>("--suite") { Description = "compute, compile or all", DefaultValueFactory = _ => "all" };
        suite.AcceptOnlyFromAmong("compute", "compile", "all");
        var repeat = new Option<int>("--repeat") { Description = "Timed runs per measurement (median reported), after one warm-up", DefaultValueFactory = _ => 3 };
        var kernels = new Option<string?>("--kernels") { Description = "Path of kernels.c (default: ../shared/bench/kernels.c)" };
        var command = new Command("bench", "Compare the engines' speed with each other, Wasmtime and wabt's wasm-interp") { suite, repeat, kernels };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(repeat);
            if (n < 1)
                throw new UserError("--repeat must be at least 1");
            var which = parse.GetValue(suite)!;
            var json = parse.GetValue(globals.Json);
            var stack = EngineCatalog.Stack;
            var register = EngineCatalog.Register;
            var report = new BenchReport { Repeat = n };
            Action<string> progress = json ? _ => { } : message => error.WriteLine($"bench: {message}");
            try
            {
                if (which is "compute" or "all")
                {
                    var source = parse.GetValue(kernels) ?? Kernels.FindSource()
                        ?? throw new UserError("kernels.c not found: pass --kernels PATH or run beside ../shared");
                    if (!File.Exists(source))
                        throw new UserError($"{source}: no such file");
                    ComputeSuite.Run(report, source, Wrap(stack), Wrap(register), n, progress);
                }
                if (which is "compile" or "all")
                    CompileSuite.Run(report, Wrap(stack), Wrap(register), n, progress);
            }
            catch (ToolMissingException e)
            {
                throw new UserError(e.Message, e);
            }
            catch (BenchMismatchException e)
            {
                error.WriteLine($"error: engines disagree: {e.Message}");
                return ExitCodes.Findings;
            }

            if (json)
                JsonOutput.Write(output, w => WriteJson(w, report));
            else
                WriteTable(Terminal.For(output), report);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static EngineUnderTest Wrap(EngineEntry entry) => new(entry.Name, entry.Create);

    private static void WriteJson(Utf8JsonWriter w, BenchReport report)
    {
        w.WriteStartObject();
        w.WriteNumber("repeat", report.Repeat);
        w.WriteNumber("cores", Environment.ProcessorCount);
        w.WriteStartArray("kernels");
        foreach (var k in report.Kernels)
        {
            w.WriteStartObject();
            w.WriteString("name", k.Name);
            w.WriteNumber("result", k.Result);
            Number(w, "stack_s", k.StackSeconds);
            Number(w, "register_s", k.RegisterSeconds);
            Number(w, "wasmtime_s", k.WasmtimeSeconds);
            Number(w, "wabt_s", k.WabtSeconds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("geomean");
        Number(w, "register_vs_stack", report.RegisterVsStack);
        Number(w, "register_vs_wabt", report.RegisterVsWabt);
        Number(w, "stack_vs_wabt", report.StackVsWabt);
        Number(w, "register_vs_wasmtime", report.RegisterVsWasmtime);
        w.WriteEndObject();
        if (report.Compile.Count == 0)
        {
            w.WriteNull("compile");
        }
        else
        {
            // The headline is the 2,000-function module; every module is listed under "modules".
            var main = report.Compile[0];
            w.WriteStartObject("compile");
            w.WriteNumber("eager_ms", Round(main.EagerMs));
            w.WriteNumber("lazy_translation_ms", Round(main.LazyTranslationMs));
            w.WriteNumber("lazy_ms", Round(main.LazyMs));
            w.WriteNumber("lazy_speedup", Round(main.LazySpeedup));
            w.WriteNumber("stack_eager_ms", Round(main.StackEagerMs));
            w.WriteStartArray("modules");
            foreach (var c in report.Compile)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Module);
                w.WriteNumber("functions", c.Functions);
                w.WriteNumber("bytes", c.Bytes);
                w.WriteNumber("stack_eager_ms", Round(c.StackEagerMs));
                w.WriteNumber("eager_ms", Round(c.EagerMs));
                w.WriteNumber("lazy_translation_ms", Round(c.LazyTranslationMs));
                w.WriteNumber("lazy_ms", Round(c.LazyMs));
                w.WriteNumber("lazy_speedup", Round(c.LazySpeedup));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteStartObject("missing");
        foreach (var (name, reason) in report.Missing)
            w.WriteString(name, reason);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
            w.WriteNumber(name, Round(v));
        else
            w.WriteNull(name);
    }

    private static double Round(double v) => Math.Round(v, 4, MidpointRounding.ToEven);

    private static void WriteTable(IAnsiConsole console, BenchReport report)
    {
        if (report.Kernels.Count > 0)
        {
            var table = new Table().AddColumns("kernel", "stack s", "register s", "wasmtime s", "wasm-interp s", "register vs stack");
            foreach (var k in report.Kernels)
                table.AddRow(k.Name, S(k.StackSeconds), S(k.RegisterSeconds), S(k.WasmtimeSeconds), S(k.WabtSeconds), X(Statistics.Speedup(k.RegisterSeconds, k.StackSeconds)));
            console.Write(table);
            console.WriteLine($"geometric mean: register vs stack {X(report.RegisterVsStack)}, register vs wasm-interp {X(report.RegisterVsWabt)}, " +
                              $"stack vs wasm-interp {X(report.StackVsWabt)}, register vs wasmtime {X(report.RegisterVsWasmtime)}");
        }
        if (report.Compile.Count > 0)
        {
            var table = new Table().AddColumns("module", "functions", "bytes", "stack eager ms", "register eager ms", "lazy-translation ms", "lazy ms", "lazy speedup");
            foreach (var c in report.Compile)
                table.AddRow(c.Module, I(c.Functions), I(c.Bytes), M(c.StackEagerMs), M(c.EagerMs), M(c.LazyTranslationMs), M(c.LazyMs), X(c.LazySpeedup));
            console.Write(table);
        }
        foreach (var (name, reason) in report.Missing)
            console.WriteLine($"{name}: not measured: {reason}");
        console.WriteLine($"median of {report.Repeat} runs after warm-up; {Environment.ProcessorCount} cores");
    }

    private static string S(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "-";
    private static string M(double v) => v.ToString(v < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);
    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string X(double? v) => v is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "-";
}
