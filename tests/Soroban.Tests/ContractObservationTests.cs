using System.Buffers.Binary;
using System.Security.Cryptography;
using Replay.Engines;
using Replay.Soroban.Profile;
using Replay.Tests.Common;
using Replay.Tools.Observations;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Tests;

/// <summary>
/// rs-soroban-env's contract observation tests whose contracts the core-tests corpus also holds
/// (example_add_i32, example_complex, example_contract_data, example_err of soroban-test-wasms,
/// byte-identical at d230d7d5 and f0bc81b8; found in ../shared/corpus by their SHA-256), run on
/// each engine and asserted against the reference's recorded figures, copied as numbers from
/// soroban-env-host/observations/22/&lt;name&gt;.json:
/// <list type="bullet">
/// <item>the stack engine against commit d230d7d5 (Wasmi 0.31, the host's default budget of v22);</item>
/// <item>the register engine against commit f0bc81b8 (Wasmi 0.36.1 and that commit's recalibrated
/// default budget, <see cref="Budget.Budget.HostDefaultV22Wasmi036"/>), in each of its modes: these
/// tests run on <c>Host::test_host_with_recording_footprint()</c>, where the f0bc81b8 host builds no
/// module cache and parses each contract with <c>ParsedModule::new_with_isolated_engine</c>, whose
/// engine compiles eagerly (only the module cache compiles lazily), so no lazy compilation fuel is
/// charged whatever the mode (<see cref="Host.Host.IsolatedEngine"/>; the cache's lazy fuel is
/// checked by <see cref="LifecycleObservationTests"/>).</item>
/// </list>
/// tools/Observations compares every step against the mirror (all 22 contract tests on both
/// engines); here each test's step count, final CPU and memory, and the figures of the step where
/// Wasm first returns fuel to the budget (the first host call or the frame's pop) keep that result in CI.
/// </summary>
public sealed class ContractObservationTests
{
    // SHA-256 of the soroban-test-wasms files (wasm-workspace/opt/20/NAME.wasm).
    private static readonly Dictionary<string, string> WasmHashes = new(StringComparer.Ordinal)
    {
        ["20/example_add_i32"] = "58f1391217525aca029e5511ffbd301108cf3b0d1d533cf5289934147da00156",
        ["20/example_complex"] = "2c0dcac5c9bceade4e4b1d145dc9c01ac9b74032c8cf3dbb4dc881d1ccbb345b",
        ["20/example_contract_data"] = "fc644715caaead746e6145f4331ff75c427c965c20d2995a9942b01247515962",
        ["20/example_err"] = "e921e73a522728118843cfbd2c49084cdc422bda8ec1c3183e6643b0cd975b25",
    };

    /// <summary>test, engine, steps, (first Wasm fuel step index, its cpu, its mem), final cpu, final mem.</summary>
    public static TheoryData<string, string, int, int, ulong, ulong, ulong, ulong> Figures => new()
    {
        // d230d7d5 (stack engine, Wasmi 0.31)
        { "test__invocation__invoke_single_contract_function", "stack", 34, 16, 2336341, 3741886, 2733695, 4896283 },
        { "test__invocation__invoke_cross_contract_without_diagnostics", "stack", 24, 16, 2336341, 3741886, 2341622, 3742223 },
        { "test__invocation__invoke_cross_contract_with_diagnostics", "stack", 24, 16, 2336341, 3741886, 2341622, 3742223 },
        { "test__complex__run_complex_1", "stack", 46, 16, 2966952, 4020228, 2998146, 4023031 },
        { "test__storage__test_persistent_storage", "stack", 312, 30, 5058761, 4078965, 16958572, 21103835 },
        { "test__storage__test_temp_storage", "stack", 312, 30, 5058761, 4078964, 16957996, 21103820 },
        { "test__storage__test_instance_storage", "stack", 358, 30, 5056205, 4078516, 17001284, 21110376 },
        { "test__invocation__wasm_invoke_return_err_variants", "stack", 92, 17, 3749999, 4110025, 11018417, 17906841 },
        { "test__invocation__error_spoof_rejected", "stack", 24, 17, 3749999, 4110025, 4410708, 5364251 },
        { "test__invocation__host_function_error", "stack", 54, 28, 3753562, 4110202, 4434979, 5365636 },
        { "test__invocation__guest_error", "stack", 24, 17, 3750033, 4110065, 4410774, 5364323 },
        // f0bc81b8 (register engine, Wasmi 0.36.1)
        { "test__invocation__invoke_single_contract_function", "register", 34, 16, 1443436, 3722620, 1758403, 4866789 },
        { "test__invocation__invoke_cross_contract_without_diagnostics", "register", 24, 16, 1443436, 3722620, 1448429, 3722957 },
        { "test__invocation__invoke_cross_contract_with_diagnostics", "register", 24, 16, 1443436, 3722620, 1448429, 3722957 },
        { "test__complex__run_complex_1", "register", 46, 16, 2048200, 3994547, 2079014, 3997350 },
        { "test__storage__test_persistent_storage", "register", 312, 30, 4176770, 4009321, 11896107, 20504921 },
        { "test__storage__test_temp_storage", "register", 312, 30, 4176770, 4009320, 11896091, 20504906 },
        { "test__storage__test_instance_storage", "register", 358, 30, 4174214, 4008872, 11940675, 20511462 },
        { "test__invocation__wasm_invoke_return_err_variants", "register", 92, 17, 2879775, 4070024, 8222940, 17627832 },
        { "test__invocation__error_spoof_rejected", "register", 24, 17, 2879775, 4070024, 3365461, 5302522 },
        { "test__invocation__host_function_error", "register", 54, 28, 2882534, 4070201, 3388124, 5303907 },
        { "test__invocation__guest_error", "register", 24, 17, 2879797, 4070064, 3365503, 5302594 },
    };

    [SharedTheory]
    [MemberData(nameof(Figures))]
    public void EveryEngineReproducesTheRecordedFigures(string test, string engineName, int steps, int firstWasm, ulong firstCpu, ulong firstMem, ulong cpu, ulong mem)
    {
        var engine = EngineCatalog.Get(engineName);
        foreach (var mode in engine.Modes)
        {
            var contractEngine = new EngineVariant(engine, mode).Create(SorobanProfile.Config(engine.Generation, mode));
            var sh = ScriptHost.ForContracts(22, contractEngine, ScriptHost.DefaultBudgetFor(contractEngine), CorpusWasm);
            ContractScripts.All[test](sh);
            var trace = sh.Finish();
            Assert.Equal(steps, trace.Count);
            Assert.Equal((firstCpu, firstMem), (trace[firstWasm].Cpu, trace[firstWasm].Mem));
            Assert.Equal((cpu, mem), (trace[^1].Cpu, trace[^1].Mem));
        }
    }

    [SharedFact]
    public void TheContractsAreFoundInTheCorpusByHash()
    {
        foreach (var path in WasmHashes.Keys)
            Assert.Equal(WasmHashes[path], Convert.ToHexStringLower(SHA256.HashData(CorpusWasm(path))));
    }

    private static readonly Lazy<Dictionary<string, byte[]>> CorpusModules = new(ScanCorpus);

    private static byte[] CorpusWasm(string path)
    {
        if (!WasmHashes.TryGetValue(path, out var hash))
            throw new InvalidOperationException($"no corpus copy is known for soroban-test-wasms {path}");
        return CorpusModules.Value.TryGetValue(hash, out var wasm)
            ? wasm
            : throw new InvalidOperationException($"soroban-test-wasms {path} (sha256 {hash}) was not found in {SharedData.Corpus}");
    }

    // Every Wasm module in the core-tests streams: an XDR variable-length opaque (a 4-byte
    // big-endian length, then the bytes) starting with the Wasm magic and version, keyed by SHA-256.
    private static Dictionary<string, byte[]> ScanCorpus()
    {
        ReadOnlySpan<byte> magic = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(SharedData.PathOf("corpus", "core-tests"), "*.xdr"))
        {
            var data = File.ReadAllBytes(file);
            int from = 0;
            while (true)
            {
                int at = data.AsSpan(from).IndexOf(magic);
                if (at < 0)
                    break;
                at += from;
                from = at + 1;
                if (at < 4)
                    continue;
                uint length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at - 4));
                if (length < magic.Length || length > data.Length - at)
                    continue;
                var wasm = data.AsSpan(at, (int)length).ToArray();
                found.TryAdd(Convert.ToHexStringLower(SHA256.HashData(wasm)), wasm);
            }
        }
        return found;
    }
}
