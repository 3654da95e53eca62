using System.Buffers;
using System.Runtime.CompilerServices;
using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// The engine's value cells of one call from Wasm to the host: the arguments before the call,
/// the results after it (the span is at least as long as either). Asked for again after the
/// host function returns, because a host function that calls back into Wasm may have moved them.
/// </summary>
public interface IHostCallCells
{
    Span<ulong> Get();
}

/// <summary>
/// The boundary between the engines and host functions, one implementation for both engines
/// so that no outcome difference can come from how a host call is made:
/// <list type="bullet">
/// <item>arguments are typed from the engine's cells by the callee's signature;</item>
/// <item>every result starts as the zero value of its type (a host function that sets none
/// returns zeros), and afterwards each must have its declared type, else a
/// <see cref="HostResultTypeException"/> naming the function (an i32 or f32 result keeps only
/// its low 32 bits; a funcref must be null or a function of the store);</item>
/// <item>fuel: the engine's running figure is written to the store before the call and the
/// store's figure is what the engine resumes with, so a host function reads the exact fuel
/// left (<see cref="ICaller.Fuel"/>) and may change it;</item>
/// <item>exceptions thrown by the host function propagate unchanged.</item>
/// </list>
/// Allocation-free for up to <see cref="MaxStackValues"/> arguments and results together.
/// </summary>
public static class HostCall
{
    /// <summary>Most arguments plus results marshalled on the native stack; more go through a pooled array.</summary>
    public const int MaxStackValues = 32;

    /// <summary>
    /// A call from Wasm. <paramref name="fuel"/> is the engine's fuel left before the call;
    /// returns the fuel to resume with.
    /// </summary>
    [SkipLocalsInit]
    public static ulong FromWasm<TCells>(StoreBase store, IFunction target, HostCaller caller, TCells cells, ulong fuel)
        where TCells : struct, IHostCallCells
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(target);
        store.RemainingFuel = fuel;
        var type = target.Type;
        int inputs = type.ParamCount;
        int outputs = type.ResultCount;
        int count = inputs + outputs;
        // Not returned to the pool when the host throws: the pool tolerates that, the GC collects it.
        Value[]? rented = null;
        Span<Value> buffer = count <= MaxStackValues
            ? stackalloc Value[MaxStackValues]
            : (rented = ArrayPool<Value>.Shared.Rent(count));
        var arguments = buffer[..inputs];
        var results = buffer.Slice(inputs, outputs);
        var parameterTypes = type.Params;
        var before = cells.Get();
        for (int i = 0; i < inputs; i++)
            arguments[i] = new Value(parameterTypes[i], before[i]);

        Invoke(store, target, caller, arguments, results);

        var after = cells.Get();
        for (int i = 0; i < outputs; i++)
            after[i] = results[i].Bits;
        if (rented is not null)
            ArrayPool<Value>.Shared.Return(rented);
        return store.RemainingFuel;
    }

    /// <summary>A call of a host function by the embedder (<see cref="IFunction.Call"/>).</summary>
    public static void FromEmbedder(HostFunctionObject function, ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        ArgumentNullException.ThrowIfNull(function);
        CallArguments.Check(function.Type, arguments, results);
        Invoke(function.Store, function, function.Store.RootCaller, arguments, results[..function.Type.ResultCount]);
    }

    private static void Invoke(StoreBase store, IFunction target, HostCaller caller, ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        var resultTypes = target.Type.Results;
        for (int i = 0; i < results.Length; i++)
            results[i] = Value.Default(resultTypes[i]);
        if (target is HostFunctionObject host)
            host.Callback(caller, arguments, results);
        else
            target.Call(arguments, results); // a function object of the embedder's own making
        for (int i = 0; i < results.Length; i++)
        {
            var result = results[i];
            var expected = resultTypes[i];
            if (result.Type != expected || (expected == ValType.FuncRef && result.Bits != 0 && !store.IsFunctionHandle(result.Bits)))
                throw new HostResultTypeException(NameOf(target), i, expected, result);
            if (expected is ValType.I32 or ValType.F32)
                results[i] = new Value(expected, (uint)result.Bits);
        }
    }

    private static string NameOf(IFunction function) => function is HostFunctionObject host ? host.Name : function.ToString() ?? function.GetType().Name;
}
