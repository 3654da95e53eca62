using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Tests;

/// <summary>
/// Call depth and register-stack limits: both trap with StackOverflow (never a .NET stack
/// overflow: Wasm calls do not recurse on the .NET stack), and the store stays usable.
/// </summary>
public sealed class StackLimitTests
{
    private const string Recursion = """
        (module
          (func $rec (export "rec") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else (i32.add (call $rec (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
          (func $forever (export "forever") (call $forever)))
        """;

    [Fact]
    public void Call_depth_counts_active_frames_including_the_entry_function()
    {
        var h = new Harness(Recursion, new EngineConfig { StackLimits = new StackLimits(1 << 20, 100) });
        // rec(n) has n + 1 frames active at its deepest.
        Assert.Equal(99, h.Call1("rec", Value.I32(99)).AsI32);
        Assert.Equal(TrapCode.StackOverflow, h.Trap("rec", Value.I32(100)));
        Assert.Equal(99, h.Call1("rec", Value.I32(99)).AsI32);
    }

    [Fact]
    public void Unbounded_recursion_traps_with_default_limits()
    {
        var h = new Harness(Recursion);
        Assert.Equal(TrapCode.StackOverflow, h.Trap("forever"));
        Assert.Equal(1000, h.Call1("rec", Value.I32(1000)).AsI32);
    }

    [Fact]
    public void A_register_stack_reused_from_an_earlier_store_never_lifts_a_smaller_limit()
    {
        // The first store's recursion grows its register stack past 200 cells; the stack goes back
        // to this thread's free ones when the call ends. The second store, limited to 200 cells,
        // must still trap at exactly the depth it traps at on a fresh thread.
        var big = new Harness(Recursion);
        Assert.Equal(1000, big.Call1("rec", Value.I32(1000)).AsI32);
        var small = new Harness(Recursion, new EngineConfig { StackLimits = new StackLimits(200, 10_000) });
        Assert.Equal(197, small.Call1("rec", Value.I32(197)).AsI32);
        Assert.Equal(TrapCode.StackOverflow, small.Trap("rec", Value.I32(198)));
        // And the frame stack, grown on demand from 64 frames, stops at the call-depth limit.
        var shallow = new Harness(Recursion, new EngineConfig { StackLimits = new StackLimits(1 << 20, 100) });
        Assert.Equal(99, shallow.Call1("rec", Value.I32(99)).AsI32);
        Assert.Equal(TrapCode.StackOverflow, shallow.Trap("rec", Value.I32(100)));
    }

    [Fact]
    public void Register_stack_overflow_traps_when_the_next_frame_does_not_fit()
    {
        // rec's frame: 1 parameter + 2 temporaries = 3 registers; a callee frame starts at its
        // caller's argument register (1), so each level adds 1 register and the last frame needs 3.
        // With 200 cells, frame d (from 1) fits while (d - 1) + 3 <= 200: up to 198 frames.
        var h = new Harness(Recursion, new EngineConfig { StackLimits = new StackLimits(200, 10_000) });
        Assert.Equal(197, h.Call1("rec", Value.I32(197)).AsI32);
        Assert.Equal(TrapCode.StackOverflow, h.Trap("rec", Value.I32(198)));
    }

    [Fact]
    public void The_register_stack_grows_on_demand_up_to_the_limit()
    {
        // 30,000 levels need about 30,000 registers: far beyond the initial allocation.
        var h = new Harness(Recursion, new EngineConfig { StackLimits = new StackLimits(1 << 20, 50_000) });
        Assert.Equal(30_000, h.Call1("rec", Value.I32(30_000)).AsI32);
    }

    [Fact]
    public void Default_limits_allow_1024_active_frames_one_fewer_than_the_stack_engine()
    {
        // Wasmi 0.32+ counts the entry frame; Wasmi 0.31 (the stack engine) does not, so there
        // rec(1024) (1,025 frames) still succeeds. The README documents this difference.
        var h = new Harness(Recursion);
        Assert.Equal(1023, h.Call1("rec", Value.I32(1023)).AsI32);
        Assert.Equal(TrapCode.StackOverflow, h.Trap("rec", Value.I32(1024)));
    }
}
