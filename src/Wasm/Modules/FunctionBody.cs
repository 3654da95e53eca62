using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>A run of locals of one type, as declared: (count, type).</summary>
public readonly record struct LocalDecl(uint Count, ValType Type);

/// <summary>
/// A defined function's body as a byte range of the module, with its local declarations decoded
/// (when first asked for, by <see cref="FunctionBodies"/>); the instructions are left for an
/// engine to validate and translate when it wants to (lazy compilation).
/// </summary>
/// <param name="FunctionIndex">Index in the function index space (imports first).</param>
/// <param name="Offset">Offset of the body (after its size) in the module.</param>
/// <param name="Length">Body length in bytes (local declarations and code).</param>
/// <param name="CodeOffset">Offset of the first instruction in the module.</param>
/// <param name="Locals">The declared (non-parameter) locals.</param>
/// <param name="LocalCount">Total of the declared locals' counts.</param>
public sealed record FunctionBody(
    int FunctionIndex,
    int Offset,
    int Length,
    int CodeOffset,
    System.Collections.Immutable.ImmutableArray<LocalDecl> Locals,
    long LocalCount)
{
    /// <summary>Length of the instruction bytes.</summary>
    public int CodeLength => Offset + Length - CodeOffset;
}
