using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

/// <summary>
/// A visitor that does nothing: reading with it just checks the encoding and skips operators,
/// and it is the translator slot when a body is only validated.
/// </summary>
public struct NullVisitor : IOperatorVisitor
{
    public readonly void VisitUnreachable() { }
    public readonly void VisitNop() { }
    public readonly void VisitBlock(BlockType blockType) { }
    public readonly void VisitLoop(BlockType blockType) { }
    public readonly void VisitIf(BlockType blockType) { }
    public readonly void VisitElse() { }
    public readonly void VisitEnd() { }
    public readonly void VisitBr(uint relativeDepth) { }
    public readonly void VisitBrIf(uint relativeDepth) { }
    public readonly void VisitBrTable(BrTable table) { }
    public readonly void VisitReturn() { }
    public readonly void VisitCall(uint functionIndex) { }
    public readonly void VisitCallIndirect(uint typeIndex, uint tableIndex) { }
    public readonly void VisitDrop() { }
    public readonly void VisitSelect() { }
    public readonly void VisitTypedSelect(ValType type) { }
    public readonly void VisitLocalGet(uint localIndex) { }
    public readonly void VisitLocalSet(uint localIndex) { }
    public readonly void VisitLocalTee(uint localIndex) { }
    public readonly void VisitGlobalGet(uint globalIndex) { }
    public readonly void VisitGlobalSet(uint globalIndex) { }
    public readonly void VisitTableGet(uint tableIndex) { }
    public readonly void VisitTableSet(uint tableIndex) { }
    public readonly void VisitI32Load(MemArg memArg) { }
    public readonly void VisitI64Load(MemArg memArg) { }
    public readonly void VisitF32Load(MemArg memArg) { }
    public readonly void VisitF64Load(MemArg memArg) { }
    public readonly void VisitI32Load8S(MemArg memArg) { }
    public readonly void VisitI32Load8U(MemArg memArg) { }
    public readonly void VisitI32Load16S(MemArg memArg) { }
    public readonly void VisitI32Load16U(MemArg memArg) { }
    public readonly void VisitI64Load8S(MemArg memArg) { }
    public readonly void VisitI64Load8U(MemArg memArg) { }
    public readonly void VisitI64Load16S(MemArg memArg) { }
    public readonly void VisitI64Load16U(MemArg memArg) { }
    public readonly void VisitI64Load32S(MemArg memArg) { }
    public readonly void VisitI64Load32U(MemArg memArg) { }
    public readonly void VisitI32Store(MemArg memArg) { }
    public readonly void VisitI64Store(MemArg memArg) { }
    public readonly void VisitF32Store(MemArg memArg) { }
    public readonly void VisitF64Store(MemArg memArg) { }
    public readonly void VisitI32Store8(MemArg memArg) { }
    public readonly void VisitI32Store16(MemArg memArg) { }
    public readonly void VisitI64Store8(MemArg memArg) { }
    public readonly void VisitI64Store16(MemArg memArg) { }
    public readonly void VisitI64Store32(MemArg memArg) { }
    public readonly void VisitMemorySize() { }
    public readonly void VisitMemoryGrow() { }
    public readonly void VisitI32Const(int value) { }
    public readonly void VisitI64Const(long value) { }
    public readonly void VisitF32Const(uint bits) { }
    public readonly void VisitF64Const(ulong bits) { }
    public readonly void VisitI32Eqz() { }
    public readonly void VisitI32Eq() { }
    public readonly void VisitI32Ne() { }
    public readonly void VisitI32LtS() { }
    public readonly void VisitI32LtU() { }
    public readonly void VisitI32GtS() { }
    public readonly void VisitI32GtU() { }
    public readonly void VisitI32LeS() { }
    public readonly void VisitI32LeU() { }
    public readonly void VisitI32GeS() { }
    public readonly void VisitI32GeU() { }
    public readonly void VisitI64Eqz() { }
    public readonly void VisitI64Eq() { }
    public readonly void VisitI64Ne() { }
    public readonly void VisitI64LtS() { }
    public readonly void VisitI64LtU() { }
    public readonly void VisitI64GtS() { }
    public readonly void VisitI64GtU() { }
    public readonly void VisitI64LeS() { }
    public readonly void VisitI64LeU() { }
    public readonly void VisitI64GeS() { }
    public readonly void VisitI64GeU() { }
    public readonly void VisitF32Eq() { }
    public readonly void VisitF32Ne() { }
    public readonly void VisitF32Lt() { }
    public readonly void VisitF32Gt() { }
    public readonly void VisitF32Le() { }
    public readonly void VisitF32Ge() { }
    public readonly void VisitF64Eq() { }
    public readonly void VisitF64Ne() { }
    public readonly void VisitF64Lt() { }
    public readonly void VisitF64Gt() { }
    public readonly void VisitF64Le() { }
    public readonly void VisitF64Ge() { }
    public readonly void VisitI32Clz() { }
    public readonly void VisitI32Ctz() { }
    public readonly void VisitI32Popcnt() { }
    public readonly void VisitI32Add() { }
    public readonly void VisitI32Sub() { }
    public readonly void VisitI32Mul() { }
    public readonly void VisitI32DivS() { }
    public readonly void VisitI32DivU() { }
    public readonly void VisitI32RemS() { }
    public readonly void VisitI32RemU() { }
    public readonly void VisitI32And() { }
    public readonly void VisitI32Or() { }
    public readonly void VisitI32Xor() { }
    public readonly void VisitI32Shl() { }
    public readonly void VisitI32ShrS() { }
    public readonly void VisitI32ShrU() { }
    public readonly void VisitI32Rotl() { }
    public readonly void VisitI32Rotr() { }
    public readonly void VisitI64Clz() { }
    public readonly void VisitI64Ctz() { }
    public readonly void VisitI64Popcnt() { }
    public readonly void VisitI64Add() { }
    public readonly void VisitI64Sub() { }
    public readonly void VisitI64Mul() { }
    public readonly void VisitI64DivS() { }
    public readonly void VisitI64DivU() { }
    public readonly void VisitI64RemS() { }
    public readonly void VisitI64RemU() { }
    public readonly void VisitI64And() { }
    public readonly void VisitI64Or() { }
    public readonly void VisitI64Xor() { }
    public readonly void VisitI64Shl() { }
    public readonly void VisitI64ShrS() { }
    public readonly void VisitI64ShrU() { }
    public readonly void VisitI64Rotl() { }
    public readonly void VisitI64Rotr() { }
    public readonly void VisitF32Abs() { }
    public readonly void VisitF32Neg() { }
    public readonly void VisitF32Ceil() { }
    public readonly void VisitF32Floor() { }
    public readonly void VisitF32Trunc() { }
    public readonly void VisitF32Nearest() { }
    public readonly void VisitF32Sqrt() { }
    public readonly void VisitF32Add() { }
    public readonly void VisitF32Sub() { }
    public readonly void VisitF32Mul() { }
    public readonly void VisitF32Div() { }
    public readonly void VisitF32Min() { }
    public readonly void VisitF32Max() { }
    public readonly void VisitF32Copysign() { }
    public readonly void VisitF64Abs() { }
    public readonly void VisitF64Neg() { }
    public readonly void VisitF64Ceil() { }
    public readonly void VisitF64Floor() { }
    public readonly void VisitF64Trunc() { }
    public readonly void VisitF64Nearest() { }
    public readonly void VisitF64Sqrt() { }
    public readonly void VisitF64Add() { }
    public readonly void VisitF64Sub() { }
    public readonly void VisitF64Mul() { }
    public readonly void VisitF64Div() { }
    public readonly void VisitF64Min() { }
    public readonly void VisitF64Max() { }
    public readonly void VisitF64Copysign() { }
    public readonly void VisitI32WrapI64() { }
    public readonly void VisitI32TruncF32S() { }
    public readonly void VisitI32TruncF32U() { }
    public readonly void VisitI32TruncF64S() { }
    public readonly void VisitI32TruncF64U() { }
    public readonly void VisitI64ExtendI32S() { }
    public readonly void VisitI64ExtendI32U() { }
    public readonly void VisitI64TruncF32S() { }
    public readonly void VisitI64TruncF32U() { }
    public readonly void VisitI64TruncF64S() { }
    public readonly void VisitI64TruncF64U() { }
    public readonly void VisitF32ConvertI32S() { }
    public readonly void VisitF32ConvertI32U() { }
    public readonly void VisitF32ConvertI64S() { }
    public readonly void VisitF32ConvertI64U() { }
    public readonly void VisitF32DemoteF64() { }
    public readonly void VisitF64ConvertI32S() { }
    public readonly void VisitF64ConvertI32U() { }
    public readonly void VisitF64ConvertI64S() { }
    public readonly void VisitF64ConvertI64U() { }
    public readonly void VisitF64PromoteF32() { }
    public readonly void VisitI32ReinterpretF32() { }
    public readonly void VisitI64ReinterpretF64() { }
    public readonly void VisitF32ReinterpretI32() { }
    public readonly void VisitF64ReinterpretI64() { }
    public readonly void VisitI32Extend8S() { }
    public readonly void VisitI32Extend16S() { }
    public readonly void VisitI64Extend8S() { }
    public readonly void VisitI64Extend16S() { }
    public readonly void VisitI64Extend32S() { }
    public readonly void VisitRefNull(ValType type) { }
    public readonly void VisitRefIsNull() { }
    public readonly void VisitRefFunc(uint functionIndex) { }
    public readonly void VisitI32TruncSatF32S() { }
    public readonly void VisitI32TruncSatF32U() { }
    public readonly void VisitI32TruncSatF64S() { }
    public readonly void VisitI32TruncSatF64U() { }
    public readonly void VisitI64TruncSatF32S() { }
    public readonly void VisitI64TruncSatF32U() { }
    public readonly void VisitI64TruncSatF64S() { }
    public readonly void VisitI64TruncSatF64U() { }
    public readonly void VisitMemoryInit(uint dataIndex) { }
    public readonly void VisitDataDrop(uint dataIndex) { }
    public readonly void VisitMemoryCopy() { }
    public readonly void VisitMemoryFill() { }
    public readonly void VisitTableInit(uint elemIndex, uint tableIndex) { }
    public readonly void VisitElemDrop(uint elemIndex) { }
    public readonly void VisitTableCopy(uint dstTable, uint srcTable) { }
    public readonly void VisitTableGrow(uint tableIndex) { }
    public readonly void VisitTableSize(uint tableIndex) { }
    public readonly void VisitTableFill(uint tableIndex) { }
}
