using Replay.Engines.Tests.Support;
using Replay.Soroban.Profile;
using Replay.Wasm;
using Replay.Wasm.Features;
using Replay.Wasm.Runtime;
using Replay.Wasm.Validation;

namespace Replay.Engines.Tests;

/// <summary>Soroban's configuration for each engine generation, and each engine under it.</summary>
public sealed class SorobanProfileTests
{
    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var variant in EngineCatalog.Variants)
            data.Add(variant.Name);
        return data;
    }

    private static IEngine Create(string variant)
    {
        var v = EngineCatalog.GetVariant(variant);
        return v.Engine.Create(SorobanProfile.Config(v.Engine.Generation, v.Mode));
    }

    [Fact]
    public void Each_generation_has_its_own_prices_and_limits_and_the_same_features()
    {
        var old = SorobanProfile.Config(EngineGeneration.Wasmi031);
        Assert.Equal((SorobanProfile.Features, CompilationMode.Eager, true), (old.Features, old.Mode, old.ConsumeFuel));
        Assert.Equal(new FuelCosts(1, 3, 2, 1, 67), old.FuelCosts);
        Assert.Same(WasmLimits.Wasmi031, old.Limits);

        var next = SorobanProfile.Config(EngineGeneration.Wasmi036, CompilationMode.Lazy);
        Assert.Equal((SorobanProfile.Features, CompilationMode.Lazy, true), (next.Features, next.Mode, next.ConsumeFuel));
        Assert.Equal(FuelCosts.Default, next.FuelCosts);
        Assert.Equal(WasmLimits.Wasmi031 with { Enforced = WasmiEnforcedLimits.Strict }, next.Limits);

        Assert.Throws<ArgumentException>(() => SorobanProfile.Config(EngineGeneration.Wasmi031, CompilationMode.Lazy));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Floats_are_invalid_on_every_engine(string variant)
    {
        var floats = Wat.ToWasm("(module (func (export \"f\") (result i32) (i32.reinterpret_f32 (f32.const 1))))");
        var engine = Create(variant);
        var message = engine.Config.Mode == CompilationMode.Lazy
            ? Assert.Throws<FunctionCompilationException>(() =>
            {
                // Lazy validates a body on its first call (after paying for its compilation).
                var store = engine.CreateStore();
                store.Fuel = 1000;
                store.Instantiate(engine.Compile(floats), new Linker()).GetFunction("f")!.Call([], new Value[1]);
            }).Message
            : Assert.Throws<WasmValidationException>(() => engine.Compile(floats)).Message;
        Assert.Contains("floating-point", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wasmi_036s_enforced_limits_apply_to_the_register_engine_only()
    {
        var globals = Wat.ToWasm("(module " + string.Concat(Enumerable.Repeat("(global i32 (i32.const 0))", 1001)) + ")");
        Assert.Equal(1001, Create("stack/Eager").Compile(globals).Module.Globals.Length);
        foreach (var variant in EngineCatalog.Variants.Where(v => v.Engine.Generation == EngineGeneration.Wasmi036))
            Assert.Equal("the Wasm module exceeds the limit of 1000 global variables",
                Assert.Throws<WasmValidationException>(() => Create(variant.Name).Compile(globals)).Rule);
    }

    [Fact]
    public void A_call_costs_67_under_wasmi_031_and_one_unit_under_wasmi_036()
    {
        // Two calls more: the stack engine (0.31) pays 67 per call, the register engine (0.36)
        // one unit per call instruction plus the callee's entry (its ConsumeFuel), on every mode.
        var wasm = Wat.ToWasm("""
            (module (func $nop)
              (func (export "one") (call $nop))
              (func (export "three") (call $nop) (call $nop) (call $nop)))
            """);
        ulong Extra(string variant)
        {
            var h = new EngineHarness(Create(variant), wasm, fuel: 1000);
            h.Call("one");
            h.Call("three"); // compiled (lazily) before measuring
            return h.FuelOf("three") - h.FuelOf("one");
        }
        Assert.Equal(2 * (67UL + 2), Extra("stack/Eager"));
        foreach (var variant in EngineCatalog.Variants.Where(v => v.Engine.Generation == EngineGeneration.Wasmi036))
            Assert.Equal(2 * (1UL + 2), Extra(variant.Name));
    }
}
