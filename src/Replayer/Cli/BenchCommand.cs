using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Replay.Replayer.Bench;
using Replay.Engines;
using Replay.Replayer.Pipeline;
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
        command.Add(PipelineCommand(globals, output, error));
        return command;
    }

    /// <summary>`replay bench pipeline`: the replay pipeline's steady-state throughput, passes over cases built once.</summary>
    private static Command PipelineCommand(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var sources = new SourceOptions("--fetch-parallel");
        var pipeline = new PipelineRunOptions(1, "Workers running and comparing cases");
        var passes = new Option<int>("--passes") { Description = "Full runs of the pipeline over the cases (the first warms up JIT and pools)", DefaultValueFactory = _ => 3 };
        var endToEnd = new Option<bool>("--end-to-end")
        {
            Description = "Each pass also reads the history and rebuilds the cases, streaming them into the workers as `replay run` does (without it, passes replay cases built once)",
        };
        var command = new Command("pipeline",
            "Time the replay pipeline (every engine, the diff, the A/A check and, with --db, the run store's writes) over cases built once, pass after pass; " +
            "each pass is a run of its own, recorded in the database like `replay run --db`");
        sources.AddTo(command);
        pipeline.AddRangeAndEngines(command);
        command.Add(pipeline.Parallel);
        command.Add(passes);
        command.Add(endToEnd);
        command.Add(pipeline.Every);
        command.Add(pipeline.NoCache);
        command.SetAction(async (parse, ct) =>
        {
            pipeline.CreateEngines(parse); // the usage checks; each pass makes its own engine set
            var n = parse.GetValue(pipeline.Parallel);
            var k = parse.GetValue(passes);
            if (k < 1)
                throw new UserError("--passes must be at least 1");
            var engineList = pipeline.EngineList(parse);
            var modeList = pipeline.ModeList(parse);
            var json = parse.GetValue(globals.Json);
            var connection = globals.ConnectionString(parse);
            if (connection is not null)
            {
                // The bench's own application name, so that the server's CPU time for this process can be told apart.
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
                if (string.IsNullOrEmpty(builder.ApplicationName))
                    builder.ApplicationName = string.Create(CultureInfo.InvariantCulture, $"soroban-replay bench {Environment.ProcessId}");
                connection = builder.ConnectionString;
            }
            var sourceText = string.Join(" ", parse.GetValue(sources.Source) ?? []);
            var first = parse.GetValue(pipeline.From);
            var last = parse.GetValue(pipeline.To);
            Action<string> progress = json ? _ => { } : message => error.WriteLine($"bench: {message}");
            await using var run = await CaseRun.StartAsync(parse, globals, sources, first, last, error, ct, persistState: false).ConfigureAwait(false);
            var passRuns = new List<CaseRun>();
            PipelineBenchReport report;
            try
            {
                report = await PipelineBench.RunAsync(run.Runner, new PipelineBenchOptions
                {
                    Source = sourceText,
                    From = first,
                    To = last,
                    Engines = engineList,
                    Modes = modeList,
                    Parallel = n,
                    Passes = k,
                    DeterminismEvery = parse.GetValue(pipeline.Every),
                    ModuleCache = !parse.GetValue(pipeline.NoCache),
                    ConnectionString = connection,
                    EndToEnd = parse.GetValue(endToEnd),
                }, progress, ct, async token =>
                {
                    var fresh = await CaseRun.StartAsync(parse, globals, sources, first, last, error, token, persistState: false).ConfigureAwait(false);
                    passRuns.Add(fresh);
                    return fresh.Runner;
                }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Replay.History.Sources.LedgerSourceException or NondeterminismException or CaseFailedException)
            {
                throw new UserError(e.Message, e);
            }
            finally
            {
                foreach (var r in passRuns)
                    await r.DisposeAsync().ConfigureAwait(false);
            }
            if (json)
                JsonOutput.Write(output, w => WritePipelineJson(w, report));
            else
                WritePipelineTable(Terminal.For(output), report);
            if (report.FirstDisagreeingPass is { } bad)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"error: pass {bad} gave other figures than pass 1 (the summary without timings and signature triage)")).ConfigureAwait(false);
                return ExitCodes.Findings;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteFigures(Utf8JsonWriter w, WorkFigures f)
    {
        w.WriteNumber("cases", f.Cases);
        w.WriteNumber("cpuSeconds", Round(f.CpuSeconds));
        w.WriteNumber("wallSeconds", Round(f.WallSeconds));
        w.WriteNumber("casesPerCpuSecond", Math.Round(f.CasesPerCpuSecond, 1, MidpointRounding.ToEven));
        w.WriteNumber("casesPerWallSecond", Math.Round(f.CasesPerWallSecond, 1, MidpointRounding.ToEven));
        w.WriteStartObject("gc");
        w.WriteNumber("gen0", f.Gen0);
        w.WriteNumber("gen1", f.Gen1);
        w.WriteNumber("gen2", f.Gen2);
        w.WriteNumber("allocatedBytes", f.AllocatedBytes);
        w.WriteEndObject();
    }

    private static void WritePipelineJson(Utf8JsonWriter w, PipelineBenchReport r)
    {
        w.WriteStartObject();
        w.WriteString("source", r.Source);
        w.WriteStartObject("range");
        if (r.From is { } f) w.WriteNumber("from", f); else w.WriteNull("from");
        if (r.To is { } t) w.WriteNumber("to", t); else w.WriteNull("to");
        w.WriteEndObject();
        w.WriteNumber("ledgers", r.Built.Ledgers);
        w.WriteNumber("cases", r.Built.Cases);
        w.WriteStartArray("engines");
        foreach (var e in r.Engines)
            w.WriteStringValue(e);
        w.WriteEndArray();
        w.WriteNumber("parallel", r.Parallel);
        w.WriteNumber("cores", Environment.ProcessorCount);
        w.WriteBoolean("database", r.Database);
        w.WriteBoolean("endToEnd", r.EndToEnd);
        w.WriteStartObject("build");
        WriteFigures(w, r.Build);
        w.WriteEndObject();
        w.WriteStartArray("passes");
        foreach (var p in r.Passes)
        {
            w.WriteStartObject();
            w.WriteNumber("pass", p.Pass);
            if (p.RunId is { } id) w.WriteNumber("runId", id); else w.WriteNull("runId");
            w.WriteNumber("casesBuilt", p.CasesBuilt);
            WriteFigures(w, p.Figures);
            if (p.ServerCpuSeconds is { } server) w.WriteNumber("serverCpuSeconds", Round(server)); else w.WriteNull("serverCpuSeconds");
            if (p.Rows is { } rows)
            {
                w.WriteStartObject("rows");
                w.WriteNumber("outcomes", rows.Outcomes);
                w.WriteNumber("costs", rows.Costs);
                w.WriteNumber("divergences", rows.Divergences);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("rows");
            }
            w.WriteStartObject("verdicts");
            w.WriteNumber("identical", p.Summary.Identical);
            w.WriteNumber("costOnly", p.Summary.CostOnly);
            w.WriteNumber("divergent", p.Summary.Divergent);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var steady = r.Steady;
        w.WriteStartObject("steady");
        w.WriteNumber("passes", steady.Count);
        w.WriteNumber("medianCasesPerCpuSecond", Math.Round(Statistics.Median([.. steady.Select(p => p.Figures.CasesPerCpuSecond)]), 1, MidpointRounding.ToEven));
        w.WriteNumber("minCasesPerCpuSecond", Math.Round(steady.Min(p => p.Figures.CasesPerCpuSecond), 1, MidpointRounding.ToEven));
        w.WriteNumber("maxCasesPerCpuSecond", Math.Round(steady.Max(p => p.Figures.CasesPerCpuSecond), 1, MidpointRounding.ToEven));
        w.WriteNumber("medianCasesPerWallSecond", Math.Round(Statistics.Median([.. steady.Select(p => p.Figures.CasesPerWallSecond)]), 1, MidpointRounding.ToEven));
        w.WriteEndObject();
        w.WriteBoolean("passesAgree", r.FirstDisagreeingPass is null);
        w.WriteEndObject();
    }

    private static void WritePipelineTable(IAnsiConsole console, PipelineBenchReport r)
    {
        var inv = CultureInfo.InvariantCulture;
        console.WriteLine(string.Create(inv,
            $"{r.Source}: {r.Built.Ledgers} ledgers, {r.Built.Cases} cases on {string.Join(", ", r.Engines)}; {r.Parallel} worker(s), {(r.Database ? "run store" : "no database")}, {Environment.ProcessorCount} cores; {(r.EndToEnd ? "each pass reads the history and builds the cases" : "passes replay the cases built once")}"));
        var table = new Table().AddColumns("pass", "CPU s", "wall s", "cases/CPU-s", "cases/s", "gen0/1/2", "MB allocated", "server CPU s", "rows written");
        table.AddRow("build", r.Build.CpuSeconds.ToString("0.000", inv), r.Build.WallSeconds.ToString("0.000", inv), r.Build.CasesPerCpuSecond.ToString("0", inv),
            r.Build.CasesPerWallSecond.ToString("0", inv), Collections(r.Build), Megabytes(r.Build), "-", "-");
        foreach (var p in r.Passes)
        {
            var f = p.Figures;
            table.AddRow(p.Pass.ToString(inv), f.CpuSeconds.ToString("0.000", inv), f.WallSeconds.ToString("0.000", inv), f.CasesPerCpuSecond.ToString("0", inv),
                f.CasesPerWallSecond.ToString("0", inv), Collections(f), Megabytes(f), p.ServerCpuSeconds is { } s ? s.ToString("0.000", inv) : "-",
                p.Rows is { } rows ? string.Create(inv, $"{rows.Outcomes} outcomes, {rows.Costs} costs, {rows.Divergences} divergences") : "-");
        }
        console.Write(table);
        var steady = r.Steady;
        console.WriteLine(string.Create(inv,
            $"steady state (passes {steady[0].Pass}..{steady[^1].Pass}): median {Statistics.Median([.. steady.Select(p => p.Figures.CasesPerCpuSecond)]):0} cases per CPU-second, " +
            $"{Statistics.Median([.. steady.Select(p => p.Figures.CasesPerWallSecond)]):0} cases per second"));
    }

    private static string Collections(WorkFigures f) => string.Create(CultureInfo.InvariantCulture, $"{f.Gen0}/{f.Gen1}/{f.Gen2}");

    private static string Megabytes(WorkFigures f) => (f.AllocatedBytes / 1e6).ToString("0", CultureInfo.InvariantCulture);

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
