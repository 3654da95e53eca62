using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Tests;

/// <summary>Calls between Wasm and the host: arguments, results, re-entrance, errors, the caller's exports.</summary>
public sealed class HostFunctionTests
{
    private const string Module = """
        (module
          (import "env" "twice" (func $twice (param i64) (result i64)))
          (import "env" "reenter" (func $reenter (param i32) (result i32)))
          (import "env" "peek" (func $peek (param i32) (result i32)))
          (memory (export "memory") 1)
          (data (i32.const 16) "\2a")
          (func (export "call_twice") (param i64) (result i64) (i64.add (call $twice (local.get 0)) (i64.const 1)))
          (func $down (export "down") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else (i32.add (call $reenter (i32.sub (local.get 0) (i32.const 1))) (i32.const 1)))))
          (func (export "peek16") (result i32) (call $peek (i32.const 16))))
        """;

    private static Harness Create() => new(Module, new EngineConfig { StackLimits = new StackLimits(1 << 20, 10_000) }, (linker, store) =>
    {
        linker.Define("env", "reenter", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I32]), (_, a, r) => r[0] = a[0]));
        linker.Define("env", "twice", store.CreateHostFunction(new FuncType([ValType.I64], [ValType.I64]),
            (_, args, results) =>
            {
                if (args[0].AsI64 < 0) throw new InvalidOperationException("host refuses negative input");
                results[0] = Value.I64(args[0].AsI64 * 2);
            }));
        linker.Define("env", "peek", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I32]),
            (caller, args, results) =>
            {
                var memory = (IMemory)caller.GetExport("memory")!;
                results[0] = Value.I32(memory.Bytes[args[0].AsI32]);
            }));
    });

    [Fact]
    public void Host_functions_receive_arguments_and_return_results()
    {
        var h = Create();
        Assert.Equal(21L * 2 + 1, h.Call1("call_twice", Value.I64(21)).AsI64);
    }

    [Fact]
    public void Host_exceptions_reach_the_caller_unchanged_and_the_store_stays_usable()
    {
        var h = Create();
        var e = Assert.Throws<InvalidOperationException>(() => h.Call("call_twice", Value.I64(-1)));
        Assert.Equal("host refuses negative input", e.Message);
        Assert.Equal(5L, h.Call1("call_twice", Value.I64(2)).AsI64);
    }

    [Fact]
    public void Host_functions_see_the_calling_instance_exports()
    {
        Assert.Equal(42, Create().Call1("peek16").AsI32);
    }

    private static Harness Reentrant(Func<IFunction?> down) =>
        new(Module, new EngineConfig { StackLimits = new StackLimits(1 << 22, 1 << 20) }, (linker, store) =>
        {
            linker.Define("env", "twice", store.CreateHostFunction(new FuncType([ValType.I64], [ValType.I64]), (_, a, r) => r[0] = a[0]));
            linker.Define("env", "peek", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I32]), (_, a, r) => r[0] = a[0]));
            linker.Define("env", "reenter", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I32]),
                (_, args, results) =>
                {
                    var inner = new Value[1];
                    down()!.Call(args, inner);
                    results[0] = inner[0];
                }));
        });

    [Fact]
    public void Host_functions_may_call_back_into_wasm()
    {
        // down -> reenter (host) -> down -> ... : nested invocations sharing one register stack.
        IFunction? down = null;
        var h = Reentrant(() => down);
        down = h.Instance.GetFunction("down");
        Assert.Equal(100, h.Call1("down", Value.I32(100)).AsI32);
    }

    [Fact]
    public void Unbounded_host_reentrance_traps_instead_of_overflowing_the_native_stack()
    {
        // Each round trip through the host uses .NET stack; before it runs out the engine traps.
        IFunction? down = null;
        var h = Reentrant(() => down);
        down = h.Instance.GetFunction("down");
        Assert.Equal(TrapCode.StackOverflow, h.Trap("down", Value.I32(1_000_000)));
        Assert.Equal(10, h.Call1("down", Value.I32(10)).AsI32);
    }
}

/// <summary>
/// The fuel a host function sees and leaves, pinned to Wasmi 0.36's order: a basic block's
/// ConsumeFuel pays for the whole block (the call included) before any of it runs, nothing is
/// charged at the call itself, and a lazily compiled function pays its compilation first.
/// </summary>
public sealed class HostFunctionFuelTests
{
    private const string Module = """
        (module (import "env" "probe" (func $probe))
          (func $next)
          (func (export "f") (result i32) i32.const 1 drop call $probe i32.const 2)
          (func (export "then_call") call $probe call $next))
        """;

    /// <summary>
    /// What "f" costs up to the host call, per mode, with Wasmi's default prices: its block (the
    /// entry ConsumeFuel 1, the call 1, the ReturnImm 1) plus, lazily, 9 or 7 per body byte (9 bytes: no locals, i32.const 1, drop, call 0, i32.const 2, end).
    /// </summary>
    public static TheoryData<CompilationMode, ulong> Costs => new()
    {
        { CompilationMode.Eager, 3 },
        { CompilationMode.LazyTranslation, 3 + 7 * 9 },
        { CompilationMode.Lazy, 3 + 9 * 9 },
    };

    private static Harness Create(CompilationMode mode, ulong fuel, HostFunc probe) =>
        new(Module, Harness.Metered(mode), (linker, store) => linker.Define("env", "probe", store.CreateHostFunction(FuncType.Empty, probe)), fuel);

    [Theory]
    [MemberData(nameof(Costs))]
    public void The_host_sees_the_fuel_left_after_its_whole_block_was_paid(CompilationMode mode, ulong cost)
    {
        var seen = new List<ulong>();
        var h = Create(mode, 1000, (caller, _, _) => seen.Add(caller.Fuel));
        Assert.Equal(2, h.Call1("f").AsI32);
        Assert.Equal([1000 - cost], seen);
        Assert.Equal(1000 - cost, h.Store.Fuel);
    }

    [Theory]
    [MemberData(nameof(Costs))]
    public void A_block_one_unit_short_traps_before_the_host_runs(CompilationMode mode, ulong cost)
    {
        int calls = 0;
        var h = Create(mode, cost - 1, (_, _, _) => calls++);
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("f"));
        Assert.Equal(0, calls);

        var exact = Create(mode, cost, (caller, _, _) => Assert.Equal(0UL, caller.Fuel));
        Assert.Equal(2, exact.Call1("f").AsI32);
    }

    [Theory]
    [MemberData(nameof(Costs))]
    public void Fuel_the_host_adds_or_removes_is_what_execution_resumes_with(CompilationMode mode, ulong cost)
    {
        var h = Create(mode, 1000, (caller, _, _) => caller.Fuel += 500);
        Assert.Equal(2, h.Call1("f").AsI32);
        Assert.Equal(1000 - cost + 500, h.Store.Fuel);
        Assert.Equal(cost, h.Store.FuelConsumed);

        // Taking all of it: the rest of the block was paid, but the next function's entry is not.
        var starved = Create(mode, 1000, (caller, _, _) => caller.Fuel = 0);
        Assert.Equal(TrapCode.OutOfFuel, starved.Trap("then_call"));
        Assert.Equal(0UL, starved.Store.Fuel);
    }
}
