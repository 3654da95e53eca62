using System.Text;
using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Tests;

/// <summary>
/// Exact fuel of small programs under the Wasmi 0.32+ model: one base unit per emitted
/// instruction (ConsumeFuel included), charged when its basic block starts; frame setup per
/// 8 registers; bulk bytes per 64; first-call compilation per body byte in the lazy modes.
/// </summary>
public sealed class FuelTests
{
    /// <summary>
    /// The known point: <c>i64.const 1</c>, then 1,000 × <c>(local.get 0, i64.const i,
    /// i64.mul, i64.add)</c>, then <c>drop, i64.const K</c>. Wasmi 0.36 charges 1,999: i = 0
    /// and i = 1 fold away (x·0 = 0, 1 + 0 = 1, x·1 = x), leaving one add-immediate, then
    /// two instructions for each of the 998 other rounds, the return and the ConsumeFuel itself.
    /// </summary>
    internal static string KnownPointWat()
    {
        var sb = new StringBuilder("(module (func (export \"f\") (param i64) (result i64)\n i64.const 1\n");
        for (int i = 0; i < 1000; i++)
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $" local.get 0 i64.const {i} i64.mul i64.add\n");
        sb.Append(" drop i64.const 123456789))");
        return sb.ToString();
    }

    [Fact]
    public void Known_point_costs_1999_when_compiled_eagerly()
    {
        var h = new Harness(KnownPointWat(), Harness.Metered(), fuel: 1_000_000);
        Assert.Equal(1999UL, h.FuelOf("f", Value.I64(3)));
        Assert.Equal(123456789L, h.Call1("f", Value.I64(3)).AsI64);
    }

    [Theory]
    [InlineData(CompilationMode.LazyTranslation, 7UL)]
    [InlineData(CompilationMode.Lazy, 9UL)]
    public void Lazy_modes_charge_compilation_per_body_byte_on_the_first_call_only(CompilationMode mode, ulong factor)
    {
        var h = new Harness(KnownPointWat(), Harness.Metered(mode), fuel: 1_000_000);
        ulong bodyBytes = (ulong)h.Compiled.Module.Bodies[0].Length;
        Assert.Equal(1999UL + factor * bodyBytes, h.FuelOf("f", Value.I64(3)));
        Assert.Equal(1999UL, h.FuelOf("f", Value.I64(3)));
    }

    [Fact]
    public void Compilation_factors_are_configurable()
    {
        var costs = FuelCosts.Default with { LazyCompilePerByte = 2 };
        var h = new Harness(KnownPointWat(), Harness.Metered(CompilationMode.Lazy, costs), fuel: 1_000_000);
        ulong bodyBytes = (ulong)h.Compiled.Module.Bodies[0].Length;
        Assert.Equal(1999UL + 2 * bodyBytes, h.FuelOf("f", Value.I64(3)));
    }

    [Fact]
    public void Compilation_without_enough_fuel_traps_and_compiles_nothing()
    {
        var h = new Harness(KnownPointWat(), Harness.Metered(CompilationMode.Lazy), fuel: 100);
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("f", Value.I64(3)));
        Assert.Equal(100UL, h.Store.Fuel);
        h.Store.Fuel = 1_000_000;
        ulong bodyBytes = (ulong)h.Compiled.Module.Bodies[0].Length;
        Assert.Equal(1999UL + 9 * bodyBytes, h.FuelOf("f", Value.I64(3)));
    }

    [Theory]
    // ConsumeFuel + ReturnImm.
    [InlineData("(func (export \"f\") (result i32) i32.const 7)", 2UL)]
    // ConsumeFuel + Return: the whole computation folds and is dropped.
    [InlineData("(func (export \"f\") (drop (i32.mul (i32.const 6) (i32.add (i32.const 1) (i32.const 2)))))", 2UL)]
    // ConsumeFuel + global.get + add-immediate written back by global.set + global.set + Return.
    [InlineData("(global $g (mut i32) (i32.const 0)) (func (export \"f\") (global.set $g (i32.add (global.get $g) (i32.const 1))))", 5UL)]
    // ConsumeFuel + load + Return1. The constant address is put in a register by a copy that
    // is free: Wasmi 0.36 folds it into the instruction (a constant-address load).
    [InlineData("(memory 1) (func (export \"f\") (result i64) (i64.load offset=8 (i32.const 0)))", 3UL)]
    // ConsumeFuel + ReturnImm: integer unary operators and conversions on constants fold.
    [InlineData("(func (export \"f\") (result i64) (i64.extend_i32_s (i32.popcnt (i32.wrap_i64 (i64.const -1)))))", 2UL)]
    // ConsumeFuel + store + Return: Wasmi's I32StoreImm16 takes the value as an immediate.
    [InlineData("(memory 1) (func (export \"f\") (i32.store (i32.const 8) (i32.const 7)))", 3UL)]
    // ConsumeFuel + global.get + select + Return1: both constants are immediates or pool registers in Wasmi.
    [InlineData("(global $c (mut i32) (i32.const 1)) (func (export \"f\") (result i64) (select (i64.const 1) (i64.const 100000000000) (global.get $c)))", 4UL)]
    // ConsumeFuel + global.get + sub + Return1: a constant left operand of a non-commutative operator is free too.
    [InlineData("(global $x (mut i32) (i32.const 1)) (func (export \"f\") (result i32) (i32.sub (i32.const 1) (global.get $x)))", 4UL)]
    public void Straight_line_code_costs_one_per_emitted_instruction(string func, ulong expected)
    {
        var h = new Harness($"(module {func})", Harness.Metered(), fuel: 1000);
        Assert.Equal(expected, h.FuelOf("f"));
    }

    [Fact]
    public void Constants_and_local_gets_are_free_and_folded_operators_cost_nothing()
    {
        // ConsumeFuel, one add (the constant sum folds), Return1: 3.
        var h = new Harness("""
            (module (func (export "f") (param i32 i32) (result i32)
              (i32.add (local.get 0) (i32.add (i32.const 1) (i32.const 2)))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(3UL, h.FuelOf("f", Value.I32(1), Value.I32(2)));
    }

    [Theory]
    [InlineData(0, 2UL + 3)]
    [InlineData(10, 2UL + 3 * 10)]
    public void Loops_charge_their_block_once_per_iteration(int n, ulong expected)
    {
        // Function block: ConsumeFuel + Return = 2. Loop block: ConsumeFuel, the add-immediate
        // written straight into $i, the fused compare-and-branch = 3 per iteration (at least one).
        var h = new Harness("""
            (module (func (export "f") (param $n i32) (local $i i32)
              (loop $l
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $l (i32.lt_s (local.get $i) (local.get $n))))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(expected, h.FuelOf("f", Value.I32(n)));
    }

    [Fact]
    public void Bulk_operations_charge_per_64_bytes_and_only_on_success()
    {
        // ConsumeFuel + fill + Return = 3, plus 640 / 64 = 10 for the bytes.
        var h = new Harness("""
            (module (memory 1)
              (func (export "fill") (param i32 i32 i32)
                (memory.fill (local.get 0) (local.get 2) (local.get 1))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(13UL, h.FuelOf("fill", Value.I32(0), Value.I32(640), Value.I32(7)));
        h.Store.ResetFuelConsumed();
        Assert.Equal(TrapCode.MemoryOutOfBounds, h.Trap("fill", Value.I32(65000), Value.I32(640), Value.I32(7)));
        // The whole block (3) was paid when entered; the failed fill's 10 were not.
        Assert.Equal(3UL, h.Store.FuelConsumed);
    }

    [Fact]
    public void Constants_outside_16_bits_count_as_constant_pool_registers_at_entry()
    {
        // Eight stores of distinct 32-bit constants: Wasmi 0.36 keeps each in its constant
        // pool (8 registers, one unit at entry); 16-bit ones would be immediates (no register).
        // ConsumeFuel + 8 stores + Return = 10, plus (2 frame registers + 8 pool registers) / 8.
        string Stores(int first) => string.Concat(Enumerable.Range(first, 8).Select(k =>
            $"(i32.store (local.get 0) (i32.const {k.ToString(System.Globalization.CultureInfo.InvariantCulture)}))"));
        var large = new Harness($"(module (memory 1) (func (export \"f\") (param i32) {Stores(100_000)}))", Harness.Metered(), fuel: 1000);
        Assert.Equal(11UL, large.FuelOf("f", Value.I32(0)));
        var small = new Harness($"(module (memory 1) (func (export \"f\") (param i32) {Stores(1_000)}))", Harness.Metered(), fuel: 1000);
        Assert.Equal(10UL, small.FuelOf("f", Value.I32(0)));
    }

    [Fact]
    public void Call_arguments_cost_nothing_beyond_the_call()
    {
        // Wasmi 0.36 lists argument registers after the call instruction: f pays ConsumeFuel,
        // Call and Return1 (our two argument copies are free); g pays ConsumeFuel, add, Return1.
        var h = new Harness("""
            (module
              (func $g (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "f") (param i32 i32) (result i32) (call $g (local.get 1) (i32.const 100000))))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(6UL, h.FuelOf("f", Value.I32(1), Value.I32(2)));
        Assert.Equal(100002, h.Call1("f", Value.I32(1), Value.I32(2)).AsI32);
    }

    [Fact]
    public void Locals_preserved_at_block_entry_cost_one_group()
    {
        // ConsumeFuel + one preservation group for the three locals on the stack (Wasmi:
        // CopyMany, 1 + (3 + 1) / 8) + the constant written to local 0 + two adds + Return1.
        var h = new Harness("""
            (module (func (export "f") (param i32 i32 i32) (result i32)
              local.get 0 local.get 1 local.get 2
              block
                i32.const 7
                local.set 0
              end
              i32.add i32.add))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(6UL, h.FuelOf("f", Value.I32(1), Value.I32(2), Value.I32(3)));
        Assert.Equal(6, h.Call1("f", Value.I32(1), Value.I32(2), Value.I32(3)).AsI32);
    }

    [Fact]
    public void Frame_setup_costs_one_per_8_registers()
    {
        // 17 locals + 1 parameter = 18 registers (no temporaries are needed): 18 / 8 = 2,
        // plus ConsumeFuel and Return1.
        var h = new Harness("""
            (module (func (export "f") (param i32) (result i32) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
              (local.get 0)))
            """, Harness.Metered(), fuel: 1000);
        Assert.Equal(4UL, h.FuelOf("f", Value.I32(5)));
    }

    [Fact]
    public void Running_out_of_fuel_traps_at_block_entry()
    {
        var h = new Harness("(module (func (export \"spin\") (loop $l (br $l))))", Harness.Metered(), fuel: 10_000);
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("spin"));
        // The run stops at the first block entry it cannot pay: what is left is less than one
        // iteration's price, and exactly this much.
        Assert.Equal(1UL, h.Store.Fuel);
    }

    [Fact]
    public void Instruction_classes_take_their_configured_price()
    {
        // Distinct prices per class (Soroban's for Wasmi 0.31: base 1, entity 3, load 2, store 1, call 67): ConsumeFuel 1 +
        // global.get 3 + load 2 + store 1 + call 67 + (callee: its own ConsumeFuel 1 + Return 1) + Return 1.
        var h = new Harness("""
            (module (memory 1) (global $g (mut i32) (i32.const 8))
              (func $nop)
              (func (export "f") (param i32)
                (i32.store (local.get 0) (i32.load (global.get $g)))
                (call $nop)))
            """, Harness.Metered(costs: new FuelCosts(Base: 1, Entity: 3, Load: 2, Store: 1, Call: 67)), fuel: 1000);
        Assert.Equal(1UL + 3 + 2 + 1 + 67 + 2 + 1, h.FuelOf("f", Value.I32(0)));
    }
}
