using System.Diagnostics;
using Replay.Tools.Observations;

// Reproduces rs-soroban-env observation traces step by step on our host (a dev tool, not CI).
//   dotnet run --project tools/Observations -- --mirror DIR [--commit d230d7d5] [--protocol 22] [--test NAME] [--prefix P]
//                                              [--engine stack|register] [--mode Eager|LazyTranslation|Lazy]
//   dotnet run --project tools/Observations -- --mirror DIR --flat [--test NAME] [--prefix P]
// DIR is a git clone of rs-soroban-env; traces are read with `git show COMMIT:soroban-env-host/observations/P/NAME.json`,
// the contracts of contract tests with `git show COMMIT:soroban-test-wasms/wasm-workspace/opt/PATH.wasm`.
// --flat reads the later flat layout `b03d2563:soroban-env-host/observations/NAME.json` (protocol 27,
// that commit's default budget).
// Contract tests (ContractScripts, and DispatchScripts, whose contracts are synthesized by SynthWasm)
// run on the engine given (default: the stack engine; for f0bc81b8's Wasmi 0.36 traces use
// --engine register --mode Eager: those traces show no lazy-compilation fuel, not even the one test,
// contract_failure_with_debug_on_off_affects_no_metering, that runs from the host's lazily compiling
// module cache).
string? mirror = null, only = null, prefix = null;
var commit = "d230d7d5";
var protocol = "22";
var flat = false;
var engineName = "stack";
string? modeName = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--mirror" when i + 1 < args.Length: mirror = args[++i]; break;
        case "--commit" when i + 1 < args.Length: commit = args[++i]; break;
        case "--protocol" when i + 1 < args.Length: protocol = args[++i]; break;
        case "--test" when i + 1 < args.Length: only = args[++i]; break;
        case "--engine" when i + 1 < args.Length: engineName = args[++i]; break;
        case "--mode" when i + 1 < args.Length: modeName = args[++i]; break;
        case "--prefix" when i + 1 < args.Length: prefix = args[++i]; break;
        case "--flat": flat = true; commit = "b03d2563"; protocol = "27"; break;
        default:
            Console.Error.WriteLine($"observations: unknown argument '{args[i]}' (use --mirror DIR, --commit REV, --protocol N, --test NAME, --prefix P, --flat, --engine NAME, --mode MODE)");
            return 2;
    }
}
if (mirror is null)
{
    Console.Error.WriteLine("observations: --mirror DIR (a git clone of rs-soroban-env) is required");
    return 2;
}

var engine = Replay.Engines.EngineCatalog.Get(engineName);
var mode = modeName is null ? engine.Modes[0] : Enum.Parse<Replay.Wasm.Runtime.CompilationMode>(modeName);
var variant = new Replay.Engines.EngineVariant(engine, mode);
var wasmCache = new Dictionary<string, byte[]>(StringComparer.Ordinal);
byte[] LoadWasm(string path)
{
    if (!wasmCache.TryGetValue(path, out var bytes))
    {
        bytes = GitShowBytes(mirror!, $"{commit}:soroban-test-wasms/wasm-workspace/opt/{path}.wasm");
        wasmCache[path] = bytes;
    }
    return bytes;
}

var exact = 0;
var differing = 0;
var all = Scripts.All.Select(kv => (kv.Key, kv.Value, Contract: false))
    .Concat(ContractScripts.All.Select(kv => (kv.Key, kv.Value, Contract: true)))
    .Concat(DispatchScripts.All.Select(kv => (kv.Key, kv.Value, Contract: true)))
    .Concat(LifecycleScripts.All.Select(kv => (kv.Key, kv.Value, Contract: true)));
foreach (var (name, script, isContract) in all.OrderBy(t => t.Key, StringComparer.Ordinal))
{
    if (only is not null && !string.Equals(only, name, StringComparison.Ordinal))
        continue;
    if (prefix is not null && !name.StartsWith(prefix, StringComparison.Ordinal))
        continue;
    string json;
    try
    {
        json = GitShow(mirror, flat
            ? $"{commit}:soroban-env-host/observations/{name}.json"
            : $"{commit}:soroban-env-host/observations/{protocol}/{name}.json");
    }
    catch (InvalidOperationException e)
    {
        Console.WriteLine($"MISSING  {name}: {e.Message}");
        differing++;
        continue;
    }
    var expected = ObservationTrace.Parse(json);
    var p = int.Parse(protocol, System.Globalization.CultureInfo.InvariantCulture);
    var contractEngine = variant.Create(Replay.Soroban.Profile.SorobanProfile.Config(engine.Generation, mode));
    var sh = isContract
        ? ScriptHost.ForContracts(p, contractEngine, ScriptHost.DefaultBudgetFor(contractEngine), LoadWasm)
        : new ScriptHost(p, Scripts.SeededPrng.Contains(name), flat ? Replay.Soroban.Budget.DefaultCostParams.B03d2563 : null);
    string? crash = null;
    try
    {
        script(sh);
    }
    catch (Exception e) when (e is Replay.Soroban.Values.HostError or InvalidOperationException or Replay.Soroban.Vm.NotImplementedInHostException)
    {
        crash = e.Message;
    }
    var actual = sh.Finish();
    var diff = TraceComparer.FirstDifference(expected, actual);
    if (diff is null && crash is null)
    {
        exact++;
        Console.WriteLine($"EXACT    {name} ({expected.Count} steps, final cpu {expected[^1].Cpu} mem {expected[^1].Mem})");
    }
    else
    {
        differing++;
        Console.WriteLine($"DIFFERS  {name}" + (crash is null ? "" : $" (script failed: {crash})"));
        if (diff is not null)
            Console.WriteLine($"         step {diff.Index}: {diff.Reason}\n         reference: {diff.Expected?.Text} cpu {diff.Expected?.Cpu} mem {diff.Expected?.Mem}\n         ours:      {diff.Actual?.Text} cpu {diff.Actual?.Cpu} mem {diff.Actual?.Mem}");
    }
}
Console.WriteLine($"{exact} exact, {differing} differing");
return differing == 0 ? 0 : 1;

static byte[] GitShowBytes(string repo, string spec)
{
    var psi = new ProcessStartInfo("git", ["-C", repo, "show", spec])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    using var p = Process.Start(psi) ?? throw new InvalidOperationException("git did not start");
    using var ms = new MemoryStream();
    var copy = p.StandardOutput.BaseStream.CopyToAsync(ms);
    var stderr = p.StandardError.ReadToEnd();
    p.WaitForExit();
    copy.Wait();
    if (p.ExitCode != 0)
        throw new InvalidOperationException($"git show {spec}: {stderr.Trim()}");
    return ms.ToArray();
}

static string GitShow(string repo, string spec)
{
    var psi = new ProcessStartInfo("git", ["-C", repo, "show", spec])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    using var p = Process.Start(psi) ?? throw new InvalidOperationException("git did not start");
    var stdout = p.StandardOutput.ReadToEndAsync();
    var stderr = p.StandardError.ReadToEnd();
    p.WaitForExit();
    if (p.ExitCode != 0)
        throw new InvalidOperationException($"git show {spec}: {stderr.Trim()}");
    return stdout.Result;
}
