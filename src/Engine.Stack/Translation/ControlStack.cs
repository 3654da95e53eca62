namespace Replay.Engine.Stack.Translation;

/// <summary>The open blocks of the function being translated; reused across functions.</summary>
internal sealed class ControlStack
{
    private ControlFrame[] _frames = new ControlFrame[16];

    public int Count { get; private set; }

    public ref ControlFrame Top => ref _frames[Count - 1];

    /// <summary>The frame a branch of relative depth <paramref name="depth"/> targets (0 = innermost).</summary>
    public ref ControlFrame NthBack(uint depth) => ref _frames[Count - 1 - (int)depth];

    public void Push(in ControlFrame frame)
    {
        if (Count == _frames.Length)
            Array.Resize(ref _frames, Count * 2);
        _frames[Count++] = frame;
    }

    public ControlFrame Pop() => _frames[--Count];

    public void Clear() => Count = 0;
}
