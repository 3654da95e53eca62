using Replay.Soroban.Storage;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Tools.Observations;

/// <summary>
/// The CAP-0054/55/56 tests of lifecycle.rs (module <c>cap_54_55_56</c> at f0bc81b8 and d230d7d5):
/// a contract made by <c>wasm_module_with_a_bit_of_everything</c> is uploaded on a recording host
/// (the "_upload" trace), then that host's storage is handed to the next ledger's host, which
/// enforces it and builds the module cache from it (the "_call" or "_check" trace). They are the
/// reference's only traces in which a contract runs from the module cache, which the Wasmi 0.36
/// host compiled lazily: the first call of a function there pays its compilation fuel, a second
/// call does not.
/// </summary>
public static class LifecycleScripts
{
    public static IReadOnlyDictionary<string, Action<ScriptHost>> All { get; } = new Dictionary<string, Action<ScriptHost>>(StringComparer.Ordinal)
    {
        // upload_and_call / upload_and_make_host_for_next_ledger, first phase.
        ["test_v_new_no_contract_code_cost_inputs_upload"] = s => UploadForNextLedger(s, clobber: true),
        ["test_v_new_with_contract_code_cost_inputs_causes_nonzero_costs_upload"] = s => UploadForNextLedger(s, clobber: false),
        ["test_v_new_no_contract_code_cost_inputs_cached_instantiation_upload"] = s => UploadForNextLedger(s, clobber: true),
        ["test_v_new_with_contract_code_cost_inputs_cached_instantiation_upload"] = s => UploadForNextLedger(s, clobber: false),
        ["test_v_new_module_cache_upload"] = s => UploadForNextLedger(s, clobber: true),
        ["test_v_new_call_nonexistent_wasm_upload"] = s => UploadForNextLedger(s, clobber: false),
        ["test_v_new_call_wasm_in_footprint_but_not_storage_upload"] = s => UploadForNextLedger(s, clobber: false),
        ["test_v_new_call_runtime_deleted_wasm_upload"] = s => UploadForNextLedger(s, clobber: false),

        // upload_and_get_contract_and_wasm_entries.
        ["test_v_new_gets_contract_code_cost_inputs_upload"] = s => UploadAndGetEntries(s, clobber: false),
        ["test_v_new_rewrite_upload"] = s => UploadAndGetEntries(s, clobber: true),
        ["test_v_new_no_rewrite_upload"] = s => UploadAndGetEntries(s, clobber: false),

        // The next ledger's host.
        ["test_v_new_no_contract_code_cost_inputs_call"] = s => CallTest(s, NextLedger(s, clobber: true), times: 1),
        ["test_v_new_with_contract_code_cost_inputs_causes_nonzero_costs_call"] = s => CallTest(s, NextLedger(s, clobber: false), times: 1),
        ["test_v_new_no_contract_code_cost_inputs_cached_instantiation_call"] = s => CallTest(s, NextLedger(s, clobber: true), times: 2),
        ["test_v_new_with_contract_code_cost_inputs_cached_instantiation_call"] = s => CallTest(s, NextLedger(s, clobber: false), times: 2),
        ["test_v_new_call_runtime_deleted_wasm_call"] = RuntimeDeleted,
        ["test_v_new_call_nonexistent_wasm_call"] = s => DeletedBeforeCall(s, keepInFootprint: false),
        ["test_v_new_call_wasm_in_footprint_but_not_storage_call"] = s => DeletedBeforeCall(s, keepInFootprint: true),
        ["test_v_new_module_cache_check"] = ModuleCacheCheck,
        ["test_v_new_rewrite_call_fail"] = s => UploadAgain(s, clobber: true, writable: false),
        ["test_v_new_rewrite_call_succeed"] = s => UploadAgain(s, clobber: true, writable: true),
        ["test_v_new_no_rewrite_call_pass"] = s => UploadAgain(s, clobber: false, writable: false),
    };

    private static byte[] Everything(ScriptHost s) => SynthWasm.ABitOfEverything((uint)s.Host.Protocol, explicitTableIndex: true);

    // new_host_with_uploaded_contract: debug on (before observation starts), the module registered.
    private static Val Upload(ScriptHost s)
    {
        s.Host.DiagnosticsEnabled = true;
        return s.RegisterTestContractWasm(Everything(s));
    }

    // upload_and_make_host_for_next_ledger, first phase: the contract's id, then (old contracts) the cost inputs clobbered.
    private static Hash UploadForNextLedger(ScriptHost s, bool clobber)
    {
        var contract = Upload(s);
        var id = s.Host.ContractIdFromAddress(contract);
        if (clobber)
            ClobberRefinedCostModel(s, id);
        return id;
    }

    // upload_and_get_contract_and_wasm_entries: (old contracts) clobbered, then ContractAndWasmEntries::from_contract_addr.
    private static Entries UploadAndGetEntries(ScriptHost s, bool clobber)
    {
        var contract = Upload(s);
        if (clobber)
            ClobberRefinedCostModel(s, s.Host.ContractIdFromAddress(contract));
        var id = s.Host.ContractIdFromAddress(contract);
        var contractKey = s.Host.ContractInstanceLedgerKey(id);
        var wasmHash = ContractWasmRef(s, id);
        var wasmKey = s.Host.ContractCodeLedgerKey(wasmHash);
        return new Entries(contractKey, s.Host.StorageGet(contractKey, null), wasmKey, s.Host.StorageGet(wasmKey, null));
    }

    // ContractAndWasmEntries.
    private sealed record Entries(LedgerKey ContractKey, LedgerEntry ContractEntry, LedgerKey WasmKey, LedgerEntry WasmEntry);

    // test_v_new_rewrite / test_v_new_no_rewrite, second hosts: the entries in an enforcing storage
    // (the code read-only, or read-write: wasm_writing_storage), both live until 99999, built with
    // the new budget; upload_contract_wasm of the same code (failing when it must rewrite a
    // read-only entry), then ContractAndWasmEntries::reload.
    private static void UploadAgain(ScriptHost s, bool clobber, bool writable)
    {
        var e = UploadAndGetEntries(s, clobber);
        s.ContinueOnNewHost(h =>
        {
            var footprint = Replay.Soroban.Storage.MeteredOrdMap<LedgerKey, AccessType>.Empty(h.Budget, h.CompareLedgerKeys, LedgerStorage.FootprintEntrySize)
                .Insert(e.ContractKey, AccessType.ReadOnly)
                .Insert(e.WasmKey, writable ? AccessType.ReadWrite : AccessType.ReadOnly);
            var map = Replay.Soroban.Storage.MeteredOrdMap<LedgerKey, EntryWithLiveUntil?>.Empty(h.Budget, h.CompareLedgerKeys, LedgerStorage.MapEntrySize)
                .Insert(e.ContractKey, new EntryWithLiveUntil(e.ContractEntry, 99999))
                .Insert(e.WasmKey, new EntryWithLiveUntil(e.WasmEntry, 99999));
            return new LedgerStorage(footprint, map);
        });
        var code = e.WasmEntry.Data is LedgerEntryData.ContractCode c ? c.Value.Code : throw new InvalidOperationException("expected ContractCode");
        try
        {
            s.Host.UploadContractWasm([.. code]);
        }
        catch (HostError)
        {
            // test_v_new_rewrite_call_fail asserts the failure.
        }
        s.Host.StorageGet(e.ContractKey, null);
        s.Host.StorageGet(e.WasmKey, null);
    }

    // test_v_new_module_cache: the next ledger's host (no address object), the cache built, the
    // contract's code hash read from storage, the module looked up in the cache.
    private static void ModuleCacheCheck(ScriptHost s)
    {
        var id = UploadForNextLedger(s, clobber: true);
        s.ContinueOnNextLedgerHost();
        s.Host.BuildModuleCacheIfNeeded();
        var wasm = ContractWasmRef(s, id);
        if (s.Host.ModuleCache?.Get(wasm) is null)
            throw new InvalidOperationException("the module cache has no module for the contract");
    }

    // get_contract_wasm_ref: the instance key, has then get of it, the executable's hash (an unmetered clone).
    private static Hash ContractWasmRef(ScriptHost s, Hash id)
    {
        var key = s.Host.ContractInstanceLedgerKey(id);
        if (!s.Host.StorageHas(key, null))
            throw new InvalidOperationException("the contract instance is not in storage");
        var entry = s.Host.StorageGet(key, null);
        return entry.Data is LedgerEntryData.ContractData { Value.Val: SCVal.ContractInstance { Value.Executable: ContractExecutable.Wasm w } }
            ? w.Value
            : throw new InvalidOperationException("expected a Wasm contract instance");
    }

    // clobber_refined_cost_model: the code entry rewritten with a v0 extension (no cost inputs).
    private static void ClobberRefinedCostModel(ScriptHost s, Hash id)
    {
        var instance = s.Host.RetrieveContractInstance(s.Host.ContractInstanceLedgerKey(id));
        if (instance.Executable is not ContractExecutable.Wasm wasm)
            throw new InvalidOperationException("expected a Wasm executable");
        var codeKey = new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = wasm.Value });
        var (entry, liveUntil) = s.Host.StorageGetWithLiveUntil(codeKey, null);
        if (entry.Data is not LedgerEntryData.ContractCode code)
            throw new InvalidOperationException("expected ContractCode");
        var rewritten = new LedgerEntry
        {
            LastModifiedLedgerSeq = entry.LastModifiedLedgerSeq,
            Data = new LedgerEntryData.ContractCode(new ContractCodeEntry { Ext = ContractCodeEntryExt.V0.Instance, Hash = code.Value.Hash, Code = code.Value.Code }),
            Ext = entry.Ext,
        };
        s.Host.StoragePut(codeKey, rewritten, liveUntil, null);
    }

    // upload_and_make_host_for_next_ledger: the first phase, then the next ledger's host with its
    // storage; the contract's address object added there (add_host_object, before the test's calls).
    private static Val NextLedger(ScriptHost s, bool clobber)
    {
        var id = UploadForNextLedger(s, clobber);
        s.ContinueOnNextLedgerHost();
        return s.Host.AddObject(new Replay.Soroban.Objects.AddressObject(new SCAddress.Contract(id)));
    }

    // host.call(contract, "test", host.vec_new()), as many times as the test does.
    private static void CallTest(ScriptHost s, Val contract, int times)
    {
        var args = s.Call("vec_new");
        for (var i = 0; i < times; i++)
            s.Call("call", contract, SymbolSmall.FromString("test"), args);
    }

    // MeteredOrdMap::remove returns a metered clone of the removed value: AccessType, or Option<(Rc<LedgerEntry>, Option<u32>)>.
    private static void RemoveCode(ScriptHost s, LedgerKey key)
    {
        var storage = s.Host.Storage!;
        var h = s.Host;
        storage.Footprint = storage.Footprint.Remove(key, _ => h.ChargeShallowCopy(1, Replay.Soroban.Budget.DeclaredSize.AccessType), out _)
            ?? throw new InvalidOperationException("the code is not in the footprint");
        storage.Map = storage.Map.Remove(key, _ => h.ChargeShallowCopy(1, Replay.Soroban.Budget.DeclaredSize.Option(
                Replay.Soroban.Budget.DeclaredSize.Pair(Replay.Soroban.Budget.DeclaredSize.Rc, Replay.Soroban.Budget.DeclaredSize.Option(Replay.Soroban.Budget.DeclaredSize.U32)))), out _)
            ?? throw new InvalidOperationException("the code is not in storage");
    }

    // The code entry's key, from the hash of the module the test rebuilds (sha256_hash_from_bytes, metered).
    private static LedgerKey CodeKey(ScriptHost s) =>
        s.Host.ContractCodeLedgerKey(Hash.FromBytes(s.Host.Sha256Metered(Everything(s))));

    // test_v_new_call_nonexistent_wasm / ..._wasm_in_footprint_but_not_storage: the code removed from
    // the footprint and the map, or its value set to none; then the call fails on storage.
    private static void DeletedBeforeCall(ScriptHost s, bool keepInFootprint)
    {
        var contract = NextLedger(s, clobber: false);
        var key = CodeKey(s);
        if (keepInFootprint)
            s.Host.Storage!.Map = s.Host.Storage.Map.Insert(key, null);
        else
            RemoveCode(s, key);
        var args = s.Call("vec_new");
        s.Try("call", contract, SymbolSmall.FromString("test"), args);
    }

    // test_v_new_call_runtime_deleted_wasm: a call from the cache, the code removed, a second call failing.
    private static void RuntimeDeleted(ScriptHost s)
    {
        var contract = NextLedger(s, clobber: false);
        var args = s.Call("vec_new");
        s.Call("call", contract, SymbolSmall.FromString("test"), args);
        RemoveCode(s, CodeKey(s));
        s.Try("call", contract, SymbolSmall.FromString("test"), args);
    }
}
