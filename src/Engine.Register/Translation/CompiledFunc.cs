using Replay.Engine.Register.Ir;

namespace Replay.Engine.Register.Translation;

/// <summary>
/// A translated function body: its instructions (in a pinned array, so the executor can run
/// them through a pointer that stays valid while other functions are compiled lazily) and the
/// frame shape the caller must provide.
/// </summary>
internal sealed class CompiledFunc
{
    public CompiledFunc(Instr[] code, int frameSize, int paramCount, int resultCount)
    {
        Code = code;
        FrameSize = frameSize;
        ParamCount = paramCount;
        ResultCount = resultCount;
    }

    /// <summary>Pinned (allocated on the pinned object heap).</summary>
    public Instr[] Code { get; }

    /// <summary>Registers in a frame: parameters, locals, temporaries (at least the result count).</summary>
    public int FrameSize { get; }

    public int ParamCount { get; }

    public int ResultCount { get; }

    /// <summary>Registers after the parameters that start as zero (the declared locals).</summary>
    public int LocalCount { get; init; }
}
