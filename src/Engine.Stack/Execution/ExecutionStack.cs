namespace Replay.Engine.Stack.Execution;

/// <summary>
/// The value stack (64-bit cells) and the frame stack of one call from the embedder. Both
/// grow on demand up to the configured limits; the limits themselves are enforced by the
/// executor at function entry, where Wasmi 0.31 enforces them.
/// </summary>
internal sealed class ExecutionStack(int maxValueCells, int maxCallDepth)
{
    public ulong[] Values { get; private set; } = new ulong[Math.Min(1024, maxValueCells)];

    public Frame[] Frames { get; private set; } = new Frame[Math.Min(64, Math.Max(1, maxCallDepth))];

    /// <summary>Makes room for <paramref name="cells"/> cells (already checked against the limit).</summary>
    public ulong[] GrowValues(int cells)
    {
        var grown = new ulong[Math.Min(Math.Max(cells, Values.Length * 2), Math.Max(cells, maxValueCells))];
        Values.AsSpan().CopyTo(grown);
        Values = grown;
        return grown;
    }

    public Frame[] GrowFrames()
    {
        var grown = new Frame[Math.Max(Frames.Length * 2, 1)];
        Frames.AsSpan().CopyTo(grown);
        Frames = grown;
        return grown;
    }

    /// <summary>Forgets the instances the frames referenced.</summary>
    public void Reset() => Array.Clear(Frames);
}
