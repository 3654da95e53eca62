using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Features;
using Replay.Wasm.Runtime;
using Replay.Wasm.Validation;

namespace Replay.Engine.Register.Tests;

/// <summary>What the engine configuration decides, and nothing else does.</summary>
public sealed class ConfigurationTests
{
    private static readonly byte[] ThousandAndOneGlobals =
        Wat.ToWasm("(module " + string.Concat(Enumerable.Repeat("(global i32 (i32.const 0))", 1001)) + ")");

    [Fact]
    public void Validator_limits_come_from_the_configuration_whatever_the_features()
    {
        // All features, Wasmi's strict enforced limits: refused.
        var strict = new RegisterEngine(new EngineConfig { Limits = WasmLimits.Wasmi031 with { Enforced = WasmiEnforcedLimits.Strict } });
        var e = Assert.Throws<WasmValidationException>(() => strict.Compile(ThousandAndOneGlobals));
        Assert.Equal("the Wasm module exceeds the limit of 1000 global variables", e.Rule);

        // Soroban's feature set without enforced limits (the default): accepted.
        var plain = new RegisterEngine(new EngineConfig { Features = WasmFeatures.MutableGlobal | WasmFeatures.SignExtension | WasmFeatures.BulkMemory });
        Assert.Equal(1001, plain.Compile(ThousandAndOneGlobals).Module.Globals.Length);
    }

    [Fact]
    public void The_default_limits_are_wasmparsers()
    {
        Assert.Same(WasmLimits.Wasmi031, new EngineConfig().Limits);
        var tooManyLocals = Wat.ToWasm("(module (func (local i32 i32 i32 i32)))");
        var tight = new RegisterEngine(new EngineConfig { Limits = WasmLimits.Wasmi031 with { MaxFunctionLocals = 3 } });
        Assert.Equal("too many locals: locals exceed maximum", Assert.Throws<WasmValidationException>(() => tight.Compile(tooManyLocals)).Rule);
        Assert.Equal(1, new RegisterEngine(new EngineConfig()).Compile(tooManyLocals).Module.Bodies.Length);
    }
}
