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
