using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>
/// An element segment. Every item is a constant expression: the index-list encodings
/// (flags 0-3) decode to <see cref="ConstExprKind.RefFunc"/> items so engines handle one form.
/// </summary>
public sealed record ElementSegment(
    SegmentMode Mode,
    uint TableIndex,
    ConstExpr? OffsetExpr,
    ValType ElementType,
    System.Collections.Immutable.ImmutableArray<ConstExpr> Items)
{
    /// <summary>The encoding flags (0..7) as read; post-MVP encodings need a feature.</summary>
    public uint Flags { get; init; }

    /// <summary>Whether the items were encoded as constant expressions (flags 4-7) rather than function indices.</summary>
    public bool UsesExpressions => (Flags & 4) != 0;

    /// <summary>Offset of the segment in the module, for messages.</summary>
    public int Offset { get; init; }
}
