namespace Replay.Wasm.Runtime;

/// <summary>
/// Why execution trapped. The set and names follow Wasmi's trap codes, because the
/// network records Wasmi's classification and the diff compares ours against it.
/// </summary>
public enum TrapCode : byte
{
    UnreachableCodeReached,
    MemoryOutOfBounds,
    TableOutOfBounds,
    IndirectCallToNull,
    IntegerDivisionByZero,
    IntegerOverflow,
    BadConversionToInteger,
    StackOverflow,
    BadSignature,
    OutOfFuel,
    GrowthOperationLimited,
}

public static class TrapCodeExtensions
{
    /// <summary>
    /// The message the WebAssembly spec test suite expects for a trap of this code
    /// (assert_trap texts are matched by prefix).
    /// </summary>
    public static string SpecMessage(this TrapCode code) => code switch
    {
        TrapCode.UnreachableCodeReached => "unreachable",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.IndirectCallToNull => "uninitialized element",
        TrapCode.IntegerDivisionByZero => "integer divide by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.BadConversionToInteger => "invalid conversion to integer",
        TrapCode.StackOverflow => "call stack exhausted",
        TrapCode.BadSignature => "indirect call type mismatch",
        TrapCode.OutOfFuel => "all fuel consumed",
        TrapCode.GrowthOperationLimited => "growth operation limited",
        _ => code.ToString(),
    };
}
