using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// The embedder-boundary check every engine makes before <see cref="IFunction.Call"/> runs:
/// a mistyped call fails clearly instead of corrupting a run.
/// </summary>
public static class CallArguments
{
    public static void Check(FuncType type, ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        ArgumentNullException.ThrowIfNull(type);
        var parameters = type.Params;
        if (arguments.Length != parameters.Length)
            throw new ArgumentException($"function {type} takes {parameters.Length} arguments, got {arguments.Length}", nameof(arguments));
        for (int i = 0; i < parameters.Length; i++)
        {
            if (arguments[i].Type != parameters[i])
                throw new ArgumentException($"argument {i} of function {type} must be {parameters[i].Name()}, got {arguments[i].Type.Name()}", nameof(arguments));
        }
        if (results.Length < type.ResultCount)
            throw new ArgumentException($"function {type} returns {type.ResultCount} results, room for {results.Length}", nameof(results));
    }
}
