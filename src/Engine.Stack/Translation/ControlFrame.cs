namespace Replay.Engine.Stack.Translation;

internal enum FrameKind : byte
{
    Block,
    Loop,
    If,

    /// <summary>Opened in unreachable code: nothing inside is translated.</summary>
    Unreachable,
}

/// <summary>
/// A block being translated. Mirrors Wasmi 0.31's control frames, including its notion of
/// reachability (a frame entered reachably makes the code after its end reachable again, even
/// when no branch targets it), because that notion decides which instructions get charged fuel.
/// </summary>
internal struct ControlFrame
{
    public FrameKind Kind;

    /// <summary>For <see cref="FrameKind.Unreachable"/>: which construct it stands for.</summary>
    public FrameKind Construct;

    public int Params;
    public int Results;

    /// <summary>Operand stack height below the block's parameters.</summary>
    public int Height;

    /// <summary>Branch destination: the loop head, or the end label of a block or if.</summary>
    public int Label;

    /// <summary>For an <c>if</c>: where the else arm (or the end) begins.</summary>
    public int ElseLabel;

    /// <summary>For an <c>if</c>: its else arm has been seen, so <see cref="ElseLabel"/> is placed.</summary>
    public bool ElseSeen;

    /// <summary>The ConsumeFuel instruction this block's costs are added to, or -1 without fuel metering.</summary>
    public int FuelInstr;

    /// <summary>Values a branch to this frame carries: a loop's parameters, otherwise its results.</summary>
    public readonly int BranchArity => Kind == FrameKind.Loop ? Params : Results;
}
