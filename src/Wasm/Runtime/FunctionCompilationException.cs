namespace Replay.Wasm.Runtime;

/// <summary>
/// A function body that failed validation or translation when it was compiled lazily, on
/// its first call. Distinct from a trap: the module was invalid, execution did nothing wrong.
/// Every later call of the same function throws an equal error.
/// </summary>
public sealed class FunctionCompilationException : Exception
{
    /// <summary>The words every message of this exception carries, so that reports can tell this failure from others.</summary>
    public const string MessageMarker = "failed to compile on first call";

    public FunctionCompilationException(uint functionIndex, Exception inner)
        : base($"function {functionIndex} {MessageMarker}: {inner?.Message}", inner) => FunctionIndex = functionIndex;

    public uint FunctionIndex { get; }
}
