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
