using Replay.Wasm.Binary;

namespace Replay.Wasm.Validation;

/// <summary>What opened a control frame; decides its label's types and how else/end treat it.</summary>
public enum FrameKind : byte
{
    /// <summary>The function body itself (frame 0); its label is the function's results.</summary>
    Function,
    Block,
    Loop,
    If,
    Else,
}

/// <summary>
/// One entry of the validator's control stack, as the spec's algorithm defines it: the operand
/// stack height at entry, whether the rest of the frame is unreachable, and the block type.
/// </summary>
public readonly record struct ControlFrame(FrameKind Kind, BlockType Type, int Height, bool Unreachable);
