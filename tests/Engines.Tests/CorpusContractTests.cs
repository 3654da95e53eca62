using System.Security.Cryptography;
using Replay.Soroban.Profile;
using Replay.Wasm.Binary;
using Replay.Wasm.Modules;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;
using Xunit.Abstractions;

namespace Replay.Engines.Tests;

/// <summary>
/// Real contracts (every Wasm uploaded in ../shared's recorded stellar-core test networks),
/// compiled with Soroban's configuration for each engine's generation, on every engine in every mode,
/// then every export called with zero arguments against a host whose functions all return
/// zero. That host is not Soroban's, so the contracts mostly take their error paths, but it
/// runs real compiler output through both translators and executors: each call must end the
/// same way (results or trap code, final memory and globals) on every engine.
/// </summary>
public sealed class CorpusContractTests(ITestOutputHelper output)
{
    // Enough for any path a zero-returning host leads to; the engines' fuel models differ, so
    // a call that runs out on any engine is reported and left out of the comparison.
    private const ulong Fuel = 50_000_000;

    private static IEnumerable<(string Name, IEngine Engine)> Engines() =>
        EngineCatalog.Variants.Select(v => (v.Name, v.Engine.Create(SorobanProfile.Config(v.Engine.Generation, v.Mode))));

    [SharedFact]
    public void Every_export_of_every_contract_ends_the_same_on_every_engine()
    {
        var contracts = CorpusContracts.Extract();
        Assert.NotEmpty(contracts);
        var engines = Engines().ToList();
        int calls = 0, inconclusive = 0, traps = 0;
        foreach (var (hash, wasm) in contracts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var module = ModuleDecoder.Decode(wasm, SorobanProfile.Features);
            foreach (var export in module.Exports.Where(e => e.Kind == ExternKind.Func))
            {
                var outcomes = engines.Select(e => (e.Name, Outcome: Call(e.Engine, wasm, module, export.Name))).ToList();
                calls++;
                if (outcomes.Any(o => o.Outcome.Contains("trap OutOfFuel", StringComparison.Ordinal)))
                {
                    inconclusive++;
                    output.WriteLine($"{hash} {export.Name}: out of fuel on some engine, not compared");
                    continue;
                }
                if (outcomes[0].Outcome.Contains(" trap ", StringComparison.Ordinal))
                    traps++;
                foreach (var (name, outcome) in outcomes.Skip(1))
                    Assert.True(outcomes[0].Outcome == outcome,
                        $"contract {hash}, export {export.Name}: {name} differs from {outcomes[0].Name}\n--- {outcomes[0].Name}\n{outcomes[0].Outcome}\n--- {name}\n{outcome}");
            }
        }
        output.WriteLine($"{contracts.Count} contracts, {calls} exports called on {engines.Count} engines: {calls - inconclusive - traps} returned, {traps} trapped, {inconclusive} not compared");
        // The corpus's 12 distinct contracts export 75 functions: with zeros from the host, 23 return and 52 trap.
        Assert.Equal((12, 75, 23, 52, 0), (contracts.Count, calls, calls - inconclusive - traps, traps, inconclusive));
    }

    /// <summary>One call on a fresh instance, rendered as its result or trap, globals and memory digest.</summary>
    private static string Call(IEngine engine, byte[] wasm, WasmModule module, string export)
    {
        var store = engine.CreateStore();
        store.Fuel = Fuel;
        var linker = new Linker();
        foreach (var import in module.Imports.Where(i => i.Kind == ExternKind.Func))
        {
            var type = module.Types[(int)import.TypeIndex];
            linker.Define(import.Module, import.Name, store.CreateHostFunction(type, (_, _, results) =>
            {
                for (int i = 0; i < results.Length; i++)
                    results[i] = Zero(type.Results[i]);
            }));
        }
        var instance = store.Instantiate(engine.Compile(wasm), linker);
        var f = instance.GetFunction(export)!;
        var args = new Value[f.Type.ParamCount];
        for (int i = 0; i < args.Length; i++)
            args[i] = Zero(f.Type.Params[i]);
        var results = new Value[f.Type.ResultCount];
        string ending;
        try
        {
            f.Call(args, results);
            ending = string.Join(", ", results.Select(r => r.ToString()));
        }
        catch (TrapException e)
        {
            ending = "trap " + e.Code;
        }
        var lines = new List<string> { $"{export} -> {ending}" };
        foreach (var name in instance.ExportNames)
        {
            if (instance.GetGlobal(name) is { } g)
                lines.Add($"global {name} = {g.Value}");
            else if (instance.GetMemory(name) is { } m)
                lines.Add($"memory {name} {m.Bytes.Length} bytes sha256 {Convert.ToHexString(SHA256.HashData(m.Bytes))}");
        }
        return string.Join("\n", lines);
    }

    private static Value Zero(ValType type) => type switch
    {
        ValType.I32 => Value.I32(0),
        ValType.I64 => Value.I64(0),
        ValType.F32 => Value.F32(0),
        ValType.F64 => Value.F64(0),
        _ => throw new NotSupportedException($"a contract function takes or returns {type}"),
    };
}
