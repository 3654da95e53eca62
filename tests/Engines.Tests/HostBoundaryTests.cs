using System.Globalization;
using Replay.Engines.Tests.Support;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engines.Tests;

/// <summary>
/// Host functions that misbehave or do everything a host may do, on every engine in every mode:
/// set no result or a result of the wrong type, throw, call back into the instance, consume
/// fuel or take all of it, grow the caller's memory, read and write it. Every engine must end
/// every case exactly the same way, and that way is pinned here.
/// </summary>
public sealed class HostBoundaryTests
{
    private const string Module = """
        (module
          (import "env" "set" (func $set (param i64) (result i64)))
          (import "env" "unset" (func $unset (param i64) (result i64)))
          (import "env" "unset_all" (func $unset_all (result i32 i64 f32 f64)))
          (import "env" "high_bits" (func $high_bits (result i32)))
          (import "env" "wrong" (func $wrong (result i64)))
          (import "env" "fail" (func $fail (param i32) (result i32)))
          (import "env" "reenter" (func $reenter (param i32) (result i64)))
          (import "env" "burn" (func $burn (param i64)))
          (import "env" "starve" (func $starve))
          (import "env" "grow" (func $grow (param i32) (result i32)))
          (import "env" "poke" (func $poke (param i32 i32)))
          (import "env" "peek" (func $peek (param i32) (result i32)))
          (memory (export "memory") 1 3)
          (global $progress (export "progress") (mut i32) (i32.const 0))
          (func $rec (export "rec") (param i32) (result i32)
            (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else (i32.add (call $rec (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
          (func $next)
          (func (export "set_then_unset") (result i64)
            (i64.add (call $set (i64.const 5)) (call $unset (i64.const 7))))
          (func (export "unset_all") (result i32 i64 f32 f64)
            (drop (call $set (i64.const 1)))
            (call $unset_all))
          (func (export "high_bits") (result i64) (i64.extend_i32_u (call $high_bits)))
          (func (export "wrong") (result i64) (call $wrong))
          (func (export "fail") (param i32) (result i32)
            (global.set $progress (i32.const 1))
            (drop (call $fail (local.get 0)))
            (global.set $progress (i32.const 2))
            (i32.const 0))
          (func (export "reenter") (param i32) (result i64) (call $reenter (local.get 0)))
          (func (export "burn") (param i64) (call $burn (local.get 0)))
          (func (export "starve") (call $starve) (call $next))
          (func (export "grow") (result i32) (local i32)
            (local.set 0 (call $grow (i32.const 1)))
            (i32.store (i32.const 70000) (i32.const 4660))
            (i32.add (i32.mul (local.get 0) (i32.const 1000))
              (i32.add (i32.mul (memory.size) (i32.const 100000)) (i32.load (i32.const 70000)))))
          (func (export "grow_past_max") (result i32) (call $grow (i32.const 5)))
          (func (export "memory_io") (result i32)
            (i32.store8 (i32.const 100) (i32.const 42))
            (call $poke (i32.const 200) (i32.const 7))
            (i32.add (i32.mul (i32.load8_u (i32.const 200)) (i32.const 1000)) (call $peek (i32.const 100)))))
        """;

    private const ulong StartFuel = 10_000_000;

    private static readonly Lazy<byte[]> Wasm = new(() => Wat.ToWasm(Module));

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var variant in EngineCatalog.Variants)
            data.Add(variant.Name);
        return data;
    }

    private sealed class HostFailure(string message) : Exception(message);

    /// <summary>What every engine must do, one line per observation.</summary>
    private static readonly string[] Expected =
    [
        "set_then_unset -> i64:1005",
        "unset_all -> i32:0, i64:0, f32:0x00000000, f64:0x0000000000000000",
        "unset_all called directly -> i32:0, i64:0, f32:0x00000000, f64:0x0000000000000000",
        "high_bits -> i64:5",
        "wrong -> HostResultTypeException: host function env.wrong returned i32 as result 0, expected i64",
        "fail -> HostFailure: host says no to 3",
        "progress after fail = 1",
        "set_then_unset after fail -> i64:1005",
        "reenter 600 -> i64:607",
        "fuel a burn of 1000 takes beyond one of 0: 1000; consumed the same: True",
        "starve -> trap OutOfFuel, fuel left 0",
        "burn with no fuel -> trap OutOfFuel, host calls 0",
        "grow -> i32:205660",
        "grow_past_max -> i32:-1",
        "memory pages 2, byte 70000 = 52",
        "memory_io -> i32:7042, host saw 42",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_engine_ends_every_host_call_the_same_way(string variant)
    {
        var engine = EngineCatalog.GetVariant(variant).Create(new EngineConfig { ConsumeFuel = true });
        var store = engine.CreateStore();
        store.Fuel = StartFuel;
        var linker = new Linker();
        IInstance? instance = null;
        int burns = 0, peeked = -1;
        var i64ToI64 = new FuncType([ValType.I64], [ValType.I64]);
        linker.Define("env", "set", store.CreateHostFunction(i64ToI64, (_, a, r) => r[0] = Value.I64(1000 + a[0].AsI64)));
        linker.Define("env", "unset", store.CreateHostFunction(i64ToI64, (_, _, _) => { }));
        var unsetAll = store.CreateHostFunction(new FuncType([], [ValType.I32, ValType.I64, ValType.F32, ValType.F64]), (_, _, _) => { });
        linker.Define("env", "unset_all", unsetAll);
        linker.Define("env", "high_bits", store.CreateHostFunction(new FuncType([], [ValType.I32]),
            (_, _, r) => r[0] = new Value(ValType.I32, 0xFFFF_FFFF_0000_0005)));
        linker.Define("env", "wrong", store.CreateHostFunction(new FuncType([], [ValType.I64]), (_, _, r) => r[0] = Value.I32(1)));
        linker.Define("env", "fail", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I32]),
            (_, a, _) => throw new HostFailure($"host says no to {a[0].AsI32}")));
        linker.Define("env", "reenter", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I64]), (caller, a, r) =>
        {
            var inner = new Value[1];
            ((IFunction)caller.GetExport("rec")!).Call(a, inner);
            r[0] = Value.I64(inner[0].AsI32 + 7);
        }));
        linker.Define("env", "burn", store.CreateHostFunction(new FuncType([ValType.I64], []), (caller, a, _) =>
        {
            burns++;
            caller.Fuel -= (ulong)a[0].AsI64;
        }));
        linker.Define("env", "starve", store.CreateHostFunction(FuncType.Empty, (caller, _, _) => caller.Fuel = 0));
        linker.Define("env", "grow", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I32]),
            (caller, a, r) => r[0] = Value.I32((int)((IMemory)caller.GetExport("memory")!).Grow((uint)a[0].AsI32))));
        linker.Define("env", "poke", store.CreateHostFunction(new FuncType([ValType.I32, ValType.I32], []),
            (caller, a, _) => ((IMemory)caller.GetExport("memory")!).Bytes[a[0].AsI32] = (byte)a[1].AsI32));
        linker.Define("env", "peek", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I32]), (caller, a, r) =>
        {
            peeked = ((IMemory)caller.GetExport("memory")!).Bytes[a[0].AsI32];
            r[0] = Value.I32(peeked);
        }));
        instance = store.Instantiate(engine.Compile(Wasm.Value), linker);

        var lines = new List<string>();
        string Call(string export, params Value[] args)
        {
            var f = instance.GetFunction(export)!;
            var results = new Value[f.Type.ResultCount];
            try
            {
                f.Call(args, results);
                return string.Join(", ", results.Select(v => v.ToString()));
            }
            catch (TrapException e)
            {
                return $"trap {e.Code}";
            }
            catch (Exception e) when (e is HostResultTypeException or HostFailure)
            {
                return $"{e.GetType().Name}: {e.Message}";
            }
        }

        lines.Add($"set_then_unset -> {Call("set_then_unset")}");
        lines.Add($"unset_all -> {Call("unset_all")}");
        Value[] garbage = [Value.I64(9), Value.I32(9), Value.F64(9), Value.F32(9)];
        unsetAll.Call([], garbage);
        lines.Add($"unset_all called directly -> {string.Join(", ", garbage.Select(v => v.ToString()))}");
        lines.Add($"high_bits -> {Call("high_bits")}");
        lines.Add($"wrong -> {Call("wrong")}");
        lines.Add($"fail -> {Call("fail", Value.I32(3))}");
        lines.Add($"progress after fail = {instance.GetGlobal("progress")!.Value.AsI32}");
        lines.Add($"set_then_unset after fail -> {Call("set_then_unset")}");
        lines.Add($"reenter 600 -> {Call("reenter", Value.I32(600))}");

        ulong FuelTakenBy(long burn, out ulong consumed)
        {
            store.Fuel = StartFuel;
            store.ResetFuelConsumed();
            Call("burn", Value.I64(burn));
            consumed = store.FuelConsumed;
            return StartFuel - store.Fuel;
        }
        FuelTakenBy(0, out _); // compiles "burn" in the lazy modes, whose fuel is not the host's
        ulong none = FuelTakenBy(0, out var consumedNone);
        ulong some = FuelTakenBy(1000, out var consumedSome);
        lines.Add($"fuel a burn of 1000 takes beyond one of 0: {some - none}; consumed the same: {consumedNone == consumedSome}");

        store.Fuel = StartFuel;
        lines.Add($"starve -> {Call("starve")}, fuel left {store.Fuel}");
        store.Fuel = 0;
        burns = 0;
        lines.Add($"burn with no fuel -> {Call("burn", Value.I64(1))}, host calls {burns}");

        store.Fuel = StartFuel;
        lines.Add($"grow -> {Call("grow")}");
        lines.Add($"grow_past_max -> {Call("grow_past_max")}");
        var memory = instance.GetMemory("memory")!;
        lines.Add($"memory pages {memory.Pages}, byte 70000 = {memory.Bytes[70000].ToString(CultureInfo.InvariantCulture)}");
        lines.Add($"memory_io -> {Call("memory_io")}, host saw {peeked}");

        Assert.Equal(Expected, lines);
    }
}
