using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Replay.Engine.Stack.Runtime;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Execution;

// Entering and leaving the interpreter: calls from the embedder, calls out to host functions.
internal static partial class Executor
{
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
    /// Calls a host function (or a function object of the embedder's making) through the shared
    /// <see cref="HostCall"/> boundary, with the top cells as arguments, which its results
    /// replace; returns the fuel to resume with. Like Wasmi, a host call occupies a call-stack
    /// slot and needs room for the larger of its inputs and outputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong CallHost(ExecutionStack stack, InstanceContext ctx, IFunction target, int sp, int depth, ulong fuel)
    {
        var store = ctx.Store;
        store.RemainingFuel = fuel; // exact even when the checks below trap
        var type = target.Type;
        int inputs = type.ParamCount;
        int cells = Math.Max(inputs, type.ResultCount);
        if (depth == store.MaxCallDepth)
            throw new TrapException(TrapCode.StackOverflow);
        // Wasmi reserves the larger of inputs and outputs above the inputs already pushed.
        long needed = (long)sp + cells;
        if (needed > store.MaxValueCells)
            throw new TrapException(TrapCode.StackOverflow);
        if (stack.Values.Length < needed)
            stack.GrowValues((int)needed);
        return HostCall.FromWasm(store, target, ctx.Instance.Caller, new StackCells(stack, sp - inputs, cells), fuel);
    }

    /// <summary>A host call's cells: the top of the value stack, where its arguments are.</summary>
    private readonly struct StackCells(ExecutionStack stack, int first, int count) : IHostCallCells
    {
        public Span<ulong> Get() => stack.Values.AsSpan(first, count);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTrap(TrapCode code) => throw new TrapException(code);
}
