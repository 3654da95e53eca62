using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Tests.Support;
using Replay.Wasm.Types;
using Replay.Wasm.Validation;

namespace Replay.Wasm.Tests.Validation;

/// <summary>A translator runs in lockstep with the validator and reads its state, as the engines do.</summary>
public class LockstepTests
{
    private sealed class Log
    {
        public List<string> Entries { get; } = [];
    }

    /// <summary>A struct translator: only references inside, so copies share state.</summary>
    private struct Translator(FuncValidator validator, Log log) : IOperatorVisitor
    {
        private void Note(string what) =>
            log.Entries.Add($"{what}@{validator.OperatorOffset}:h{validator.OperandCount}:d{validator.ControlDepth}:u{(validator.IsUnreachable ? 1 : 0)}");

        public void VisitI32Const(int value) => Note("i32.const");
        public void VisitI32Add() => Note($"i32.add top={validator.PeekOperand(0).Name()}");
        public void VisitBlock(BlockType blockType) => Note($"block {validator.BlockResults(blockType).Length}");
        public void VisitBr(uint relativeDepth) => Note("br");
        public void VisitEnd() => Note("end");
        public void VisitDrop() => Note("drop");

        // Everything else is irrelevant to this test.
        public void VisitUnreachable() { }
        public void VisitNop() { }
        public void VisitLoop(BlockType blockType) { }
        public void VisitIf(BlockType blockType) { }
        public void VisitElse() { }
        public void VisitBrIf(uint relativeDepth) { }
        public void VisitBrTable(BrTable table) { }
        public void VisitReturn() { }
        public void VisitCall(uint functionIndex) { }
        public void VisitCallIndirect(uint typeIndex, uint tableIndex) { }
        public void VisitSelect() { }
        public void VisitTypedSelect(ValType type) { }
        public void VisitLocalGet(uint localIndex) { }
        public void VisitLocalSet(uint localIndex) { }
        public void VisitLocalTee(uint localIndex) { }
        public void VisitGlobalGet(uint globalIndex) { }
        public void VisitGlobalSet(uint globalIndex) { }
        public void VisitTableGet(uint tableIndex) { }
        public void VisitTableSet(uint tableIndex) { }
        public void VisitI32Load(MemArg memArg) { }
        public void VisitI64Load(MemArg memArg) { }
        public void VisitF32Load(MemArg memArg) { }
        public void VisitF64Load(MemArg memArg) { }
        public void VisitI32Load8S(MemArg memArg) { }
        public void VisitI32Load8U(MemArg memArg) { }
        public void VisitI32Load16S(MemArg memArg) { }
        public void VisitI32Load16U(MemArg memArg) { }
        public void VisitI64Load8S(MemArg memArg) { }
        public void VisitI64Load8U(MemArg memArg) { }
        public void VisitI64Load16S(MemArg memArg) { }
        public void VisitI64Load16U(MemArg memArg) { }
        public void VisitI64Load32S(MemArg memArg) { }
        public void VisitI64Load32U(MemArg memArg) { }
        public void VisitI32Store(MemArg memArg) { }
        public void VisitI64Store(MemArg memArg) { }
        public void VisitF32Store(MemArg memArg) { }
        public void VisitF64Store(MemArg memArg) { }
        public void VisitI32Store8(MemArg memArg) { }
        public void VisitI32Store16(MemArg memArg) { }
        public void VisitI64Store8(MemArg memArg) { }
        public void VisitI64Store16(MemArg memArg) { }
        public void VisitI64Store32(MemArg memArg) { }
        public void VisitMemorySize() { }
        public void VisitMemoryGrow() { }
        public void VisitI64Const(long value) { }
        public void VisitF32Const(uint bits) { }
        public void VisitF64Const(ulong bits) { }
        public void VisitI32Eqz() { }
        public void VisitI32Eq() { }
        public void VisitI32Ne() { }
        public void VisitI32LtS() { }
        public void VisitI32LtU() { }
        public void VisitI32GtS() { }
        public void VisitI32GtU() { }
        public void VisitI32LeS() { }
        public void VisitI32LeU() { }
        public void VisitI32GeS() { }
        public void VisitI32GeU() { }
        public void VisitI64Eqz() { }
        public void VisitI64Eq() { }
        public void VisitI64Ne() { }
        public void VisitI64LtS() { }
        public void VisitI64LtU() { }
        public void VisitI64GtS() { }
        public void VisitI64GtU() { }
        public void VisitI64LeS() { }
        public void VisitI64LeU() { }
        public void VisitI64GeS() { }
        public void VisitI64GeU() { }
        public void VisitF32Eq() { }
        public void VisitF32Ne() { }
        public void VisitF32Lt() { }
        public void VisitF32Gt() { }
        public void VisitF32Le() { }
        public void VisitF32Ge() { }
        public void VisitF64Eq() { }
        public void VisitF64Ne() { }
        public void VisitF64Lt() { }
        public void VisitF64Gt() { }
        public void VisitF64Le() { }
        public void VisitF64Ge() { }
        public void VisitI32Clz() { }
        public void VisitI32Ctz() { }
        public void VisitI32Popcnt() { }
        public void VisitI32Sub() { }
        public void VisitI32Mul() { }
        public void VisitI32DivS() { }
        public void VisitI32DivU() { }
        public void VisitI32RemS() { }
        public void VisitI32RemU() { }
        public void VisitI32And() { }
        public void VisitI32Or() { }
        public void VisitI32Xor() { }
        public void VisitI32Shl() { }
        public void VisitI32ShrS() { }
        public void VisitI32ShrU() { }
        public void VisitI32Rotl() { }
        public void VisitI32Rotr() { }
        public void VisitI64Clz() { }
        public void VisitI64Ctz() { }
        public void VisitI64Popcnt() { }
        public void VisitI64Add() { }
        public void VisitI64Sub() { }
        public void VisitI64Mul() { }
        public void VisitI64DivS() { }
        public void VisitI64DivU() { }
        public void VisitI64RemS() { }
        public void VisitI64RemU() { }
        public void VisitI64And() { }
        public void VisitI64Or() { }
        public void VisitI64Xor() { }
        public void VisitI64Shl() { }
        public void VisitI64ShrS() { }
        public void VisitI64ShrU() { }
        public void VisitI64Rotl() { }
        public void VisitI64Rotr() { }
        public void VisitF32Abs() { }
        public void VisitF32Neg() { }
        public void VisitF32Ceil() { }
        public void VisitF32Floor() { }
        public void VisitF32Trunc() { }
        public void VisitF32Nearest() { }
        public void VisitF32Sqrt() { }
        public void VisitF32Add() { }
        public void VisitF32Sub() { }
        public void VisitF32Mul() { }
        public void VisitF32Div() { }
        public void VisitF32Min() { }
        public void VisitF32Max() { }
        public void VisitF32Copysign() { }
        public void VisitF64Abs() { }
        public void VisitF64Neg() { }
        public void VisitF64Ceil() { }
        public void VisitF64Floor() { }
        public void VisitF64Trunc() { }
        public void VisitF64Nearest() { }
        public void VisitF64Sqrt() { }
        public void VisitF64Add() { }
        public void VisitF64Sub() { }
        public void VisitF64Mul() { }
        public void VisitF64Div() { }
        public void VisitF64Min() { }
        public void VisitF64Max() { }
        public void VisitF64Copysign() { }
        public void VisitI32WrapI64() { }
        public void VisitI32TruncF32S() { }
        public void VisitI32TruncF32U() { }
        public void VisitI32TruncF64S() { }
        public void VisitI32TruncF64U() { }
        public void VisitI64ExtendI32S() { }
        public void VisitI64ExtendI32U() { }
        public void VisitI64TruncF32S() { }
        public void VisitI64TruncF32U() { }
        public void VisitI64TruncF64S() { }
        public void VisitI64TruncF64U() { }
        public void VisitF32ConvertI32S() { }
        public void VisitF32ConvertI32U() { }
        public void VisitF32ConvertI64S() { }
        public void VisitF32ConvertI64U() { }
        public void VisitF32DemoteF64() { }
        public void VisitF64ConvertI32S() { }
        public void VisitF64ConvertI32U() { }
        public void VisitF64ConvertI64S() { }
        public void VisitF64ConvertI64U() { }
        public void VisitF64PromoteF32() { }
        public void VisitI32ReinterpretF32() { }
        public void VisitI64ReinterpretF64() { }
        public void VisitF32ReinterpretI32() { }
        public void VisitF64ReinterpretI64() { }
        public void VisitI32Extend8S() { }
        public void VisitI32Extend16S() { }
        public void VisitI64Extend8S() { }
        public void VisitI64Extend16S() { }
        public void VisitI64Extend32S() { }
        public void VisitRefNull(ValType type) { }
        public void VisitRefIsNull() { }
        public void VisitRefFunc(uint functionIndex) { }
        public void VisitI32TruncSatF32S() { }
        public void VisitI32TruncSatF32U() { }
        public void VisitI32TruncSatF64S() { }
        public void VisitI32TruncSatF64U() { }
        public void VisitI64TruncSatF32S() { }
        public void VisitI64TruncSatF32U() { }
        public void VisitI64TruncSatF64S() { }
        public void VisitI64TruncSatF64U() { }
        public void VisitMemoryInit(uint dataIndex) { }
        public void VisitDataDrop(uint dataIndex) { }
        public void VisitMemoryCopy() { }
        public void VisitMemoryFill() { }
        public void VisitTableInit(uint elemIndex, uint tableIndex) { }
        public void VisitElemDrop(uint elemIndex) { }
        public void VisitTableCopy(uint dstTable, uint srcTable) { }
        public void VisitTableGrow(uint tableIndex) { }
        public void VisitTableSize(uint tableIndex) { }
        public void VisitTableFill(uint tableIndex) { }
    }

    [Fact]
    public void TranslatorSeesValidatedStateAfterEachOperator()
    {
        var bytes = new TestModule().Func([], [ValType.I32], new Code()
            .Block(Opcode.Block, ValType.I32).I32(1).Op(Opcode.Br, 0).I32(9).Op(Opcode.Drop).End()
            .I32(2).Op(Opcode.I32Add).End()).ToBytes();
        var module = ModuleDecoder.Decode(bytes, WasmFeatures.Spec);
        var validator = new FuncValidator();
        var log = new Log();
        var translator = new Translator(validator, log);
        validator.Run(module, 0, WasmFeatures.Spec, ref translator);
        int c = module.Bodies[0].CodeOffset;
        Assert.Equal(
        [
            $"block 1@{c}:h0:d2:u0",
            $"i32.const@{c + 2}:h1:d2:u0",
            $"br@{c + 4}:h0:d2:u1",
            $"i32.const@{c + 6}:h1:d2:u1",
            $"drop@{c + 8}:h0:d2:u1",
            $"end@{c + 9}:h1:d1:u0",
            $"i32.const@{c + 10}:h2:d1:u0",
            $"i32.add top=i32@{c + 12}:h1:d1:u0",
            $"end@{c + 13}:h0:d0:u0",
        ], log.Entries);
    }

    [Fact]
    public void TranslatorNeverSeesAnInvalidOperator()
    {
        var bytes = new TestModule().Func(new Code().I32(1).I32(2).Op(Opcode.I32Add).I64(0).Op(Opcode.I32Add).Op(Opcode.Drop).End()).ToBytes();
        var module = ModuleDecoder.Decode(bytes, WasmFeatures.Spec);
        var validator = new FuncValidator();
        var log = new Log();
        var translator = new Translator(validator, log);
        Assert.Throws<WasmValidationException>(() => validator.Run(module, 0, WasmFeatures.Spec, ref translator));
        Assert.Equal(3, log.Entries.Count); // two consts and the first add; not the failing add
    }

    [Fact]
    public void OneValidatorServesManyBodies()
    {
        var m = new TestModule();
        for (int i = 0; i < 50; i++)
            m.Func([ValType.I32], [ValType.I32], new Code().Op(Opcode.LocalGet, 0).Block(Opcode.Block, ValType.I32).I32(i).End().Op(Opcode.I32Add).End(),
                Replay.Wasm.Tests.Support.Bytes.Cat(Replay.Wasm.Tests.Support.Bytes.U32(1), Replay.Wasm.Tests.Support.Bytes.U32((uint)i), [0x7E]));
        var module = ModuleDecoder.Decode(m.ToBytes(), WasmFeatures.Spec);
        var validator = new FuncValidator();
        for (int f = 0; f < module.FunctionCount; f++)
        {
            validator.Validate(module, f);
            Assert.Equal(0, validator.OperandCount);
            Assert.Equal(1 + f, validator.LocalCount);
        }
        // A failure leaves no state behind for the next body.
        var bad = ModuleDecoder.Decode(new TestModule().Func(new Code().Op(Opcode.I32Add).End()).ToBytes(), WasmFeatures.Spec);
        Assert.Throws<WasmValidationException>(() => validator.Validate(bad, 0));
        validator.Validate(module, 3);
    }
}
