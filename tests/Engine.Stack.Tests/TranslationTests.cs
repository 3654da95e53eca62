using System.Runtime.CompilerServices;
using Replay.Engine.Stack.Bytecode;
using Replay.Engine.Stack.Runtime;
using Replay.Engine.Stack.Tests.Support;
using Replay.Engine.Stack.Translation;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Tests;

/// <summary>Golden tests: the exact bytecode emitted per operator family, fuel included.</summary>
public sealed class TranslationTests
{
    private static readonly EngineConfig Soroban = Harness.Metered();

    private static Instr[] Translate(string body, EngineConfig? config = null, int function = 0)
    {
        var engine = new StackEngine(config ?? Soroban);
        var module = (StackModule)engine.Compile(Wat.ToWasm($"(module {body})"));
        var header = module.Headers[function];
        int end = module.Headers.Skip(function + 1).Select(h => h.Start).DefaultIfEmpty(module.Code.Length).First();
        return module.Code[header.Start..end];
    }

    private static Instr I(Op op, int a = 0, long b = 0) => new(op, a, b);

    private static long DK(int drop, int keep) => new DropKeep(drop, keep).Pack();

    [Fact]
    public void Instruction_is_16_bytes() => Assert.Equal(16, Unsafe.SizeOf<Instr>());

    [Fact]
    public void Numeric_function()
    {
        Assert.Equal(
            [I(Op.ConsumeFuel, 0, 5), I(Op.LocalGet, 1), I(Op.Const, 0, 1), I(Op.I32Add), I(Op.Return, 0, DK(1, 1))],
            Translate("(func (param i32) (result i32) local.get 0 i32.const 1 i32.add)"));
    }

    [Fact]
    public void Without_metering_there_are_no_fuel_instructions()
    {
        Assert.Equal(
            [I(Op.LocalGet, 1), I(Op.Const, 0, 1), I(Op.I32Add), I(Op.Return, 0, DK(1, 1))],
            Translate("(func (param i32) (result i32) local.get 0 i32.const 1 i32.add)", new EngineConfig()));
    }

    [Fact]
    public void If_else()
    {
        Assert.Equal(
            [
                I(Op.ConsumeFuel, 0, 5), I(Op.LocalGet, 1), I(Op.BrIfEqz, 6),
                I(Op.ConsumeFuel, 0, 2), I(Op.Const, 0, 1), I(Op.Br, 8),
                I(Op.ConsumeFuel, 0, 2), I(Op.Const, 0, 2),
                I(Op.Return, 0, DK(1, 1)),
            ],
            Translate("(func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else i32.const 2 end)"));
    }

    [Fact]
    public void Loop_with_br_if()
    {
        Assert.Equal(
            [
                I(Op.ConsumeFuel, 0, 3),
                I(Op.ConsumeFuel, 0, 6), I(Op.LocalGet, 1), I(Op.Const, 0, 1), I(Op.I32Sub), I(Op.LocalTee, 2), I(Op.BrIfNez, 1),
                I(Op.LocalGet, 1), I(Op.Return, 0, DK(1, 1)),
            ],
            Translate("(func (param i32) (result i32) (loop local.get 0 i32.const 1 i32.sub local.tee 0 br_if 0) local.get 0)"));
    }

    [Fact]
    public void Br_table_arms_follow_the_table_and_the_dearest_is_charged()
    {
        // Arms: to the block's end (drops nothing), to the function (a return dropping the parameter).
        Assert.Equal(
            [
                I(Op.ConsumeFuel, 0, 1 + 1 + 1 + 1),
                I(Op.LocalGet, 1), I(Op.BrTable, 2), I(Op.BrAdjust, 5, DK(0, 0)), I(Op.Return, 0, DK(1, 0)),
                I(Op.Return, 0, DK(1, 0)),
            ],
            Translate("(func (param i32) (block local.get 0 br_table 0 1))"));
    }

    [Fact]
    public void Memory_global_and_call_classes()
    {
        Assert.Equal(
            [
                I(Op.ConsumeFuel, 0, 1 + 1 + 2 + 3 + 67 + 1),
                I(Op.Const, 0, 8), I(Op.I64Load, 4), I(Op.GlobalSet, 0), I(Op.CallInternal, 0), I(Op.Return, 0, DK(0, 0)),
            ],
            Translate("(memory 1) (global (mut i64) (i64.const 0)) (func i32.const 8 i64.load offset=4 global.set 0 call 0)"));
    }

    [Fact]
    public void Unreachable_code_is_neither_translated_nor_charged()
    {
        Assert.Equal(
            [I(Op.ConsumeFuel, 0, 2), I(Op.Unreachable)],
            Translate("(func (result i32) unreachable i32.const 1 i32.const 2 i32.add)"));
    }

    [Fact]
    public void Reinterpretations_are_free()
    {
        Assert.Equal(
            [I(Op.LocalGet, 1), I(Op.Return, 0, DK(1, 1))],
            Translate("(func (param f32) (result i32) local.get 0 i32.reinterpret_f32)", new EngineConfig()));
    }

    [Fact]
    public void Max_stack_height_is_locals_plus_deepest_operands()
    {
        var engine = new StackEngine(new EngineConfig());
        var module = (StackModule)engine.Compile(Wat.ToWasm(
            "(module (func (param i32) (local i64 i64) i32.const 1 i32.const 2 i32.const 3 drop drop drop))"));
        Assert.Equal(new FuncHeader(0, 2, 2 + 3), module.Headers[0]);
    }

    [Fact]
    public void Lazy_modes_are_refused_by_name()
    {
        var e = Assert.Throws<NotSupportedException>(() => new StackEngine(new EngineConfig { Mode = CompilationMode.Lazy }));
        Assert.Contains("Lazy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_fuel_beyond_32_bits_is_refused_as_Wasmi_does()
    {
        var config = Harness.Metered(new FuelCosts(1, 1, 1, 1, uint.MaxValue));
        Assert.Throws<StackTranslationException>(() => Translate("(func call 0 call 0)", config));
    }

    [Fact]
    public void Bulk_memory_and_table_operations_cost_the_entity_class()
    {
        Assert.Equal(
            [
                I(Op.ConsumeFuel, 0, 1 + 3 + 1 + 3 + 3 + 3 + 1 + 3 + 3 + 3 + 1),
                I(Op.MemorySize), I(Op.Drop),
                I(Op.Const, 0, 0), I(Op.Const, 0, 0), I(Op.Const, 0, 0), I(Op.MemoryFill),
                I(Op.TableSize, 0), I(Op.Drop),
                I(Op.Const, 0, 0), I(Op.Const, 0, 0), I(Op.Const, 0, 0), I(Op.TableInit, 0, 0),
                I(Op.ElemDrop, 0),
                I(Op.Return, 0, DK(0, 0)),
            ],
            Translate("""
                (memory 1) (table 1 funcref) (elem func 0)
                (func memory.size drop (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
                  table.size 0 drop (table.init 0 (i32.const 0) (i32.const 0) (i32.const 0)) elem.drop 0)
                """));
    }

    [Fact]
    public void Calls_distinguish_imported_internal_and_indirect()
    {
        Assert.Equal(
            [
                I(Op.ConsumeFuel, 0, 1 + 67 + 67 + 1 + 67 + 1),
                I(Op.CallImported, 0), I(Op.CallInternal, 1), I(Op.Const, 0, 0), I(Op.CallIndirect, 0, 0),
                I(Op.Return, 0, DK(0, 0)),
            ],
            Translate("""
                (type (func)) (import "m" "f" (func)) (table 1 funcref)
                (func call 0 call 1 (call_indirect (type 0) (i32.const 0)))
                """, function: 1));
    }

    [Fact]
    public void References_select_and_globals()
    {
        Assert.Equal(
            [
                I(Op.ConsumeFuel, 0, 1 + 1 + 1 + 1 + 1 + 3 + 1 + 1 + 1 + 1),
                I(Op.RefFunc, 0), I(Op.I64Eqz), I(Op.Const, 0, 0), I(Op.Const, 0, 0), I(Op.GlobalGet, 0), I(Op.Select), I(Op.Drop), I(Op.Drop),
                I(Op.Return, 0, DK(0, 0)),
            ],
            Translate("""
                (global i32 (i32.const 1)) (elem declare func 0)
                (func ref.func 0 ref.is_null (i32.const 0) (i32.const 0) (global.get 0) select drop drop)
                """));
    }
}
