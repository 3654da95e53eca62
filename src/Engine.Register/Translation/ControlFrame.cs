using Replay.Wasm.Binary;

namespace Replay.Engine.Register.Translation;

internal enum FrameKind : byte
{
    Function,
    Block,
    Loop,
    If,
    Else,
}

/// <summary>
/// A control frame of the translator (wasmi keeps one per Wasm block too). A branch to it
/// copies its label values into the registers of stack positions <see cref="Height"/> and up,
/// then jumps to <see cref="Label"/>: the end for blocks and ifs, the header for loops.
/// </summary>
internal struct ControlFrame
{
    public FrameKind Kind;
    public BlockType Type;

    /// <summary>Operand stack height below the frame's parameters.</summary>
    public int Height;

    public int ParamCount;
    public int ResultCount;

    /// <summary>Where branches go: the end label, or the loop header.</summary>
    public int Label;

    /// <summary>For if: the label of the else branch (or the implicit one), -1 when the condition was constant.</summary>
    public int ElseLabel;

    /// <summary>Whether code before this frame was reachable; an unreachable frame only tracks nesting.</summary>
    public bool Reachable;

    /// <summary>For an if with a constant condition: which branch is live (then when true).</summary>
    public bool ConstCondition;
    public bool ConstConditionValue;

    /// <summary>Whether the end of the frame is reached by fallthrough or a branch.</summary>
    public bool EndReachable;

    /// <summary>Index of the ConsumeFuel instruction charged for this frame's code, or -1.</summary>
    public int FuelInstr;

    /// <summary>For if: where its parameters were saved, to restore them for else.</summary>
    public int SavedParamsStart;

    public readonly int LabelArity => Kind == FrameKind.Loop ? ParamCount : ResultCount;
}
