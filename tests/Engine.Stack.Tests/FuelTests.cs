using System.Text;
using Replay.Engine.Stack.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Tests;

/// <summary>
/// Fuel pinned to values computed by hand from Wasmi 0.31's rules under Soroban's costs
/// (base 1, entity 3, load 2, store 1, call 67). Each expectation spells out its sum.
/// </summary>
public sealed class FuelTests
{
    private static Harness Metered(string wat, ulong fuel = 1_000_000_000) => new(wat, Harness.Metered(), fuel: fuel);

    [Fact]
    public void Known_point_from_the_network_costs_4005()
    {
        var wat = new StringBuilder("(module (func (export \"f\") (param i64) (result i64) i64.const 1\n");
        for (int i = 0; i < 1000; i++)
            wat.Append("local.get 0 i64.const ").Append(i).Append(" i64.mul i64.add\n");
        wat.Append("drop i64.const 42))");
        var h = Metered(wat.ToString());
        // entry 1 + const 1 + 1000 × 4 + drop 1 + const 1 + return 1; one local costs nothing (1/8).
        Assert.Equal(4005ul, h.FuelOf("f", Value.I64(3)));
        Assert.Equal(42, h.Call1("f", Value.I64(3)).AsI64);
    }

    [Fact]
    public void Constant_function_costs_entry_const_and_return()
    {
        var h = Metered("(module (func (export \"f\") (result i32) i32.const 1))");
        Assert.Equal(3ul, h.FuelOf("f"));
    }

    [Fact]
    public void Loop_pays_its_block_on_every_iteration()
    {
        var h = Metered("""
            (module (func (export "count") (param i32) (result i32)
              (loop local.get 0 i32.const 1 i32.sub local.tee 0 br_if 0)
              local.get 0))
            """);
        // body: entry 1 + local.get 1 + return 1 = 3; loop: 1 + 5 = 6 per iteration.
        Assert.Equal(3ul + 3 * 6, h.FuelOf("count", Value.I32(3)));
        Assert.Equal(3ul + 1 * 6, h.FuelOf("count", Value.I32(1)));
    }

    [Fact]
    public void Call_costs_the_call_class_plus_the_callee()
    {
        var h = Metered("""
            (module
              (func $f (result i32) i32.const 7)
              (func (export "g") (result i32) call $f))
            """);
        // g: 1 + 67 + 1; f: 1 + 1 + 1.
        Assert.Equal(69ul + 3, h.FuelOf("g"));
    }

    [Fact]
    public void Memory_and_globals_use_their_classes()
    {
        var h = Metered("""
            (module (memory 1) (global $g (mut i32) (i32.const 0))
              (func (export "m") (i32.store (i32.const 0) (i32.const 5)) (global.set $g (i32.load (i32.const 0)))))
            """);
        // entry 1 + const 1 + const 1 + store 1 + const 1 + load 2 + global.set 3 + return 1.
        Assert.Equal(11ul, h.FuelOf("m"));
    }

    [Fact]
    public void Both_arms_of_an_if_pay_the_jump_over_the_else()
    {
        var h = Metered("""
            (module (func (export "f") (param i32) (result i32)
              local.get 0 if (result i32) i32.const 1 else i32.const 2 end))
            """);
        // body: 1 + local.get 1 + if 1 + the then-arm's closing br 1 + return 1 = 5; each arm 1 + 1.
        Assert.Equal(7ul, h.FuelOf("f", Value.I32(1)));
        Assert.Equal(7ul, h.FuelOf("f", Value.I32(0)));
    }

    [Theory]
    [InlineData(15, 3ul)] // 1 + 15/8 + return (drops locals, keeps nothing: free)
    [InlineData(16, 4ul)] // 1 + 16/8 + 1
    public void Locals_cost_one_per_eight(int locals, ulong expected)
    {
        var decl = string.Join(' ', Enumerable.Repeat("i64", locals));
        var h = Metered($"(module (func (export \"f\") (local {decl})))");
        Assert.Equal(expected, h.FuelOf("f"));
    }

    [Theory]
    [InlineData("", 10ul)]           // nothing dropped: keeping costs nothing
    [InlineData("(param i32)", 11ul)] // the parameter is dropped: 8 kept cost 1
    public void Kept_values_cost_one_per_eight_when_a_branch_drops(string param, ulong expected)
    {
        var results = string.Join(' ', Enumerable.Repeat("i32", 8));
        var consts = string.Join(' ', Enumerable.Range(0, 8).Select(i => $"i32.const {i}"));
        var h = Metered($"(module (func (export \"f\") {param} (result {results}) {consts}))");
        var args = param.Length == 0 ? Array.Empty<Value>() : [Value.I32(0)];
        // entry 1 + 8 consts + return 1 (+ 1 for the drop/keep)
        Assert.Equal(expected, h.FuelOf("f", args));
    }

    [Fact]
    public void Conditional_return_is_free()
    {
        var h = Metered("(module (func (export \"f\") (param i32) local.get 0 br_if 0))");
        // entry 1 + local.get 1 + br_if-as-return 0 + final return 1
        Assert.Equal(3ul, h.FuelOf("f", Value.I32(0)));
        Assert.Equal(3ul, h.FuelOf("f", Value.I32(1)));
    }

    [Fact]
    public void Memory_grow_pays_per_byte_before_growing_even_when_refused()
    {
        var h = Metered("(module (memory 1 10) (func (export \"grow\") (param i32) (result i32) local.get 0 memory.grow))");
        // compile-time 1 + 1 + 3 + 1; run-time 65,536 bytes per page / 64.
        Assert.Equal(6ul + 2 * 1024, h.FuelOf("grow", Value.I32(2)));
        Assert.Equal(6ul + 20 * 1024, h.FuelOf("grow", Value.I32(20)));
        Assert.Equal(-1, h.Call1("grow", Value.I32(20)).AsI32);
        // Beyond 65,536 pages the request fails before it is priced.
        Assert.Equal(6ul, h.FuelOf("grow", Value.I32(70_000)));
    }

    [Fact]
    public void Bulk_memory_pays_per_64_bytes()
    {
        var h = Metered("(module (memory 1) (func (export \"fill\") (param i32) (memory.fill (i32.const 0) (i32.const 7) (local.get 0))))");
        // 1 + const 1 + const 1 + local.get 1 + fill 3 + return 1 = 8, plus n / 64.
        Assert.Equal(8ul + 1000 / 64, h.FuelOf("fill", Value.I32(1000)));
    }

    [Fact]
    public void Bulk_length_of_2_pow_31_runs_out_of_fuel_not_out_of_bounds()
    {
        var h = Metered("(module (memory 1) (func (export \"fill\") (param i32) (memory.fill (i32.const 0) (i32.const 7) (local.get 0))))");
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("fill", Value.I32(int.MinValue)));
        Assert.Equal(TrapCode.MemoryOutOfBounds, h.Trap("fill", Value.I32(70_000)));
    }

    [Fact]
    public void Out_of_fuel_traps_before_any_effect_of_the_block()
    {
        const string wat = """
            (module (memory (export "mem") 1) (global $g (export "g") (mut i32) (i32.const 0))
              (func (export "m") (i32.store (i32.const 0) (i32.const 5)) (global.set $g (i32.load (i32.const 0)))))
            """;
        var h = Metered(wat, fuel: 10);
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("m"));
        Assert.Equal(0, h.Instance.GetMemory("mem")!.Bytes[0]);
        Assert.Equal(0, h.Instance.GetGlobal("g")!.Value.AsI32);
        // Wasmi takes nothing when the charge does not fit.
        Assert.Equal(10ul, h.Store.Fuel);

        var enough = Metered(wat, fuel: 11);
        enough.Call("m");
        Assert.Equal(0ul, enough.Store.Fuel);
    }

    [Fact]
    public void Default_costs_are_one_per_class()
    {
        var h = new Harness("""
            (module (func $f (result i32) i32.const 7)
              (func (export "g") (result i32) call $f))
            """, Harness.Metered(FuelCosts.Default), fuel: 1000);
        Assert.Equal(3ul + 3, h.FuelOf("g"));
    }

    [Fact]
    public void Without_metering_fuel_is_not_available()
    {
        var h = new Harness("(module (func (export \"f\")))");
        Assert.Throws<InvalidOperationException>(() => h.Store.Fuel);
        h.Call("f");
    }

    [Fact]
    public void Failing_bulk_operation_keeps_its_charge()
    {
        var h = Metered("(module (memory 1) (func (export \"fill\") (param i32) (memory.fill (i32.const 65530) (i32.const 7) (local.get 0))))");
        h.Store.ResetFuelConsumed();
        Assert.Equal(TrapCode.MemoryOutOfBounds, h.Trap("fill", Value.I32(6400)));
        // The block (8) and the 6,400 bytes (100) were paid before the bounds check failed.
        Assert.Equal(108ul, h.Store.FuelConsumed);
    }

    [Fact]
    public void Indirect_call_costs_the_call_class()
    {
        var h = Metered("""
            (module (table 1 funcref) (elem (i32.const 0) $f)
              (func $f (result i32) i32.const 7)
              (func (export "g") (result i32) (call_indirect (result i32) (i32.const 0))))
            """);
        // g: 1 + const 1 + call 67 + return 1; f: 1 + 1 + 1.
        Assert.Equal(70ul + 3, h.FuelOf("g"));
    }

    [Fact]
    public void Table_growth_pays_per_eight_elements()
    {
        var h = Metered("(module (table 0 funcref) (func (export \"g\") (param i32) (result i32) (table.grow 0 (ref.null func) (local.get 0))))");
        // 1 + ref.null 1 + local.get 1 + table.grow 3 + return 1, then 16 / 8 and 7 / 8.
        Assert.Equal(7ul + 2, h.FuelOf("g", Value.I32(16)));
        Assert.Equal(7ul + 0, h.FuelOf("g", Value.I32(7)));
    }
}
