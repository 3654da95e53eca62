using Replay.Engine.Register.Execution;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Runtime;

/// <summary>A function defined by a module instance: its code map entry and the instance it runs in.</summary>
internal sealed class WasmFunction(RegisterStore store, Instance instance, FuncEntry entry, FuncType type, int index) : IHandleFunction
{
    public RegisterStore RegisterStore { get; } = store;

    public Instance Instance { get; } = instance;

    public FuncEntry Entry { get; } = entry;

    public FuncType Type { get; } = type;

    public int Index { get; } = index;

    public ExternKind Kind => ExternKind.Func;

    public StoreBase Store => RegisterStore;

    public ulong Handle => Instance.FunctionHandle(Index);

    public void Call(ReadOnlySpan<Value> arguments, Span<Value> results) =>
        RegisterStore.Executor.Invoke(this, arguments, results);
}

/// <summary>A function the embedder provides.</summary>
internal sealed class HostFunction(RegisterStore store, FuncType type, HostFunc callback) : IHandleFunction
{
    public RegisterStore RegisterStore { get; } = store;

    public FuncType Type { get; } = type;

    public HostFunc Callback { get; } = callback;

    public ExternKind Kind => ExternKind.Func;

    public StoreBase Store => RegisterStore;

    public ulong Handle { get; set; }

    public void Call(ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        CallArguments.Check(Type, arguments, results);
        Callback(new Caller(RegisterStore, null), arguments, results);
    }
}

/// <summary>What a host function sees of its caller.</summary>
internal sealed class Caller(RegisterStore store, Instance? instance) : ICaller
{
    public Instance? Instance => instance;

    public IStore Store => store;

    public object? HostState => store.HostState;

    public IExternal? GetExport(string name) => instance?.GetExport(name);
}
