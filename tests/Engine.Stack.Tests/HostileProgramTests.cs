using Replay.Engine.Stack.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Tests;

/// <summary>Programs that try not to terminate end in typed traps.</summary>
public sealed class HostileProgramTests
{
    [Fact]
    public void Infinite_loop_stops_by_fuel()
    {
        var h = new Harness("(module (func (export \"spin\") (loop br 0)))", Harness.Metered(), fuel: 1_000_000);
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("spin"));
    }

    [Fact]
    public void Runaway_recursion_stops_by_stack_overflow()
    {
        var h = new Harness("(module (func $f (export \"f\") call $f))");
        Assert.Equal(TrapCode.StackOverflow, h.Trap("f"));
    }

    [Fact]
    public void Runaway_recursion_with_big_frames_stops_by_stack_overflow()
    {
        var locals = string.Join(' ', Enumerable.Repeat("i64", 5000));
        var h = new Harness($"(module (func $f (export \"f\") (local {locals}) call $f))");
        Assert.Equal(TrapCode.StackOverflow, h.Trap("f"));
    }

    private sealed class Budget(ulong maxBytes) : IResourceLimiter
    {
        public GrowthDecision MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes) =>
            desiredBytes <= maxBytes ? GrowthDecision.Allow : GrowthDecision.Trap;

        public GrowthDecision TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements) => GrowthDecision.Allow;
    }

    [Fact]
    public void Memory_bomb_stops_at_the_limiter()
    {
        var h = new Harness("""
            (module (memory 1)
              (func (export "bomb") (loop (drop (memory.grow (i32.const 16))) br 0)))
            """);
        h.Store.Limiter = new Budget(4 * 1024 * 1024);
        Assert.Equal(TrapCode.GrowthOperationLimited, h.Trap("bomb"));
    }

    [Fact]
    public void Memory_bomb_without_a_limiter_stops_by_fuel()
    {
        var h = new Harness("""
            (module (memory 1)
              (func (export "bomb") (loop (drop (memory.grow (i32.const 1))) br 0)))
            """, Harness.Metered(), fuel: 100_000);
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("bomb"));
    }
}
