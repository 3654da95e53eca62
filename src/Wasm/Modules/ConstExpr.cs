using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>What a constant expression consists of, as far as the decoder could tell.</summary>
public enum ConstExprKind : byte
{
    I32Const,
    I64Const,
    F32Const,
    F64Const,
    GlobalGet,
    RefNull,
    RefFunc,

    /// <summary>Contains an instruction that is not constant; the validator reports "constant expression required".</summary>
    NonConstant,

    /// <summary>Only constant instructions, but not exactly one; the validator reports "type mismatch".</summary>
    WrongArity,
}

/// <summary>
/// A decoded constant expression (global initialiser, segment offset, element item). Without
/// extended-const a valid one is a single instruction, so it is kept in decoded form and an
/// engine evaluates it without re-reading bytes. The byte range (including the final end) stays
/// available for messages.
/// </summary>
/// <param name="Kind">The instruction.</param>
/// <param name="Bits">The constant's bit pattern for the *.const kinds (floats as raw bits).</param>
/// <param name="Index">The global index (global.get) or function index (ref.func).</param>
/// <param name="RefType">The reference type of ref.null.</param>
/// <param name="Offset">Offset of the first instruction in the module.</param>
/// <param name="Length">Length in bytes, including the end opcode.</param>
/// <param name="FaultOffset">For NonConstant/WrongArity: offset of the offending instruction.</param>
public readonly record struct ConstExpr(
    ConstExprKind Kind, ulong Bits, uint Index, ValType RefType, int Offset, int Length, int FaultOffset)
{
    /// <summary>The type the expression produces; meaningful for the valid kinds except GlobalGet (depends on the global).</summary>
    public ValType ConstType => Kind switch
    {
        ConstExprKind.I32Const => ValType.I32,
        ConstExprKind.I64Const => ValType.I64,
        ConstExprKind.F32Const => ValType.F32,
        ConstExprKind.F64Const => ValType.F64,
        ConstExprKind.RefNull => RefType,
        ConstExprKind.RefFunc => ValType.FuncRef,
        _ => default,
    };

    public int I32 => (int)Bits;
    public long I64 => (long)Bits;
}
