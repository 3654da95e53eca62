using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Tests;

/// <summary>Programs that try to escape their bounds: they must end in the right trap or refusal, never a crash.</summary>
public sealed class HostileProgramTests
{
    private sealed class Limiter(GrowthDecision decision) : IResourceLimiter
    {
        public GrowthDecision MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes) =>
            desiredBytes > 2 * 65536 ? decision : GrowthDecision.Allow;

        public GrowthDecision TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements) => decision;
    }

    private const string Grower = """
        (module (memory (export "memory") 1)
          (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
          (func (export "size") (result i32) (memory.size)))
        """;

    [Fact]
    public void A_refused_growth_returns_minus_one()
    {
        var h = new Harness(Grower);
        h.Store.Limiter = new Limiter(GrowthDecision.Deny);
        Assert.Equal(1, h.Call1("grow", Value.I32(1)).AsI32);
        Assert.Equal(-1, h.Call1("grow", Value.I32(1)).AsI32);
        Assert.Equal(2, h.Call1("size").AsI32);
        Assert.Equal(-1, h.Call1("grow", Value.I32(70_000)).AsI32);
    }

    [Fact]
    public void A_limiter_can_trap_growth()
    {
        var h = new Harness(Grower);
        h.Store.Limiter = new Limiter(GrowthDecision.Trap);
        Assert.Equal(TrapCode.GrowthOperationLimited, h.Trap("grow", Value.I32(5)));
        Assert.Equal(1, h.Call1("size").AsI32);
    }

    [Fact]
    public void Growth_is_paid_per_64_bytes_and_traps_when_fuel_cannot_pay()
    {
        // One page = 65,536 / 64 = 1,024 units, plus the block (ConsumeFuel, grow, Return1) = 3.
        var h = new Harness(Grower, Harness.Metered(), fuel: 2_000);
        Assert.Equal(1024UL + 3, h.FuelOf("grow", Value.I32(1)));
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("grow", Value.I32(1)));
        Assert.Equal(2, h.Call1("size").AsI32);
    }

    [Theory]
    [InlineData(65528, false)]
    [InlineData(65529, true)]
    [InlineData(-1, true)]
    public void Loads_are_bounds_checked_on_the_full_effective_address(int address, bool traps)
    {
        var h = new Harness("""
            (module (memory 1)
              (func (export "load") (param i32) (result i64) (i64.load (local.get 0)))
              (func (export "far") (param i32) (result i32) (i32.load offset=4294967295 (local.get 0))))
            """);
        if (traps)
            Assert.Equal(TrapCode.MemoryOutOfBounds, h.Trap("load", Value.I32(address)));
        else
            Assert.Equal(0L, h.Call1("load", Value.I32(address)).AsI64);
        // address + offset must not wrap around 2^32.
        Assert.Equal(TrapCode.MemoryOutOfBounds, h.Trap("far", Value.I32(1)));
    }

    [Fact]
    public void A_trap_leaves_the_store_usable_and_fuel_written_back()
    {
        var h = new Harness("""
            (module (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
            """, Harness.Metered(), fuel: 100);
        Assert.Equal(TrapCode.IntegerDivisionByZero, h.Trap("div", Value.I32(1), Value.I32(0)));
        Assert.Equal(TrapCode.IntegerOverflow, h.Trap("div", Value.I32(int.MinValue), Value.I32(-1)));
        Assert.Equal(6UL, h.Store.FuelConsumed);
        Assert.Equal(3, h.Call1("div", Value.I32(7), Value.I32(2)).AsI32);
    }
}
