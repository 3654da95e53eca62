using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Runtime;

public sealed class StoreAndValueTests
{
    [Fact]
    public void Fuel_consumed_accumulates_across_refills()
    {
        var store = new TestStore(new EngineConfig { ConsumeFuel = true });
        store.Fuel = 100;
        store.RemainingFuel -= 30; // what an interpreter writes back
        Assert.Equal(30UL, store.FuelConsumed);
        store.Fuel = 50;
        store.RemainingFuel -= 5;
        Assert.Equal(35UL, store.FuelConsumed);
        Assert.Equal(45UL, store.Fuel);
        store.ResetFuelConsumed();
        Assert.Equal(0UL, store.FuelConsumed);
    }

    [Fact]
    public void Fuel_queries_fail_when_metering_is_off()
    {
        var store = new TestStore();
        Assert.Throws<InvalidOperationException>(() => store.Fuel);
        Assert.Throws<InvalidOperationException>(() => store.Fuel = 1);
    }

    [Fact]
    public void Function_handles_are_never_null_and_resolve_back()
    {
        var store = new TestStore();
        var f = store.CreateHostFunction(FuncType.Empty, (_, _, _) => { });
        var g = store.CreateHostFunction(FuncType.Empty, (_, _, _) => { });
        var hf = store.RegisterFunction(f);
        var hg = store.RegisterFunction(g);
        Assert.NotEqual(0UL, hf);
        Assert.NotEqual(hf, hg);
        Assert.Same(f, store.FunctionOf(hf));
        Assert.Same(g, store.FunctionOf(hg));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.FunctionOf(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.FunctionOf(99));
    }

    [Fact]
    public void Immutable_globals_cannot_be_set_and_types_are_checked()
    {
        var store = new TestStore();
        var constant = store.CreateGlobal(new GlobalType(ValType.I32, false), Value.I32(666));
        Assert.Equal(666, constant.Value.AsI32);
        Assert.Throws<InvalidOperationException>(() => constant.Value = Value.I32(1));
        var variable = store.CreateGlobal(new GlobalType(ValType.I64, true), Value.I64(-1));
        variable.Value = Value.I64(long.MinValue);
        Assert.Equal(long.MinValue, variable.Value.AsI64);
        Assert.Throws<ArgumentException>(() => variable.Value = Value.I32(1));
        Assert.Throws<ArgumentException>(() => store.CreateGlobal(new GlobalType(ValType.F32, false), Value.I32(0)));
    }

    [Fact]
    public void Values_keep_float_bits_and_externref_payloads_exactly()
    {
        var nan = Value.F32Bits(0x7fa0_0001);
        Assert.Equal(0x7fa0_0001UL, nan.Bits);
        Assert.Equal(0x8000_0000_0000_0000UL, Value.F64(-0.0).Bits);
        Assert.Equal(0UL, Value.ExternRef(0).ExternPayload);
        Assert.False(Value.ExternRef(0).IsNull);
        Assert.True(Value.NullRef(ValType.ExternRef).IsNull);
        Assert.Equal(-1, Value.I32(-1).AsI32);
        Assert.Equal(0xFFFF_FFFFUL, Value.I32(-1).Bits);
    }

    [Fact]
    public void Import_matching_follows_limits_subtyping()
    {
        Assert.True(ImportMatcher.LimitsMatch(new Limits(2, 3), new Limits(1, 4)));
        Assert.True(ImportMatcher.LimitsMatch(new Limits(2, null), new Limits(1, null)));
        Assert.False(ImportMatcher.LimitsMatch(new Limits(2, null), new Limits(1, 4)));
        Assert.False(ImportMatcher.LimitsMatch(new Limits(0, 3), new Limits(1, 4)));
        Assert.False(ImportMatcher.LimitsMatch(new Limits(2, 5), new Limits(1, 4)));
    }

    [Fact]
    public void The_linker_resolves_definitions_and_registered_instances_and_reports_unknown_imports()
    {
        var store = new TestStore();
        var linker = new Linker();
        var memory = store.CreateMemory(new MemoryType(new Limits(1, 2)));
        linker.Define("env", "memory", memory);
        Assert.Same(memory, ImportMatcher.Resolve(linker, "env", "memory"));
        var e = Assert.Throws<LinkException>(() => ImportMatcher.Resolve(linker, "env", "nope"));
        Assert.Contains("unknown import", e.Message, StringComparison.Ordinal);
        var mismatch = Assert.Throws<LinkException>(() => ImportMatcher.Memory(memory, new MemoryType(new Limits(2, null)), "env", "memory"));
        Assert.Contains("incompatible import type", mismatch.Message, StringComparison.Ordinal);
        Assert.Throws<LinkException>(() => ImportMatcher.Function(memory, FuncType.Empty, "env", "memory"));
    }
}
