using Replay.Engine.Register.Ir;
using Replay.Wasm.Binary;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Translation;

/// <summary>
/// The translator's operator visitor, one method per Wasm operator (wasmi's FuncTranslator
/// visitor). A struct so the reader and the validator call it without interface dispatch;
/// all state lives in the <see cref="FuncBuilder"/> it forwards to. Reinterpretations and
/// nop emit nothing: registers hold raw bits.
/// </summary>
internal readonly struct FuncTranslator(FuncBuilder builder) : IOperatorVisitor
{
    private readonly FuncBuilder _b = builder;

    public readonly void VisitUnreachable() => _b.Unreachable();
    public readonly void VisitNop() { }
    public readonly void VisitBlock(BlockType blockType) => _b.Block(blockType);
    public readonly void VisitLoop(BlockType blockType) => _b.Loop(blockType);
    public readonly void VisitIf(BlockType blockType) => _b.If(blockType);
    public readonly void VisitElse() => _b.Else();
    public readonly void VisitEnd() => _b.End();
    public readonly void VisitBr(uint relativeDepth) => _b.Br(relativeDepth);
    public readonly void VisitBrIf(uint relativeDepth) => _b.BrIf(relativeDepth);
    public readonly void VisitBrTable(BrTable table)
    {
        if ((_b.Faults & RegisterFaults.LazyBrTableInvalid) != 0)
            throw new Replay.Wasm.Validation.WasmValidationException("br_table rejected (injected fault)", 0, -1);
        _b.BrTable(table);
    }
    public readonly void VisitReturn() => _b.Return();
    public readonly void VisitCall(uint functionIndex) => _b.Call(functionIndex);
    public readonly void VisitCallIndirect(uint typeIndex, uint tableIndex) => _b.CallIndirect(typeIndex, tableIndex);
    public readonly void VisitDrop() => _b.Drop();
    public readonly void VisitSelect() => _b.Select();
    public readonly void VisitTypedSelect(ValType type) => _b.Select();
    public readonly void VisitLocalGet(uint localIndex) => _b.LocalGet(localIndex);
    public readonly void VisitLocalSet(uint localIndex) => _b.LocalSet(localIndex);
    public readonly void VisitLocalTee(uint localIndex) => _b.LocalTee(localIndex);
    public readonly void VisitGlobalGet(uint globalIndex) => _b.GlobalGet(globalIndex);
    public readonly void VisitGlobalSet(uint globalIndex) => _b.GlobalSet(globalIndex);
    public readonly void VisitTableGet(uint tableIndex) => _b.EntityUnary(Op.TableGet, tableIndex);
    public readonly void VisitTableSet(uint tableIndex) => _b.EntityBinaryNoResult(Op.TableSet, tableIndex);
    public readonly void VisitI32Load(MemArg memArg) => _b.Load(Op.I32Load, memArg);
    public readonly void VisitI64Load(MemArg memArg) => _b.Load(Op.I64Load, memArg);
    public readonly void VisitF32Load(MemArg memArg) => _b.Load(Op.I32Load, memArg);
    public readonly void VisitF64Load(MemArg memArg) => _b.Load(Op.I64Load, memArg);
    public readonly void VisitI32Load8S(MemArg memArg) => _b.Load(Op.I32Load8S, memArg);
    public readonly void VisitI32Load8U(MemArg memArg) => _b.Load(Op.I32Load8U, memArg);
    public readonly void VisitI32Load16S(MemArg memArg) => _b.Load(Op.I32Load16S, memArg);
    public readonly void VisitI32Load16U(MemArg memArg) => _b.Load(Op.I32Load16U, memArg);
    public readonly void VisitI64Load8S(MemArg memArg) => _b.Load(Op.I64Load8S, memArg);
    public readonly void VisitI64Load8U(MemArg memArg) => _b.Load(Op.I64Load8U, memArg);
    public readonly void VisitI64Load16S(MemArg memArg) => _b.Load(Op.I64Load16S, memArg);
    public readonly void VisitI64Load16U(MemArg memArg) => _b.Load(Op.I64Load16U, memArg);
    public readonly void VisitI64Load32S(MemArg memArg) => _b.Load(Op.I64Load32S, memArg);
    public readonly void VisitI64Load32U(MemArg memArg) => _b.Load(Op.I64Load32U, memArg);
    public readonly void VisitI32Store(MemArg memArg) => _b.Store(Op.I32Store, memArg);
    public readonly void VisitI64Store(MemArg memArg) => _b.Store(Op.I64Store, memArg);
    public readonly void VisitF32Store(MemArg memArg) => _b.Store(Op.I32Store, memArg);
    public readonly void VisitF64Store(MemArg memArg) => _b.Store(Op.I64Store, memArg);
    public readonly void VisitI32Store8(MemArg memArg) => _b.Store(Op.I32Store8, memArg);
    public readonly void VisitI32Store16(MemArg memArg) => _b.Store(Op.I32Store16, memArg);
    public readonly void VisitI64Store8(MemArg memArg) => _b.Store(Op.I64Store8, memArg);
    public readonly void VisitI64Store16(MemArg memArg) => _b.Store(Op.I64Store16, memArg);
    public readonly void VisitI64Store32(MemArg memArg) => _b.Store(Op.I64Store32, memArg);
    public readonly void VisitMemorySize() => _b.Nullary(Op.MemorySize, 0);
    public readonly void VisitMemoryGrow() => _b.EntityUnary(Op.MemoryGrow, 0);
    public readonly void VisitI32Const(int value) => _b.Const(ValType.I32, (uint)value);
    public readonly void VisitI64Const(long value) => _b.Const(ValType.I64, (ulong)value);
    public readonly void VisitF32Const(uint bits) => _b.Const(ValType.F32, bits);
    public readonly void VisitF64Const(ulong bits) => _b.Const(ValType.F64, bits);
    public readonly void VisitI32Eqz() => _b.Unary(Op.I32Eqz);
    public readonly void VisitI32Eq() => _b.Binary(Op.I32Eq, Op.I32EqImm, true, Op.I32EqImm);
    public readonly void VisitI32Ne() => _b.Binary(Op.I32Ne, Op.I32NeImm, true, Op.I32NeImm);
    public readonly void VisitI32LtS() => _b.Binary(Op.I32LtS, Op.I32LtSImm, false, Op.I32GtSImm);
    public readonly void VisitI32LtU() => _b.Binary(Op.I32LtU, Op.I32LtUImm, false, Op.I32GtUImm);
    public readonly void VisitI32GtS() => _b.Binary(Op.I32GtS, Op.I32GtSImm, false, Op.I32LtSImm);
    public readonly void VisitI32GtU() => _b.Binary(Op.I32GtU, Op.I32GtUImm, false, Op.I32LtUImm);
    public readonly void VisitI32LeS() => _b.Binary(Op.I32LeS, Op.I32LeSImm, false, Op.I32GeSImm);
    public readonly void VisitI32LeU() => _b.Binary(Op.I32LeU, Op.I32LeUImm, false, Op.I32GeUImm);
    public readonly void VisitI32GeS() => _b.Binary(Op.I32GeS, Op.I32GeSImm, false, Op.I32LeSImm);
    public readonly void VisitI32GeU() => _b.Binary(Op.I32GeU, Op.I32GeUImm, false, Op.I32LeUImm);
    public readonly void VisitI64Eqz() => _b.Unary(Op.I64Eqz);
    public readonly void VisitI64Eq() => _b.Binary(Op.I64Eq, Op.I64EqImm, true, Op.I64EqImm);
    public readonly void VisitI64Ne() => _b.Binary(Op.I64Ne, Op.I64NeImm, true, Op.I64NeImm);
    public readonly void VisitI64LtS() => _b.Binary(Op.I64LtS, Op.I64LtSImm, false, Op.I64GtSImm);
    public readonly void VisitI64LtU() => _b.Binary(Op.I64LtU, Op.I64LtUImm, false, Op.I64GtUImm);
    public readonly void VisitI64GtS() => _b.Binary(Op.I64GtS, Op.I64GtSImm, false, Op.I64LtSImm);
    public readonly void VisitI64GtU() => _b.Binary(Op.I64GtU, Op.I64GtUImm, false, Op.I64LtUImm);
    public readonly void VisitI64LeS() => _b.Binary(Op.I64LeS, Op.I64LeSImm, false, Op.I64GeSImm);
    public readonly void VisitI64LeU() => _b.Binary(Op.I64LeU, Op.I64LeUImm, false, Op.I64GeUImm);
    public readonly void VisitI64GeS() => _b.Binary(Op.I64GeS, Op.I64GeSImm, false, Op.I64LeSImm);
    public readonly void VisitI64GeU() => _b.Binary(Op.I64GeU, Op.I64GeUImm, false, Op.I64LeUImm);
    public readonly void VisitF32Eq() => _b.Binary(Op.F32Eq, Op.Trap, false);
    public readonly void VisitF32Ne() => _b.Binary(Op.F32Ne, Op.Trap, false);
    public readonly void VisitF32Lt() => _b.Binary(Op.F32Lt, Op.Trap, false);
    public readonly void VisitF32Gt() => _b.Binary(Op.F32Gt, Op.Trap, false);
    public readonly void VisitF32Le() => _b.Binary(Op.F32Le, Op.Trap, false);
    public readonly void VisitF32Ge() => _b.Binary(Op.F32Ge, Op.Trap, false);
    public readonly void VisitF64Eq() => _b.Binary(Op.F64Eq, Op.Trap, false);
    public readonly void VisitF64Ne() => _b.Binary(Op.F64Ne, Op.Trap, false);
    public readonly void VisitF64Lt() => _b.Binary(Op.F64Lt, Op.Trap, false);
    public readonly void VisitF64Gt() => _b.Binary(Op.F64Gt, Op.Trap, false);
    public readonly void VisitF64Le() => _b.Binary(Op.F64Le, Op.Trap, false);
    public readonly void VisitF64Ge() => _b.Binary(Op.F64Ge, Op.Trap, false);
    public readonly void VisitI32Clz() => _b.Unary(Op.I32Clz);
    public readonly void VisitI32Ctz() => _b.Unary(Op.I32Ctz);
    public readonly void VisitI32Popcnt() => _b.Unary(Op.I32Popcnt);
    public readonly void VisitI32Add() => _b.Binary(Op.I32Add, Op.I32AddImm, true);
    public readonly void VisitI32Sub() => _b.Binary(Op.I32Sub, Op.I32SubImm, false);
    public readonly void VisitI32Mul() => _b.Binary(Op.I32Mul, Op.I32MulImm, true);
    public readonly void VisitI32DivS() => _b.Binary(Op.I32DivS, Op.I32DivSImm, false);
    public readonly void VisitI32DivU() => _b.Binary(Op.I32DivU, Op.I32DivUImm, false);
    public readonly void VisitI32RemS()
    {
        if ((_b.Faults & RegisterFaults.RemSWrongSign) != 0)
            _b.Binary(Op.I32RemSWrongSign, Op.I32RemSWrongSignImm, false);
        else
            _b.Binary(Op.I32RemS, Op.I32RemSImm, false);
    }
    public readonly void VisitI32RemU() => _b.Binary(Op.I32RemU, Op.I32RemUImm, false);
    public readonly void VisitI32And() => _b.Binary(Op.I32And, Op.I32AndImm, true);
    public readonly void VisitI32Or() => _b.Binary(Op.I32Or, Op.I32OrImm, true);
    public readonly void VisitI32Xor() => _b.Binary(Op.I32Xor, Op.I32XorImm, true);
    public readonly void VisitI32Shl() => _b.Binary(Op.I32Shl, Op.I32ShlImm, false);
    public readonly void VisitI32ShrS() => _b.Binary(Op.I32ShrS, Op.I32ShrSImm, false);
    public readonly void VisitI32ShrU() => _b.Binary(Op.I32ShrU, Op.I32ShrUImm, false);
    public readonly void VisitI32Rotl() => _b.Binary(Op.I32Rotl, Op.I32RotlImm, false);
    public readonly void VisitI32Rotr() => _b.Binary(Op.I32Rotr, Op.I32RotrImm, false);
    public readonly void VisitI64Clz() => _b.Unary(Op.I64Clz);
    public readonly void VisitI64Ctz() => _b.Unary(Op.I64Ctz);
    public readonly void VisitI64Popcnt() => _b.Unary(Op.I64Popcnt);
    public readonly void VisitI64Add() => _b.Binary(Op.I64Add, Op.I64AddImm, true);
    public readonly void VisitI64Sub() => _b.Binary(Op.I64Sub, Op.I64SubImm, false);
    public readonly void VisitI64Mul() => _b.Binary(Op.I64Mul, Op.I64MulImm, true);
    public readonly void VisitI64DivS() => _b.Binary(Op.I64DivS, Op.I64DivSImm, false);
    public readonly void VisitI64DivU() => _b.Binary(Op.I64DivU, Op.I64DivUImm, false);
    public readonly void VisitI64RemS() => _b.Binary(Op.I64RemS, Op.I64RemSImm, false);
    public readonly void VisitI64RemU() => _b.Binary(Op.I64RemU, Op.I64RemUImm, false);
    public readonly void VisitI64And() => _b.Binary(Op.I64And, Op.I64AndImm, true);
    public readonly void VisitI64Or() => _b.Binary(Op.I64Or, Op.I64OrImm, true);
    public readonly void VisitI64Xor() => _b.Binary(Op.I64Xor, Op.I64XorImm, true);
    public readonly void VisitI64Shl() => _b.Binary(Op.I64Shl, Op.I64ShlImm, false);
    public readonly void VisitI64ShrS() => _b.Binary(Op.I64ShrS, Op.I64ShrSImm, false);
    public readonly void VisitI64ShrU() => _b.Binary(Op.I64ShrU, Op.I64ShrUImm, false);
    public readonly void VisitI64Rotl() => _b.Binary(Op.I64Rotl, Op.I64RotlImm, false);
    public readonly void VisitI64Rotr() => _b.Binary(Op.I64Rotr, Op.I64RotrImm, false);
    public readonly void VisitF32Abs() => _b.Unary(Op.F32Abs);
    public readonly void VisitF32Neg() => _b.Unary(Op.F32Neg);
    public readonly void VisitF32Ceil() => _b.Unary(Op.F32Ceil);
    public readonly void VisitF32Floor() => _b.Unary(Op.F32Floor);
    public readonly void VisitF32Trunc() => _b.Unary(Op.F32Trunc);
    public readonly void VisitF32Nearest() => _b.Unary(Op.F32Nearest);
    public readonly void VisitF32Sqrt() => _b.Unary(Op.F32Sqrt);
    public readonly void VisitF32Add() => _b.Binary(Op.F32Add, Op.Trap, false);
    public readonly void VisitF32Sub() => _b.Binary(Op.F32Sub, Op.Trap, false);
    public readonly void VisitF32Mul() => _b.Binary(Op.F32Mul, Op.Trap, false);
    public readonly void VisitF32Div() => _b.Binary(Op.F32Div, Op.Trap, false);
    public readonly void VisitF32Min() => _b.Binary(Op.F32Min, Op.Trap, false);
    public readonly void VisitF32Max() => _b.Binary(Op.F32Max, Op.Trap, false);
    public readonly void VisitF32Copysign() => _b.Binary(Op.F32Copysign, Op.Trap, false);
    public readonly void VisitF64Abs() => _b.Unary(Op.F64Abs);
    public readonly void VisitF64Neg() => _b.Unary(Op.F64Neg);
    public readonly void VisitF64Ceil() => _b.Unary(Op.F64Ceil);
    public readonly void VisitF64Floor() => _b.Unary(Op.F64Floor);
    public readonly void VisitF64Trunc() => _b.Unary(Op.F64Trunc);
    public readonly void VisitF64Nearest() => _b.Unary(Op.F64Nearest);
    public readonly void VisitF64Sqrt() => _b.Unary(Op.F64Sqrt);
    public readonly void VisitF64Add() => _b.Binary(Op.F64Add, Op.Trap, false);
    public readonly void VisitF64Sub() => _b.Binary(Op.F64Sub, Op.Trap, false);
    public readonly void VisitF64Mul() => _b.Binary(Op.F64Mul, Op.Trap, false);
    public readonly void VisitF64Div() => _b.Binary(Op.F64Div, Op.Trap, false);
    public readonly void VisitF64Min() => _b.Binary(Op.F64Min, Op.Trap, false);
    public readonly void VisitF64Max() => _b.Binary(Op.F64Max, Op.Trap, false);
    public readonly void VisitF64Copysign() => _b.Binary(Op.F64Copysign, Op.Trap, false);
    public readonly void VisitI32WrapI64() => _b.Unary(Op.I32WrapI64);
    public readonly void VisitI32TruncF32S() => _b.Unary(Op.I32TruncF32S);
    public readonly void VisitI32TruncF32U() => _b.Unary(Op.I32TruncF32U);
    public readonly void VisitI32TruncF64S() => _b.Unary(Op.I32TruncF64S);
    public readonly void VisitI32TruncF64U() => _b.Unary(Op.I32TruncF64U);
    public readonly void VisitI64ExtendI32S() => _b.Unary(Op.I64ExtendI32S);
    public readonly void VisitI64ExtendI32U() => _b.Unary(Op.I64ExtendI32U);
    public readonly void VisitI64TruncF32S() => _b.Unary(Op.I64TruncF32S);
    public readonly void VisitI64TruncF32U() => _b.Unary(Op.I64TruncF32U);
    public readonly void VisitI64TruncF64S() => _b.Unary(Op.I64TruncF64S);
    public readonly void VisitI64TruncF64U() => _b.Unary(Op.I64TruncF64U);
    public readonly void VisitF32ConvertI32S() => _b.Unary(Op.F32ConvertI32S);
    public readonly void VisitF32ConvertI32U() => _b.Unary(Op.F32ConvertI32U);
    public readonly void VisitF32ConvertI64S() => _b.Unary(Op.F32ConvertI64S);
    public readonly void VisitF32ConvertI64U() => _b.Unary(Op.F32ConvertI64U);
    public readonly void VisitF32DemoteF64() => _b.Unary(Op.F32DemoteF64);
    public readonly void VisitF64ConvertI32S() => _b.Unary(Op.F64ConvertI32S);
    public readonly void VisitF64ConvertI32U() => _b.Unary(Op.F64ConvertI32U);
    public readonly void VisitF64ConvertI64S() => _b.Unary(Op.F64ConvertI64S);
    public readonly void VisitF64ConvertI64U() => _b.Unary(Op.F64ConvertI64U);
    public readonly void VisitF64PromoteF32() => _b.Unary(Op.F64PromoteF32);
    public readonly void VisitI32ReinterpretF32() { }
    public readonly void VisitI64ReinterpretF64() { }
    public readonly void VisitF32ReinterpretI32() { }
    public readonly void VisitF64ReinterpretI64() { }
    public readonly void VisitI32Extend8S() => _b.Unary(Op.I32Extend8S);
    public readonly void VisitI32Extend16S() => _b.Unary(Op.I32Extend16S);
    public readonly void VisitI64Extend8S() => _b.Unary(Op.I64Extend8S);
    public readonly void VisitI64Extend16S() => _b.Unary(Op.I64Extend16S);
    public readonly void VisitI64Extend32S() => _b.Unary(Op.I64Extend32S);
    public readonly void VisitRefNull(ValType type) => _b.Const(type, 0);
    public readonly void VisitRefIsNull() => _b.Unary(Op.RefIsNull);
    public readonly void VisitRefFunc(uint functionIndex) => _b.Nullary(Op.RefFunc, functionIndex);
    public readonly void VisitI32TruncSatF32S() => _b.Unary(Op.I32TruncSatF32S);
    public readonly void VisitI32TruncSatF32U() => _b.Unary(Op.I32TruncSatF32U);
    public readonly void VisitI32TruncSatF64S() => _b.Unary(Op.I32TruncSatF64S);
    public readonly void VisitI32TruncSatF64U() => _b.Unary(Op.I32TruncSatF64U);
    public readonly void VisitI64TruncSatF32S() => _b.Unary(Op.I64TruncSatF32S);
    public readonly void VisitI64TruncSatF32U() => _b.Unary(Op.I64TruncSatF32U);
    public readonly void VisitI64TruncSatF64S() => _b.Unary(Op.I64TruncSatF64S);
    public readonly void VisitI64TruncSatF64U() => _b.Unary(Op.I64TruncSatF64U);
    public readonly void VisitMemoryInit(uint dataIndex) => _b.Bulk(Op.MemoryInit, dataIndex);
    public readonly void VisitDataDrop(uint dataIndex) => _b.SegmentDrop(Op.DataDrop, dataIndex);
    public readonly void VisitMemoryCopy() => _b.Bulk(Op.MemoryCopy, 0);
    public readonly void VisitMemoryFill() => _b.Bulk(Op.MemoryFill, 0);
    public readonly void VisitTableInit(uint elemIndex, uint tableIndex) => _b.Bulk(Op.TableInit, elemIndex | ((ulong)tableIndex << 32));
    public readonly void VisitElemDrop(uint elemIndex) => _b.SegmentDrop(Op.ElemDrop, elemIndex);
    public readonly void VisitTableCopy(uint dstTable, uint srcTable) => _b.Bulk(Op.TableCopy, dstTable | ((ulong)srcTable << 32));
    public readonly void VisitTableGrow(uint tableIndex) => _b.TableGrow(tableIndex);
    public readonly void VisitTableSize(uint tableIndex) => _b.Nullary(Op.TableSize, tableIndex);
    public readonly void VisitTableFill(uint tableIndex) => _b.Bulk(Op.TableFill, tableIndex);
}
