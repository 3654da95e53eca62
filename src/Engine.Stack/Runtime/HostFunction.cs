using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Stack.Runtime;

/// <summary>A function the embedder provides, callable from Wasm and directly.</summary>
internal sealed class HostFunction : IHandleFunction
{
    private readonly StackStore _store;

    public HostFunction(StackStore store, FuncType type, HostFunc callback)
    {
        _store = store;
        Type = type;
        Callback = callback;
        TypeId = store.TypeIdOf(type);
        Handle = store.RegisterFunction(this);
    }

    public ExternKind Kind => ExternKind.Func;

    public FuncType Type { get; }

    public HostFunc Callback { get; }

    public int TypeId { get; }

    public StoreBase Store => _store;

    public ulong Handle { get; }

    /// <summary>A direct call: no Wasm caller, so the caller exposes no exports.</summary>
    public void Call(ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        CallArguments.Check(Type, arguments, results);
        Callback(_store.RootCaller, arguments, results[..Type.ResultCount]);
    }
}
