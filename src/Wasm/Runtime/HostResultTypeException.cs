using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// A host function set a result to a value its signature does not allow: another type, or a
/// funcref that is not a function of the store. The host's fault, not the contract's, so it
/// is not a trap; the message names the host function.
/// </summary>
public sealed class HostResultTypeException : Exception
{
    public HostResultTypeException(string function, int resultIndex, ValType expected, Value actual)
        : base(actual.Type == expected
            ? $"host function {function} returned {actual} as result {resultIndex}, which is not a function of this store"
            : $"host function {function} returned {actual.Type.Name()} as result {resultIndex}, expected {expected.Name()}")
    {
        Function = function;
        ResultIndex = resultIndex;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The host function's display name (<see cref="HostFunctionObject.Name"/>).</summary>
    public string Function { get; }

    public int ResultIndex { get; }

    public ValType Expected { get; }

    public Value Actual { get; }
}
