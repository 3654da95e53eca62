using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Stack.Runtime;

/// <summary>Argument checks at the embedder boundary, so a mistyped call fails clearly instead of corrupting a run.</summary>
internal static class CallChecks
{
    public static void Check(FuncType type, ReadOnlySpan<Value> arguments, Span<Value> results)
    {
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
