using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>How a segment is used: copied at instantiation, kept for *.init, or only declaring references.</summary>
public enum SegmentMode : byte
{
    Active,
    Passive,
    Declarative,
}

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

    /// <summary>Offset of the segment in the module, for messages.</summary>
    public int Offset { get; init; }
}

/// <summary>A data segment: its bytes are a range of the module, not a copy.</summary>
public sealed record DataSegment(SegmentMode Mode, uint MemoryIndex, ConstExpr? OffsetExpr, ReadOnlyMemory<byte> Data)
{
    /// <summary>Offset of the first data byte in the module.</summary>
    public int DataOffset { get; init; }

    /// <summary>Offset of the segment in the module, for messages.</summary>
    public int Offset { get; init; }
}

/// <summary>A custom section: its name and where its payload lies in the module.</summary>
public sealed record CustomSection(string Name, int Offset, int Length, ReadOnlyMemory<byte> Data);
