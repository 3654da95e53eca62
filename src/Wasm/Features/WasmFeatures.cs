namespace Replay.Wasm.Features;

/// <summary>
/// The optional WebAssembly features a module may use. The empty set is the integer part of
/// the MVP; <see cref="Floats"/> adds the MVP's floating-point types and instructions.
/// Decoding never depends on these flags: the validator rejects what a profile switches off,
/// so an error names the feature instead of looking like garbage bytes.
/// </summary>
[Flags]
public enum WasmFeatures
{
    /// <summary>Integer-only MVP.</summary>
    None = 0,

    /// <summary>Import and export of mutable globals.</summary>
    MutableGlobal = 1 << 0,

    /// <summary>i32.extend8_s and friends.</summary>
    SignExtension = 1 << 1,

    /// <summary>Several results per function and block, and block parameters.</summary>
    MultiValue = 1 << 2,

    /// <summary>memory.copy/fill/init, data.drop, table.init/copy, elem.drop, passive segments, data count.</summary>
    BulkMemory = 1 << 3,

    /// <summary>funcref/externref values, several tables, table.get/set/grow/size/fill, ref.* and typed select.</summary>
    ReferenceTypes = 1 << 4,

    /// <summary>The non-trapping float-to-int conversions (0xFC 0..7).</summary>
    SaturatingFloatToInt = 1 << 5,

    /// <summary>The MVP's f32/f64 types and instructions.</summary>
    Floats = 1 << 6,

    /// <summary>Everything the engines implement: the full MVP with floats and every proposal above.</summary>
    Spec = MutableGlobal | SignExtension | MultiValue | BulkMemory | ReferenceTypes | SaturatingFloatToInt | Floats,
}

/// <summary>Queries on <see cref="WasmFeatures"/> without the boxing <see cref="Enum.HasFlag"/> may cost.</summary>
public static class WasmFeaturesExtensions
{
    public static bool Has(this WasmFeatures set, WasmFeatures feature) => (set & feature) == feature;

    /// <summary>The phrase used in "… support is not enabled" errors.</summary>
    public static string Describe(this WasmFeatures feature) => feature switch
    {
        WasmFeatures.MutableGlobal => "mutable global",
        WasmFeatures.SignExtension => "sign extension",
        WasmFeatures.MultiValue => "multi-value",
        WasmFeatures.BulkMemory => "bulk memory",
        WasmFeatures.ReferenceTypes => "reference types",
        WasmFeatures.SaturatingFloatToInt => "saturating float-to-int",
        WasmFeatures.Floats => "floating-point",
        _ => feature.ToString(),
    };
}
