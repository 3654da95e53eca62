using Replay.Soroban.Budget;
using Replay.Soroban.Storage;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Vm;

/// <summary>
/// Parsed modules a host instantiates contracts from without parsing them again (fact:
/// vm/module_cache.rs at each linked commit). Which modules it holds and what building it costs
/// depend on the protocol:
/// <list type="bullet">
/// <item>protocol 20: none (every instantiation parses);</item>
/// <item>protocols 21-22: the host builds it itself on its first contract instantiation, from
/// every contract code entry in its storage, paying every parse (<see cref="BuildFromStorage"/>);</item>
/// <item>protocols 23 and later: stellar-core passes its own long-lived cache, compiled outside any
/// transaction's budget, holding every contract code that was live when the ledger started
/// (<see cref="FromCore"/>); modules in it always carry refined (v1) cost inputs.</item>
/// </list>
/// </summary>
public sealed class ModuleCache
{
    private readonly MeteredOrdMap<Hash, ParsedModule>? _metered;
    private readonly Dictionary<Hash, ParsedModule>? _unmetered;

    private ModuleCache(MeteredOrdMap<Hash, ParsedModule>? metered, Dictionary<Hash, ParsedModule>? unmetered)
    {
        _metered = metered;
        _unmetered = unmetered;
    }

    /// <summary>First protocol whose host builds a module cache itself (ModuleCache::MIN_LEDGER_VERSION in the v21 host).</summary>
    public const int HostBuiltFromProtocol = 21;

    /// <summary>First protocol at which stellar-core passes its own module cache (REUSABLE_SOROBAN_MODULE_CACHE_PROTOCOL_VERSION).</summary>
    public const int CoreCacheFromProtocol = 23;

    /// <summary>Number of modules.</summary>
    public int Count => _metered?.Count ?? _unmetered!.Count;

    /// <summary>
    /// Core's cache: the given modules, looked up without metering (the reference's BTreeMap behind
    /// a mutex is not metered).
    /// </summary>
    public static ModuleCache FromCore(IReadOnlyDictionary<Hash, ParsedModule> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        return new ModuleCache(null, new Dictionary<Hash, ParsedModule>(modules));
    }

    /// <summary>
    /// The v21/v22 host's <c>ModuleCache::new</c>: a scan of the storage map, and for every
    /// contract code entry present its cost inputs (a metered clone of v1 inputs), a lookup in the
    /// cache being built, the parse, a clone of the hash and the insert, all metered.
    /// </summary>
    internal static ModuleCache BuildFromStorage(Host.Host host, Func<Hash, byte[], CodeCostInputs, ParsedModule> parse)
    {
        var budget = host.Budget;
        var map = MeteredOrdMap<Hash, ParsedModule>.Empty(budget, (a, b) => CompareHashes(budget, a, b), EntrySize);
        var storage = host.Storage ?? throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "the host has no storage");
        foreach (var (key, mapValue) in storage.Map.Iterate())
        {
            // In recording mode the cache is built after the invocation, from the keys' initial
            // values (the snapshot's), so code uploaded meanwhile is not in it.
            var value = storage.Snapshot is { } snapshot ? snapshot(key) : mapValue;
            if (key is not LedgerKey.ContractCode || value?.Entry.Data is not LedgerEntryData.ContractCode code)
                continue;
            CodeCostInputs inputs;
            if (code.Value.Ext is ContractCodeEntryExt.V1 v1)
            {
                budget.Charge(ContractCostType.MemCpy, DeclaredSize.ContractCodeCostInputs);
                inputs = CodeCostInputs.V1(v1.Value.CostInputs);
            }
            else
            {
                inputs = CodeCostInputs.V0(code.Value.Code.Length);
            }
            if (map.ContainsKey(code.Value.Hash))
                throw host.Err(SCErrorType.Context, SCErrorCode.InternalError, "module cache already contains contract");
            var parsed = parse(code.Value.Hash, code.Value.Code, inputs);
            budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
            map = map.Insert(code.Value.Hash, parsed);
        }
        return new ModuleCache(map, null);
    }

    /// <summary>(Hash, Rc&lt;ParsedModule&gt;).</summary>
    private static readonly ulong EntrySize = DeclaredSize.Pair(DeclaredSize.Hash, DeclaredSize.Rc);

    private static int CompareHashes(Budget.Budget budget, Hash a, Hash b)
    {
        budget.Charge(ContractCostType.MemCmp, DeclaredSize.Hash);
        return a.ToArray().AsSpan().SequenceCompareTo(b.ToArray());
    }

    /// <summary>The module of a code hash, or null (metered for the host-built cache).</summary>
    public ParsedModule? Get(Hash wasmHash)
    {
        if (_metered is not null)
            return _metered.TryGet(wasmHash, out var m) ? m : null;
        return _unmetered!.GetValueOrDefault(wasmHash);
    }

    /// <summary>
    /// The v21/v22 shared linker's charge (<c>ModuleCache::make_linker</c> via <c>with_import_symbols</c>):
    /// a scan of the modules, each module's own import-set charge, then the union's.
    /// </summary>
    internal void ChargeSharedLinker(Host.Host host)
    {
        if (_metered is null)
            return;
        var union = new SortedSet<(string, string)>(Comparer<(string, string)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Item1, b.Item1);
            return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
        }));
        foreach (var (_, module) in _metered.Iterate())
        {
            module.ChargeImportSymbols(host);
            foreach (var s in module.ImportSymbols)
            {
                if (Functions.HostFunctionTable.Find(s.Module, s.Name) is { } f && f.KnownAt(HostInfo.HostVersion(host.Protocol)))
                    union.Add(s);
            }
        }
        host.ChargeBulkInitCopy((ulong)union.Count, DeclaredSize.Pair(DeclaredSize.StrRef, DeclaredSize.StrRef));
    }
}
