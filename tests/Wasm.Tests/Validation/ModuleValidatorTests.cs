using Replay.Soroban.Profile;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using Replay.Wasm.Validation;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Validation;

public class ModuleValidatorTests
{
    private static byte[] MemorySection(params byte[][] memories) => Module(Section(SectionId.Memory, Vec(memories)));

    [Fact]
    public void TypeIndicesOfFunctionsAndImports()
    {
        Expect.Invalid(Module(Section(SectionId.Function, Vec(U32(0))), Section(SectionId.Code, Vec(Body(NoLocals, [0x0B])))), "unknown type");
        Expect.Invalid(Module(Section(SectionId.Import, Vec(Cat(Name("a"), Name("b"), [0x00], U32(3))))), "unknown type");
    }

    [Fact]
    public void MemoryLimits()
    {
        Expect.Valid(MemorySection(Cat([0x01], U32(0), U32(65536))));
        Expect.Invalid(MemorySection(Cat([0x00], U32(65537))), "memory size must be at most 65536 pages (4GiB)");
        Expect.Invalid(MemorySection(Cat([0x01], U32(0), U32(65537))), "memory size must be at most 65536 pages (4GiB)");
        Expect.Invalid(MemorySection(Cat([0x01], U32(2), U32(1))), "size minimum must not be greater than maximum");
        Expect.Invalid(MemorySection(Cat([0x00], U32(1)), Cat([0x00], U32(1))), "multiple memories");
        var importedAndDefined = Module(
            Section(SectionId.Import, Vec(Cat(Name("a"), Name("m"), [0x02, 0x00], U32(1)))),
            Section(SectionId.Memory, Vec(Cat([0x00], U32(1)))));
        Expect.Invalid(importedAndDefined, "multiple memories");
    }

    [Fact]
    public void TableLimitsAndCount()
    {
        var two = new TestModule().Table(1).Table(1);
        Expect.Valid(two);
        Expect.Invalid(two, "multiple tables", WasmFeatures.Spec & ~WasmFeatures.ReferenceTypes);
        Expect.Invalid(Module(Section(SectionId.Table, Vec(Cat([0x70, 0x01], U32(3), U32(2))))), "size minimum must not be greater than maximum");
        // Tables may be larger than memories: the element count is a full u32.
        Expect.Valid(Module(Section(SectionId.Table, Vec(Cat([0x70, 0x01], U32(0), U32(uint.MaxValue))))));
    }

    [Fact]
    public void Exports()
    {
        var m = new TestModule().Func(new Code().End()).Memory().Table().Global(ValType.I32, false, new Code().I32(0).End())
            .Export("f", ExternKind.Func, 0).Export("m", ExternKind.Memory, 0).Export("t", ExternKind.Table, 0).Export("g", ExternKind.Global, 0);
        Expect.Valid(m);
        Expect.Invalid(new TestModule().Func(new Code().End()).Export("x", ExternKind.Func, 0).Export("x", ExternKind.Func, 0), "duplicate export name");
        Expect.Invalid(new TestModule().Export("x", ExternKind.Func, 0), "unknown function");
        Expect.Invalid(new TestModule().Export("x", ExternKind.Memory, 0), "unknown memory");
        Expect.Invalid(new TestModule().Export("x", ExternKind.Table, 0), "unknown table");
        Expect.Invalid(new TestModule().Export("x", ExternKind.Global, 0), "unknown global");
        // Names are compared as bytes: different normalisations are different names.
        Expect.Valid(new TestModule().Func(new Code().End()).Export("\u00e9", ExternKind.Func, 0).Export("e\u0301", ExternKind.Func, 0));
    }

    [Fact]
    public void ModuleLevelErrorsPointAtTheirEntryOrSection()
    {
        var bytes = new TestModule().Func(new Code().End()).Export("x", ExternKind.Func, 0).Export("x", ExternKind.Func, 0).ToBytes();
        var ex = Expect.Invalid(bytes, "duplicate export name");
        // The second entry: name length 1, 'x', kind 0, index 0 — the last four bytes of the export section.
        int exportSection = ModuleDecoder.Decode(bytes, WasmFeatures.Spec).SectionOffset(SectionId.Export);
        Assert.Equal(exportSection + 1 + 4, ex.Offset);
        Assert.Equal(-1, ex.FunctionIndex);

        var memories = MemorySection(Cat([0x00], U32(1)), Cat([0x00], U32(1)));
        Assert.Equal(10, Expect.Invalid(memories, "multiple memories").Offset);
        var import = Module(Section(SectionId.Import, Vec(Cat(Name("a"), Name("b"), [0x00], U32(3)))));
        Assert.Equal(11, Expect.Invalid(import, "unknown type").Offset);
    }

    [Fact]
    public void StartFunction()
    {
        Expect.Valid(Module(
            Section(SectionId.Type, Vec(FuncType([], []))), Section(SectionId.Function, Vec(U32(0))),
            Section(SectionId.Start, U32(0)), Section(SectionId.Code, Vec(Body(NoLocals, [0x0B])))));
        Expect.Invalid(Module(
            Section(SectionId.Type, Vec(FuncType([ValType.I32], []))), Section(SectionId.Function, Vec(U32(0))),
            Section(SectionId.Start, U32(0)), Section(SectionId.Code, Vec(Body(NoLocals, [0x0B])))), "start function");
        Expect.Invalid(Module(Section(SectionId.Start, U32(0))), "unknown function");
    }

    [Fact]
    public void GlobalInitialisers()
    {
        Expect.Invalid(new TestModule().Global(ValType.I32, false, new Code().I64(0).End()), "type mismatch");
        Expect.Invalid(new TestModule().Global(ValType.I32, false, new Code().I32(1).I32(2).Op(Opcode.I32Add).End()), "constant expression required");
        Expect.Invalid(new TestModule().Global(ValType.I32, false, new Code().I32(1).I32(2).End()), "type mismatch");
        Expect.Invalid(new TestModule().Global(ValType.I32, false, new Code().End()), "type mismatch");
        Expect.Invalid(new TestModule().Global(ValType.I32, false, new Code().Op(Opcode.Nop).I32(1).End()), "constant expression required");
        // global.get sees imported immutable globals only.
        Expect.Valid(new TestModule().ImportGlobal("a", "g", ValType.I32, false).Global(ValType.I32, false, new Code().Op(Opcode.GlobalGet, 0).End()));
        Expect.Invalid(new TestModule().ImportGlobal("a", "g", ValType.I32, true).Global(ValType.I32, false, new Code().Op(Opcode.GlobalGet, 0).End()), "constant expression required");
        Expect.Invalid(new TestModule().Global(ValType.I32, false, new Code().I32(0).End()).Global(ValType.I32, false, new Code().Op(Opcode.GlobalGet, 0).End()), "unknown global");
        Expect.Invalid(new TestModule().ImportGlobal("a", "g", ValType.I64, false).Global(ValType.I32, false, new Code().Op(Opcode.GlobalGet, 0).End()), "type mismatch");
        Expect.Valid(new TestModule().Func(new Code().End()).Global(ValType.FuncRef, false, new Code().Op(Opcode.RefFunc, 0).End()));
        Expect.Invalid(new TestModule().Global(ValType.FuncRef, false, new Code().Op(Opcode.RefFunc, 0).End()), "unknown function");
        Expect.Valid(new TestModule().Global(ValType.ExternRef, false, new Code().Raw(0xD0, 0x6F).End()));
        Expect.Invalid(new TestModule().Global(ValType.ExternRef, false, new Code().Raw(0xD0, 0x70).End()), "type mismatch");
    }

    [Fact]
    public void FaultOffsetPointsAtTheNonConstantInstruction()
    {
        var bytes = new TestModule().Global(ValType.I32, false, new Code().I32(1).I32(2).Op(Opcode.I32Add).End()).ToBytes();
        var ex = Expect.Invalid(bytes, "constant expression required");
        Assert.Equal((byte)Opcode.I32Add, bytes[ex.Offset]);
    }

    [Fact]
    public void ElementSegments()
    {
        var offset = new Code().I32(0).End().ToArray();
        Expect.Invalid(new TestModule().Func(new Code().End()).Element(Cat(U32(0), offset, Vec(U32(0)))), "unknown table");
        Expect.Invalid(new TestModule().Table().Element(Cat(U32(0), offset, Vec(U32(5)))), "unknown function");
        Expect.Invalid(new TestModule().Table().Element(Cat(U32(0), new Code().I64(0).End().ToArray(), Vec())), "type mismatch");
        Expect.Invalid(new TestModule().Table(1, ValType.ExternRef).Element(Cat(U32(0), offset, Vec())), "type mismatch");
        Expect.Invalid(new TestModule().Table().Element(Cat(U32(5), [0x70], Vec(new Code().I32(0).End().ToArray()))), "type mismatch");
        // Passive segments came with bulk memory.
        var passive = new TestModule().Func(new Code().End()).Element(Cat(U32(1), [0x00], Vec(U32(0))));
        Expect.Valid(passive, SorobanProfile.Features);
        Expect.Invalid(passive, "bulk memory support is not enabled", WasmFeatures.Floats);
        // As in wasmparser 0.100: an active segment with an explicit table needs no feature, and
        // expression items are instructions, so ref.func there needs reference types (not on Soroban).
        Expect.Valid(new TestModule().Func(new Code().End()).Table().Element(Cat(U32(2), U32(0), offset, [0x00], Vec(U32(0)))), WasmFeatures.None);
        var expressions = new TestModule().Func(new Code().End()).Table().Element(Cat(U32(4), offset, Vec(new Code().Op(Opcode.RefFunc, 0).End().ToArray())));
        Expect.Valid(expressions);
        Expect.Invalid(expressions, "reference types support is not enabled", SorobanProfile.Features);
    }

    [Fact]
    public void DataSegments()
    {
        var offset = new Code().I32(0).End().ToArray();
        Expect.Invalid(new TestModule().Data(Cat(U32(0), offset, Vec())), "unknown memory");
        Expect.Invalid(new TestModule().Memory().Data(Cat(U32(2), U32(1), offset, Vec())), "unknown memory");
        Expect.Invalid(new TestModule().Memory().Data(Cat(U32(0), new Code().I64(0).End().ToArray(), Vec())), "type mismatch");
        var passive = new TestModule().Memory().Data(Cat(U32(1), Vec([7])));
        Expect.Valid(passive, SorobanProfile.Features);
        Expect.Invalid(passive, "bulk memory support is not enabled", WasmFeatures.Floats);
        Expect.Invalid(new TestModule().Memory().DataCount(0), "bulk memory support is not enabled", WasmFeatures.Floats);
    }

    [Fact]
    public void MutableGlobalsAcrossTheBoundary()
    {
        var import = new TestModule().ImportGlobal("a", "g", ValType.I32, true);
        Expect.Valid(import, SorobanProfile.Features);
        Expect.Invalid(import, "mutable global support is not enabled", WasmFeatures.None);
        var export = new TestModule().Global(ValType.I32, true, new Code().I32(0).End()).Export("g", ExternKind.Global, 0);
        Expect.Valid(export, SorobanProfile.Features);
        Expect.Invalid(export, "mutable global support is not enabled", WasmFeatures.None);
        // An immutable global crosses the boundary in the MVP.
        Expect.Valid(new TestModule().ImportGlobal("a", "g", ValType.I32, false), WasmFeatures.None);
    }

    [Fact]
    public void LazyValidationSkipsBodies()
    {
        var m = ModuleDecoder.Decode(new TestModule().Func(new Code().I32(1).End()).ToBytes(), WasmFeatures.Spec);
        ModuleValidator.Validate(m, validateBodies: false);
        var ex = Assert.Throws<WasmValidationException>(() => new FuncValidator().Validate(m, 0));
        Assert.Equal("type mismatch", ex.Rule);
        Assert.Equal(0, ex.FunctionIndex);
    }
}
