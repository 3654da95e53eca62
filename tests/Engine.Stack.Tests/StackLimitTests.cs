using Replay.Engine.Stack.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Tests;

/// <summary>
/// Wasmi 0.31's overflow rule: a call fails when 1,024 callers are already suspended (the
/// embedder's call is not counted), or when the callee's declared locals and deepest operand
/// stack would not fit in 131,072 cells above its arguments.
/// </summary>
public sealed class StackLimitTests
{
    private const string Countdown = """
        (module (func $r (export "r") (param i64) (result i64)
          local.get 0 i64.eqz
          if (result i64) i64.const 0
          else local.get 0 i64.const 1 i64.sub call $r end))
        """;

    [Fact]
    public void Call_depth_allows_1024_nested_calls_and_traps_on_the_next()
    {
        var h = new Harness(Countdown);
        Assert.Equal(0, h.Call1("r", Value.I64(1024)).AsI64);
        Assert.Equal(TrapCode.StackOverflow, h.Trap("r", Value.I64(1025)));
        // The store stays usable after the trap.
        Assert.Equal(0, h.Call1("r", Value.I64(10)).AsI64);
    }

    [Fact]
    public void Value_stack_boundary_counts_locals_and_max_operand_height()
    {
        // Each level: 1 parameter + 1,000 locals below the argument it passes on, so level k
        // starts at cell 1,001·k and needs 1 + 1,000 + 2 cells: it fits while 1,001·k + 1,003 ≤ 131,072,
        // i.e. up to k = 129.
        var locals = string.Join(' ', Enumerable.Repeat("i64", 1000));
        var h = new Harness($"""
            (module (func $d (export "d") (param i32) (local {locals})
              local.get 0 i32.eqz
              if else local.get 0 i32.const 1 i32.sub call $d end))
            """);
        h.Call("d", Value.I32(129));
        Assert.Equal(TrapCode.StackOverflow, h.Trap("d", Value.I32(130)));
    }

    [Fact]
    public void Configured_limits_apply()
    {
        var h = new Harness(Countdown, new EngineConfig { StackLimits = new StackLimits(1 << 17, 10) });
        Assert.Equal(0, h.Call1("r", Value.I64(10)).AsI64);
        Assert.Equal(TrapCode.StackOverflow, h.Trap("r", Value.I64(11)));
    }

    [Fact]
    public void Host_call_occupies_a_call_slot()
    {
        var config = new EngineConfig { StackLimits = new StackLimits(1 << 17, 3) };
        var h = new Harness("""
            (module (import "env" "h" (func $h))
              (func $r (export "r") (param i32)
                local.get 0 i32.eqz
                if call $h else local.get 0 i32.const 1 i32.sub call $r end))
            """, config, (linker, store) =>
            linker.Define("env", "h", store.CreateHostFunction(Replay.Wasm.Types.FuncType.Empty, (_, _, _) => { })));
        h.Call("r", Value.I32(2)); // two nested Wasm calls, then the host call as the third
        Assert.Equal(TrapCode.StackOverflow, h.Trap("r", Value.I32(3)));
    }
}
