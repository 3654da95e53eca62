using Replay.Soroban.Vm;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Invocation;

/// <summary>
/// stellar-core's module cache as a transaction sees it (protocol 23 on; fact: stellar-core
/// LedgerManagerImpl addAnyContractsToModuleCache / evictFromModuleCache, and its rust bridge's
/// compile, which calls <c>parse_and_cache_module_simple</c>): every contract code live when the
/// ledger started, compiled outside any transaction's budget, for a host of the ledger's protocol.
/// Its cost inputs: the Wasm size (v0) in the hosts of protocols 23-25; from protocol 26 refined
/// (v1) inputs extracted from the Wasm itself (a module failing that extraction is not cached).
/// </summary>
public static class CoreModuleCache
{
    /// <summary>First protocol whose host caches modules with refined cost inputs (parse_and_cache_module_simple at b351f88a).</summary>
    public const int RefinedInputsFromProtocol = 26;

    /// <summary>The cache for an invocation: the code entries passed to the host whose hashes core had cached.</summary>
    public static ModuleCache For(HostInvocationInput input, IEngine engine, ModuleCompiler? compile)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(engine);
        var modules = new Dictionary<Hash, ParsedModule>();
        if (input.CachedModules is { } cached)
        {
            foreach (var (entry, _) in input.LedgerEntries)
            {
                if (entry.Data is not LedgerEntryData.ContractCode code || !cached.Contains(code.Value.Hash) || modules.ContainsKey(code.Value.Hash))
                    continue;
                if (Compile(input, engine, compile, code.Value.Code) is { } parsed)
                    modules[code.Value.Hash] = parsed;
            }
        }
        return ModuleCache.FromCore(modules);
    }

    private static ParsedModule? Compile(HostInvocationInput input, IEngine engine, ModuleCompiler? compile, byte[] wasm)
    {
        // Core compiles with a budget of its own: nothing here is charged to the transaction.
        var unmetered = Budget.Budget.FromConfig(input.Protocol, ulong.MaxValue, ulong.MaxValue, input.CpuCostParams, input.MemCostParams);
        try
        {
            var module = compile is null ? engine.Compile(wasm) : compile(engine, wasm);
            CodeCostInputs inputs;
            if (input.Protocol >= RefinedInputsFromProtocol)
            {
                if (ParsedModule.RefinedCostInputs(module.Module) is not { } refined)
                    return null;
                inputs = CodeCostInputs.V1(refined);
            }
            else
            {
                inputs = CodeCostInputs.V0(wasm.Length);
            }
            return ParsedModule.Parse(unmetered, PlainErrors.Instance, input.Protocol, input.Protocol, engine, wasm, inputs, (_, _) => module);
        }
        catch (Values.HostError)
        {
            return null;
        }
        catch (Wasm.Binary.WasmFrontEndException)
        {
            return null;
        }
        catch (Wasm.Runtime.FunctionCompilationException)
        {
            return null;
        }
    }
}
