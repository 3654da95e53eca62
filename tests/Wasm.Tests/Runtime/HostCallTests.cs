using Replay.Tooling;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Runtime;

/// <summary>The shared host-call boundary, signature interning and call_indirect lookup, without an interpreter.</summary>
public sealed class HostCallTests
{
    private static readonly FuncType I64ToI64 = new([ValType.I64], [ValType.I64]);

    [Fact]
    public void A_result_left_unset_is_the_zero_of_its_type_whatever_the_span_held()
    {
        var store = new TestStore();
        var f = store.CreateHostFunction(new FuncType([], [ValType.I32, ValType.I64, ValType.F32, ValType.F64]), (_, _, _) => { });
        Value[] results = [Value.I64(7), Value.I32(8), Value.I64(9), Value.I32(10)];
        f.Call([], results);
        Assert.Equal([Value.I32(0), Value.I64(0), Value.F32Bits(0), Value.F64Bits(0)], results);
    }

    [Fact]
    public void A_result_of_another_type_is_a_typed_error_naming_the_function()
    {
        var store = new TestStore();
        var named = store.CreateHostFunction(I64ToI64, (_, _, r) => r[0] = Value.I32(1), "x._");
        var e = Assert.Throws<HostResultTypeException>(() => named.Call([Value.I64(0)], new Value[1]));
        Assert.Equal("host function x._ returned i32 as result 0, expected i64", e.Message);
        Assert.Equal(("x._", 0, ValType.I64, Value.I32(1)), (e.Function, e.ResultIndex, e.Expected, e.Actual));

        var unnamed = store.CreateHostFunction(I64ToI64, (_, _, r) => r[0] = Value.F64(1));
        Assert.Equal("host function #2 returned f64 as result 0, expected i64",
            Assert.Throws<HostResultTypeException>(() => unnamed.Call([Value.I64(0)], new Value[1])).Message);
    }

    [Fact]
    public void An_unnamed_host_function_takes_the_name_of_the_first_import_that_links_it()
    {
        var store = new TestStore();
        var f = (HostFunctionObject)store.CreateHostFunction(I64ToI64, (_, _, _) => { });
        var named = (HostFunctionObject)store.CreateHostFunction(I64ToI64, (_, _, _) => { }, "given");
        var module = ModuleDecoder.Decode(Wabt.Wat2Wasm("""
            (module (import "env" "first" (func (param i64) (result i64))) (import "env" "second" (func (param i64) (result i64)))
                    (import "env" "named" (func (param i64) (result i64))))
            """), WasmFeatures.Spec);
        var linker = new Linker().Define("env", "first", f).Define("env", "second", f).Define("env", "named", named);
        Instantiator.Instantiate(store, module, linker, (_, _) => throw new InvalidOperationException("no defined functions"));
        Assert.Equal(("env.first", "given"), (f.Name, named.Name));
    }

    [Fact]
    public void I32_and_f32_results_keep_their_low_32_bits()
    {
        var store = new TestStore();
        var f = store.CreateHostFunction(new FuncType([], [ValType.I32, ValType.F32]), (_, _, r) =>
        {
            r[0] = new Value(ValType.I32, 0xFFFF_FFFF_0000_0005);
            r[1] = new Value(ValType.F32, 0x1_3F80_0000);
        });
        var results = new Value[2];
        f.Call([], results);
        Assert.Equal([Value.I32(5), Value.F32(1)], results);
    }

    [Fact]
    public void A_funcref_result_must_be_null_or_a_function_of_the_store()
    {
        var store = new TestStore();
        var fine = store.CreateHostFunction(new FuncType([], [ValType.FuncRef]), (_, _, r) => r[0] = new Value(ValType.FuncRef, 1));
        var results = new Value[1];
        fine.Call([], results);
        Assert.Equal(new Value(ValType.FuncRef, 1), results[0]);

        var forged = store.CreateHostFunction(new FuncType([], [ValType.FuncRef]), (_, _, r) => r[0] = new Value(ValType.FuncRef, 99), "forge");
        Assert.Equal("host function forge returned funcref:#99 as result 0, which is not a function of this store",
            Assert.Throws<HostResultTypeException>(() => forged.Call([], results)).Message);
    }

    [Fact]
    public void Host_exceptions_pass_through_unchanged()
    {
        var store = new TestStore();
        var failure = new InvalidOperationException("no");
        var f = store.CreateHostFunction(FuncType.Empty, (_, _, _) => throw failure);
        Assert.Same(failure, Assert.Throws<InvalidOperationException>(() => f.Call([], [])));
    }

    [Fact]
    public void The_caller_reads_and_sets_the_store_fuel()
    {
        var store = new TestStore(new EngineConfig { ConsumeFuel = true });
        store.Fuel = 100;
        var f = store.CreateHostFunction(FuncType.Empty, (caller, _, _) =>
        {
            Assert.Equal(100UL, caller.Fuel);
            caller.Fuel = 40;
        });
        f.Call([], []);
        Assert.Equal((40UL, 0UL), (store.Fuel, store.FuelConsumed));

        var unmetered = new TestStore();
        var g = unmetered.CreateHostFunction(FuncType.Empty, (caller, _, _) => _ = caller.Fuel);
        Assert.Throws<InvalidOperationException>(() => g.Call([], []));
    }

    /// <summary>Cells that move when the host function runs, as a register stack grown by a re-entrant call does.</summary>
    private readonly struct MovingCells(ulong[][] arrays, Func<int> which, int count) : IHostCallCells
    {
        public Span<ulong> Get() => arrays[which()].AsSpan(0, count);
    }

    [Fact]
    public void From_wasm_reads_arguments_before_the_call_writes_results_where_the_cells_are_after_it_and_returns_the_fuel()
    {
        var store = new TestStore(new EngineConfig { ConsumeFuel = true });
        int current = 0;
        ulong[][] arrays = [[20, 22, 0], [0, 0, 0]];
        var f = store.CreateHostFunction(new FuncType([ValType.I64, ValType.I64], [ValType.I64]), (caller, a, r) =>
        {
            Assert.Equal(500UL, caller.Fuel);
            caller.Fuel = 123;
            current = 1; // the engine's stack moved while the host ran
            r[0] = Value.I64(a[0].AsI64 + a[1].AsI64);
        });
        ulong fuel = HostCall.FromWasm(store, f, store.RootCaller, new MovingCells(arrays, () => current, 2), 500);
        Assert.Equal(123UL, fuel);
        Assert.Equal([42UL, 0, 0], arrays[1]);
        Assert.Equal([20UL, 22, 0], arrays[0]);
    }

    [Fact]
    public void Many_arguments_and_results_go_through_a_pooled_buffer_alike()
    {
        var store = new TestStore();
        int n = HostCall.MaxStackValues;
        var types = Enumerable.Repeat(ValType.I64, n).ToArray();
        var f = store.CreateHostFunction(new FuncType(types, types), (_, a, r) =>
        {
            for (int i = 0; i < a.Length - 1; i++)
                r[i] = Value.I64(a[i].AsI64 * 10);
            // The last result is left unset: zero, not whatever the pooled buffer held.
        });
        var cells = Enumerable.Range(1, n).Select(i => (ulong)i).ToArray();
        for (int round = 0; round < 2; round++)
        {
            var values = (ulong[])cells.Clone();
            HostCall.FromWasm(store, f, store.RootCaller, new MovingCells([values], () => 0, n), 0);
            Assert.Equal([.. cells[..^1].Select(c => c * 10), 0UL], values);
        }
    }

    [Fact]
    public void Signature_ids_are_structural_and_never_zero()
    {
        var store = new TestStore();
        int a = store.SignatureIdOf(new FuncType([ValType.I64], [ValType.I64]));
        Assert.NotEqual(0, a);
        Assert.Equal(a, store.SignatureIdOf(new FuncType([ValType.I64], [ValType.I64])));
        Assert.NotEqual(a, store.SignatureIdOf(new FuncType([ValType.I64], [])));
        Assert.Equal(a, ((HostFunctionObject)store.CreateHostFunction(I64ToI64, (_, _, _) => { })).SignatureId);
    }

    [Fact]
    public void Call_indirect_lookup_checks_bounds_null_and_signature()
    {
        var store = new TestStore();
        var f = (HostFunctionObject)store.CreateHostFunction(I64ToI64, (_, _, _) => { });
        var table = new Table(store, new TableType(ValType.FuncRef, new Limits(2, null)), 0);
        table.Set(0, new Value(ValType.FuncRef, f.Handle));
        int same = store.SignatureIdOf(new FuncType([ValType.I64], [ValType.I64]));
        int other = store.SignatureIdOf(FuncType.Empty);

        Assert.Same(f, store.ResolveIndirect(table, 0, same, out _));
        Assert.Null(store.ResolveIndirect(table, 0, other, out var badSignature));
        Assert.Null(store.ResolveIndirect(table, 1, same, out var nullSlot));
        Assert.Null(store.ResolveIndirect(table, 2, same, out var outOfBounds));
        Assert.Equal((TrapCode.BadSignature, TrapCode.IndirectCallToNull, TrapCode.TableOutOfBounds), (badSignature, nullSlot, outOfBounds));
    }

    [Fact]
    public void A_table_refuses_a_funcref_that_is_not_a_function_of_its_store()
    {
        var store = new TestStore();
        var table = new Table(store, new TableType(ValType.FuncRef, new Limits(1, null)), 0);
        Assert.Throws<ArgumentException>(() => table.Set(0, new Value(ValType.FuncRef, 5)));
        Assert.Equal(0UL, table.GetBits(0));
    }
}
