using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Tests;

/// <summary>
/// Fuel rules of Wasmi 0.36.1's translator (crates/wasmi/src/engine/translator, v0.36.1) where it
/// emits different instructions from our positional IR. Each expectation is derived from what
/// Wasmi emits and charges for the program (stated per case); together they are what makes the
/// register engine reproduce rs-soroban-env f0bc81b8's contract observation traces.
/// </summary>
public sealed class Wasmi036FuelRuleTests
{
    [Theory]
    // Entry: ConsumeFuel + Return = 2; the if's branch_i32_eqz is free; then arm: ConsumeFuel + global.set = 2.
    [InlineData(0, 2UL)]
    [InlineData(1, 4UL)]
    public void The_branch_of_an_if_is_free(int condition, ulong expected)
    {
        var h = new Harness("""
            (module (global $g (mut i32) (i32.const 0))
              (func (export "f") (param i32) (if (local.get 0) (then (global.set $g (i32.const 5))))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(expected, h.FuelOf("f", Value.I32(condition)));
    }

    [Theory]
    // ConsumeFuel + ReturnImm32 = 2: the br_if without values is a branch_i32_nez, charged nothing.
    [InlineData(0)]
    [InlineData(1)]
    public void A_br_if_without_values_is_free(int condition)
    {
        var h = new Harness("""
            (module (func (export "f") (param i32) (result i32) (block (br_if 0 (local.get 0))) (i32.const 7)))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(2UL, h.FuelOf("f", Value.I32(condition)));
    }

    [Theory]
    // Entry: ConsumeFuel, the then arm's result copy and its branch to the end (visit_else has popped
    // the if frame), the else arm's result copy (translate_end_if, frame popped too), Return = 5;
    // each arm: its ConsumeFuel = 1. Either way 6.
    [InlineData(0, 2)]
    [InlineData(1, 1)]
    public void The_moves_and_jump_at_else_are_charged_to_the_enclosing_block(int condition, int result)
    {
        var h = new Harness("""
            (module (func (export "f") (param i32) (result i32)
              (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(6UL, h.FuelOf("f", Value.I32(condition)));
        Assert.Equal(result, h.Call1("f", Value.I32(condition)).AsI32);
    }

    [Fact]
    public void I32_eqz_of_an_and_or_xor_is_fused()
    {
        // ConsumeFuel + I32OrEqz (fuse_i32_eqz) + Return = 3.
        var h = new Harness("""
            (module (func (export "f") (param i32 i32) (result i32) (i32.eqz (i32.or (local.get 0) (local.get 1)))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(3UL, h.FuelOf("f", Value.I32(0), Value.I32(0)));
        Assert.Equal(1, h.Call1("f", Value.I32(0), Value.I32(0)).AsI32);
        Assert.Equal(0, h.Call1("f", Value.I32(0), Value.I32(4)).AsI32);
    }

    [Fact]
    public void Setting_a_local_to_a_call_result_relinks_the_call()
    {
        // f: ConsumeFuel + call (its result register rewritten to the local) + Return = 3;
        // g: ConsumeFuel + ReturnImm32 = 2.
        var h = new Harness("""
            (module
              (func $g (result i32) (i32.const 3))
              (func (export "f") (result i32) (local i32) (local.set 0 (call $g)) (local.get 0)))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(5UL, h.FuelOf("f"));
        Assert.Equal(3, h.Call1("f").AsI32);
    }

    [Fact]
    public void Preserving_a_local_before_local_set_is_one_copy()
    {
        // ConsumeFuel + one preservation copy for both stack entries of local 0 + copy_imm32 into
        // local 0 + add + Return = 5 (frame: 1 local + 1 preservation + 1 result register: 0).
        var h = new Harness("""
            (module (func (export "f") (param i32) (result i32)
              local.get 0 local.get 0 i32.const 5 local.set 0 i32.add))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(5UL, h.FuelOf("f", Value.I32(20)));
        Assert.Equal(40, h.Call1("f", Value.I32(20)).AsI32);
    }

    [Fact]
    public void An_immutable_global_with_a_constant_initialiser_is_a_constant()
    {
        // global.get of $c is the constant 40, so the add folds: ConsumeFuel + ReturnImm32 = 2.
        var h = new Harness("""
            (module (global $c i32 (i32.const 40)) (func (export "f") (result i32) (i32.add (global.get $c) (i32.const 2))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(2UL, h.FuelOf("f"));
        Assert.Equal(42, h.Call1("f").AsI32);
    }

    [Theory]
    // ConsumeFuel + BranchTable + one copy_imm32 per distinct target ($b, $a; the arms' branches
    // are free) + add-immediate + Return = 6, whichever arm is taken.
    [InlineData(0, 109)]
    [InlineData(1, 9)]
    [InlineData(2, 9)]
    [InlineData(7, 9)]
    public void Br_table_charges_each_distinct_targets_moves_once(int index, int result)
    {
        var h = new Harness("""
            (module (func (export "f") (param i32) (result i32)
              (block $a (result i32)
                (block $b (result i32)
                  (br_table $b $a $a (i32.const 9) (local.get 0)))
                (i32.const 100) (i32.add))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(6UL, h.FuelOf("f", Value.I32(index)));
        Assert.Equal(result, h.Call1("f", Value.I32(index)).AsI32);
    }

    [Fact]
    public void A_local_on_the_stack_at_loop_entry_is_preserved_at_each_write_inside_the_loop()
    {
        // Wasmi preserves nothing at loop entry; the local.set inside the loop preserves local 0
        // (one copy, emitted inside the loop body, so paid per iteration). Entry: ConsumeFuel +
        // Return = 2 (frame: 2 locals + 1 result + 1 preservation register: 0); loop: ConsumeFuel +
        // preservation copy + add (relinked to local 0) + fused compare-and-branch = 4, three times.
        var h = new Harness("""
            (module (func (export "f") (param i32 i32) (result i32)
              local.get 0
              (loop $l
                (local.set 0 (i32.add (local.get 0) (i32.const 1)))
                (br_if $l (i32.lt_s (local.get 0) (local.get 1))))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(14UL, h.FuelOf("f", Value.I32(0), Value.I32(3)));
        // The value from before the loop, as Wasm requires (only fuel follows Wasmi here).
        Assert.Equal(0, h.Call1("f", Value.I32(0), Value.I32(3)).AsI32);
    }
}
