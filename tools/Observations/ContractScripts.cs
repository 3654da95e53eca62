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

    private static void CrossContract(ScriptHost s, bool diagnostics)
    {
        s.Host.DiagnosticsEnabled = diagnostics;
        var id = s.RegisterTestContractWasm(Wasm(s, "20/example_add_i32"));
        s.Call("call", id, Sym("add"), s.VecOfI32(1, 2));
    }

    // host.vec_push_back(test_vec_obj::<i32>(&[a, b]), last)
    private static Val ArgsWith(ScriptHost s, int a, int b, Val last) => ArgsWith(s, a, b, () => last);

    // As above, the last value made after the vector (as Rust evaluates host.bytes_new() there).
    private static Val ArgsWith(ScriptHost s, int a, int b, Func<Val> last)
    {
        var v = s.VecOfI32(a, b);
        return s.Call("vec_push_back", v, last());
    }

    // call, then try_call, of one function with no arguments (vec_new_from_slice(&[]))
    private static void CallAndTryCall(ScriptHost s, Val id, Val function, params Val[] args)
    {
        var argv = s.Host.VecNewFromSlice(args);
        s.Try("call", id, function, argv);
        s.Try("try_call", id, function, argv);
    }

    // hostile.rs: HOSTILE registered, then host.call(id, name, add_host_object(HostVec::new())), failing.
    private static void Hostile(ScriptHost s, string function)
    {
        var id = s.RegisterTestContractWasm(Wasm(s, "20/example_hostile"));
        s.Try("call", id, Sym(function), s.Host.AddObject(new Replay.Soroban.Objects.VecObject([])));
    }

    // test_vec!: each value converted (a u64 past the small range through obj_from_u64), then vec_new_from_slice.
    private static Val TestVec(ScriptHost s, params Val[] vals) => s.Host.VecNewFromSlice(vals);

    private static Val U64(ScriptHost s, ulong u) =>
        u < (1UL << 56) ? Val.FromSmallUnsigned(u, Tag.U64Small) : s.Call("obj_from_u64", new Val(u));

    // storage.rs test_storage against CONTRACT_STORAGE, for one storage type.
    private static void Storage(ScriptHost s, string storage)
    {
        var id = s.RegisterTestContractWasm(Wasm(s, "20/example_contract_data"));
        Val Fn(string name) => s.SymbolFromStr(name + "_" + storage)!.Value;
        var key1 = Sym("key_1");
        var key2 = s.SymbolFromStr("this_is_key_2")!.Value;
        s.Call("call", id, Fn("has"), TestVec(s, key1));
        s.Call("call", id, Fn("put"), TestVec(s, key1, U64(s, 1234)));
        s.Call("call", id, Fn("has"), TestVec(s, key1));
        var li = s.Host.Ledger!;
        var maxLiveUntil = li.SequenceNumber + li.MaxEntryTtl - 1;
        var seq = s.Call("get_ledger_sequence").AsU32;
        var maxExtend = maxLiveUntil - seq;
        var extendArgs = storage == "instance"
            ? TestVec(s, Val.FromU32(1), Val.FromU32(maxExtend))
            : TestVec(s, key1, Val.FromU32(1), Val.FromU32(maxExtend));
        s.Call("call", id, Fn("extend"), extendArgs);
        var pastMax = storage == "instance"
            ? TestVec(s, Val.FromU32(1), Val.FromU32(maxExtend + 1))
            : TestVec(s, key1, Val.FromU32(1), Val.FromU32(maxExtend + 1));
        if (storage == "temporary")
            s.Try("call", id, Fn("extend"), pastMax);
        else
            s.Call("call", id, Fn("extend"), pastMax);
        var putName = Fn("put");
        s.Call("call", id, putName, TestVec(s, key2, U64(s, ulong.MaxValue)));
        var hasName = Fn("has");
        s.Call("call", id, hasName, TestVec(s, s.SymbolFromStr("this_is_key_2")!.Value));
        s.Call("call", id, Fn("get"), TestVec(s, key1));
        // u64::try_from_val of the result: an object reads through obj_to_u64.
        var big = s.Call("call", id, Fn("get"), TestVec(s, key2));
        if (!big.HasTag(Tag.U64Small))
            s.Call("obj_to_u64", big);
        s.Call("call", id, Fn("put"), TestVec(s, key2, U64(s, 4321)));
        s.Call("call", id, Fn("get"), TestVec(s, key2));
        s.Call("call", id, Fn("del"), TestVec(s, key1));
        s.Call("call", id, Fn("del"), TestVec(s, key1));
        s.Call("call", id, Fn("has"), TestVec(s, key1));
        s.Call("call", id, Fn("has"), TestVec(s, key2));
    }

    public static IReadOnlyDictionary<string, Action<ScriptHost>> All { get; } = new Dictionary<string, Action<ScriptHost>>(StringComparer.Ordinal)
    {
        ["test__invocation__invoke_cross_contract_without_diagnostics"] = s => CrossContract(s, false),
        ["test__invocation__invoke_cross_contract_with_diagnostics"] = s => CrossContract(s, true),
        ["test__invocation__invoke_cross_contract_indirect"] = s =>
        {
            var id0 = s.RegisterTestContractWasm(Wasm(s, "20/example_invoke_contract"));
            var id1 = s.RegisterTestContractWasm(Wasm(s, "20/example_add_i32"));
            s.Call("call", id0, Sym("add_with"), ArgsWith(s, 5, 6, id1));
        },
        ["test__invocation__invoke_cross_contract_indirect_err"] = s =>
        {
            s.Host.DiagnosticsEnabled = true;
            var id0 = s.RegisterTestContractWasm(Wasm(s, "20/example_invoke_contract"));
            var args = ArgsWith(s, int.MaxValue, 1, () => s.Call("bytes_new"));
            s.Try("try_call", id0, Sym("add_with"), args);
            s.Try("call", id0, Sym("add_with"), args);
        },
        // The same failing try_call twice, diagnostics off then on, each after rebuild_module_cache
        // and reset_default: the contract runs from the host's module cache (which Wasmi 0.36's
        // host compiles lazily), and debug mode must not change the metered figures.
        ["test__invocation__contract_failure_with_debug_on_off_affects_no_metering"] = s =>
        {
            var id0 = s.RegisterTestContractWasm(Wasm(s, "20/example_invoke_contract"));
            var args = ArgsWith(s, int.MaxValue, 1, () => s.Call("bytes_new"));
            for (var pass = 0; pass < 2; pass++)
            {
                if (pass == 1)
                    s.Host.DiagnosticsEnabled = true;
                s.Host.RebuildModuleCache();
                s.Host.Budget.ResetConsumption();
                s.Try("try_call", id0, Sym("add_with"), args);
            }
        },
        ["test__invocation__invoke_contract_with_reentry"] = s =>
        {
            var id0 = s.RegisterTestContractWasm(Wasm(s, "20/example_invoke_contract"));
            var args = ArgsWith(s, int.MaxValue, 1, id0);
            s.Try("call", id0, Sym("add_with"), args);
            s.Try("try_call", id0, Sym("add_with"), args);
        },
        ["test__invocation__invoke_cross_contract_with_err"] = s =>
        {
            s.Host.DiagnosticsEnabled = true;
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_vec"));
            var args = s.VecOfU32(1);
            s.Try("try_call", id, Sym("vec_err"), args);
            s.Try("call", id, Sym("vec_err"), args);
        },
        ["test__invocation__invoke_alloc"] = s =>
        {
            s.Host.DiagnosticsEnabled = true;
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_alloc"));
            s.Host.Budget.ResetConsumption();
            s.Call("call", id, Sym("sum"), s.VecOfU32(128));
        },
        ["test__invocation__wasm_invoke_return_err_variants"] = s =>
        {
            s.Host.DiagnosticsEnabled = true;
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_err"));
            foreach (var f in new[] { "err_eek", "err_err", "ok_err", "ok_val_err", "err", "val" })
                CallAndTryCall(s, id, s.SymbolFromStr(f)!.Value);
        },
        ["test__invocation__error_spoof_rejected"] = s =>
        {
            s.Host.DiagnosticsEnabled = true;
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_err"));
            CallAndTryCall(s, id, Sym("spoof"));
        },
        ["test__invocation__host_function_error"] = s =>
        {
            s.Host.DiagnosticsEnabled = true;
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_err"));
            CallAndTryCall(s, id, s.SymbolFromStr("missing_wasm")!.Value);
        },
        ["test__invocation__guest_error"] = s =>
        {
            s.Host.DiagnosticsEnabled = true;
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_err"));
            CallAndTryCall(s, id, s.SymbolFromStr("divide")!.Value, Val.FromI32(0));
        },
        ["test__hostile__hostile_iloop_traps"] = s => Hostile(s, "iloop"),
        ["test__hostile__hostile_badack_traps"] = s => Hostile(s, "badack"),
        ["test__hostile__hostile_oob1_traps"] = s => Hostile(s, "oob1"),
        ["test__hostile__hostile_oob2_traps"] = s => Hostile(s, "oob2"),
        ["test__storage__test_persistent_storage"] = s => Storage(s, "persistent"),
        ["test__storage__test_temp_storage"] = s => Storage(s, "temporary"),
        ["test__storage__test_instance_storage"] = s => Storage(s, "instance"),
        ["test__vec__linear_memory_operations"] = s =>
        {
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_linear_memory"));
            foreach (var f in new[] { "vec_mem_ok", "vec_unpack_buf_too_short", "vec_unpack_buf_too_long" })
            {
                var args = s.Call("vec_new");
                s.Try("call", id, s.SymbolFromStr(f)!.Value, args);
            }
        },
        ["test__map__linear_memory_operations"] = s =>
        {
            s.Host.DiagnosticsEnabled = true;
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_linear_memory"));
            foreach (var f in new[] { "map_mem_ok", "map_keys_out_of_order", "map_duplicate_keys" })
            {
                var args = s.Call("vec_new");
                s.Try("call", id, s.SymbolFromStr(f)!.Value, args);
            }
        },
        ["test__bytes__linear_memory_operations"] = s =>
        {
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_linear_memory"));
            var word = s.VecOfU32(0xaabbccdd);
            var b1 = s.Call("call", id, Sym("bin_word"), word);
            var ref1 = s.Host.ToHostVal(new Replay.Stellar.Xdr.SCVal.Bytes(new byte[] { 0xaa, 0xbb, 0xcc, 0xdd }));
            s.Host.CompareVals(b1, ref1);
            var obj0 = s.Host.ToHostVal(new Replay.Stellar.Xdr.SCVal.Bytes(new byte[] { 1, 2, 3, 4 }));
            var args = s.Call("vec_new");
            args = s.Call("vec_push_back", args, obj0);
            var b2 = s.Call("call", id, Sym("bin_inc"), args);
            var ref2 = s.Host.ToHostVal(new Replay.Stellar.Xdr.SCVal.Bytes(new byte[] { 2, 3, 4, 5 }));
            s.Host.CompareVals(b2, ref2);
        },
        ["test__complex__run_complex_1"] = s =>
        {
            var account = s.GenerateAccountId();
            var salt = s.GenerateBytesArray();
            s.Host.Ledger = new Replay.Soroban.Host.LedgerInfo(22, 1234, 1234, Enumerable.Repeat((byte)7, 32).ToArray(), 1, 16, 4096, 6_312_000);
            var id = s.RegisterTestContractWasmFromSourceAccount(Wasm(s, "20/example_complex"), account, salt);
            s.Call("call", id, Sym("go"), s.Host.AddObject(new Replay.Soroban.Objects.VecObject([])));
        },
        ["test__invocation__invoke_single_contract_function"] = s =>
        {
            var id = s.RegisterTestContractWasm(Wasm(s, "20/example_add_i32"));
            s.Call("call", id, Sym("add"), s.VecOfI32(4, 7));
            s.Try("call", id, Sym("add"), s.VecOfI32(4, int.MaxValue));
        },
    };
}
