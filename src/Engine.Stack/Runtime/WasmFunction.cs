using Replay.Engine.Stack.Bytecode;
using Replay.Engine.Stack.Execution;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Stack.Runtime;

/// <summary>A function defined by a Wasm instance of this engine.</summary>
internal sealed class WasmFunction : IHandleFunction
{
    public WasmFunction(InstanceContext context, int functionIndex)
    {
        Context = context;
        FunctionIndex = functionIndex;
        Type = context.Module.Module.FuncTypeOf(functionIndex);
        Header = context.Headers[functionIndex];
    }

    public InstanceContext Context { get; }

    public int FunctionIndex { get; }

    public FuncHeader Header { get; }

    public ExternKind Kind => ExternKind.Func;

    public FuncType Type { get; }

    public StoreBase Store => Context.Store;

    /// <summary>Assigned by the instantiator when it registers the function.</summary>
    public ulong Handle => Context.Instance.FunctionHandle(FunctionIndex);

    public void Call(ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        CallArguments.Check(Type, arguments, results);
        var store = Context.Store;
        var stack = store.RentStack();
        try
        {
            Executor.Invoke(stack, this, arguments, results);
        }
        finally
        {
            store.ReturnStack(stack);
        }
    }
}
