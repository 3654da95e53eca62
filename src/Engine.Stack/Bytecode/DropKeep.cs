namespace Replay.Engine.Stack.Bytecode;

/// <summary>
/// How a branch or return reshapes the value stack: the top <see cref="Keep"/> cells move down
/// over the <see cref="Drop"/> cells beneath them. Packed into an instruction's B immediate.
/// </summary>
internal readonly record struct DropKeep(int Drop, int Keep)
{
    public long Pack() => (long)(((ulong)(uint)Keep << 32) | (uint)Drop);

    public static DropKeep Unpack(long packed) => new((int)(uint)(ulong)packed, (int)(uint)((ulong)packed >> 32));
}
