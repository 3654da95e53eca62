using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Tooling;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Binary;

public class SmokeTests
{
    [Fact]
    public void DecodesAModuleWithEverySectionKind()
    {
        var bytes = Wabt.Wat2Wasm("""
            (module
              (type (func (param i32) (result i32)))
              (import "env" "f" (func $f (param i32) (result i32)))
              (import "env" "g" (global i32))
              (memory 1 2)
              (table 2 funcref)
              (global (mut i32) (i32.const 5))
              (func $a (export "a") (param i32) (result i32) (local i64 i64)
                local.get 0
                block (result i32)
                  i32.const 1
                  i32.const 0
                  br_table 0 0 0
                end
                i32.add)
              (func $s)
              (elem (i32.const 0) $a $f)
              (data (i32.const 0) "hi")
              (start $s))
            """);
        var m = ModuleDecoder.Decode(bytes, WasmFeatures.Spec);
        Assert.Equal(1, m.ImportedFunctionCount);
        Assert.Equal(3, m.FunctionCount);
        Assert.Equal(ValType.I32, m.FuncTypeOf(1).Results[0]);
        Assert.Equal(2u, m.Start);
        Assert.Equal(2, m.Bodies[0].LocalCount);
        Assert.Equal("a", m.Exports[0].Name);
        Assert.Equal(2, m.Elements[0].Items.Length);
        Assert.Equal("hi"u8.ToArray(), m.Data[0].Data.ToArray());
    }
}
