using System.Text;
using Replay.Engine.Register.Runtime;
using Replay.Engine.Register.Tests.Support;
using Replay.Wasm.Binary;
using Replay.Wasm.Runtime;
using Replay.Wasm.Validation;

namespace Replay.Engine.Register.Tests;

/// <summary>The three compilation modes: what is checked when, compile-once under concurrency, sticky failures.</summary>
public sealed class LazyCompilationTests
{
    // Function 1's body is ill-typed (i32.add on an i64); wat2wasm would refuse it, so the
    // module is assembled from a valid one by patching the opcode: i64.add (0x7c) -> i32.add (0x6a).
    private static byte[] ModuleWithInvalidSecondBody()
    {
        var wasm = Wat.ToWasm("""
            (module
              (func (export "good") (result i32) (i32.const 41) (i32.const 1) (i32.add))
              (func (export "bad") (result i64) (i64.const 1) (i64.const 2) (i64.add)))
            """);
        int at = Array.LastIndexOf(wasm, (byte)0x7c);
        wasm[at] = 0x6a;
        return wasm;
    }

    [Fact]
    public void Eager_and_lazy_translation_reject_an_invalid_body_at_compile_time()
    {
        var wasm = ModuleWithInvalidSecondBody();
        Assert.Throws<WasmValidationException>(() => new RegisterEngine(new EngineConfig { Mode = CompilationMode.Eager }).Compile(wasm));
        Assert.Throws<WasmValidationException>(() => new RegisterEngine(new EngineConfig { Mode = CompilationMode.LazyTranslation }).Compile(wasm));
    }

    [Fact]
    public void Lazy_mode_accepts_the_module_and_fails_only_the_invalid_function_with_a_sticky_typed_error()
    {
        var h = new Harness(ModuleWithInvalidSecondBody(), new EngineConfig { Mode = CompilationMode.Lazy });
        Assert.Equal(42, h.Call1("good").AsI32);
        var first = Assert.Throws<FunctionCompilationException>(() => h.Call("bad"));
        var second = Assert.Throws<FunctionCompilationException>(() => h.Call("bad"));
        Assert.Equal(1u, first.FunctionIndex);
        Assert.Equal(first.Message, second.Message);
        Assert.IsType<WasmValidationException>(first.InnerException);
        Assert.Equal(42, h.Call1("good").AsI32);
    }

    [Fact]
    public void A_malformed_local_declaration_is_found_at_compile_time_except_in_lazy_mode()
    {
        // Function 1 declares one local run of type 0x7e (i64); patched to 0x55, which is no type.
        var wasm = Wat.ToWasm("""
            (module
              (func (export "good") (result i32) (i32.const 42))
              (func (export "bad") (local i64)))
            """);
        int at = Array.LastIndexOf(wasm, (byte)0x7e);
        wasm[at] = 0x55;
        Assert.Throws<WasmDecodeException>(() => new RegisterEngine(new EngineConfig { Mode = CompilationMode.Eager }).Compile(wasm));
        Assert.Throws<WasmDecodeException>(() => new RegisterEngine(new EngineConfig { Mode = CompilationMode.LazyTranslation }).Compile(wasm));

        // Lazy mode reads a body's locals with its code, on first call, as Wasmi 0.32+ does.
        var h = new Harness(wasm, new EngineConfig { Mode = CompilationMode.Lazy });
        Assert.Equal(42, h.Call1("good").AsI32);
        var first = Assert.Throws<FunctionCompilationException>(() => h.Call("bad"));
        var decode = Assert.IsType<WasmDecodeException>(first.InnerException);
        Assert.Equal("malformed value type", decode.Rule);
        Assert.Equal(first.Message, Assert.Throws<FunctionCompilationException>(() => h.Call("bad")).Message);
    }

    [Fact]
    public void Lazy_mode_failure_is_the_same_from_another_store_and_caller()
    {
        var engine = new RegisterEngine(new EngineConfig { Mode = CompilationMode.Lazy });
        var module = engine.Compile(ModuleWithInvalidSecondBody());
        string Fail()
        {
            var store = engine.CreateStore();
            var instance = store.Instantiate(module, new Linker());
            return Assert.Throws<FunctionCompilationException>(() => instance.GetFunction("bad")!.Call([], new Value[1])).Message;
        }
        Assert.Equal(Fail(), Fail());
    }

    [Theory]
    [InlineData(CompilationMode.Lazy)]
    [InlineData(CompilationMode.LazyTranslation)]
    public void Lazy_modes_translate_only_what_is_called(CompilationMode mode)
    {
        var h = new Harness(ManyFunctions(50), new EngineConfig { Mode = mode });
        var module = (RegisterModule)h.Compiled;
        Assert.All(Enumerable.Range(0, 50), i => Assert.Null(module.EntryOf(i).Compiled));
        Assert.Equal(7 * 3, h.Call1("f7", Value.I32(7)).AsI32);
        Assert.NotNull(module.EntryOf(7).Compiled);
        Assert.Equal(49, Enumerable.Range(0, 50).Count(i => module.EntryOf(i).Compiled is null));
    }

    [Fact]
    public void Concurrent_first_calls_compile_once_and_only_one_caller_pays()
    {
        // Each thread has its own store (stores are single-threaded) over the same compiled
        // module; the cold function is compiled once, so exactly one store is charged for it.
        var engine = new RegisterEngine(Harness.Metered(CompilationMode.Lazy));
        var module = engine.Compile(Wat.ToWasm(ManyFunctions(4)));
        ulong compileFuel = 9UL * (ulong)module.Module.Bodies[2].Length;
        const int threads = 8;
        var consumed = new ulong[threads];
        var results = new int[threads];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var store = engine.CreateStore();
            store.Fuel = 1_000_000;
            var f = store.Instantiate(module, new Linker()).GetFunction("f2")!;
            var result = new Value[1];
            start.SignalAndWait();
            f.Call([Value.I32(5)], result);
            results[t] = result[0].AsI32;
            consumed[t] = store.FuelConsumed;
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.All(results, r => Assert.Equal(5 + 2, r));
        ulong run = consumed.Min();
        Assert.Equal(threads - 1, consumed.Count(c => c == run));
        Assert.Equal(1, consumed.Count(c => c == run + compileFuel));
    }

    /// <summary>A module of <paramref name="n"/> exported functions f<i>i</i>(x) = x * 3 when i = 7, x + i otherwise.</summary>
    internal static string ManyFunctions(int n)
    {
        var sb = new StringBuilder("(module\n");
        for (int i = 0; i < n; i++)
        {
            string body = i == 7 ? "(i32.mul (local.get 0) (i32.const 3))" : $"(i32.add (local.get 0) (i32.const {i}))";
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"  (func (export \"f{i}\") (param i32) (result i32) {body})\n");
        }
        return sb.Append(')').ToString();
    }

    /// <summary>A module whose one exported function "f" declares <paramref name="locals"/> i64 locals (LEB128 in three bytes).</summary>
    private static byte[] WithLocals(int locals) =>
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                   // type 0: [] -> []
        0x03, 0x02, 0x01, 0x00,                               // function 0: type 0
        0x07, 0x05, 0x01, 0x01, (byte)'f', 0x00, 0x00,        // export "f"
        0x0a, 0x08, 0x01, 0x06, 0x01,                         // code: one body of 6 bytes, one local run
        (byte)(0x80 | (locals & 0x7f)), (byte)(0x80 | ((locals >> 7) & 0x7f)), (byte)(locals >> 14), 0x7e, 0x0b,
    ];

    [Fact]
    public void Wasmparser_local_limit_applies_in_every_mode()
    {
        // 50,000 locals are allowed, 50,001 are not (Wasmi 0.36 validates with wasmparser 0.100, like 0.31).
        new Harness(WithLocals(50_000)).Call("f");
        var eager = Assert.Throws<WasmValidationException>(() => new RegisterEngine(new EngineConfig()).Compile(WithLocals(50_001)));
        Assert.Contains("too many locals", eager.Message, StringComparison.Ordinal);
        var h = new Harness(WithLocals(65_535), new EngineConfig { Mode = CompilationMode.Lazy });
        var lazy = Assert.Throws<FunctionCompilationException>(() => h.Call("f"));
        Assert.Contains("too many locals", lazy.Message, StringComparison.Ordinal);
    }
}
