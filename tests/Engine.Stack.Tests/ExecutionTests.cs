using Replay.Engine.Stack.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Tests;

/// <summary>Semantics the spec scripts exercise less directly: values kept across branches, multi-value, memory growth.</summary>
public sealed class ExecutionTests
{
    [Fact]
    public void Branch_keeps_several_values_over_dropped_ones()
    {
        var h = new Harness("""
            (module (func (export "f") (param i32) (result i32 i32 i32)
              (block (result i32 i32 i32)
                i32.const 99 i32.const 98
                i32.const 1 i32.const 2 i32.const 3
                (br_if 0 (local.get 0))
                drop drop drop drop drop
                i32.const 4 i32.const 5 i32.const 6)))
            """);
        Assert.Equal([1, 2, 3], h.Call("f", Value.I32(1)).Select(v => v.AsI32));
        Assert.Equal([4, 5, 6], h.Call("f", Value.I32(0)).Select(v => v.AsI32));
    }

    [Fact]
    public void Br_table_selects_and_clamps_to_the_default()
    {
        var h = new Harness("""
            (module (func (export "f") (param i32) (result i32)
              (block (block (block (br_table 0 1 2 (local.get 0))) (return (i32.const 10))) (return (i32.const 11)))
              i32.const 12))
            """);
        Assert.Equal(10, h.Call1("f", Value.I32(0)).AsI32);
        Assert.Equal(11, h.Call1("f", Value.I32(1)).AsI32);
        Assert.Equal(12, h.Call1("f", Value.I32(2)).AsI32);
        Assert.Equal(12, h.Call1("f", Value.I32(-1)).AsI32);
    }

    [Fact]
    public void Memory_growth_is_seen_by_later_accesses()
    {
        var h = new Harness("""
            (module (memory 1)
              (func (export "f") (result i32)
                (drop (memory.grow (i32.const 1)))
                (i32.store (i32.const 70000) (i32.const 77))
                (i32.load (i32.const 70000))))
            """);
        Assert.Equal(77, h.Call1("f").AsI32);
    }

    [Theory]
    [InlineData(65532, 0)]
    [InlineData(65533, 1)]
    [InlineData(-1, 1)]
    public void Loads_at_the_end_of_memory_are_bounds_checked(int address, int traps)
    {
        var h = new Harness("(module (memory 1) (func (export \"f\") (param i32) (result i32) (i32.load (local.get 0))))");
        if (traps == 1)
            Assert.Equal(TrapCode.MemoryOutOfBounds, h.Trap("f", Value.I32(address)));
        else
            Assert.Equal(0, h.Call1("f", Value.I32(address)).AsI32);
    }

    [Fact]
    public void Offset_is_added_in_64_bits()
    {
        var h = new Harness("(module (memory 1) (func (export \"f\") (param i32) (result i32) (i32.load offset=4294967295 (local.get 0))))");
        Assert.Equal(TrapCode.MemoryOutOfBounds, h.Trap("f", Value.I32(1)));
    }

    [Fact]
    public void Factorial_by_recursion()
    {
        var h = new Harness("""
            (module (func $fac (export "fac") (param i64) (result i64)
              (if (result i64) (i64.eqz (local.get 0))
                (then (i64.const 1))
                (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1))))))))
            """);
        Assert.Equal(2432902008176640000, h.Call1("fac", Value.I64(20)).AsI64);
    }

    [Fact]
    public void Start_function_runs_at_instantiation()
    {
        var h = new Harness("""
            (module (global $g (export "g") (mut i32) (i32.const 0))
              (func $s (global.set $g (i32.const 5))) (start $s))
            """);
        Assert.Equal(5, h.Instance.GetGlobal("g")!.Value.AsI32);
    }
}
