using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engines.Tests.Support;

/// <summary>Runs calls on one of our engines and records the outcome.</summary>
internal static class EngineRunner
{
    public static Outcome Run(IEngine engine, byte[] wasm, IReadOnlyList<CallSpec> calls, IReadOnlyList<string> globals)
    {
        var outcome = new Outcome();
        var store = engine.CreateStore();
        var instance = store.Instantiate(engine.Compile(wasm), new Linker());
        foreach (var call in calls)
        {
            var f = instance.GetFunction(call.Export) ?? throw new InvalidOperationException($"no export {call.Export}");
            var args = new Value[call.Arguments.Length];
            for (int i = 0; i < args.Length; i++)
                args[i] = f.Type.Params[i] == ValType.I32 ? Value.I32((int)call.Arguments[i]) : Value.I64(call.Arguments[i]);
            var results = new Value[f.Type.ResultCount];
            try
            {
                f.Call(args, results);
                outcome.Result(call.Export, results.Select(Render));
            }
            catch (TrapException e)
            {
                outcome.Trap(call.Export, e.Code.ToString());
            }
        }
        foreach (var name in globals)
            outcome.Global(name, Render(instance.GetGlobal(name)!.Value));
        if (instance.GetMemory("memory") is { } memory)
            outcome.Memory(memory.Bytes);
        return outcome;
    }

    private static string Render(Value v) => v.Type switch
    {
        ValType.I32 => Outcome.I32(v.AsI32),
        ValType.I64 => Outcome.I64(v.AsI64),
        ValType.F32 => Outcome.F32(v.AsF32),
        ValType.F64 => Outcome.F64(v.AsF64),
        _ => v.ToString(),
    };
}

/// <summary>Runs the same calls on Wasmtime, mapping its trap codes to ours.</summary>
internal static class WasmtimeRunner
{
    private static readonly Lazy<Wasmtime.Engine> SharedEngine = new(() => new Wasmtime.Engine(new Wasmtime.Config()
        .WithBulkMemory(true)
        .WithMultiValue(true)
        .WithReferenceTypes(true)));

    public static Outcome Run(byte[] wasm, IReadOnlyList<CallSpec> calls, IReadOnlyList<string> globals)
    {
        var outcome = new Outcome();
        using var module = Wasmtime.Module.FromBytes(SharedEngine.Value, "m", wasm);
        using var store = new Wasmtime.Store(SharedEngine.Value);
        var instance = new Wasmtime.Instance(store, module);
        foreach (var call in calls)
        {
            var f = instance.GetFunction(call.Export) ?? throw new InvalidOperationException($"no export {call.Export}");
            var args = new Wasmtime.ValueBox[call.Arguments.Length];
            var kinds = f.Parameters.ToArray();
            for (int i = 0; i < args.Length; i++)
                args[i] = kinds[i] == Wasmtime.ValueKind.Int32 ? (int)call.Arguments[i] : call.Arguments[i];
            try
            {
                var result = f.Invoke(args);
                outcome.Result(call.Export, Flatten(result).Select(Render));
            }
            catch (Wasmtime.TrapException e)
            {
                outcome.Trap(call.Export, Map(e.Type));
            }
        }
        foreach (var name in globals)
            outcome.Global(name, Render(instance.GetGlobal(name)!.GetValue()));
        if (instance.GetMemory("memory") is { } memory)
            outcome.Memory(memory.GetSpan(0, checked((int)memory.GetLength())));
        return outcome;
    }

    private static IEnumerable<object?> Flatten(object? result) => result switch
    {
        null => [],
        object[] many => many,
        _ => [result],
    };

    private static string Render(object? v) => v switch
    {
        int i => Outcome.I32(i),
        long l => Outcome.I64(l),
        float f => Outcome.F32(f),
        double d => Outcome.F64(d),
        _ => $"{v}",
    };

    private static string Map(Wasmtime.TrapCode code) => code switch
    {
        Wasmtime.TrapCode.StackOverflow => nameof(TrapCode.StackOverflow),
        Wasmtime.TrapCode.MemoryOutOfBounds => nameof(TrapCode.MemoryOutOfBounds),
        Wasmtime.TrapCode.TableOutOfBounds => nameof(TrapCode.TableOutOfBounds),
        Wasmtime.TrapCode.IndirectCallToNull => nameof(TrapCode.IndirectCallToNull),
        Wasmtime.TrapCode.BadSignature => nameof(TrapCode.BadSignature),
        Wasmtime.TrapCode.IntegerOverflow => nameof(TrapCode.IntegerOverflow),
        Wasmtime.TrapCode.IntegerDivisionByZero => nameof(TrapCode.IntegerDivisionByZero),
        Wasmtime.TrapCode.BadConversionToInteger => nameof(TrapCode.BadConversionToInteger),
        Wasmtime.TrapCode.Unreachable => nameof(TrapCode.UnreachableCodeReached),
        Wasmtime.TrapCode.OutOfFuel => nameof(TrapCode.OutOfFuel),
        _ => "wasmtime:" + code,
    };
}
