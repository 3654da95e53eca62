using System.Diagnostics;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using Replay.Wasm.Validation;
using Xunit.Abstractions;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Hostile;

/// <summary>Inputs built to exhaust memory, stack or time must be rejected or handled within bounds.</summary>
public class HostileModuleTests(ITestOutputHelper output)
{
    private static readonly byte[] OneVoidType = Section(SectionId.Type, Vec(FuncType([], [])));
    private static readonly byte[] OneFunction = Section(SectionId.Function, Vec(U32(0)));

    private static byte[] OneBody(byte[] locals, byte[] code) => Module(OneVoidType, OneFunction, Section(SectionId.Code, Vec(Body(locals, code))));

    [Fact]
    public void DeeplyNestedBlocksDoNotUseTheCallStack()
    {
        const int depth = 100_000;
        var code = new byte[depth * 3 + 1];
        for (int i = 0; i < depth; i++)
        {
            code[2 * i] = 0x02;
            code[2 * i + 1] = 0x40;
        }
        Array.Fill(code, (byte)0x0B, depth * 2, depth + 1);
        var sw = Stopwatch.StartNew();
        Expect.Valid(OneBody(NoLocals, code));
        output.WriteLine($"{depth} nested blocks validated in {sw.ElapsedMilliseconds} ms");

        // The same without the ends: rejected, not a stack overflow.
        Expect.Malformed(OneBody(NoLocals, code[..(depth * 2)]), "unexpected end of section or function");
    }

    [Fact]
    public void DeeplyNestedBlocksInAConstantExpression()
    {
        var expr = Cat(Enumerable.Repeat(new byte[] { 0x02, 0x40 }, 100_000).SelectMany(b => b).ToArray(),
            Enumerable.Repeat((byte)0x0B, 100_001).ToArray());
        var bytes = Module(Section(SectionId.Global, Vec(Cat([0x7F, 0x00], expr))));
        Expect.Invalid(bytes, "constant expression required");
    }

    [Fact]
    public void FourBillionLocalsCostNothing()
    {
        var locals = Cat(U32(2), U32(uint.MaxValue - 2), [0x7F], U32(1), [0x7E]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var code = new Code().Op(Opcode.LocalGet, uint.MaxValue - 2).Op(Opcode.Drop)
            .Op(Opcode.LocalGet, uint.MaxValue - 3).Op(Opcode.I32Eqz).Op(Opcode.Drop).End().ToArray();
        var m = Expect.Valid(OneBody(locals, code));
        Assert.Equal(uint.MaxValue - 1L, m.Bodies[0].LocalCount);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
        // The local past the end, and a type mismatch on the last local (an i64).
        Expect.Invalid(OneBody(locals, new Code().Op(Opcode.LocalGet, uint.MaxValue - 1).Op(Opcode.Drop).End().ToArray()), "unknown local");
        Expect.Invalid(OneBody(locals, new Code().Op(Opcode.LocalGet, uint.MaxValue - 2).Op(Opcode.I32Eqz).Op(Opcode.Drop).End().ToArray()), "type mismatch");
    }

    [Fact]
    public void HugeDeclaredCountsAreRejectedBeforeAllocation()
    {
        byte[] max = U32(uint.MaxValue);
        foreach (var id in new[] { SectionId.Type, SectionId.Import, SectionId.Function, SectionId.Table, SectionId.Memory,
                     SectionId.Global, SectionId.Export, SectionId.Element, SectionId.Code, SectionId.Data })
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var ex = Assert.ThrowsAny<WasmFrontEndException>(() => ModuleDecoder.Decode(Module(Section(id, max)), WasmFeatures.Spec));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 100_000, $"{id} allocated before failing");
            output.WriteLine($"{id}: {ex.Message}");
        }
        // Vector lengths inside entries too: a type with 2^32 - 1 parameters, an element segment of as many items.
        Expect.Malformed(Module(Section(SectionId.Type, Vec(Cat([0x60], max)))), "length out of bounds");
        Expect.Malformed(Module(Section(SectionId.Element, Vec(Cat(U32(1), [0x00], max)))), "length out of bounds");
        Expect.Malformed(Module(Section(SectionId.Data, Vec(Cat(U32(1), max)))), "length out of bounds");
        Expect.Malformed(Module(Section(SectionId.Custom, max)), "length out of bounds");
    }

    [Fact]
    public void SectionSizesPastTheEnd()
    {
        Expect.Malformed(Module([(byte)SectionId.Code, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]), "length out of bounds");
        Expect.Malformed(Module(OneVoidType, OneFunction, Section(SectionId.Code, Vec(Cat(U32(uint.MaxValue), [0x00, 0x0B])))), "length out of bounds");
    }

    [Fact]
    public void HundredThousandFunctionsInBoundedTime()
    {
        const int n = 100_000;
        var funcs = new byte[n][];
        var bodies = new byte[n][];
        var body = Body(NoLocals, new Code().I32(1).Block(Opcode.Block, ValType.I32).I32(2).End().Op(Opcode.I32Add).Op(Opcode.Drop).End().ToArray());
        for (int i = 0; i < n; i++)
        {
            funcs[i] = U32(0);
            bodies[i] = body;
        }
        var bytes = Module(OneVoidType, Section(SectionId.Function, Vec(funcs)), Section(SectionId.Code, Vec(bodies)));
        var sw = Stopwatch.StartNew();
        var m = ModuleDecoder.Decode(bytes, WasmFeatures.Spec);
        long decodeMs = sw.ElapsedMilliseconds;
        ModuleValidator.Validate(m, validateBodies: true);
        long totalMs = sw.ElapsedMilliseconds;
        output.WriteLine($"{n} functions ({bytes.Length} bytes): decode {decodeMs} ms, decode+validate {totalMs} ms");
        Assert.Equal(n, m.FunctionCount);
        Assert.True(totalMs < 10_000, $"took {totalMs} ms");
    }

    [Fact]
    public void ManyBrTableTargets()
    {
        const int n = 200_000;
        var code = new Code().Block(Opcode.Block).I32(0).Op(Opcode.BrTable, [(uint)n, .. Enumerable.Repeat(0u, n), 1u]).End().End();
        Expect.Valid(OneBody(NoLocals, code.ToArray()));
    }
}
