using Replay.Wasm.Types;

namespace Replay.Wasm.Validation;

/// <summary>One-element result lists for single-value block types, shared so typing a block allocates nothing.</summary>
internal static class SingleType
{
    private static readonly ValType[] I32 = [ValType.I32];
    private static readonly ValType[] I64 = [ValType.I64];
    private static readonly ValType[] F32 = [ValType.F32];
    private static readonly ValType[] F64 = [ValType.F64];
    private static readonly ValType[] V128 = [ValType.V128];
    private static readonly ValType[] FuncRef = [ValType.FuncRef];
    private static readonly ValType[] ExternRef = [ValType.ExternRef];

    public static ReadOnlySpan<ValType> Of(ValType type) => type switch
    {
        ValType.I32 => I32,
        ValType.I64 => I64,
        ValType.F32 => F32,
        ValType.F64 => F64,
        ValType.V128 => V128,
        ValType.FuncRef => FuncRef,
        ValType.ExternRef => ExternRef,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a value type"),
    };
}
