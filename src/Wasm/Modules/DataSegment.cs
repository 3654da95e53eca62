namespace Replay.Wasm.Modules;

/// <summary>A data segment: its bytes are a range of the module, not a copy.</summary>
public sealed record DataSegment(SegmentMode Mode, uint MemoryIndex, ConstExpr? OffsetExpr, ReadOnlyMemory<byte> Data)
{
    /// <summary>Offset of the first data byte in the module.</summary>
    public int DataOffset { get; init; }

    /// <summary>Offset of the segment in the module, for messages.</summary>
    public int Offset { get; init; }
}
