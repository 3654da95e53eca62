using Replay.Soroban.Profile;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using static Replay.Wasm.Tests.Support.Bytes;

namespace Replay.Wasm.Tests.Validation;

/// <summary>The Soroban profile accepts and rejects what the network's Wasmi configuration does.</summary>
public class ProfileTests
{
    private const WasmFeatures Soroban = SorobanProfile.Features;

    [Fact]
    public void ProfilesAreTheDocumentedSets()
    {
        Assert.Equal(WasmFeatures.MutableGlobal | WasmFeatures.SignExtension | WasmFeatures.BulkMemory, SorobanProfile.Features);
        foreach (var f in new[] { WasmFeatures.Floats, WasmFeatures.MultiValue, WasmFeatures.ReferenceTypes, WasmFeatures.SaturatingFloatToInt })
        {
            Assert.False(SorobanProfile.Features.Has(f), f.ToString());
            Assert.True(WasmFeatures.Spec.Has(f), f.ToString());
        }
    }

    [Fact]
    public void FloatInstructionsAreRejected()
    {
        var add = new TestModule().Func([], [ValType.I32], new Code().I32(1).Op(Opcode.F32ConvertI32S).Op(Opcode.I32ReinterpretF32).End());
        Expect.Valid(add);
        var ex = Expect.Invalid(add, "floating-point instruction disallowed", Soroban);
        Assert.Equal(0, ex.FunctionIndex);
        Expect.Invalid(new TestModule().Func(new Code().F64(1).Op(Opcode.Drop).End()), "floating-point instruction disallowed", Soroban);
        Expect.Invalid(new TestModule().Memory().Func(new Code().I32(0).Load(Opcode.F32Load, 2).Op(Opcode.Drop).End()), "floating-point instruction disallowed", Soroban);
        Expect.Invalid(new TestModule().Global(ValType.I32, false, new Code().F32(1).End()), "floating-point instruction disallowed", Soroban);
    }

    [Fact]
    public void FloatTypesAreRejected()
    {
        Expect.Invalid(new TestModule().Func([ValType.F32], [], new Code().End()), "floating-point support is disabled", Soroban);
        Expect.Invalid(new TestModule().Func(new Code().End(), Cat(U32(1), U32(1), [0x7C])), "floating-point support is disabled", Soroban);
        Expect.Invalid(new TestModule().Global(ValType.F64, false, new Code().F64(0).End()), "floating-point support is disabled", Soroban);
        Expect.Invalid(new TestModule().ImportGlobal("a", "b", ValType.F32, false), "floating-point support is disabled", Soroban);
        Expect.Invalid(new TestModule().Func(new Code().Block(Opcode.Block, ValType.F32).Op(Opcode.Unreachable).End().Op(Opcode.Drop).End()),
            "floating-point support is disabled", Soroban);
    }

    [Fact]
    public void MultiValueIsRejected()
    {
        Expect.Invalid(new TestModule().Func([], [ValType.I32, ValType.I32], new Code().I32(1).I32(2).End()), "multi-value support is not enabled", Soroban);
        var blockParams = new TestModule();
        uint t = blockParams.Type([ValType.I32], [ValType.I32]);
        blockParams.Func([], [ValType.I32], new Code().I32(1).BlockOfType(Opcode.Block, t).End().End());
        Expect.Invalid(blockParams, "multi-value support is not enabled", Soroban);
        // [] -> [i32] by type index is expressible without multi-value.
        var single = new TestModule();
        uint s = single.Type([], [ValType.I32]);
        single.Func([], [ValType.I32], new Code().BlockOfType(Opcode.Block, s).I32(1).End().End());
        Expect.Valid(single, Soroban);
    }

    [Fact]
    public void ReferenceTypesAreRejected()
    {
        Expect.Invalid(new TestModule().Func(new Code().Raw(0xD0, 0x70).Op(Opcode.Drop).End()), "reference types support is not enabled", Soroban);
        Expect.Invalid(new TestModule().Func([ValType.ExternRef], [], new Code().End()), "reference types support is not enabled", Soroban);
        Expect.Invalid(new TestModule().Table(1, ValType.ExternRef), "reference types support is not enabled", Soroban);
        Expect.Invalid(new TestModule().Table().Func([], [ValType.I32], new Code().Op(Opcode.TableSize, 0).End()), "reference types support is not enabled", Soroban);
        Expect.Invalid(new TestModule().Func(new Code().I32(1).I32(1).I32(0).Raw(0x1C, 0x01, 0x7F).Op(Opcode.Drop).End()), "reference types support is not enabled", Soroban);
        // MVP funcref tables and call_indirect through table 0 are fine; another table index is not encodable.
        var mvp = new TestModule().Table();
        uint t = mvp.Type([], []);
        mvp.Func(new Code().I32(0).Op(Opcode.CallIndirect, t, 0).End());
        Expect.Valid(mvp, Soroban);
        var table1 = new TestModule().Table().Table();
        uint t1 = table1.Type([], []);
        table1.Func(new Code().I32(0).Op(Opcode.CallIndirect, t1, 1).End());
        Expect.Valid(table1);
        Expect.Invalid(table1, "multiple tables", Soroban);
    }

    [Fact]
    public void ReservedIndexBytesFollowWasmparser()
    {
        // call_indirect's table index: a LEB128 with reference types, the MVP's single zero byte without.
        var m = new TestModule().Table();
        uint t = m.Type([], []);
        m.Func(new Code().I32(0).Op(Opcode.CallIndirect, t).Raw(0x80, 0x00).End());
        Expect.Valid(m);
        Expect.Malformed(m, "zero byte expected", Soroban);

        // memory.fill/copy/init: wasmparser 0.100 reads a LEB128 memory index, so a long zero passes
        // on the network; any other index is still rejected.
        Expect.Valid(new TestModule().Memory().Func(new Code().I32(0).I32(0).I32(1).Op(Opcode.MemoryFill).Raw(0x80, 0x00).End()), Soroban);
        Expect.Valid(new TestModule().Memory().Func(new Code().I32(0).I32(0).I32(1).Op(Opcode.MemoryCopy).Raw(0x80, 0x00, 0x00).End()), Soroban);
        Expect.Malformed(new TestModule().Memory().Func(new Code().I32(0).I32(0).I32(1).Op(Opcode.MemoryFill).Raw(0x01).End()), "zero byte expected", Soroban);
        // memory.size keeps a single reserved byte: wasmparser checks the first byte.
        Expect.Malformed(new TestModule().Memory().Func([], [ValType.I32], new Code().Op(Opcode.MemorySize).Raw(0x80, 0x00).End()), "zero byte expected", Soroban);
    }

    [Fact]
    public void SaturatingConversionsAreRejected()
    {
        var sat = new TestModule().Func([], [ValType.I32], new Code().I32(0).Op(Opcode.F32ConvertI32S).Op(Opcode.I32TruncSatF32S).End());
        Expect.Valid(sat);
        Expect.Invalid(sat, "saturating float-to-int support is not enabled", WasmFeatures.Spec & ~WasmFeatures.SaturatingFloatToInt);
        Expect.Invalid(sat, "floating-point instruction disallowed", Soroban);
    }

    [Fact]
    public void SorobanFeaturesAreAccepted()
    {
        var m = new TestModule().Memory()
            .ImportGlobal("env", "g", ValType.I64, true)
            .Func([], [ValType.I64], new Code()
                .I32(0).I32(0).I32(4).Op(Opcode.MemoryCopy).Raw(0, 0)
                .I32(0).I32(7).I32(4).Op(Opcode.MemoryFill).Raw(0)
                .I32(200).Op(Opcode.I32Extend8S).Op(Opcode.I64ExtendI32S).Op(Opcode.I64Extend32S)
                .Op(Opcode.GlobalSet, 0).Op(Opcode.GlobalGet, 0).End());
        Expect.Valid(m, Soroban);
        Expect.Invalid(m, "sign extension support is not enabled", Soroban & ~WasmFeatures.SignExtension);
    }

    [Fact]
    public void SimdIsNeverEnabled()
    {
        Expect.Invalid(new TestModule().Func([ValType.V128], [], new Code().End()), "SIMD support is not enabled");
    }
}
