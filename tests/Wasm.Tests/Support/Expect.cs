using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Modules;
using Replay.Wasm.Validation;

namespace Replay.Wasm.Tests.Support;

/// <summary>Assertions that a module is accepted, or rejected for a named rule.</summary>
internal static class Expect
{
    /// <summary>Decodes and fully validates; returns the module.</summary>
    public static WasmModule Valid(byte[] bytes, WasmFeatures features = WasmFeatures.Spec)
    {
        var m = ModuleDecoder.Decode(bytes, features);
        ModuleValidator.Validate(m, features, validateBodies: true);
        return m;
    }

    public static WasmDecodeException Malformed(byte[] bytes, string rule, WasmFeatures features = WasmFeatures.Spec)
    {
        var ex = Assert.Throws<WasmDecodeException>(() => Valid(bytes, features));
        Assert.Equal(rule, ex.Rule);
        return ex;
    }

    public static WasmValidationException Invalid(byte[] bytes, string rule, WasmFeatures features = WasmFeatures.Spec)
    {
        var ex = Assert.Throws<WasmValidationException>(() => Valid(bytes, features));
        Assert.Equal(rule, ex.Rule);
        return ex;
    }

    public static WasmModule Valid(TestModule m, WasmFeatures features = WasmFeatures.Spec) => Valid(m.ToBytes(), features);

    public static WasmValidationException Invalid(TestModule m, string rule, WasmFeatures features = WasmFeatures.Spec) =>
        Invalid(m.ToBytes(), rule, features);

    public static WasmDecodeException Malformed(TestModule m, string rule, WasmFeatures features = WasmFeatures.Spec) =>
        Malformed(m.ToBytes(), rule, features);
}
