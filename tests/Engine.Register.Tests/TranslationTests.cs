using System.Runtime.CompilerServices;
using Replay.Engine.Register.Ir;
using Replay.Engine.Register.Runtime;
using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Tests;

/// <summary>Golden tests: the exact register code emitted per operator family (fuel off, so no ConsumeFuel).</summary>
public sealed class TranslationTests
{
    [Fact]
    public void An_instruction_is_16_bytes() => Assert.Equal(16, Unsafe.SizeOf<Instr>());

    private static string[] Translate(string funcs, CompilationMode mode = CompilationMode.Eager)
    {
        var engine = new RegisterEngine(new EngineConfig { Mode = mode });
        var compiled = (RegisterModule)engine.Compile(Wat.ToWasm($"(module {funcs})"));
        var entry = compiled.EntryOf(compiled.Module.ImportedFunctionCount);
        var code = (entry.Compiled ?? entry.Compile(null)).Code;
        return code.Select(i => i.ToString()).ToArray();
    }

    [Fact]
    public void Local_gets_and_constants_emit_nothing_and_results_go_straight_into_locals()
    {
        Assert.Equal(
            ["I32AddImm 1 0 0 #5", "Return 0 0 0 #0"],
            Translate("(func (param i32) (local i32) (local.set 1 (i32.add (local.get 0) (i32.const 5))))"));
    }

    [Fact]
    public void Constant_on_the_left_of_a_commutative_operator_becomes_the_immediate()
    {
        Assert.Equal(
            ["I64MulImm 1 0 0 #7", "Return1 0 1 0 #0"],
            Translate("(func (param i64) (result i64) (i64.mul (i64.const 7) (local.get 0)))"));
    }

    [Fact]
    public void Constant_on_the_left_of_a_comparison_mirrors_it()
    {
        // 3 < x is x > 3.
        Assert.Equal(
            ["I32GtSImm 1 0 0 #3", "Return1 0 1 0 #0"],
            Translate("(func (param i32) (result i32) (i32.lt_s (i32.const 3) (local.get 0)))"));
    }

    [Fact]
    public void A_local_still_on_the_stack_is_preserved_before_it_is_overwritten()
    {
        Assert.Equal(
            ["Copy 1 0 0 #0", "CopyImm 0 0 0 #9", "Return1 0 1 0 #0"],
            Translate("(func (param i32) (result i32) (local.get 0) (local.set 0 (i32.const 9)))"));
    }

    [Fact]
    public void Compare_and_branch_fuse_with_the_constant_as_immediate()
    {
        // Branch back to itself (offset 0) while local 0 < 10; the 10 rides in Imm's high half.
        Assert.Equal(
            [$"BrI32LtSImm 0 0 0 #{10UL << 32}", "Return 0 0 0 #0"],
            Translate("(func (param i32) (loop $l (br_if $l (i32.lt_s (local.get 0) (i32.const 10)))))"));
    }

    [Fact]
    public void If_branches_on_the_negated_fused_comparison()
    {
        // if (a == b) then ... : skip the then-arm when a != b (offset +2 to the Return).
        Assert.Equal(
            ["BrI64Ne 0 0 1 #2", "CopyImm 2 0 0 #1", "Return 0 0 0 #0"],
            Translate("(func (param i64 i64) (local i32) (if (i64.eq (local.get 0) (local.get 1)) (then (local.set 2 (i32.const 1)))))"));
    }

    [Fact]
    public void Loads_and_stores_carry_their_offset_as_immediate()
    {
        Assert.Equal(
            ["I32Load 1 0 0 #16", "Return1 0 1 0 #0"],
            Translate("(memory 1) (func (param i32) (result i32) (i32.load offset=16 (local.get 0)))"));
        Assert.Equal(
            ["I64Store 0 1 0 #8", "Return 0 0 0 #0"],
            Translate("(memory 1) (func (param i32 i64) (i64.store offset=8 (local.get 0) (local.get 1)))"));
    }

    [Fact]
    public void Br_table_is_a_jump_table_of_branches()
    {
        Assert.Equal(
            ["BrTable 0 0 0 #1", "Br 0 0 0 #2", "Br 0 0 0 #2", "ReturnImm 0 0 0 #1", "ReturnImm 0 0 0 #2"],
            Translate("(func (param i32) (result i32) (block (block (br_table 0 1 (local.get 0))) (return (i32.const 1))) (i32.const 2))"));
    }

    [Fact]
    public void Call_arguments_are_copied_to_consecutive_registers_where_the_callee_frame_starts()
    {
        // Registers: 0 = parameter; 1, 2 = the argument slots. The result comes back in 1.
        Assert.Equal(
            ["CopyImm 1 0 0 #4", "Copy 2 0 0 #0", "Call 1 0 0 #1", "Return1 0 1 0 #0"],
            Translate("(func (param i32) (result i32) (call 1 (i32.const 4) (local.get 0))) (func (param i32 i32) (result i32) (local.get 0))"));
    }

    [Fact]
    public void Block_results_meet_in_one_register()
    {
        // Both paths leave their value in register 1 (the block's result slot); the taken
        // br_if moves its value only when it branches (skip over the move otherwise).
        Assert.Equal(
            ["BrIfEqz 0 0 0 #3", "CopyImm 1 0 0 #7", "Br 0 0 0 #2", "CopyImm 1 0 0 #8", "Return1 0 1 0 #0"],
            Translate("(func (param i32) (result i32) (block (result i32) (br_if 0 (i32.const 7) (local.get 0)) (drop) (i32.const 8)))"));
    }

    [Fact]
    public void A_conditional_return_without_results_is_one_instruction()
    {
        Assert.Equal(
            ["ReturnIfNez 0 0 0 #0", "CopyImm 1 0 0 #5", "Return 0 0 0 #0"],
            Translate("(func (param i32) (local i32) (br_if 0 (local.get 0)) (local.set 1 (i32.const 5)))"));
    }
}
