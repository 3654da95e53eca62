using Replay.Engine.Stack.Tests.Support;
using Replay.Wasm.Features;
using Replay.Wasm.Runtime;
using Replay.Wasm.Validation;

namespace Replay.Engine.Stack.Tests;

/// <summary>The stack engine takes its validator limits from the configuration, and only those Wasmi 0.31 has.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void Validator_limits_come_from_the_configuration()
    {
        var fourLocals = Wat.ToWasm("(module (func (local i32 i32 i32 i32)))");
        var tight = new StackEngine(new EngineConfig { Limits = WasmLimits.Wasmi031 with { MaxFunctionLocals = 3 } });
        var e = Assert.Throws<WasmValidationException>(() => tight.Compile(fourLocals));
        Assert.Equal("too many locals: locals exceed maximum", e.Rule);
        Assert.Equal(1, new StackEngine(new EngineConfig()).Compile(fourLocals).Module.Bodies.Length);
    }

    [Fact]
    public void Wasmi_enforced_limits_are_refused_because_wasmi_031_has_none()
    {
        var config = new EngineConfig { Limits = WasmLimits.Wasmi031 with { Enforced = WasmiEnforcedLimits.Strict } };
        var e = Assert.Throws<NotSupportedException>(() => new StackEngine(config));
        Assert.Contains("no enforced limits", e.Message, StringComparison.Ordinal);
    }
}
