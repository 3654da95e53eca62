namespace Replay.Wasm.Modules;

/// <summary>How a segment is used: copied at instantiation, kept for *.init, or only declaring references.</summary>
public enum SegmentMode : byte
{
    Active,
    Passive,
    Declarative,
}
