using Replay.Soroban.Profile;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Modules;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Binary;

public class DecoderTests
{
    private static WasmModule Decode(byte[] b) => ModuleDecoder.Decode(b, WasmFeatures.Spec);

    private static WasmDecodeException Fails(byte[] b, string rule)
    {
        var ex = Assert.Throws<WasmDecodeException>(() => Decode(b));
        Assert.Equal(rule, ex.Rule);
        return ex;
    }

    [Fact]
    public void EmptyModule()
    {
        var m = Decode(Header);
        Assert.Equal(0, m.FunctionCount);
        Assert.Null(m.Start);
        Assert.Null(m.DataCount);
    }

    [Fact]
    public void MagicAndVersion()
    {
        Fails([], "unexpected end");
        Fails([0x00, 0x61, 0x73], "unexpected end");
        Fails([0x00, 0x61, 0x73, 0x6E, 0x01, 0x00, 0x00, 0x00], "magic header not detected");
        Fails([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00], "unexpected end");
        Fails([0x00, 0x61, 0x73, 0x6D, 0x02, 0x00, 0x00, 0x00], "unknown binary version");
    }

    [Fact]
    public void SectionIdsAndOrder()
    {
        Fails(Module([13, 0x00]), "malformed section id");
        var type = Section(SectionId.Type, Vec());
        var import = Section(SectionId.Import, Vec());
        Fails(Module(import, type), "unexpected content after last section");
        Fails(Module(type, type), "unexpected content after last section");
        // Data count sits between element and code, despite its id.
        var element = Section(SectionId.Element, Vec());
        var dataCount = Section(SectionId.DataCount, U32(0));
        var code = Section(SectionId.Code, Vec());
        Decode(Module(element, dataCount, code));
        Fails(Module(code, dataCount), "unexpected content after last section");
        Fails(Module(dataCount, element), "unexpected content after last section");
    }

    [Fact]
    public void CustomSectionsGoAnywhereAndAreRecorded()
    {
        var custom = Section(SectionId.Custom, Name("name"), [1, 2, 3]);
        var m = Decode(Module(custom, Section(SectionId.Type, Vec()), custom, Section(SectionId.Code, Vec()), custom));
        Assert.Equal(3, m.CustomSections.Length);
        Assert.Equal("name", m.CustomSections[0].Name);
        Assert.Equal(new byte[] { 1, 2, 3 }, m.CustomSections[2].Data.ToArray());
        Assert.Equal(3, m.CustomSections[1].Length);
        Fails(Module([0x00, 0x00]), "unexpected end");
        Fails(Module(Section(SectionId.Custom, [0x02, 0xC0, 0x80])), "malformed UTF-8 encoding");
    }

    [Fact]
    public void SectionSizes()
    {
        // Declared larger than the module.
        Fails(Module([(byte)SectionId.Type, 0x10, 0x00]), "length out of bounds");
        // Declared smaller than the content: the last entry reads past the section, into the
        // next one ("section size mismatch") or past the module's end ("unexpected end").
        Fails(Module([(byte)SectionId.Type, 0x02, 0x01, 0x60, 0x00, 0x00]), "section size mismatch");
        Fails(Module([(byte)SectionId.Type, 0x02, 0x01, 0x60]), "unexpected end");
        // Declared larger than the content.
        Fails(Module(Section(SectionId.Type, Vec(), [0x00])), "section size mismatch");
        // A section size that is itself a malformed LEB.
        Fails(Module([(byte)SectionId.Type, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), "integer representation too long");
    }

    [Fact]
    public void TypeSection()
    {
        var m = Decode(Module(Section(SectionId.Type, Vec(
            FuncType([ValType.I32, ValType.F64], [ValType.I64]),
            FuncType([], [ValType.FuncRef, ValType.ExternRef])))));
        Assert.Equal(2, m.Types.Length);
        Assert.Equal(new[] { ValType.I32, ValType.F64 }, m.Types[0].Params.ToArray());
        Assert.Equal(ValType.ExternRef, m.Types[1].Results[1]);
        Fails(Module(Section(SectionId.Type, Vec(Cat([0x61], Vec(), Vec())))), "malformed function type");
        Fails(Module(Section(SectionId.Type, Vec(Cat([0x60], Vec([0x55]), Vec())))), "malformed value type");
    }

    [Fact]
    public void ImportSection()
    {
        var m = Decode(Module(
            Section(SectionId.Type, Vec(FuncType([], []))),
            Section(SectionId.Import, Vec(
                Cat(Name("env"), Name("f"), [0x00], U32(0)),
                Cat(Name("env"), Name("t"), [0x01, 0x70, 0x01], U32(1), U32(10)),
                Cat(Name("env"), Name("m"), [0x02, 0x00], U32(2)),
                Cat(Name("env"), Name("g"), [0x03, 0x7E, 0x01]),
                Cat(Name("env"), Name("h"), [0x00], U32(0))))));
        Assert.Equal(5, m.Imports.Length);
        Assert.Equal(2, m.ImportedFunctionCount);
        Assert.Equal(1, m.ImportedTableCount);
        Assert.Equal(1, m.ImportedMemoryCount);
        Assert.Equal(1, m.ImportedGlobalCount);
        Assert.Equal(new Limits(1, 10), m.TableAt(0).Limits);
        Assert.Equal(2u, m.MemoryAt(0).Limits.Min);
        Assert.Equal(new GlobalType(ValType.I64, true), m.GlobalAt(0));
        Assert.Equal("h", m.Imports[4].Name);
        Assert.Same(m.Types[0], m.FuncTypeOf(1));

        Fails(Module(Section(SectionId.Import, Vec(Cat(Name("a"), Name("b"), [0x04, 0x00])))), "malformed import kind");
        Fails(Module(Section(SectionId.Import, Vec(Cat(Name("a"), Name("b"), [0x03, 0x7F, 0x02])))), "malformed mutability");
        Fails(Module(Section(SectionId.Import, Vec(Cat(Name("a"), Name("b"), [0x02, 0x02, 0x00])))), "integer too large");
        Fails(Module(Section(SectionId.Import, Vec(Cat(Name("a"), Name("b"), [0x01, 0x7F, 0x00, 0x00])))), "malformed reference type");
        Fails(Module(Section(SectionId.Import, Vec(Cat(Name("a"), [0x01, 0xFF], [0x00, 0x00])))), "malformed UTF-8 encoding");
    }

    [Fact]
    public void FunctionTableMemoryGlobalExportStart()
    {
        var m = new TestModule()
            .Func(new Code().End())
            .Func([ValType.I32], [ValType.I32], new Code().Op(Opcode.LocalGet, 0).End(), Cat(U32(1), U32(3), [0x7E]))
            .Table(4)
            .Memory(1, 3)
            .Global(ValType.I32, true, new Code().I32(-5).End())
            .Global(ValType.F64, false, new Code().F64(1.5).End())
            .Export("run", ExternKind.Func, 1)
            .Export("mem", ExternKind.Memory, 0)
            .Decode();
        Assert.Equal(2, m.FunctionCount);
        Assert.Equal(ValType.I32, m.FuncTypeOf(1).Params[0]);
        Assert.Equal(new Limits(4, null), m.Tables[0].Limits);
        Assert.Equal(new Limits(1, 3), m.Memories[0].Limits);
        Assert.Equal(ConstExprKind.I32Const, m.Globals[0].Init.Kind);
        Assert.Equal(-5, m.Globals[0].Init.I32);
        Assert.Equal(BitConverter.DoubleToUInt64Bits(1.5), m.Globals[1].Init.Bits);
        Assert.Equal(1u, m.ExportNamed("run")!.Index);
        Assert.True(m.TryGetExport("mem", out var mem));
        Assert.Equal(ExternKind.Memory, mem.Kind);
        Assert.Null(m.ExportNamed("nope"));
        var body = m.BodyOf(1);
        Assert.Equal(3, body.LocalCount);
        Assert.Equal(new LocalDecl(3, ValType.I64), body.Locals[0]);
        Assert.Equal(3, body.CodeLength); // local.get 0; end
        Assert.Equal(0x20, m.Bytes.Span[body.CodeOffset]);

        var withStart = Decode(Module(Section(SectionId.Start, U32(7))));
        Assert.Equal(7u, withStart.Start);
        Fails(Module(Section(SectionId.Export, Vec(Cat(Name("x"), [0x04], U32(0))))), "malformed export kind");
    }

    [Fact]
    public void FunctionAndCodeCountsMustAgree()
    {
        var type = Section(SectionId.Type, Vec(FuncType([], [])));
        var funcs = Section(SectionId.Function, Vec(U32(0), U32(0)));
        var oneBody = Section(SectionId.Code, Vec(Body(NoLocals, [0x0B])));
        Fails(Module(type, funcs, oneBody), "function and code section have inconsistent lengths");
        Fails(Module(type, funcs), "function and code section have inconsistent lengths");
        Fails(Module(type, oneBody), "function and code section have inconsistent lengths");
    }

    [Fact]
    public void DataCountMustMatchDataSection()
    {
        var mem = Section(SectionId.Memory, Vec(Cat([0x00], U32(1))));
        var passive = Cat(U32(1), Vec([1], [2]));
        Decode(Module(mem, Section(SectionId.DataCount, U32(1)), Section(SectionId.Data, Vec(passive))));
        Fails(Module(mem, Section(SectionId.DataCount, U32(2)), Section(SectionId.Data, Vec(passive))),
            "data count and data section have inconsistent lengths");
        Fails(Module(mem, Section(SectionId.DataCount, U32(1))), "data count and data section have inconsistent lengths");
    }

    [Fact]
    public void DataSegmentEncodings()
    {
        var m = new TestModule().Memory()
            .Data(Cat(U32(0), new Code().I32(16).End().ToArray(), Vec([0xAA], [0xBB])))
            .Data(Cat(U32(1), Vec([0xCC])))
            .Data(Cat(U32(2), U32(0), new Code().I32(8).End().ToArray(), Vec()))
            .DataCount(3)
            .Decode();
        Assert.Equal(SegmentMode.Active, m.Data[0].Mode);
        Assert.Equal(16, m.Data[0].OffsetExpr!.Value.I32);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, m.Data[0].Data.ToArray());
        Assert.Equal(SegmentMode.Passive, m.Data[1].Mode);
        Assert.Null(m.Data[1].OffsetExpr);
        Assert.Equal(0xCC, m.Bytes.Span[m.Data[1].DataOffset]);
        Assert.Equal(0, m.Data[2].Data.Length);
        Fails(new TestModule().Memory().Data(Cat(U32(3))).ToBytes(), "malformed data segment kind");
        Fails(new TestModule().Memory().Data(Cat(U32(1), U32(50), [1])).ToBytes(), "length out of bounds");
    }

    [Fact]
    public void ElementSegmentEncodings()
    {
        var offset = new Code().I32(0).End().ToArray();
        var refFunc = new Code().Op(Opcode.RefFunc, 0).End().ToArray();
        var refNull = new Code().Raw(0xD0, 0x70).End().ToArray();
        var m = new TestModule().Func(new Code().End()).Table(2)
            .Element(Cat(U32(0), offset, Vec(U32(0), U32(0))))
            .Element(Cat(U32(1), [0x00], Vec(U32(0))))
            .Element(Cat(U32(2), U32(0), offset, [0x00], Vec(U32(0))))
            .Element(Cat(U32(3), [0x00], Vec(U32(0))))
            .Element(Cat(U32(4), offset, Vec(refFunc, refNull)))
            .Element(Cat(U32(5), [0x70], Vec(refNull)))
            .Element(Cat(U32(6), U32(0), offset, [0x70], Vec(refFunc)))
            .Element(Cat(U32(7), [0x70], Vec(refFunc)))
            .Decode();
        SegmentMode[] modes = [SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative,
            SegmentMode.Active, SegmentMode.Passive, SegmentMode.Active, SegmentMode.Declarative];
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(modes[i], m.Elements[i].Mode);
            Assert.Equal((uint)i, m.Elements[i].Flags);
            Assert.Equal(ValType.FuncRef, m.Elements[i].ElementType);
            Assert.Equal(modes[i] == SegmentMode.Active, m.Elements[i].OffsetExpr is not null);
        }
        Assert.Equal(2, m.Elements[0].Items.Length);
        Assert.Equal(ConstExprKind.RefFunc, m.Elements[0].Items[1].Kind);
        Assert.Equal(ConstExprKind.RefNull, m.Elements[4].Items[1].Kind);
        Assert.True(m.IsDeclaredFuncRef(0));

        Fails(new TestModule().Element(Cat(U32(8))).ToBytes(), "malformed elements segment kind");
        Fails(new TestModule().Element(Cat(U32(1), [0x01], Vec())).ToBytes(), "malformed element kind");
        Fails(new TestModule().Element(Cat(U32(5), [0x7F], Vec())).ToBytes(), "malformed reference type");
    }

    [Fact]
    public void ConstantExpressionsAreCondensed()
    {
        var m = new TestModule()
            .ImportGlobal("env", "g", ValType.I64, false)
            .Global(ValType.I64, false, new Code().Op(Opcode.GlobalGet, 0).End())
            .Global(ValType.I32, false, new Code().I32(1).I32(2).Op(Opcode.I32Add).End())
            .Global(ValType.I32, false, new Code().I32(1).I32(2).End())
            .Global(ValType.I32, false, new Code().End())
            .Global(ValType.I32, false, new Code().Block(Opcode.Block).End().I32(1).End())
            .Decode();
        Assert.Equal(ConstExprKind.GlobalGet, m.Globals[0].Init.Kind);
        Assert.Equal(0u, m.Globals[0].Init.Index);
        Assert.Equal(ConstExprKind.NonConstant, m.Globals[1].Init.Kind);
        Assert.Equal(ConstExprKind.WrongArity, m.Globals[2].Init.Kind);
        Assert.Equal(ConstExprKind.WrongArity, m.Globals[3].Init.Kind);
        Assert.Equal(ConstExprKind.NonConstant, m.Globals[4].Init.Kind);
        Assert.Equal(m.Globals[1].Init.Offset + 4, m.Globals[1].Init.FaultOffset);
        // An expression with no end runs into the end of the section.
        Fails(Module(Section(SectionId.Global, Vec(Cat([0x7F, 0x00], [0x41, 0x00])))), "unexpected end");
        Fails(Module(Section(SectionId.Global, Vec(Cat([0x7F, 0x00], [0xFF, 0x0B])))), "illegal opcode");
    }

    [Fact]
    public void LocalDeclarations()
    {
        var type = Section(SectionId.Type, Vec(FuncType([], [])));
        var funcs = Section(SectionId.Function, Vec(U32(0)));
        // Two runs adding to exactly 2^32 - 1 are allowed by the spec and cost nothing to decode.
        var huge = Cat(U32(2), U32(uint.MaxValue - 1), [0x7F], U32(1), [0x7E]);
        var m = Decode(Module(type, funcs, Section(SectionId.Code, Vec(Body(huge, [0x0B])))));
        Assert.Equal((long)uint.MaxValue, m.Bodies[0].LocalCount);
        var tooMany = Cat(U32(2), U32(uint.MaxValue), [0x7F], U32(1), [0x7E]);
        FailsInBody(Module(type, funcs, Section(SectionId.Code, Vec(Body(tooMany, [0x0B])))), "too many locals");
        FailsInBody(Module(type, funcs, Section(SectionId.Code, Vec(Body(Cat(U32(1), U32(1), [0x55]), [0x0B])))), "malformed value type");
        // A body declaring a billion local groups in 5 bytes.
        FailsInBody(Module(type, funcs, Section(SectionId.Code, Vec(Body(U32(1_000_000_000), [0x0B])))), "length out of bounds");
        // A body with local declarations but no instructions.
        FailsInBody(Module(type, funcs, Section(SectionId.Code, Vec(Body(NoLocals, [])))), "unexpected end of section or function");
        // A body whose size runs past its section is the decoder's, since it locates bodies.
        Fails(Module(type, funcs, Section(SectionId.Code, Vec(Cat(U32(9), NoLocals, [0x0B])))), "length out of bounds");
    }

    /// <summary>
    /// Local declarations are read with their body, when it is first asked for (lazy
    /// compilation pays nothing for bodies it never calls); the error is the same every time.
    /// </summary>
    private static void FailsInBody(byte[] b, string rule)
    {
        var m = Decode(b);
        var first = Assert.Throws<WasmDecodeException>(() => m.Bodies[0]);
        Assert.Equal(rule, first.Rule);
        var again = Assert.Throws<WasmDecodeException>(() => m.Bodies[0]);
        Assert.Equal(first.Message, again.Message);
        // Compiling everything, as validation does, finds it.
        var invalid = Assert.Throws<WasmDecodeException>(() => Replay.Wasm.Validation.ModuleValidator.Validate(m, m.Features, validateBodies: true));
        Assert.Equal(rule, invalid.Rule);
    }

    [Fact]
    public void BodiesAreNotReadByTheDecoder()
    {
        // An illegal opcode in a body is only found when the body is read: lazy compilation
        // must not pay for code it never runs.
        var m = new TestModule().Func(new Code().Raw(0xFF).End()).Decode();
        Assert.Single(m.Bodies);
    }

    [Fact]
    public void A_body_is_decoded_once_whoever_asks_first()
    {
        var type = Section(SectionId.Type, Vec(FuncType([], [])));
        var funcs = Section(SectionId.Function, Vec(U32(0), U32(0)));
        var bodies = Section(SectionId.Code, Vec(Body(NoLocals, [0x0B]), Body(Cat(U32(1), U32(3), [0x7E]), [0x0B])));
        var m = Decode(Module(type, funcs, bodies));
        Assert.Equal(2, m.Bodies.Length);
        Assert.Equal(m.Bodies[1].Length, m.Bodies.LengthOf(1));
        var seen = new FunctionBody[8];
        Parallel.For(0, seen.Length, i => seen[i] = m.Bodies[1]);
        Assert.All(seen, b => Assert.Same(seen[0], b));
        Assert.Equal(3, m.Bodies[1].LocalCount);
        Assert.Equal(1, m.Bodies[1].FunctionIndex);
        Assert.Equal([0L, 3L], m.Bodies.Select(b => b.LocalCount));
    }

    [Fact]
    public void FeaturesAreRecorded()
    {
        Assert.Equal(SorobanProfile.Features, ModuleDecoder.Decode(Header, SorobanProfile.Features).Features);
    }
}
