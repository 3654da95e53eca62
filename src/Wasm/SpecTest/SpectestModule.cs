using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.SpecTest;

/// <summary>
/// The host module every spec script may import from as <c>"spectest"</c>: print functions
/// of the standard signatures (they print nothing here: output would only interleave with the
/// report), the four globals holding 666 / 666.6, a funcref table of 10..20 and a memory of 1..2 pages.
/// </summary>
public static class SpectestModule
{
    public const string Name = "spectest";

    /// <summary>Creates the module's objects in <paramref name="store"/> and defines them in <paramref name="linker"/>.</summary>
    public static void Define(IStore store, Linker linker)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(linker);

        static void Print(ICaller caller, ReadOnlySpan<Value> arguments, Span<Value> results)
        {
        }

        Func("print", []);
        Func("print_i32", [ValType.I32]);
        Func("print_i64", [ValType.I64]);
        Func("print_f32", [ValType.F32]);
        Func("print_f64", [ValType.F64]);
        Func("print_i32_f32", [ValType.I32, ValType.F32]);
        Func("print_f64_f64", [ValType.F64, ValType.F64]);

        linker.Define(Name, "global_i32", store.CreateGlobal(new GlobalType(ValType.I32, false), Value.I32(666)));
        linker.Define(Name, "global_i64", store.CreateGlobal(new GlobalType(ValType.I64, false), Value.I64(666)));
        linker.Define(Name, "global_f32", store.CreateGlobal(new GlobalType(ValType.F32, false), Value.F32(666.6f)));
        linker.Define(Name, "global_f64", store.CreateGlobal(new GlobalType(ValType.F64, false), Value.F64(666.6)));
        linker.Define(Name, "table", store.CreateTable(new TableType(ValType.FuncRef, new Limits(10, 20)), Value.NullRef(ValType.FuncRef)));
        linker.Define(Name, "memory", store.CreateMemory(new MemoryType(new Limits(1, 2))));

        void Func(string name, ValType[] parameters) =>
            linker.Define(Name, name, store.CreateHostFunction(new FuncType(parameters, []), Print));
    }
}
