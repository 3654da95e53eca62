using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Runtime;

public sealed class TableTests
{
    private static Table Funcs(uint min, uint? max = null, TestStore? store = null) =>
        new(store ?? new TestStore(), new TableType(ValType.FuncRef, new Limits(min, max)), 0);

    [Fact]
    public void Get_and_set_are_bounds_checked()
    {
        var t = Funcs(2);
        t.SetBits(1, 5);
        Assert.Equal(5UL, t.GetBits(1));
        Assert.Equal(TrapCode.TableOutOfBounds, Assert.Throws<TrapException>(() => t.GetBits(2)).Code);
        Assert.Equal(TrapCode.TableOutOfBounds, Assert.Throws<TrapException>(() => t.SetBits(2, 1)).Code);
    }

    [Fact]
    public void Grow_fills_new_slots_and_respects_the_maximum()
    {
        var t = Funcs(1, 3);
        Assert.Equal(1, t.Grow(2, 9, null));
        Assert.Equal(new ulong[] { 0, 9, 9 }, t.Elements);
        Assert.Equal(-1, t.Grow(1, 0, null));
        Assert.Equal(3, t.Grow(0, 0, null));
    }

    [Fact]
    public void The_limiter_is_asked_even_for_zero_growth()
    {
        var store = new TestStore();
        var limiter = new RecordingLimiter(GrowthDecision.Deny);
        store.Limiter = limiter;
        var t = Funcs(1, null, store);
        Assert.Equal(-1, t.Grow(0, 0, null));
        Assert.Equal((1u, 1u, (uint?)null), limiter.TableRequests.Single());
    }

    [Fact]
    public void Fuel_refusal_and_trap_are_the_engine_s_choice()
    {
        var t = Funcs(0);
        Assert.Equal(-1, t.Grow(3, 0, new ScriptedFuel(GrowthCharge.Refused)));
        Assert.Equal(TrapCode.OutOfFuel, Assert.Throws<TrapException>(() => t.Grow(3, 0, new ScriptedFuel(GrowthCharge.OutOfFuel))).Code);
        Assert.Equal(0u, t.Size);
    }

    [Fact]
    public void Copy_between_tables_and_within_one()
    {
        var a = Funcs(4);
        var b = Funcs(4);
        for (uint i = 0; i < 4; i++) a.SetBits(i, i + 1);
        Table.Copy(b, 1, a, 0, 3);
        Assert.Equal(new ulong[] { 0, 1, 2, 3 }, b.Elements);
        Table.Copy(a, 1, a, 0, 3);
        Assert.Equal(new ulong[] { 1, 1, 2, 3 }, a.Elements);
        Assert.Throws<TrapException>(() => Table.Copy(a, 2, b, 0, 3));
    }

    [Fact]
    public void Init_and_fill_check_bounds_before_writing()
    {
        var t = Funcs(3);
        Assert.Throws<TrapException>(() => t.Init(2, new ulong[] { 1, 2 }, 0, 2));
        Assert.Throws<TrapException>(() => t.Fill(1, 7, 3));
        Assert.Equal(new ulong[] { 0, 0, 0 }, t.Elements);
        t.Fill(1, 7, 2);
        Assert.Equal(new ulong[] { 0, 7, 7 }, t.Elements);
    }

    [Fact]
    public void Setting_a_value_of_the_wrong_reference_type_is_rejected()
    {
        var t = Funcs(1);
        Assert.Throws<ArgumentException>(() => t.Set(0, Value.ExternRef(1)));
    }
}
