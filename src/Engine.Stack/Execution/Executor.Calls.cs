using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Replay.Engine.Stack.Runtime;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Execution;

// Entering and leaving the interpreter: calls from the embedder, calls out to host functions.
internal static partial class Executor
{
    /// <summary>Most arguments or results passed on the native stack to a host function; more go through a pooled array.</summary>
    private const int MaxStackallocValues = 64;

    /// <summary>A call from the embedder: the root frame, with Wasmi 0.31's entry check.</summary>
    public static void Invoke(ExecutionStack stack, WasmFunction function, ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        var store = function.Context.Store;
        var header = function.Header;
        int parameters = arguments.Length;
        // Wasmi reserves room for the arguments, then for the callee's locals and operands.
        long needed = (long)parameters + header.MaxStackHeight;
        if (needed > store.MaxValueCells)
            throw new TrapException(TrapCode.StackOverflow);
        var s = stack.Values.Length >= needed ? stack.Values : stack.GrowValues((int)needed);
        for (int i = 0; i < parameters; i++)
            s[i] = arguments[i].Bits;
        s.AsSpan(parameters, header.LocalCount).Clear();

        int sp = Run(stack, function.Context, header.Start, parameters + header.LocalCount);

        s = stack.Values;
        var resultTypes = function.Type.Results;
        int first = sp - resultTypes.Length;
        for (int i = 0; i < resultTypes.Length; i++)
            results[i] = new Value(resultTypes[i], s[first + i]);
    }

    /// <summary>
    /// Calls a host function (or a function of another engine or store) with the top cells as
    /// arguments and replaces them with its results; returns the new stack pointer. Like Wasmi,
    /// a host call occupies a call-stack slot and needs room for its larger of inputs and outputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SkipLocalsInit]
    private static int CallHost(ExecutionStack stack, InstanceContext ctx, IFunction target, int sp, int depth)
    {
        var store = ctx.Store;
        var type = target.Type;
        int inputs = type.ParamCount;
        int outputs = type.ResultCount;
        if (depth == store.MaxCallDepth)
            throw new TrapException(TrapCode.StackOverflow);
        // Wasmi reserves the larger of inputs and outputs above the inputs already pushed.
        long needed = (long)sp + Math.Max(inputs, outputs);
        if (needed > store.MaxValueCells)
            throw new TrapException(TrapCode.StackOverflow);
        var s = stack.Values.Length >= needed ? stack.Values : stack.GrowValues((int)needed);

        int count = inputs + outputs;
        Value[]? rented = null;
        Span<Value> buffer = count <= MaxStackallocValues
            ? stackalloc Value[MaxStackallocValues]
            : (rented = System.Buffers.ArrayPool<Value>.Shared.Rent(count));
        var args = buffer[..inputs];
        var results = buffer.Slice(inputs, outputs);
        var paramTypes = type.Params;
        int first = sp - inputs;
        for (int i = 0; i < inputs; i++)
            args[i] = new Value(paramTypes[i], s[first + i]);
        results.Clear();

        if (target is HostFunction host)
            host.Callback(ctx.Caller, args, results);
        else
            target.Call(args, results);

        for (int i = 0; i < outputs; i++)
            s[first + i] = results[i].Bits;
        if (rented is not null)
            System.Buffers.ArrayPool<Value>.Shared.Return(rented);
        return first + outputs;
    }

    private static int TypeIdOf(StackStore store, IFunction function) => function switch
    {
        WasmFunction wasm => wasm.TypeId,
        HostFunction host => host.TypeId,
        _ => store.TypeIdOf(function.Type),
    };

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTrap(TrapCode code) => throw new TrapException(code);
}
