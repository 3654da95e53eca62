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

    [Fact]
    public void Deeply_nested_blocks_compile_and_run_without_recursion()
    {
        const int depth = 50_000;
        var code = new List<byte>();
        for (int i = 0; i < depth; i++)
            code.AddRange([0x02, 0x7F]); // block (result i32)
        code.AddRange([0x41, 0x01, 0x0C]); // i32.const 1, br
        code.AddRange(BinaryModule.Leb(depth / 2));
        code.AddRange(Enumerable.Repeat((byte)0x0B, depth + 1));
        var wasm = BinaryModule.SingleFunction(0x7F, BinaryModule.Locals(0, 0), [.. code]);
        var engine = new StackEngine(Harness.Metered());
        var store = engine.CreateStore();
        store.Fuel = 1_000;
        var instance = store.Instantiate(engine.Compile(wasm), new Linker());
        var results = new Value[1];
        instance.GetFunction("f")!.Call([], results);
        Assert.Equal(1, results[0].AsI32);
    }

    [Fact]
    public void Millions_of_locals_are_refused_when_compiled()
    {
        var wasm = BinaryModule.SingleFunction(0, BinaryModule.Locals(10_000_000, 0x7E), [0x0B]);
        var engine = new StackEngine(new EngineConfig());
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Throws<Replay.Wasm.Validation.WasmValidationException>(() => engine.Compile(wasm));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the locals must not be materialised");
    }

    [Theory]
    [InlineData(50_000u, true)]
    [InlineData(50_001u, false)]
    public void Locals_are_limited_as_Wasmi_0_31_validates(uint locals, bool accepted)
    {
        var wasm = BinaryModule.SingleFunction(0, BinaryModule.Locals(locals, 0x7F), [0x0B]);
        var engine = new StackEngine(new EngineConfig());
        if (accepted)
            engine.Compile(wasm);
        else
            Assert.Contains("locals", Assert.Throws<Replay.Wasm.Validation.WasmValidationException>(() => engine.Compile(wasm)).Message, StringComparison.Ordinal);
    }
}
