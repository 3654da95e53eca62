using Replay.Wasm.Binary;
using Replay.Wasm.Types;

namespace Replay.Wasm.Validation;

/// <summary>
/// Runs the validator and a translator in lockstep: each operator is first validated, then
/// passed to <typeparamref name="TInner"/>, so a translator only ever sees well-typed code and can
/// ask the <see cref="FuncValidator"/> about the stacks (which already reflect the operator).
/// Created by <see cref="FuncValidator.Run{TInner}"/>.
/// </summary>
public struct ValidatingVisitor<TInner> : IOperatorVisitor
    where TInner : struct, IOperatorVisitor
{
    private readonly FuncValidator _validator;

    /// <summary>The translator: a copy of the one passed in, handed back when the body is done.</summary>
    public TInner Inner;

    internal ValidatingVisitor(FuncValidator validator, TInner inner)
    {
        _validator = validator;
        Inner = inner;
    }

    public void VisitUnreachable()
    {
        _validator.VisitUnreachable();
        Inner.VisitUnreachable();
    }

    public void VisitNop()
    {
        _validator.VisitNop();
        Inner.VisitNop();
    }

    public void VisitBlock(BlockType blockType)
    {
        _validator.VisitBlock(blockType);
        Inner.VisitBlock(blockType);
    }

    public void VisitLoop(BlockType blockType)
    {
        _validator.VisitLoop(blockType);
        Inner.VisitLoop(blockType);
    }

    public void VisitIf(BlockType blockType)
    {
        _validator.VisitIf(blockType);
        Inner.VisitIf(blockType);
    }

    public void VisitElse()
    {
        _validator.VisitElse();
        Inner.VisitElse();
    }

    public void VisitEnd()
    {
        _validator.VisitEnd();
        Inner.VisitEnd();
    }

    public void VisitBr(uint relativeDepth)
    {
        _validator.VisitBr(relativeDepth);
        Inner.VisitBr(relativeDepth);
    }

    public void VisitBrIf(uint relativeDepth)
    {
        _validator.VisitBrIf(relativeDepth);
        Inner.VisitBrIf(relativeDepth);
    }

    public void VisitBrTable(BrTable table)
    {
        _validator.VisitBrTable(table);
        Inner.VisitBrTable(table);
    }

    public void VisitReturn()
    {
        _validator.VisitReturn();
        Inner.VisitReturn();
    }

    public void VisitCall(uint functionIndex)
    {
        _validator.VisitCall(functionIndex);
        Inner.VisitCall(functionIndex);
    }

    public void VisitCallIndirect(uint typeIndex, uint tableIndex)
    {
        _validator.VisitCallIndirect(typeIndex, tableIndex);
        Inner.VisitCallIndirect(typeIndex, tableIndex);
    }

    public void VisitDrop()
    {
        _validator.VisitDrop();
        Inner.VisitDrop();
    }

    public void VisitSelect()
    {
        _validator.VisitSelect();
        Inner.VisitSelect();
    }

    public void VisitTypedSelect(ValType type)
    {
        _validator.VisitTypedSelect(type);
        Inner.VisitTypedSelect(type);
    }

    public void VisitLocalGet(uint localIndex)
    {
        _validator.VisitLocalGet(localIndex);
        Inner.VisitLocalGet(localIndex);
    }

    public void VisitLocalSet(uint localIndex)
    {
        _validator.VisitLocalSet(localIndex);
        Inner.VisitLocalSet(localIndex);
    }

    public void VisitLocalTee(uint localIndex)
    {
        _validator.VisitLocalTee(localIndex);
        Inner.VisitLocalTee(localIndex);
    }

    public void VisitGlobalGet(uint globalIndex)
    {
        _validator.VisitGlobalGet(globalIndex);
        Inner.VisitGlobalGet(globalIndex);
    }

    public void VisitGlobalSet(uint globalIndex)
    {
        _validator.VisitGlobalSet(globalIndex);
        Inner.VisitGlobalSet(globalIndex);
    }

    public void VisitTableGet(uint tableIndex)
    {
        _validator.VisitTableGet(tableIndex);
        Inner.VisitTableGet(tableIndex);
    }

    public void VisitTableSet(uint tableIndex)
    {
        _validator.VisitTableSet(tableIndex);
        Inner.VisitTableSet(tableIndex);
    }

    public void VisitI32Load(MemArg memArg)
    {
        _validator.VisitI32Load(memArg);
        Inner.VisitI32Load(memArg);
    }

    public void VisitI64Load(MemArg memArg)
    {
        _validator.VisitI64Load(memArg);
        Inner.VisitI64Load(memArg);
    }

    public void VisitF32Load(MemArg memArg)
    {
        _validator.VisitF32Load(memArg);
        Inner.VisitF32Load(memArg);
    }

    public void VisitF64Load(MemArg memArg)
    {
        _validator.VisitF64Load(memArg);
        Inner.VisitF64Load(memArg);
    }

    public void VisitI32Load8S(MemArg memArg)
    {
        _validator.VisitI32Load8S(memArg);
        Inner.VisitI32Load8S(memArg);
    }

    public void VisitI32Load8U(MemArg memArg)
    {
        _validator.VisitI32Load8U(memArg);
        Inner.VisitI32Load8U(memArg);
    }

    public void VisitI32Load16S(MemArg memArg)
    {
        _validator.VisitI32Load16S(memArg);
        Inner.VisitI32Load16S(memArg);
    }

    public void VisitI32Load16U(MemArg memArg)
    {
        _validator.VisitI32Load16U(memArg);
        Inner.VisitI32Load16U(memArg);
    }

    public void VisitI64Load8S(MemArg memArg)
    {
        _validator.VisitI64Load8S(memArg);
        Inner.VisitI64Load8S(memArg);
    }

    public void VisitI64Load8U(MemArg memArg)
    {
        _validator.VisitI64Load8U(memArg);
        Inner.VisitI64Load8U(memArg);
    }

    public void VisitI64Load16S(MemArg memArg)
    {
        _validator.VisitI64Load16S(memArg);
        Inner.VisitI64Load16S(memArg);
    }

    public void VisitI64Load16U(MemArg memArg)
    {
        _validator.VisitI64Load16U(memArg);
        Inner.VisitI64Load16U(memArg);
    }

    public void VisitI64Load32S(MemArg memArg)
    {
        _validator.VisitI64Load32S(memArg);
        Inner.VisitI64Load32S(memArg);
    }

    public void VisitI64Load32U(MemArg memArg)
    {
        _validator.VisitI64Load32U(memArg);
        Inner.VisitI64Load32U(memArg);
    }

    public void VisitI32Store(MemArg memArg)
    {
        _validator.VisitI32Store(memArg);
        Inner.VisitI32Store(memArg);
    }

    public void VisitI64Store(MemArg memArg)
    {
        _validator.VisitI64Store(memArg);
        Inner.VisitI64Store(memArg);
    }

    public void VisitF32Store(MemArg memArg)
    {
        _validator.VisitF32Store(memArg);
        Inner.VisitF32Store(memArg);
    }

    public void VisitF64Store(MemArg memArg)
    {
        _validator.VisitF64Store(memArg);
        Inner.VisitF64Store(memArg);
    }

    public void VisitI32Store8(MemArg memArg)
    {
        _validator.VisitI32Store8(memArg);
        Inner.VisitI32Store8(memArg);
    }

    public void VisitI32Store16(MemArg memArg)
    {
        _validator.VisitI32Store16(memArg);
        Inner.VisitI32Store16(memArg);
    }

    public void VisitI64Store8(MemArg memArg)
    {
        _validator.VisitI64Store8(memArg);
        Inner.VisitI64Store8(memArg);
    }

    public void VisitI64Store16(MemArg memArg)
    {
        _validator.VisitI64Store16(memArg);
        Inner.VisitI64Store16(memArg);
    }

    public void VisitI64Store32(MemArg memArg)
    {
        _validator.VisitI64Store32(memArg);
        Inner.VisitI64Store32(memArg);
    }

    public void VisitMemorySize()
    {
        _validator.VisitMemorySize();
        Inner.VisitMemorySize();
    }

    public void VisitMemoryGrow()
    {
        _validator.VisitMemoryGrow();
        Inner.VisitMemoryGrow();
    }

    public void VisitI32Const(int value)
    {
        _validator.VisitI32Const(value);
        Inner.VisitI32Const(value);
    }

    public void VisitI64Const(long value)
    {
        _validator.VisitI64Const(value);
        Inner.VisitI64Const(value);
    }

    public void VisitF32Const(uint bits)
    {
        _validator.VisitF32Const(bits);
        Inner.VisitF32Const(bits);
    }

    public void VisitF64Const(ulong bits)
    {
        _validator.VisitF64Const(bits);
        Inner.VisitF64Const(bits);
    }

    public void VisitI32Eqz()
    {
        _validator.VisitI32Eqz();
        Inner.VisitI32Eqz();
    }

    public void VisitI32Eq()
    {
        _validator.VisitI32Eq();
        Inner.VisitI32Eq();
    }

    public void VisitI32Ne()
    {
        _validator.VisitI32Ne();
        Inner.VisitI32Ne();
    }

    public void VisitI32LtS()
    {
        _validator.VisitI32LtS();
        Inner.VisitI32LtS();
    }

    public void VisitI32LtU()
    {
        _validator.VisitI32LtU();
        Inner.VisitI32LtU();
    }

    public void VisitI32GtS()
    {
        _validator.VisitI32GtS();
        Inner.VisitI32GtS();
    }

    public void VisitI32GtU()
    {
        _validator.VisitI32GtU();
        Inner.VisitI32GtU();
    }

    public void VisitI32LeS()
    {
        _validator.VisitI32LeS();
        Inner.VisitI32LeS();
    }

    public void VisitI32LeU()
    {
        _validator.VisitI32LeU();
        Inner.VisitI32LeU();
    }

    public void VisitI32GeS()
    {
        _validator.VisitI32GeS();
        Inner.VisitI32GeS();
    }

    public void VisitI32GeU()
    {
        _validator.VisitI32GeU();
        Inner.VisitI32GeU();
    }

    public void VisitI64Eqz()
    {
        _validator.VisitI64Eqz();
        Inner.VisitI64Eqz();
    }

    public void VisitI64Eq()
    {
        _validator.VisitI64Eq();
        Inner.VisitI64Eq();
    }

    public void VisitI64Ne()
    {
        _validator.VisitI64Ne();
        Inner.VisitI64Ne();
    }

    public void VisitI64LtS()
    {
        _validator.VisitI64LtS();
        Inner.VisitI64LtS();
    }

    public void VisitI64LtU()
    {
        _validator.VisitI64LtU();
        Inner.VisitI64LtU();
    }

    public void VisitI64GtS()
    {
        _validator.VisitI64GtS();
        Inner.VisitI64GtS();
    }

    public void VisitI64GtU()
    {
        _validator.VisitI64GtU();
        Inner.VisitI64GtU();
    }

    public void VisitI64LeS()
    {
        _validator.VisitI64LeS();
        Inner.VisitI64LeS();
    }

    public void VisitI64LeU()
    {
        _validator.VisitI64LeU();
        Inner.VisitI64LeU();
    }

    public void VisitI64GeS()
    {
        _validator.VisitI64GeS();
        Inner.VisitI64GeS();
    }

    public void VisitI64GeU()
    {
        _validator.VisitI64GeU();
        Inner.VisitI64GeU();
    }

    public void VisitF32Eq()
    {
        _validator.VisitF32Eq();
        Inner.VisitF32Eq();
    }

    public void VisitF32Ne()
    {
        _validator.VisitF32Ne();
        Inner.VisitF32Ne();
    }

    public void VisitF32Lt()
    {
        _validator.VisitF32Lt();
        Inner.VisitF32Lt();
    }

    public void VisitF32Gt()
    {
        _validator.VisitF32Gt();
        Inner.VisitF32Gt();
    }

    public void VisitF32Le()
    {
        _validator.VisitF32Le();
        Inner.VisitF32Le();
    }

    public void VisitF32Ge()
    {
        _validator.VisitF32Ge();
        Inner.VisitF32Ge();
    }

    public void VisitF64Eq()
    {
        _validator.VisitF64Eq();
        Inner.VisitF64Eq();
    }

    public void VisitF64Ne()
    {
        _validator.VisitF64Ne();
        Inner.VisitF64Ne();
    }

    public void VisitF64Lt()
    {
        _validator.VisitF64Lt();
        Inner.VisitF64Lt();
    }

    public void VisitF64Gt()
    {
        _validator.VisitF64Gt();
        Inner.VisitF64Gt();
    }

    public void VisitF64Le()
    {
        _validator.VisitF64Le();
        Inner.VisitF64Le();
    }

    public void VisitF64Ge()
    {
        _validator.VisitF64Ge();
        Inner.VisitF64Ge();
    }

    public void VisitI32Clz()
    {
        _validator.VisitI32Clz();
        Inner.VisitI32Clz();
    }

    public void VisitI32Ctz()
    {
        _validator.VisitI32Ctz();
        Inner.VisitI32Ctz();
    }

    public void VisitI32Popcnt()
    {
        _validator.VisitI32Popcnt();
        Inner.VisitI32Popcnt();
    }

    public void VisitI32Add()
    {
        _validator.VisitI32Add();
        Inner.VisitI32Add();
    }

    public void VisitI32Sub()
    {
        _validator.VisitI32Sub();
        Inner.VisitI32Sub();
    }

    public void VisitI32Mul()
    {
        _validator.VisitI32Mul();
        Inner.VisitI32Mul();
    }

    public void VisitI32DivS()
    {
        _validator.VisitI32DivS();
        Inner.VisitI32DivS();
    }

    public void VisitI32DivU()
    {
        _validator.VisitI32DivU();
        Inner.VisitI32DivU();
    }

    public void VisitI32RemS()
    {
        _validator.VisitI32RemS();
        Inner.VisitI32RemS();
    }

    public void VisitI32RemU()
    {
        _validator.VisitI32RemU();
        Inner.VisitI32RemU();
    }

    public void VisitI32And()
    {
        _validator.VisitI32And();
        Inner.VisitI32And();
    }

    public void VisitI32Or()
    {
        _validator.VisitI32Or();
        Inner.VisitI32Or();
    }

    public void VisitI32Xor()
    {
        _validator.VisitI32Xor();
        Inner.VisitI32Xor();
    }

    public void VisitI32Shl()
    {
        _validator.VisitI32Shl();
        Inner.VisitI32Shl();
    }

    public void VisitI32ShrS()
    {
        _validator.VisitI32ShrS();
        Inner.VisitI32ShrS();
    }

    public void VisitI32ShrU()
    {
        _validator.VisitI32ShrU();
        Inner.VisitI32ShrU();
    }

    public void VisitI32Rotl()
    {
        _validator.VisitI32Rotl();
        Inner.VisitI32Rotl();
    }

    public void VisitI32Rotr()
    {
        _validator.VisitI32Rotr();
        Inner.VisitI32Rotr();
    }

    public void VisitI64Clz()
    {
        _validator.VisitI64Clz();
        Inner.VisitI64Clz();
    }

    public void VisitI64Ctz()
    {
        _validator.VisitI64Ctz();
        Inner.VisitI64Ctz();
    }

    public void VisitI64Popcnt()
    {
        _validator.VisitI64Popcnt();
        Inner.VisitI64Popcnt();
    }

    public void VisitI64Add()
    {
        _validator.VisitI64Add();
        Inner.VisitI64Add();
    }

    public void VisitI64Sub()
    {
        _validator.VisitI64Sub();
        Inner.VisitI64Sub();
    }

    public void VisitI64Mul()
    {
        _validator.VisitI64Mul();
        Inner.VisitI64Mul();
    }

    public void VisitI64DivS()
    {
        _validator.VisitI64DivS();
        Inner.VisitI64DivS();
    }

    public void VisitI64DivU()
    {
        _validator.VisitI64DivU();
        Inner.VisitI64DivU();
    }

    public void VisitI64RemS()
    {
        _validator.VisitI64RemS();
        Inner.VisitI64RemS();
    }

    public void VisitI64RemU()
    {
        _validator.VisitI64RemU();
        Inner.VisitI64RemU();
    }

    public void VisitI64And()
    {
        _validator.VisitI64And();
        Inner.VisitI64And();
    }

    public void VisitI64Or()
    {
        _validator.VisitI64Or();
        Inner.VisitI64Or();
    }

    public void VisitI64Xor()
    {
        _validator.VisitI64Xor();
        Inner.VisitI64Xor();
    }

    public void VisitI64Shl()
    {
        _validator.VisitI64Shl();
        Inner.VisitI64Shl();
    }

    public void VisitI64ShrS()
    {
        _validator.VisitI64ShrS();
        Inner.VisitI64ShrS();
    }

    public void VisitI64ShrU()
    {
        _validator.VisitI64ShrU();
        Inner.VisitI64ShrU();
    }

    public void VisitI64Rotl()
    {
        _validator.VisitI64Rotl();
        Inner.VisitI64Rotl();
    }

    public void VisitI64Rotr()
    {
        _validator.VisitI64Rotr();
        Inner.VisitI64Rotr();
    }

    public void VisitF32Abs()
    {
        _validator.VisitF32Abs();
        Inner.VisitF32Abs();
    }

    public void VisitF32Neg()
    {
        _validator.VisitF32Neg();
        Inner.VisitF32Neg();
    }

    public void VisitF32Ceil()
    {
        _validator.VisitF32Ceil();
        Inner.VisitF32Ceil();
    }

    public void VisitF32Floor()
    {
        _validator.VisitF32Floor();
        Inner.VisitF32Floor();
    }

    public void VisitF32Trunc()
    {
        _validator.VisitF32Trunc();
        Inner.VisitF32Trunc();
    }

    public void VisitF32Nearest()
    {
        _validator.VisitF32Nearest();
        Inner.VisitF32Nearest();
    }

    public void VisitF32Sqrt()
    {
        _validator.VisitF32Sqrt();
        Inner.VisitF32Sqrt();
    }

    public void VisitF32Add()
    {
        _validator.VisitF32Add();
        Inner.VisitF32Add();
    }

    public void VisitF32Sub()
    {
        _validator.VisitF32Sub();
        Inner.VisitF32Sub();
    }

    public void VisitF32Mul()
    {
        _validator.VisitF32Mul();
        Inner.VisitF32Mul();
    }

    public void VisitF32Div()
    {
        _validator.VisitF32Div();
        Inner.VisitF32Div();
    }

    public void VisitF32Min()
    {
        _validator.VisitF32Min();
        Inner.VisitF32Min();
    }

    public void VisitF32Max()
    {
        _validator.VisitF32Max();
        Inner.VisitF32Max();
    }

    public void VisitF32Copysign()
    {
        _validator.VisitF32Copysign();
        Inner.VisitF32Copysign();
    }

    public void VisitF64Abs()
    {
        _validator.VisitF64Abs();
        Inner.VisitF64Abs();
    }

    public void VisitF64Neg()
    {
        _validator.VisitF64Neg();
        Inner.VisitF64Neg();
    }

    public void VisitF64Ceil()
    {
        _validator.VisitF64Ceil();
        Inner.VisitF64Ceil();
    }

    public void VisitF64Floor()
    {
        _validator.VisitF64Floor();
        Inner.VisitF64Floor();
    }

    public void VisitF64Trunc()
    {
        _validator.VisitF64Trunc();
        Inner.VisitF64Trunc();
    }

    public void VisitF64Nearest()
    {
        _validator.VisitF64Nearest();
        Inner.VisitF64Nearest();
    }

    public void VisitF64Sqrt()
    {
        _validator.VisitF64Sqrt();
        Inner.VisitF64Sqrt();
    }

    public void VisitF64Add()
    {
        _validator.VisitF64Add();
        Inner.VisitF64Add();
    }

    public void VisitF64Sub()
    {
        _validator.VisitF64Sub();
        Inner.VisitF64Sub();
    }

    public void VisitF64Mul()
    {
        _validator.VisitF64Mul();
        Inner.VisitF64Mul();
    }

    public void VisitF64Div()
    {
        _validator.VisitF64Div();
        Inner.VisitF64Div();
    }

    public void VisitF64Min()
    {
        _validator.VisitF64Min();
        Inner.VisitF64Min();
    }

    public void VisitF64Max()
    {
        _validator.VisitF64Max();
        Inner.VisitF64Max();
    }

    public void VisitF64Copysign()
    {
        _validator.VisitF64Copysign();
        Inner.VisitF64Copysign();
    }

    public void VisitI32WrapI64()
    {
        _validator.VisitI32WrapI64();
        Inner.VisitI32WrapI64();
    }

    public void VisitI32TruncF32S()
    {
        _validator.VisitI32TruncF32S();
        Inner.VisitI32TruncF32S();
    }

    public void VisitI32TruncF32U()
    {
        _validator.VisitI32TruncF32U();
        Inner.VisitI32TruncF32U();
    }

    public void VisitI32TruncF64S()
    {
        _validator.VisitI32TruncF64S();
        Inner.VisitI32TruncF64S();
    }

    public void VisitI32TruncF64U()
    {
        _validator.VisitI32TruncF64U();
        Inner.VisitI32TruncF64U();
    }

    public void VisitI64ExtendI32S()
    {
        _validator.VisitI64ExtendI32S();
        Inner.VisitI64ExtendI32S();
    }

    public void VisitI64ExtendI32U()
    {
        _validator.VisitI64ExtendI32U();
        Inner.VisitI64ExtendI32U();
    }

    public void VisitI64TruncF32S()
    {
        _validator.VisitI64TruncF32S();
        Inner.VisitI64TruncF32S();
    }

    public void VisitI64TruncF32U()
    {
        _validator.VisitI64TruncF32U();
        Inner.VisitI64TruncF32U();
    }

    public void VisitI64TruncF64S()
    {
        _validator.VisitI64TruncF64S();
        Inner.VisitI64TruncF64S();
    }

    public void VisitI64TruncF64U()
    {
        _validator.VisitI64TruncF64U();
        Inner.VisitI64TruncF64U();
    }

    public void VisitF32ConvertI32S()
    {
        _validator.VisitF32ConvertI32S();
        Inner.VisitF32ConvertI32S();
    }

    public void VisitF32ConvertI32U()
    {
        _validator.VisitF32ConvertI32U();
        Inner.VisitF32ConvertI32U();
    }

    public void VisitF32ConvertI64S()
    {
        _validator.VisitF32ConvertI64S();
        Inner.VisitF32ConvertI64S();
    }

    public void VisitF32ConvertI64U()
    {
        _validator.VisitF32ConvertI64U();
        Inner.VisitF32ConvertI64U();
    }

    public void VisitF32DemoteF64()
    {
        _validator.VisitF32DemoteF64();
        Inner.VisitF32DemoteF64();
    }

    public void VisitF64ConvertI32S()
    {
        _validator.VisitF64ConvertI32S();
        Inner.VisitF64ConvertI32S();
    }

    public void VisitF64ConvertI32U()
    {
        _validator.VisitF64ConvertI32U();
        Inner.VisitF64ConvertI32U();
    }

    public void VisitF64ConvertI64S()
    {
        _validator.VisitF64ConvertI64S();
        Inner.VisitF64ConvertI64S();
    }

    public void VisitF64ConvertI64U()
    {
        _validator.VisitF64ConvertI64U();
        Inner.VisitF64ConvertI64U();
    }

    public void VisitF64PromoteF32()
    {
        _validator.VisitF64PromoteF32();
        Inner.VisitF64PromoteF32();
    }

    public void VisitI32ReinterpretF32()
    {
        _validator.VisitI32ReinterpretF32();
        Inner.VisitI32ReinterpretF32();
    }

    public void VisitI64ReinterpretF64()
    {
        _validator.VisitI64ReinterpretF64();
        Inner.VisitI64ReinterpretF64();
    }

    public void VisitF32ReinterpretI32()
    {
        _validator.VisitF32ReinterpretI32();
        Inner.VisitF32ReinterpretI32();
    }

    public void VisitF64ReinterpretI64()
    {
        _validator.VisitF64ReinterpretI64();
        Inner.VisitF64ReinterpretI64();
    }

    public void VisitI32Extend8S()
    {
        _validator.VisitI32Extend8S();
        Inner.VisitI32Extend8S();
    }

    public void VisitI32Extend16S()
    {
        _validator.VisitI32Extend16S();
        Inner.VisitI32Extend16S();
    }

    public void VisitI64Extend8S()
    {
        _validator.VisitI64Extend8S();
        Inner.VisitI64Extend8S();
    }

    public void VisitI64Extend16S()
    {
        _validator.VisitI64Extend16S();
        Inner.VisitI64Extend16S();
    }

    public void VisitI64Extend32S()
    {
        _validator.VisitI64Extend32S();
        Inner.VisitI64Extend32S();
    }

    public void VisitRefNull(ValType type)
    {
        _validator.VisitRefNull(type);
        Inner.VisitRefNull(type);
    }

    public void VisitRefIsNull()
    {
        _validator.VisitRefIsNull();
        Inner.VisitRefIsNull();
    }

    public void VisitRefFunc(uint functionIndex)
    {
        _validator.VisitRefFunc(functionIndex);
        Inner.VisitRefFunc(functionIndex);
    }

    public void VisitI32TruncSatF32S()
    {
        _validator.VisitI32TruncSatF32S();
        Inner.VisitI32TruncSatF32S();
    }

    public void VisitI32TruncSatF32U()
    {
        _validator.VisitI32TruncSatF32U();
        Inner.VisitI32TruncSatF32U();
    }

    public void VisitI32TruncSatF64S()
    {
        _validator.VisitI32TruncSatF64S();
        Inner.VisitI32TruncSatF64S();
    }

    public void VisitI32TruncSatF64U()
    {
        _validator.VisitI32TruncSatF64U();
        Inner.VisitI32TruncSatF64U();
    }

    public void VisitI64TruncSatF32S()
    {
        _validator.VisitI64TruncSatF32S();
        Inner.VisitI64TruncSatF32S();
    }

    public void VisitI64TruncSatF32U()
    {
        _validator.VisitI64TruncSatF32U();
        Inner.VisitI64TruncSatF32U();
    }

    public void VisitI64TruncSatF64S()
    {
        _validator.VisitI64TruncSatF64S();
        Inner.VisitI64TruncSatF64S();
    }

    public void VisitI64TruncSatF64U()
    {
        _validator.VisitI64TruncSatF64U();
        Inner.VisitI64TruncSatF64U();
    }

    public void VisitMemoryInit(uint dataIndex)
    {
        _validator.VisitMemoryInit(dataIndex);
        Inner.VisitMemoryInit(dataIndex);
    }

    public void VisitDataDrop(uint dataIndex)
    {
        _validator.VisitDataDrop(dataIndex);
        Inner.VisitDataDrop(dataIndex);
    }

    public void VisitMemoryCopy()
    {
        _validator.VisitMemoryCopy();
        Inner.VisitMemoryCopy();
    }

    public void VisitMemoryFill()
    {
        _validator.VisitMemoryFill();
        Inner.VisitMemoryFill();
    }

    public void VisitTableInit(uint elemIndex, uint tableIndex)
    {
        _validator.VisitTableInit(elemIndex, tableIndex);
        Inner.VisitTableInit(elemIndex, tableIndex);
    }

    public void VisitElemDrop(uint elemIndex)
    {
        _validator.VisitElemDrop(elemIndex);
        Inner.VisitElemDrop(elemIndex);
    }

    public void VisitTableCopy(uint dstTable, uint srcTable)
    {
        _validator.VisitTableCopy(dstTable, srcTable);
        Inner.VisitTableCopy(dstTable, srcTable);
    }

    public void VisitTableGrow(uint tableIndex)
    {
        _validator.VisitTableGrow(tableIndex);
        Inner.VisitTableGrow(tableIndex);
    }

    public void VisitTableSize(uint tableIndex)
    {
        _validator.VisitTableSize(tableIndex);
        Inner.VisitTableSize(tableIndex);
    }

    public void VisitTableFill(uint tableIndex)
    {
        _validator.VisitTableFill(tableIndex);
        Inner.VisitTableFill(tableIndex);
    }
}
