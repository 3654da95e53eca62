using Replay.Soroban.Values;
using static Replay.Tools.Observations.ScriptHost;

namespace Replay.Tools.Observations;

/// <summary>
/// rs-soroban-env tests that run contracts of soroban-test-wasms, ported as scripts on a contract
/// host (<see cref="ScriptHost.ForContracts"/>): each registers the same contracts and makes the
/// same calls with the same inputs as the Rust test of that name (soroban-env-host/src/test/*.rs
/// at d230d7d5), so the recorded steps can be compared with the test's observation trace.
/// </summary>
public static class ContractScripts
{
    private static Val Sym(string s) => SymbolSmall.FromString(s);

    private static byte[] Wasm(ScriptHost s, string path) =>
        (s.Wasm ?? throw new InvalidOperationException("a contract script needs a contract host"))(path);

    public static IReadOnlyDictionary<string, Action<ScriptHost>> All { get; } = new Dictionary<string, Action<ScriptHost>>(StringComparer.Ordinal)
    {
        ["test__invocation__invoke_single_contract_function"] = s =>
        {
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_add_i32"));
            s.Call("call", id, Sym("add"), s.VecOfI32(4, 7));
            s.Try("call", id, Sym("add"), s.VecOfI32(4, int.MaxValue));
        },
    };
}
