using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Validation;

public class FuncValidatorTests
{
    private static readonly ValType[] I32 = [ValType.I32];
    private static readonly ValType[] I64 = [ValType.I64];
    private static readonly ValType[] None = [];

    private static TestModule Fn(ValType[] results, Code code) => new TestModule().Func(None, results, code);

    [Fact]
    public void StraightLineArithmetic()
    {
        Expect.Valid(Fn(I32, new Code().I32(1).I32(2).Op(Opcode.I32Add).End()));
        Expect.Valid(Fn(I64, new Code().I64(1).Op(Opcode.I64Popcnt).I32(3).Op(Opcode.I64ExtendI32U).Op(Opcode.I64Shl).End()));
    }

    [Fact]
    public void OperandTypesMustMatch()
    {
        var ex = Expect.Invalid(Fn(I32, new Code().I32(1).I64(2).Op(Opcode.I32Add).End()), "type mismatch");
        Assert.Contains("expected i32, found i64", ex.Message, StringComparison.Ordinal);
        Expect.Invalid(Fn(I32, new Code().I32(1).Op(Opcode.I32Add).End()), "type mismatch");
        Expect.Invalid(Fn(None, new Code().I32(1).End()), "type mismatch");
        Expect.Invalid(Fn(I32, new Code().End()), "type mismatch");
        Expect.Invalid(Fn(I32, new Code().I64(0).End()), "type mismatch");
    }

    [Fact]
    public void ErrorsNameFunctionAndOperatorOffset()
    {
        var m = new TestModule()
            .Func(new Code().End())
            .Func(None, I32, new Code().I32(1).I64(2).Op(Opcode.I32Add).End());
        var bytes = m.ToBytes();
        var ex = Expect.Invalid(bytes, "type mismatch");
        Assert.Equal(1, ex.FunctionIndex);
        var module = Replay.Wasm.Binary.ModuleDecoder.Decode(bytes, WasmFeatures.Spec);
        Assert.Equal(module.Bodies[1].CodeOffset + 4, ex.Offset);
        Assert.Equal((byte)Opcode.I32Add, bytes[ex.Offset]);
    }

    [Fact]
    public void UnreachableCodeIsPolymorphic()
    {
        Expect.Valid(Fn(I32, new Code().Op(Opcode.Unreachable).Op(Opcode.I32Add).End()));
        Expect.Valid(Fn(I32, new Code().Op(Opcode.Unreachable).End()));
        Expect.Valid(Fn(None, new Code().Op(Opcode.Unreachable).Op(Opcode.Drop).Op(Opcode.Select).Op(Opcode.Drop).End()));
        Expect.Valid(Fn(I32, new Code().I32(1).Op(Opcode.Return).I64(1).Op(Opcode.Drop).End()));
        // Known operand types still count after unreachable.
        Expect.Invalid(Fn(I32, new Code().Op(Opcode.Unreachable).I64(0).Op(Opcode.I32Add).End()), "type mismatch");
        Expect.Invalid(Fn(I32, new Code().Op(Opcode.Unreachable).I64(0).End()), "type mismatch");
        // Unreachability ends with the block.
        Expect.Invalid(Fn(None, new Code().Block(Opcode.Block).Op(Opcode.Unreachable).End().Op(Opcode.Drop).End()), "type mismatch");
    }

    [Fact]
    public void Blocks()
    {
        Expect.Valid(Fn(I32, new Code().Block(Opcode.Block, ValType.I32).I32(1).End().End()));
        Expect.Invalid(Fn(I32, new Code().Block(Opcode.Block, ValType.I32).End().End()), "type mismatch");
        Expect.Invalid(Fn(None, new Code().Block(Opcode.Block).I32(1).End().End()), "type mismatch");
        // A block cannot see its outer operands.
        Expect.Invalid(Fn(I32, new Code().I32(1).Block(Opcode.Block, ValType.I32).End().Op(Opcode.I32Add).End()), "type mismatch");
        Expect.Valid(Fn(None, new Code().Block(Opcode.Loop).Op(Opcode.Br, 0).End().End()));
    }

    [Fact]
    public void MultiValueBlockTypes()
    {
        var m = new TestModule();
        uint t = m.Type([ValType.I32, ValType.I64], [ValType.I64, ValType.I32]);
        m.Func(None, [ValType.I64, ValType.I32], new Code().I32(1).I64(2).BlockOfType(Opcode.Block, t)
            .Op(Opcode.Drop).Op(Opcode.Drop).I64(3).I32(4).End().End());
        Expect.Valid(m);
        Expect.Invalid(m, "multi-value support is not enabled", WasmFeatures.Spec & ~WasmFeatures.MultiValue);

        var bad = new TestModule();
        bad.Func(new Code().BlockOfType(Opcode.Block, 9).End().End());
        Expect.Invalid(bad, "unknown type");

        // A loop's label takes its parameters.
        var loop = new TestModule();
        uint lt = loop.Type(I32, None);
        loop.Func(new Code().I32(1).BlockOfType(Opcode.Loop, lt).Op(Opcode.Br, 0).End().End());
        Expect.Valid(loop);
    }

    [Fact]
    public void IfElse()
    {
        Expect.Valid(Fn(I32, new Code().I32(1).Block(Opcode.If, ValType.I32).I32(2).Op(Opcode.Else).I32(3).End().End()));
        Expect.Invalid(Fn(I32, new Code().I32(1).Block(Opcode.If, ValType.I32).I32(2).End().End()), "type mismatch");
        Expect.Invalid(Fn(None, new Code().Block(Opcode.If).End().End()), "type mismatch");
        Expect.Invalid(Fn(I32, new Code().I32(1).Block(Opcode.If, ValType.I32).I32(2).Op(Opcode.Else).End().End()), "type mismatch");
        Expect.Invalid(Fn(None, new Code().Op(Opcode.Else).End()), "else found outside of an if block");
        Expect.Invalid(Fn(None, new Code().Block(Opcode.Block).Op(Opcode.Else).End().End()), "else found outside of an if block");

        // An if without else passes its parameters through, so [i32] -> [i32] is fine.
        var m = new TestModule();
        uint t = m.Type(I32, I32);
        m.Func(None, I32, new Code().I32(5).I32(1).BlockOfType(Opcode.If, t).End().End());
        Expect.Valid(m);
    }

    [Fact]
    public void Branches()
    {
        Expect.Valid(Fn(I32, new Code().Block(Opcode.Block, ValType.I32).I32(1).Op(Opcode.Br, 0).End().End()));
        Expect.Valid(Fn(I32, new Code().I32(7).Op(Opcode.Br, 0).End()));
        Expect.Invalid(Fn(I32, new Code().Block(Opcode.Block, ValType.I32).Op(Opcode.Br, 0).End().End()), "type mismatch");
        Expect.Invalid(Fn(None, new Code().Op(Opcode.Br, 1).End()), "unknown label");
        Expect.Valid(Fn(I32, new Code().Block(Opcode.Block, ValType.I32).I32(1).I32(0).Op(Opcode.BrIf, 0).End().End()));
        Expect.Invalid(Fn(I32, new Code().Block(Opcode.Block, ValType.I32).I32(1).I64(0).Op(Opcode.BrIf, 0).End().End()), "type mismatch");
        Expect.Invalid(Fn(None, new Code().I32(0).Op(Opcode.BrIf, 5).End()), "unknown label");
    }

    [Fact]
    public void BrTable()
    {
        // br_table 0 1 (default 1) inside a block whose label has the same arity as the function's.
        var ok = new Code().Block(Opcode.Block, ValType.I32).I32(3).I32(0).Op(Opcode.BrTable, 2, 0, 1, 1).End().End();
        Expect.Valid(Fn(I32, ok));
        var arity = new Code().Block(Opcode.Block).I32(3).I32(0).Op(Opcode.BrTable, 1, 0, 1).End().End();
        Expect.Invalid(Fn(I32, arity), "type mismatch");
        var depth = new Code().I32(0).Op(Opcode.BrTable, 1, 0, 4).End();
        Expect.Invalid(Fn(None, depth), "unknown label");
        var types = new Code().Block(Opcode.Block, ValType.I64).I32(3).I32(0).Op(Opcode.BrTable, 1, 0, 1).Op(Opcode.I64Const).End().End();
        Expect.Invalid(Fn(I32, types), "type mismatch");
        // In unreachable code the targets only need consistent arity.
        Expect.Valid(Fn(I32, new Code().Op(Opcode.Unreachable).Op(Opcode.BrTable, 1, 0, 0).End()));
    }

    [Fact]
    public void ReturnAndCall()
    {
        Expect.Valid(Fn(I32, new Code().I32(1).Op(Opcode.Return).End()));
        Expect.Invalid(Fn(I32, new Code().I64(1).Op(Opcode.Return).End()), "type mismatch");

        var m = new TestModule()
            .ImportFunc("env", "f", [ValType.I32, ValType.I64], I32)
            .Func(None, I32, new Code().I32(1).I64(2).Op(Opcode.Call, 0).End());
        Expect.Valid(m);
        var wrongArgs = new TestModule()
            .ImportFunc("env", "f", [ValType.I32, ValType.I64], I32)
            .Func(None, I32, new Code().I64(2).I32(1).Op(Opcode.Call, 0).End());
        Expect.Invalid(wrongArgs, "type mismatch");
        Expect.Invalid(Fn(None, new Code().Op(Opcode.Call, 3).End()), "unknown function");
    }

    [Fact]
    public void CallIndirect()
    {
        var m = new TestModule().Table(1);
        uint t = m.Type(I32, I32);
        m.Func(None, I32, new Code().I32(5).I32(0).Op(Opcode.CallIndirect, t, 0).End());
        Expect.Valid(m);

        var noTable = new TestModule();
        uint t2 = noTable.Type(None, None);
        noTable.Func(new Code().I32(0).Op(Opcode.CallIndirect, t2, 0).End());
        Expect.Invalid(noTable, "unknown table");

        var badType = new TestModule().Table(1);
        badType.Func(new Code().I32(0).Op(Opcode.CallIndirect, 7, 0).End());
        Expect.Invalid(badType, "unknown type");

        var externTable = new TestModule().Table(1, ValType.ExternRef);
        uint t3 = externTable.Type(None, None);
        externTable.Func(new Code().I32(0).Op(Opcode.CallIndirect, t3, 0).End());
        Expect.Invalid(externTable, "type mismatch");
    }

    [Fact]
    public void Select()
    {
        Expect.Valid(Fn(I64, new Code().I64(1).I64(2).I32(0).Op(Opcode.Select).End()));
        Expect.Invalid(Fn(I64, new Code().I64(1).I32(2).I32(0).Op(Opcode.Select).End()), "type mismatch");
        Expect.Invalid(Fn(I64, new Code().I64(1).I64(2).I64(0).Op(Opcode.Select).End()), "type mismatch");
        var refs = new Code().Raw(0xD0, 0x70).Raw(0xD0, 0x70).I32(0).Op(Opcode.Select).Op(Opcode.Drop).End();
        Expect.Invalid(Fn(None, refs), "type mismatch");
        var typed = new Code().Raw(0xD0, 0x70).Raw(0xD0, 0x70).I32(0).Raw(0x1C, 0x01, 0x70).Op(Opcode.Drop).End();
        Expect.Valid(Fn(None, typed));
        var twoTypes = new Code().I32(1).I32(1).I32(0).Raw(0x1C, 0x02, 0x7F, 0x7F).Op(Opcode.Drop).End();
        Expect.Invalid(Fn(None, twoTypes), "invalid result arity");
    }

    [Fact]
    public void Locals()
    {
        var m = new TestModule().Func([ValType.I32], I64,
            new Code().Op(Opcode.LocalGet, 1).Op(Opcode.LocalGet, 0).Op(Opcode.I64ExtendI32S).Op(Opcode.I64Add)
                .Op(Opcode.LocalTee, 2).End(),
            Cat(U32(1), U32(2), [0x7E]));
        Expect.Valid(m);
        Expect.Invalid(new TestModule().Func([ValType.I32], None, new Code().Op(Opcode.LocalGet, 1).Op(Opcode.Drop).End()), "unknown local");
        Expect.Invalid(new TestModule().Func([ValType.I32], None, new Code().I64(0).Op(Opcode.LocalSet, 0).End()), "type mismatch");
    }

    [Fact]
    public void ManyParametersAndLocals()
    {
        // More parameters than the validator keeps in its flat local table, then mixed runs.
        var parameters = Enumerable.Repeat(ValType.I32, 5000).Append(ValType.I64).ToArray();
        var locals = Cat(U32(3), U32(2), [0x7E], U32(4000), [0x7F], U32(1), [0x7E]);
        var m = new TestModule().Func(parameters, I64, new Code()
            .Op(Opcode.LocalGet, 4999).Op(Opcode.LocalGet, 9001).Op(Opcode.I32Add).Op(Opcode.Drop)
            .Op(Opcode.LocalGet, 5000).Op(Opcode.LocalGet, 5001).Op(Opcode.I64Add).Op(Opcode.LocalGet, 9003).Op(Opcode.I64Add).End(), locals);
        Expect.Valid(m);
        var wrong = new TestModule().Func(parameters, I64, new Code().Op(Opcode.LocalGet, 5003).End(), locals);
        Expect.Invalid(wrong, "type mismatch");
        var past = new TestModule().Func(parameters, I64, new Code().Op(Opcode.LocalGet, 9004).End(), locals);
        Expect.Invalid(past, "unknown local");
    }

    [Fact]
    public void Globals()
    {
        var m = new TestModule()
            .ImportGlobal("env", "g", ValType.I64, false)
            .Global(ValType.I32, true, new Code().I32(0).End())
            .Func(None, I64, new Code().I32(3).Op(Opcode.GlobalSet, 1).Op(Opcode.GlobalGet, 0).End());
        Expect.Valid(m);
        var immutable = new TestModule().ImportGlobal("env", "g", ValType.I64, false)
            .Func(new Code().I64(1).Op(Opcode.GlobalSet, 0).End());
        Expect.Invalid(immutable, "global is immutable");
        Expect.Invalid(Fn(None, new Code().Op(Opcode.GlobalGet, 0).Op(Opcode.Drop).End()), "unknown global");
        var wrongType = new TestModule().Global(ValType.I32, true, new Code().I32(0).End())
            .Func(new Code().I64(1).Op(Opcode.GlobalSet, 0).End());
        Expect.Invalid(wrongType, "type mismatch");
    }

    [Fact]
    public void MemoryInstructions()
    {
        Expect.Valid(Fn(I32, new Code().I32(0).Load(Opcode.I32Load, 2, 8).End()).Memory());
        Expect.Valid(Fn(I64, new Code().I32(0).Load(Opcode.I64Load32U, 0).End()).Memory());
        Expect.Valid(Fn(None, new Code().I32(0).I64(1).Load(Opcode.I64Store16, 1).End()).Memory());
        Expect.Invalid(Fn(I32, new Code().I32(0).Load(Opcode.I32Load, 3).End()).Memory(), "alignment must not be larger than natural");
        Expect.Invalid(Fn(I32, new Code().I32(0).Load(Opcode.I32Load8U, 1).End()).Memory(), "alignment must not be larger than natural");
        Expect.Invalid(Fn(I32, new Code().I32(0).Load(Opcode.I32Load, 2).End()), "unknown memory");
        Expect.Invalid(Fn(None, new Code().I64(0).I32(1).Load(Opcode.I32Store, 2).End()).Memory(), "type mismatch");
        Expect.Valid(Fn(I32, new Code().Op(Opcode.MemorySize).Raw(0x00).Op(Opcode.MemoryGrow).Raw(0x00).End()).Memory());
        Expect.Invalid(Fn(I32, new Code().Op(Opcode.MemorySize).Raw(0x00).End()), "unknown memory");
        Expect.Malformed(Fn(I32, new Code().Op(Opcode.MemorySize).Raw(0x01).End()).Memory(), "zero byte expected");
    }

    [Fact]
    public void BulkMemoryAndDataCount()
    {
        var passive = Cat(U32(1), Vec([1]));
        var ok = Fn(None, new Code().I32(0).I32(0).I32(1).Op(Opcode.MemoryInit, 0).Raw(0x00).Op(Opcode.DataDrop, 0).End())
            .Memory().DataCount(1).Data(passive);
        Expect.Valid(ok);
        var noCount = Fn(None, new Code().Op(Opcode.DataDrop, 0).End()).Memory().Data(passive);
        Expect.Malformed(noCount, "data count section required");
        var unknown = Fn(None, new Code().Op(Opcode.DataDrop, 1).End()).Memory().DataCount(1).Data(passive);
        Expect.Invalid(unknown, "unknown data segment");
        Expect.Valid(Fn(None, new Code().I32(0).I32(0).I32(1).Op(Opcode.MemoryCopy).Raw(0, 0).I32(0).I32(0).I32(1).Op(Opcode.MemoryFill).Raw(0).End()).Memory());
        Expect.Invalid(Fn(None, new Code().I32(0).I32(0).I32(1).Op(Opcode.MemoryFill).Raw(0).End()), "unknown memory");
        Expect.Invalid(Fn(None, new Code().I32(0).I32(0).I64(1).Op(Opcode.MemoryFill).Raw(0).End()).Memory(), "type mismatch");
        Expect.Invalid(Fn(None, new Code().I32(0).I32(0).I32(1).Op(Opcode.MemoryFill).Raw(0).End()).Memory(),
            "bulk memory support is not enabled", WasmFeatures.Spec & ~WasmFeatures.BulkMemory);
    }

    [Fact]
    public void TablesAndElements()
    {
        var seg = Cat(U32(1), [0x00], Vec(U32(0)));
        var ok = new TestModule().Table(2).Element(seg)
            .Func(new Code().I32(0).I32(0).I32(1).Op(Opcode.TableInit, 0, 0).Op(Opcode.ElemDrop, 0)
                .I32(0).I32(0).I32(1).Op(Opcode.TableCopy, 0, 0).End());
        Expect.Valid(ok);
        Expect.Invalid(new TestModule().Table(2).Func(new Code().Op(Opcode.ElemDrop, 0).End()), "unknown elem segment");
        var mixed = new TestModule().Table(2).Table(2, ValType.ExternRef)
            .Func(new Code().I32(0).I32(0).I32(1).Op(Opcode.TableCopy, 0, 1).End());
        Expect.Invalid(mixed, "type mismatch");
        var intoExtern = new TestModule().Table(2, ValType.ExternRef).Element(seg)
            .Func(new Code().I32(0).I32(0).I32(1).Op(Opcode.TableInit, 0, 0).End());
        Expect.Invalid(intoExtern, "type mismatch");
        var refOps = new TestModule().Table(2, ValType.ExternRef)
            .Func(None, I32, new Code().I32(0).Op(Opcode.TableGet, 0).Op(Opcode.RefIsNull)
                .Raw(0xD0, 0x6F).I32(1).Op(Opcode.TableGrow, 0).Op(Opcode.I32Add)
                .Op(Opcode.TableSize, 0).Op(Opcode.I32Add)
                .I32(0).Raw(0xD0, 0x6F).I32(1).Op(Opcode.TableFill, 0)
                .I32(0).Raw(0xD0, 0x6F).Op(Opcode.TableSet, 0).End());
        Expect.Valid(refOps);
        Expect.Invalid(new TestModule().Func(None, I32, new Code().Op(Opcode.TableSize, 0).End()), "unknown table");
        Expect.Invalid(Fn(I32, new Code().I32(1).Op(Opcode.RefIsNull).End()), "type mismatch");
    }

    [Fact]
    public void RefFuncNeedsADeclaration()
    {
        var undeclared = new TestModule().Func(new Code().Op(Opcode.RefFunc, 0).Op(Opcode.Drop).End());
        Expect.Invalid(undeclared, "undeclared function reference");
        var exported = new TestModule().Func(new Code().Op(Opcode.RefFunc, 0).Op(Opcode.Drop).End()).Export("f", ExternKind.Func, 0);
        Expect.Valid(exported);
        var declared = new TestModule().Func(new Code().Op(Opcode.RefFunc, 0).Op(Opcode.Drop).End())
            .Element(Cat(U32(3), [0x00], Vec(U32(0))));
        Expect.Valid(declared);
        Expect.Invalid(new TestModule().Func(new Code().Op(Opcode.RefFunc, 4).Op(Opcode.Drop).End()), "unknown function");
    }

    [Fact]
    public void BodyStructure()
    {
        Expect.Malformed(Fn(None, new Code().Block(Opcode.Block)), "unexpected end of section or function");
        Expect.Malformed(Fn(None, new Code().Op(Opcode.Nop)), "unexpected end of section or function");
        Expect.Malformed(Fn(None, new Code().End().Op(Opcode.Nop)), "section size mismatch");
        Expect.Malformed(Fn(None, new Code().Raw(0xFF).End()), "illegal opcode");
        Expect.Malformed(Fn(None, new Code().Raw(0xFC, 0x12).End()), "illegal opcode");
        Expect.Malformed(Fn(None, new Code().Raw(0x41, 0x80)), "unexpected end of section or function");
        Expect.Malformed(Fn(None, new Code().Raw(0x02, 0x6E).End().End()), "malformed block type");
        Expect.Malformed(Fn(None, new Code().Raw(0xD0, 0x7F).Op(Opcode.Drop).End()), "malformed reference type");
    }
}
