using Replay.Wasm.Features;
using Replay.Wasm.Types;

namespace Replay.Wasm.Validation;

/// <summary>Which feature each value type needs, and the rule named when it is missing.</summary>
internal static class FeatureRules
{
    /// <summary>The rule a value type breaks under <paramref name="features"/>, or null if it is allowed.</summary>
    public static string? CheckValType(ValType type, WasmFeatures features) => type switch
    {
        ValType.I32 or ValType.I64 => null,
        ValType.F32 or ValType.F64 => features.Has(WasmFeatures.Floats) ? null : "floating-point support is disabled",
        ValType.FuncRef or ValType.ExternRef => features.Has(WasmFeatures.ReferenceTypes) ? null : "reference types support is not enabled",
        ValType.V128 => "SIMD support is not enabled",
        _ => "malformed value type",
    };

    /// <summary>Names the first missing feature of a set, for "… support is not enabled".</summary>
    public static string Describe(WasmFeatures missing)
    {
        for (int bit = 1; bit != 0; bit <<= 1)
        {
            var f = (WasmFeatures)bit;
            if (missing.Has(f)) return f.Describe();
        }
        return missing.ToString();
    }
}
