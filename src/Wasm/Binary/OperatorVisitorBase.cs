using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

/// <summary>
/// A visitor class whose methods do nothing until overridden: for tools and tests that care
/// about a few operators. Calls through it are virtual, so hot paths use struct visitors instead.
/// </summary>
public abstract class OperatorVisitorBase : IOperatorVisitor
{
    public virtual void VisitUnreachable() { }
    public virtual void VisitNop() { }
    public virtual void VisitBlock(BlockType blockType) { }
    public virtual void VisitLoop(BlockType blockType) { }
    public virtual void VisitIf(BlockType blockType) { }
    public virtual void VisitElse() { }
    public virtual void VisitEnd() { }
    public virtual void VisitBr(uint relativeDepth) { }
    public virtual void VisitBrIf(uint relativeDepth) { }
    public virtual void VisitBrTable(BrTable table) { }
    public virtual void VisitReturn() { }
    public virtual void VisitCall(uint functionIndex) { }
    public virtual void VisitCallIndirect(uint typeIndex, uint tableIndex) { }
    public virtual void VisitDrop() { }
    public virtual void VisitSelect() { }
    public virtual void VisitTypedSelect(ValType type) { }
    public virtual void VisitLocalGet(uint localIndex) { }
    public virtual void VisitLocalSet(uint localIndex) { }
    public virtual void VisitLocalTee(uint localIndex) { }
    public virtual void VisitGlobalGet(uint globalIndex) { }
    public virtual void VisitGlobalSet(uint globalIndex) { }
    public virtual void VisitTableGet(uint tableIndex) { }
    public virtual void VisitTableSet(uint tableIndex) { }
    public virtual void VisitI32Load(MemArg memArg) { }
    public virtual void VisitI64Load(MemArg memArg) { }
    public virtual void VisitF32Load(MemArg memArg) { }
    public virtual void VisitF64Load(MemArg memArg) { }
    public virtual void VisitI32Load8S(MemArg memArg) { }
    public virtual void VisitI32Load8U(MemArg memArg) { }
    public virtual void VisitI32Load16S(MemArg memArg) { }
    public virtual void VisitI32Load16U(MemArg memArg) { }
    public virtual void VisitI64Load8S(MemArg memArg) { }
    public virtual void VisitI64Load8U(MemArg memArg) { }
    public virtual void VisitI64Load16S(MemArg memArg) { }
    public virtual void VisitI64Load16U(MemArg memArg) { }
    public virtual void VisitI64Load32S(MemArg memArg) { }
    public virtual void VisitI64Load32U(MemArg memArg) { }
    public virtual void VisitI32Store(MemArg memArg) { }
    public virtual void VisitI64Store(MemArg memArg) { }
    public virtual void VisitF32Store(MemArg memArg) { }
    public virtual void VisitF64Store(MemArg memArg) { }
    public virtual void VisitI32Store8(MemArg memArg) { }
    public virtual void VisitI32Store16(MemArg memArg) { }
    public virtual void VisitI64Store8(MemArg memArg) { }
    public virtual void VisitI64Store16(MemArg memArg) { }
    public virtual void VisitI64Store32(MemArg memArg) { }
    public virtual void VisitMemorySize() { }
    public virtual void VisitMemoryGrow() { }
    public virtual void VisitI32Const(int value) { }
    public virtual void VisitI64Const(long value) { }
    public virtual void VisitF32Const(uint bits) { }
    public virtual void VisitF64Const(ulong bits) { }
    public virtual void VisitI32Eqz() { }
    public virtual void VisitI32Eq() { }
    public virtual void VisitI32Ne() { }
    public virtual void VisitI32LtS() { }
    public virtual void VisitI32LtU() { }
    public virtual void VisitI32GtS() { }
    public virtual void VisitI32GtU() { }
    public virtual void VisitI32LeS() { }
    public virtual void VisitI32LeU() { }
    public virtual void VisitI32GeS() { }
    public virtual void VisitI32GeU() { }
    public virtual void VisitI64Eqz() { }
    public virtual void VisitI64Eq() { }
    public virtual void VisitI64Ne() { }
    public virtual void VisitI64LtS() { }
    public virtual void VisitI64LtU() { }
    public virtual void VisitI64GtS() { }
    public virtual void VisitI64GtU() { }
    public virtual void VisitI64LeS() { }
    public virtual void VisitI64LeU() { }
    public virtual void VisitI64GeS() { }
    public virtual void VisitI64GeU() { }
    public virtual void VisitF32Eq() { }
    public virtual void VisitF32Ne() { }
    public virtual void VisitF32Lt() { }
    public virtual void VisitF32Gt() { }
    public virtual void VisitF32Le() { }
    public virtual void VisitF32Ge() { }
    public virtual void VisitF64Eq() { }
    public virtual void VisitF64Ne() { }
    public virtual void VisitF64Lt() { }
    public virtual void VisitF64Gt() { }
    public virtual void VisitF64Le() { }
    public virtual void VisitF64Ge() { }
    public virtual void VisitI32Clz() { }
    public virtual void VisitI32Ctz() { }
    public virtual void VisitI32Popcnt() { }
    public virtual void VisitI32Add() { }
    public virtual void VisitI32Sub() { }
    public virtual void VisitI32Mul() { }
    public virtual void VisitI32DivS() { }
    public virtual void VisitI32DivU() { }
    public virtual void VisitI32RemS() { }
    public virtual void VisitI32RemU() { }
    public virtual void VisitI32And() { }
    public virtual void VisitI32Or() { }
    public virtual void VisitI32Xor() { }
    public virtual void VisitI32Shl() { }
    public virtual void VisitI32ShrS() { }
    public virtual void VisitI32ShrU() { }
    public virtual void VisitI32Rotl() { }
    public virtual void VisitI32Rotr() { }
    public virtual void VisitI64Clz() { }
    public virtual void VisitI64Ctz() { }
    public virtual void VisitI64Popcnt() { }
    public virtual void VisitI64Add() { }
    public virtual void VisitI64Sub() { }
    public virtual void VisitI64Mul() { }
    public virtual void VisitI64DivS() { }
    public virtual void VisitI64DivU() { }
    public virtual void VisitI64RemS() { }
    public virtual void VisitI64RemU() { }
    public virtual void VisitI64And() { }
    public virtual void VisitI64Or() { }
    public virtual void VisitI64Xor() { }
    public virtual void VisitI64Shl() { }
    public virtual void VisitI64ShrS() { }
    public virtual void VisitI64ShrU() { }
    public virtual void VisitI64Rotl() { }
    public virtual void VisitI64Rotr() { }
    public virtual void VisitF32Abs() { }
    public virtual void VisitF32Neg() { }
    public virtual void VisitF32Ceil() { }
    public virtual void VisitF32Floor() { }
    public virtual void VisitF32Trunc() { }
    public virtual void VisitF32Nearest() { }
    public virtual void VisitF32Sqrt() { }
    public virtual void VisitF32Add() { }
    public virtual void VisitF32Sub() { }
    public virtual void VisitF32Mul() { }
    public virtual void VisitF32Div() { }
    public virtual void VisitF32Min() { }
    public virtual void VisitF32Max() { }
    public virtual void VisitF32Copysign() { }
    public virtual void VisitF64Abs() { }
    public virtual void VisitF64Neg() { }
    public virtual void VisitF64Ceil() { }
    public virtual void VisitF64Floor() { }
    public virtual void VisitF64Trunc() { }
    public virtual void VisitF64Nearest() { }
    public virtual void VisitF64Sqrt() { }
    public virtual void VisitF64Add() { }
    public virtual void VisitF64Sub() { }
    public virtual void VisitF64Mul() { }
    public virtual void VisitF64Div() { }
    public virtual void VisitF64Min() { }
    public virtual void VisitF64Max() { }
    public virtual void VisitF64Copysign() { }
    public virtual void VisitI32WrapI64() { }
    public virtual void VisitI32TruncF32S() { }
    public virtual void VisitI32TruncF32U() { }
    public virtual void VisitI32TruncF64S() { }
    public virtual void VisitI32TruncF64U() { }
    public virtual void VisitI64ExtendI32S() { }
    public virtual void VisitI64ExtendI32U() { }
    public virtual void VisitI64TruncF32S() { }
    public virtual void VisitI64TruncF32U() { }
    public virtual void VisitI64TruncF64S() { }
    public virtual void VisitI64TruncF64U() { }
    public virtual void VisitF32ConvertI32S() { }
    public virtual void VisitF32ConvertI32U() { }
    public virtual void VisitF32ConvertI64S() { }
    public virtual void VisitF32ConvertI64U() { }
    public virtual void VisitF32DemoteF64() { }
    public virtual void VisitF64ConvertI32S() { }
    public virtual void VisitF64ConvertI32U() { }
    public virtual void VisitF64ConvertI64S() { }
    public virtual void VisitF64ConvertI64U() { }
    public virtual void VisitF64PromoteF32() { }
    public virtual void VisitI32ReinterpretF32() { }
    public virtual void VisitI64ReinterpretF64() { }
    public virtual void VisitF32ReinterpretI32() { }
    public virtual void VisitF64ReinterpretI64() { }
    public virtual void VisitI32Extend8S() { }
    public virtual void VisitI32Extend16S() { }
    public virtual void VisitI64Extend8S() { }
    public virtual void VisitI64Extend16S() { }
    public virtual void VisitI64Extend32S() { }
    public virtual void VisitRefNull(ValType type) { }
    public virtual void VisitRefIsNull() { }
    public virtual void VisitRefFunc(uint functionIndex) { }
    public virtual void VisitI32TruncSatF32S() { }
    public virtual void VisitI32TruncSatF32U() { }
    public virtual void VisitI32TruncSatF64S() { }
    public virtual void VisitI32TruncSatF64U() { }
    public virtual void VisitI64TruncSatF32S() { }
    public virtual void VisitI64TruncSatF32U() { }
    public virtual void VisitI64TruncSatF64S() { }
    public virtual void VisitI64TruncSatF64U() { }
    public virtual void VisitMemoryInit(uint dataIndex) { }
    public virtual void VisitDataDrop(uint dataIndex) { }
    public virtual void VisitMemoryCopy() { }
    public virtual void VisitMemoryFill() { }
    public virtual void VisitTableInit(uint elemIndex, uint tableIndex) { }
    public virtual void VisitElemDrop(uint elemIndex) { }
    public virtual void VisitTableCopy(uint dstTable, uint srcTable) { }
    public virtual void VisitTableGrow(uint tableIndex) { }
    public virtual void VisitTableSize(uint tableIndex) { }
    public virtual void VisitTableFill(uint tableIndex) { }
}
