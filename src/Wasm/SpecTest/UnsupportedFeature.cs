using Replay.Wasm.Binary;

namespace Replay.Wasm.SpecTest;

/// <summary>
/// Recognises commands that need a WebAssembly proposal no engine of ours implements, so the
/// runner can skip them under a named reason instead of failing. Deliberately conservative:
/// anything not positively identified as such a proposal is run, and fails if it fails.
/// </summary>
public static class UnsupportedFeature
{
    public const string Simd = "SIMD";
    public const string RelaxedSimd = "relaxed SIMD";
    public const string Threads = "threads";
    public const string Gc = "GC";
    public const string Exceptions = "exceptions";
    public const string Memory64 = "memory64";
    public const string MultiMemory = "multi-memory";
    public const string TailCalls = "tail calls";
    public const string ExtendedConst = "extended-const";
    public const string FunctionReferences = "function-references";

    /// <summary>Skip reason for assertions on modules in the text format: they test a text parser, which we do not have.</summary>
    public const string TextModule = "text-format module";

    /// <summary>The proposal a JSON value type belongs to, or null when it is not one we know to be unsupported.</summary>
    public static string? ForValueType(string typeName) => typeName switch
    {
        "v128" => Simd,
        "either" => RelaxedSimd,
        "exnref" => Exceptions,
        "anyref" or "eqref" or "i31ref" or "structref" or "arrayref" or "nullref" or "nullfuncref" or "nullexternref" => Gc,
        _ => null,
    };

    /// <summary>
    /// Why a module that the front end rejected may be using an unsupported proposal: looked for
    /// in the module's sections first (types, limits, section ids), then in the opcode the
    /// front end refused. Null means "not recognised": the rejection is a real failure.
    /// </summary>
    public static string? ForRejectedModule(ReadOnlySpan<byte> wasm, WasmFrontEndException rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var structural = ModuleProbe.Find(wasm);
        if (structural is not null)
            return structural;
        return rejection switch
        {
            { Rule: "illegal opcode", Detail: { } opcode } => ForOpcode(opcode),
            // The validator names v128 in bodies (locals, block types) this way; the probe does not read code.
            { Rule: var rule } when rule.StartsWith(Simd, StringComparison.Ordinal) => Simd,
            _ => null,
        };
    }

    /// <summary>Maps the front end's "illegal opcode" detail ("0xfd", "0x12", ...) to the proposal that defines it.</summary>
    internal static string? ForOpcode(string detail)
    {
        var first = detail.Split(' ')[0];
        return first switch
        {
            "0xfd" => Simd,
            "0xfe" => Threads,
            "0xfb" => Gc,
            "0x12" or "0x13" => TailCalls,
            "0x06" or "0x07" or "0x08" or "0x09" or "0x0a" or "0x18" or "0x19" or "0x1f" => Exceptions,
            "0x14" or "0x15" or "0xd3" or "0xd4" or "0xd5" or "0xd6" => FunctionReferences,
            _ => null,
        };
    }
}
