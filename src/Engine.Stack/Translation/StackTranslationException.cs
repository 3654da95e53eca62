namespace Replay.Engine.Stack.Translation;

/// <summary>
/// A valid function that Wasmi 0.31 refuses to compile because it exceeds one of its encoding
/// limits (a block's fuel above 2^32-1, more than 65,535 cells dropped or kept by one branch).
/// The stack engine refuses the same functions so it compiles exactly what the network compiles.
/// </summary>
public sealed class StackTranslationException : Exception
{
    public StackTranslationException(int functionIndex, string message)
        : base($"function {functionIndex}: {message}") => FunctionIndex = functionIndex;

    public int FunctionIndex { get; }
}
