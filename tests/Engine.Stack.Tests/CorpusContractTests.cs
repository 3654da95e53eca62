using System.Buffers.Binary;
using Replay.Soroban.Profile;
using Replay.Wasm;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Stack.Tests;

/// <summary>Real contracts from ../shared/corpus compile and instantiate under Soroban's configuration.</summary>
public sealed class CorpusContractTests
{
    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    /// <summary>
    /// Contract code sits in the ledger XDR as a variable-length opaque: a big-endian length
    /// followed by the module. Finding the Wasm header and checking the length before it is
    /// enough to lift every module out without decoding the ledgers.
    /// </summary>
    private static List<byte[]> ContractsInCorpus()
    {
        var modules = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(SharedData.PathOf("corpus", "core-tests")).Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            for (int at = bytes.AsSpan().IndexOf(Magic); at >= 0;)
            {
                if (at >= 4)
                {
                    uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at - 4));
                    if (length > (uint)Magic.Length && at + (long)length <= bytes.Length)
                    {
                        var module = bytes.AsSpan(at, (int)length).ToArray();
                        modules.TryAdd(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(module)), module);
                    }
                }
                int next = bytes.AsSpan(at + 1).IndexOf(Magic);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }
        return [.. modules.Values];
    }

    [SharedFact]
    public void Every_contract_compiles_and_instantiates()
    {
        var contracts = ContractsInCorpus();
        Assert.NotEmpty(contracts);
        var engine = new StackEngine(SorobanProfile.Config(EngineGeneration.Wasmi031));
        foreach (var wasm in contracts)
        {
            var compiled = engine.Compile(wasm);
            var store = engine.CreateStore();
            store.Fuel = 1_000_000;
            var linker = new Linker();
            foreach (var import in compiled.Module.Imports.Where(i => i.Kind == ExternKind.Func))
            {
                var type = compiled.Module.Types[(int)import.TypeIndex];
                linker.Define(import.Module, import.Name, store.CreateHostFunction(type, (_, _, _) => { }));
            }
            var instance = store.Instantiate(compiled, linker);
            Assert.NotNull(instance.GetMemory("memory"));
        }
    }
}
