using Replay.Engine.Stack.Tests.Support;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Stack.Tests;

/// <summary>Calls between Wasm, host functions and other instances.</summary>
public sealed class HostCallTests
{
    private static readonly FuncType I64ToI64 = new([ValType.I64], [ValType.I64]);

    private const string CallsHostInALoop = """
        (module (import "env" "inc" (func $inc (param i64) (result i64)))
          (func (export "run") (param i64) (result i64) (local i64)
            (loop
              (local.set 1 (call $inc (local.get 1)))
              (br_if 0 (i64.lt_u (local.get 1) (local.get 0))))
            local.get 1))
        """;

    [Fact]
    public void I64_host_calls_allocate_nothing()
    {
        var h = new Harness(CallsHostInALoop, imports: (linker, store) =>
            linker.Define("env", "inc", store.CreateHostFunction(I64ToI64, (_, args, results) => results[0] = Value.I64(args[0].AsI64 + 1))));
        var run = h.Instance.GetFunction("run")!;
        Span<Value> args = [Value.I64(100)];
        Span<Value> results = [default];
        run.Call(args, results); // warm up: JIT, the pooled execution stack

        args[0] = Value.I64(10_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        run.Call(args, results);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10_000, results[0].AsI64);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Host_sees_the_calling_instance_exports_and_its_state()
    {
        object state = new();
        var engine = new StackEngine(new EngineConfig());
        var store = engine.CreateStore(state);
        var linker = new Linker();
        linker.Define("env", "peek", store.CreateHostFunction(new FuncType([ValType.I32], [ValType.I32]), (caller, args, results) =>
        {
            Assert.Same(state, caller.HostState);
            var memory = (IMemory)caller.GetExport("memory")!;
            results[0] = Value.I32(memory.Bytes[args[0].AsI32]);
        }));
        var module = engine.Compile(Wat.ToWasm("""
            (module (import "env" "peek" (func $peek (param i32) (result i32)))
              (memory (export "memory") 1) (data (i32.const 3) "\2a")
              (func (export "f") (result i32) (call $peek (i32.const 3))))
            """));
        var instance = store.Instantiate(module, linker);
        var results = new Value[1];
        instance.GetFunction("f")!.Call([], results);
        Assert.Equal(42, results[0].AsI32);
    }

    private sealed class HostFailure : Exception
    {
        public HostFailure() : base("host says no") { }
    }

    [Fact]
    public void Host_exception_propagates_unchanged_and_fuel_is_kept()
    {
        var h = new Harness("""
            (module (import "env" "fail" (func $fail))
              (func (export "f") i32.const 1 drop call $fail))
            """, Harness.Metered(), (linker, store) =>
            linker.Define("env", "fail", store.CreateHostFunction(FuncType.Empty, (_, _, _) => throw new HostFailure())), fuel: 1000);
        Assert.Throws<HostFailure>(() => h.Call("f"));
        // entry 1 + const 1 + drop 1 + call 67 + return 1, charged in advance.
        Assert.Equal(71ul, h.Store.FuelConsumed);
        Assert.Throws<HostFailure>(() => h.Call("f"));
        Assert.Equal(142ul, h.Store.FuelConsumed);
    }

    [Fact]
    public void Host_can_call_back_into_wasm()
    {
        IFunction? square = null;
        var h = new Harness("""
            (module (import "env" "twice" (func $twice (param i64) (result i64)))
              (func (export "square") (param i64) (result i64) (i64.mul (local.get 0) (local.get 0)))
              (func (export "f") (param i64) (result i64) (call $twice (local.get 0))))
            """, imports: (linker, store) => linker.Define("env", "twice", store.CreateHostFunction(I64ToI64, (_, args, results) =>
            {
                Span<Value> r = [default];
                square!.Call(args, r);
                results[0] = Value.I64(2 * r[0].AsI64);
            })));
        square = h.Instance.GetFunction("square");
        Assert.Equal(98, h.Call1("f", Value.I64(7)).AsI64);
    }

    [Fact]
    public void Calls_between_instances_use_the_callee_instance_memory()
    {
        var engine = new StackEngine(new EngineConfig());
        var store = engine.CreateStore();
        var linker = new Linker();
        var a = store.Instantiate(engine.Compile(Wat.ToWasm("""
            (module (memory 1) (data (i32.const 0) "\07")
              (func (export "read") (result i32) (i32.load8_u (i32.const 0))))
            """)), linker);
        linker.DefineInstance("a", a);
        var b = store.Instantiate(engine.Compile(Wat.ToWasm("""
            (module (import "a" "read" (func $read (result i32)))
              (memory 1) (data (i32.const 0) "\05")
              (func (export "both") (result i32) (i32.add (call $read) (i32.load8_u (i32.const 0)))))
            """)), linker);
        var results = new Value[1];
        b.GetFunction("both")!.Call([], results);
        Assert.Equal(12, results[0].AsI32);
    }

    [Fact]
    public void Call_indirect_checks_bounds_null_and_signature()
    {
        var h = new Harness("""
            (module (type $v (func (result i32))) (type $i (func (param i32) (result i32)))
              (table 3 funcref) (elem (i32.const 0) $seven $id)
              (func $seven (result i32) i32.const 7)
              (func $id (param i32) (result i32) local.get 0)
              (func (export "call") (param i32) (result i32) (call_indirect (type $v) (local.get 0))))
            """);
        Assert.Equal(7, h.Call1("call", Value.I32(0)).AsI32);
        Assert.Equal(TrapCode.BadSignature, h.Trap("call", Value.I32(1)));
        Assert.Equal(TrapCode.IndirectCallToNull, h.Trap("call", Value.I32(2)));
        Assert.Equal(TrapCode.TableOutOfBounds, h.Trap("call", Value.I32(3)));
    }

    [Fact]
    public void Call_indirect_reaches_host_functions_of_the_same_signature()
    {
        var h = new Harness("""
            (module (import "env" "inc" (func $inc (param i64) (result i64)))
              (type $t (func (param i64) (result i64)))
              (table 1 funcref) (elem (i32.const 0) $inc)
              (func (export "f") (param i64) (result i64) (call_indirect (type $t) (local.get 0) (i32.const 0))))
            """, imports: (linker, store) =>
            linker.Define("env", "inc", store.CreateHostFunction(I64ToI64, (_, args, results) => results[0] = Value.I64(args[0].AsI64 + 1))));
        Assert.Equal(42, h.Call1("f", Value.I64(41)).AsI64);
    }

    [Fact]
    public void Mistyped_arguments_are_refused_before_running()
    {
        var h = new Harness("(module (func (export \"f\") (param i64)))");
        Assert.Throws<ArgumentException>(() => h.Call("f", Value.I32(1)));
        Assert.Throws<ArgumentException>(() => h.Call("f"));
    }
}

/// <summary>
/// The fuel a host function sees and leaves, pinned to Wasmi 0.31's order: a basic block is
/// paid in full when it is entered, so the call's price (and everything else in its block, even
/// after the call) is gone before the host function runs, and nothing is charged at the call.
/// </summary>
public sealed class HostCallFuelTests
{
    // Soroban's 0.31 prices: body 1 + i32.const 1 + drop 1 + call 67 + i32.const 1 + return 1.
    private const ulong BlockCost = 72;

    private const string Module = """
        (module (import "env" "probe" (func $probe))
          (func $next)
          (func (export "f") (result i32) i32.const 1 drop call $probe i32.const 2)
          (func (export "then_call") call $probe call $next))
        """;

    private static Harness Create(ulong fuel, HostFunc probe) =>
        new(Module, Harness.Metered(), (linker, store) => linker.Define("env", "probe", store.CreateHostFunction(FuncType.Empty, probe)), fuel);

    [Fact]
    public void The_host_sees_the_fuel_left_after_its_whole_block_was_paid()
    {
        var seen = new List<ulong>();
        var h = Create(1000, (caller, _, _) => seen.Add(caller.Fuel));
        Assert.Equal(2, h.Call1("f").AsI32);
        Assert.Equal([1000 - BlockCost], seen);
        Assert.Equal(1000 - BlockCost, h.Store.Fuel);
    }

    [Fact]
    public void A_block_one_unit_short_traps_before_the_host_runs()
    {
        int calls = 0;
        var h = Create(BlockCost - 1, (_, _, _) => calls++);
        Assert.Equal(TrapCode.OutOfFuel, h.Trap("f"));
        Assert.Equal(0, calls);
        Assert.Equal(BlockCost - 1, h.Store.Fuel);

        var exact = Create(BlockCost, (caller, _, _) => Assert.Equal(0UL, caller.Fuel));
        Assert.Equal(2, exact.Call1("f").AsI32);
    }

    [Fact]
    public void Fuel_the_host_adds_or_removes_is_what_execution_resumes_with()
    {
        var h = Create(1000, (caller, _, _) => caller.Fuel += 500);
        Assert.Equal(2, h.Call1("f").AsI32);
        Assert.Equal(1000 - BlockCost + 500, h.Store.Fuel);
        Assert.Equal(BlockCost, h.Store.FuelConsumed);

        // Taking all of it: the rest of the block was paid, but the next function's entry is not.
        var starved = Create(1000, (caller, _, _) => caller.Fuel = 0);
        Assert.Equal(TrapCode.OutOfFuel, starved.Trap("then_call"));
        Assert.Equal(0UL, starved.Store.Fuel);
    }
}
