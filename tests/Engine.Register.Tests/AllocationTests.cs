using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Tests;

/// <summary>The hot paths allocate nothing: Wasm-to-Wasm calls, loops, memory access and host calls.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Running_calls_loops_memory_and_host_calls_allocates_nothing()
    {
        var h = new Harness("""
            (module
              (import "env" "inc" (func $inc (param i64) (result i64)))
              (memory 1)
              (func $sq (param i64) (result i64) (i64.mul (local.get 0) (local.get 0)))
              (func (export "work") (param $n i32) (result i64) (local $i i32) (local $acc i64)
                (loop $l
                  (i64.store (i32.const 8) (call $sq (i64.extend_i32_u (local.get $i))))
                  (local.set $acc (call $inc (i64.add (local.get $acc) (i64.load (i32.const 8)))))
                  (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $acc)))
            """, Harness.Metered(), (linker, store) =>
                linker.Define("env", "inc", store.CreateHostFunction(new FuncType([ValType.I64], [ValType.I64]),
                    (_, a, r) => r[0] = Value.I64(a[0].AsI64 + 1))), fuel: ulong.MaxValue / 2);
        var work = h.Instance.GetFunction("work")!;
        Value[] args = [Value.I32(10_000)];
        var results = new Value[1];
        work.Call(args, results);
        long before = GC.GetAllocatedBytesForCurrentThread();
        work.Call(args, results);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{allocated} bytes allocated for 10,000 iterations");
    }
}
