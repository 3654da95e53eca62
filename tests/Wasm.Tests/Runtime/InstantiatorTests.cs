using Replay.Tooling;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Modules;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;
using Replay.Wasm.Validation;

namespace Replay.Wasm.Tests.Runtime;

public sealed class InstantiatorTests
{
    private static WasmModule Module(string wat)
    {
        var module = ModuleDecoder.Decode(Wabt.Wat2Wasm(wat), WasmFeatures.Spec);
        ModuleValidator.Validate(module, WasmFeatures.Spec, validateBodies: true);
        return module;
    }

    /// <summary>Defined functions become test functions that record their calls.</summary>
    private static Instance Instantiate(TestStore store, WasmModule module, Linker linker, List<TestFunction>? created = null) =>
        Instantiator.Instantiate(store, module, linker, (instance, index) =>
        {
            var f = new TestFunction(store, instance.Module.FuncTypeOf(index), (_, _, _) => { });
            created?.Add(f);
            return f;
        });

    [Fact]
    public void Builds_globals_tables_memory_and_exports_in_index_space_order()
    {
        var store = new TestStore();
        var linker = new Linker()
            .Define("env", "base", store.CreateGlobal(new GlobalType(ValType.I32, false), Value.I32(8)))
            .Define("env", "memory", store.CreateMemory(new MemoryType(new Limits(1, null))));
        var module = Module("""
            (module
              (import "env" "base" (global $base i32))
              (import "env" "memory" (memory 1))
              (global $copy (export "copy") i32 (global.get $base))
              (global $f (mut funcref) (ref.func $b))
              (table (export "t") 4 funcref)
              (func $a) (func $b)
              (elem (global.get $base) func $a $b)
              (elem (i32.const 0) func $b)
              (data (global.get $base) "hi")
              (export "a" (func $a)))
            """);
        var created = new List<TestFunction>();

        var ex = Assert.Throws<TrapException>(() => Instantiate(store, module, linker, created));
        // Element offset 8 does not fit a 4-slot table: the trap comes before any data is written.
        Assert.Equal(TrapCode.TableOutOfBounds, ex.Code);
        var memory = (LinearMemory)linker.Resolve("env", "memory")!;
        Assert.Equal(0, memory.Buffer[8]);
    }

    [Fact]
    public void Active_segments_are_applied_in_order_and_then_dropped()
    {
        var store = new TestStore();
        var linker = new Linker().Define("env", "memory", store.CreateMemory(new MemoryType(new Limits(1, null))));
        var module = Module("""
            (module
              (import "env" "memory" (memory 1))
              (global $g (export "g") funcref (ref.func $b))
              (table (export "t") 4 funcref)
              (func $a) (func $b)
              (elem (i32.const 1) func $a $b)
              (elem $passive func $b)
              (elem declare func $a)
              (data (i32.const 65534) "hi")
              (data $p "passive")
              (export "a" (func $a)))
            """);
        var created = new List<TestFunction>();
        var instance = Instantiate(store, module, linker, created);

        var table = Assert.IsType<Table>(instance.GetExport("t"));
        Assert.Equal(0UL, table.Elements[0]);
        Assert.Equal(2, created.Count);
        Assert.Same(instance.Function(0), store.FunctionOf(table.Elements[1]));
        Assert.Same(instance.Function(1), store.FunctionOf(table.Elements[2]));
        Assert.Equal(table.Elements[2], ((GlobalCell)instance.GetExport("g")!).Bits);
        Assert.Same(instance.Function(0), instance.GetExport("a"));

        Assert.Empty(instance.ElementSegments[0]);   // active: dropped
        Assert.Single(instance.ElementSegments[1]);  // passive: kept for table.init
        Assert.Empty(instance.ElementSegments[2]);   // declarative: dropped
        Assert.True(instance.DataSegments[0].IsEmpty);
        Assert.Equal("passive"u8.ToArray(), instance.DataSegments[1].ToArray());

        var memory = (LinearMemory)linker.Resolve("env", "memory")!;
        Assert.Equal("hi"u8.ToArray(), memory.Buffer[65534..]);
        Assert.Equal(new[] { "g", "t", "a" }, instance.ExportNames);
    }

    [Fact]
    public void A_data_segment_out_of_bounds_traps_after_earlier_segments_were_written()
    {
        var store = new TestStore();
        var linker = new Linker().Define("env", "memory", store.CreateMemory(new MemoryType(new Limits(1, null))));
        var module = Module("""
            (module
              (import "env" "memory" (memory 1))
              (data (i32.const 0) "ok")
              (data (i32.const 65535) "xx"))
            """);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => Instantiate(store, module, linker)).Code);
        var memory = (LinearMemory)linker.Resolve("env", "memory")!;
        Assert.Equal("ok"u8.ToArray(), memory.Buffer[..2]);
        Assert.Equal(0, memory.Buffer[65535]);
    }

    [Fact]
    public void The_start_function_runs_once_after_the_segments()
    {
        var store = new TestStore();
        var module = Module("(module (memory 1) (data (i32.const 0) \"x\") (func $s) (start $s))");
        var created = new List<TestFunction>();
        Instantiate(store, module, new Linker(), created);
        Assert.Equal(1, Assert.Single(created).Calls);
    }

    [Fact]
    public void Defined_functions_are_made_only_when_exported_referenced_or_asked_for()
    {
        var store = new TestStore();
        var module = Module("""
            (module
              (table 2 funcref)
              (global (mut funcref) (ref.func $c))
              (func $a (export "a")) (func $b) (func $c) (func $d) (func $e)
              (elem (i32.const 0) func $b $c))
            """);
        var made = new List<int>();
        var instance = Instantiator.Instantiate(store, module, new Linker(), (inst, index) =>
        {
            made.Add(index);
            return new TestFunction(store, inst.Module.FuncTypeOf(index), (_, _, _) => { });
        });

        // $c is made once, though both the global and the element segment refer to it.
        Assert.Equal([2, 0, 1], made);
        Assert.Same(instance.GetExport("a"), instance.Function(0));
        Assert.Equal(instance.Tables[0].Elements[1], instance.FunctionHandle(2));

        var e = instance.Function(4);
        Assert.Same(e, instance.Function(4));
        Assert.Equal(instance.FunctionHandle(4), instance.FunctionHandle(4));
        Assert.Same(e, store.FunctionOf(instance.FunctionHandle(4)));
        Assert.Equal([2, 0, 1, 4], made);
    }

    [Fact]
    public void Missing_and_mistyped_imports_are_link_errors()
    {
        var store = new TestStore();
        var module = Module("(module (import \"env\" \"f\" (func (param i32))))");
        Assert.Contains("unknown import", Assert.Throws<LinkException>(() => Instantiate(store, module, new Linker())).Message, StringComparison.Ordinal);

        var wrong = new Linker().Define("env", "f", store.CreateHostFunction(new FuncType([ValType.I64], []), (_, _, _) => { }));
        Assert.Contains("incompatible import type", Assert.Throws<LinkException>(() => Instantiate(store, module, wrong)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_imported_global_of_the_wrong_mutability_does_not_link()
    {
        var store = new TestStore();
        var module = Module("(module (import \"env\" \"g\" (global (mut i32))))");
        var linker = new Linker().Define("env", "g", store.CreateGlobal(new GlobalType(ValType.I32, false), Value.I32(1)));
        Assert.Throws<LinkException>(() => Instantiate(store, module, linker));
    }
}
