using Replay.Engine.Stack.Bytecode;

namespace Replay.Engine.Stack.Translation;

// Numeric operators: each costs one base unit and maps to one instruction of the same name.
internal partial struct FuncTranslator
{
    public void VisitI32Eqz() => Unary(Op.I32Eqz);

    public void VisitI32Eq() => Binary(Op.I32Eq);

    public void VisitI32Ne() => Binary(Op.I32Ne);

    public void VisitI32LtS() => Binary(Op.I32LtS);

    public void VisitI32LtU() => Binary(Op.I32LtU);

    public void VisitI32GtS() => Binary(Op.I32GtS);

    public void VisitI32GtU() => Binary(Op.I32GtU);

    public void VisitI32LeS() => Binary(Op.I32LeS);

    public void VisitI32LeU() => Binary(Op.I32LeU);

    public void VisitI32GeS() => Binary(Op.I32GeS);

    public void VisitI32GeU() => Binary(Op.I32GeU);

    public void VisitI64Eqz() => Unary(Op.I64Eqz);

    public void VisitI64Eq() => Binary(Op.I64Eq);

    public void VisitI64Ne() => Binary(Op.I64Ne);

    public void VisitI64LtS() => Binary(Op.I64LtS);

    public void VisitI64LtU() => Binary(Op.I64LtU);

    public void VisitI64GtS() => Binary(Op.I64GtS);

    public void VisitI64GtU() => Binary(Op.I64GtU);

    public void VisitI64LeS() => Binary(Op.I64LeS);

    public void VisitI64LeU() => Binary(Op.I64LeU);

    public void VisitI64GeS() => Binary(Op.I64GeS);

    public void VisitI64GeU() => Binary(Op.I64GeU);

    public void VisitF32Eq() => Binary(Op.F32Eq);

    public void VisitF32Ne() => Binary(Op.F32Ne);

    public void VisitF32Lt() => Binary(Op.F32Lt);

    public void VisitF32Gt() => Binary(Op.F32Gt);

    public void VisitF32Le() => Binary(Op.F32Le);

    public void VisitF32Ge() => Binary(Op.F32Ge);

    public void VisitF64Eq() => Binary(Op.F64Eq);

    public void VisitF64Ne() => Binary(Op.F64Ne);

    public void VisitF64Lt() => Binary(Op.F64Lt);

    public void VisitF64Gt() => Binary(Op.F64Gt);

    public void VisitF64Le() => Binary(Op.F64Le);

    public void VisitF64Ge() => Binary(Op.F64Ge);

    public void VisitI32Clz() => Unary(Op.I32Clz);

    public void VisitI32Ctz() => Unary(Op.I32Ctz);

    public void VisitI32Popcnt() => Unary(Op.I32Popcnt);

    public void VisitI32Add() => Binary(Op.I32Add);

    public void VisitI32Sub() => Binary(Op.I32Sub);

    public void VisitI32Mul() => Binary(Op.I32Mul);

    public void VisitI32DivS() => Binary(Op.I32DivS);

    public void VisitI32DivU() => Binary(Op.I32DivU);

    public void VisitI32RemS() => Binary(Op.I32RemS);

    public void VisitI32RemU() => Binary(Op.I32RemU);

    public void VisitI32And() => Binary(Op.I32And);

    public void VisitI32Or() => Binary(Op.I32Or);

    public void VisitI32Xor() => Binary(Op.I32Xor);

    public void VisitI32Shl() => Binary(Op.I32Shl);

    public void VisitI32ShrS() => Binary(Op.I32ShrS);

    public void VisitI32ShrU() => Binary(Op.I32ShrU);

    public void VisitI32Rotl() => Binary(Op.I32Rotl);

    public void VisitI32Rotr() => Binary(Op.I32Rotr);

    public void VisitI64Clz() => Unary(Op.I64Clz);

    public void VisitI64Ctz() => Unary(Op.I64Ctz);

    public void VisitI64Popcnt() => Unary(Op.I64Popcnt);

    public void VisitI64Add() => Binary(Op.I64Add);

    public void VisitI64Sub() => Binary(Op.I64Sub);

    public void VisitI64Mul() => Binary(Op.I64Mul);

    public void VisitI64DivS() => Binary(Op.I64DivS);

    public void VisitI64DivU() => Binary(Op.I64DivU);

    public void VisitI64RemS() => Binary(Op.I64RemS);

    public void VisitI64RemU() => Binary(Op.I64RemU);

    public void VisitI64And() => Binary(Op.I64And);

    public void VisitI64Or() => Binary(Op.I64Or);

    public void VisitI64Xor() => Binary(Op.I64Xor);

    public void VisitI64Shl() => Binary(Op.I64Shl);

    public void VisitI64ShrS() => Binary(Op.I64ShrS);

    public void VisitI64ShrU() => Binary(Op.I64ShrU);

    public void VisitI64Rotl() => Binary(Op.I64Rotl);

    public void VisitI64Rotr() => Binary(Op.I64Rotr);

    public void VisitF32Abs() => Unary(Op.F32Abs);

    public void VisitF32Neg() => Unary(Op.F32Neg);

    public void VisitF32Ceil() => Unary(Op.F32Ceil);

    public void VisitF32Floor() => Unary(Op.F32Floor);

    public void VisitF32Trunc() => Unary(Op.F32Trunc);

    public void VisitF32Nearest() => Unary(Op.F32Nearest);

    public void VisitF32Sqrt() => Unary(Op.F32Sqrt);

    public void VisitF32Add() => Binary(Op.F32Add);

    public void VisitF32Sub() => Binary(Op.F32Sub);

    public void VisitF32Mul() => Binary(Op.F32Mul);

    public void VisitF32Div() => Binary(Op.F32Div);

    public void VisitF32Min() => Binary(Op.F32Min);

    public void VisitF32Max() => Binary(Op.F32Max);

    public void VisitF32Copysign() => Binary(Op.F32Copysign);

    public void VisitF64Abs() => Unary(Op.F64Abs);

    public void VisitF64Neg() => Unary(Op.F64Neg);

    public void VisitF64Ceil() => Unary(Op.F64Ceil);

    public void VisitF64Floor() => Unary(Op.F64Floor);

    public void VisitF64Trunc() => Unary(Op.F64Trunc);

    public void VisitF64Nearest() => Unary(Op.F64Nearest);

    public void VisitF64Sqrt() => Unary(Op.F64Sqrt);

    public void VisitF64Add() => Binary(Op.F64Add);

    public void VisitF64Sub() => Binary(Op.F64Sub);

    public void VisitF64Mul() => Binary(Op.F64Mul);

    public void VisitF64Div() => Binary(Op.F64Div);

    public void VisitF64Min() => Binary(Op.F64Min);

    public void VisitF64Max() => Binary(Op.F64Max);

    public void VisitF64Copysign() => Binary(Op.F64Copysign);

    public void VisitI32WrapI64() => Unary(Op.I32WrapI64);

    public void VisitI32TruncF32S() => Unary(Op.I32TruncF32S);

    public void VisitI32TruncF32U() => Unary(Op.I32TruncF32U);

    public void VisitI32TruncF64S() => Unary(Op.I32TruncF64S);

    public void VisitI32TruncF64U() => Unary(Op.I32TruncF64U);

    public void VisitI64TruncF32S() => Unary(Op.I64TruncF32S);

    public void VisitI64TruncF32U() => Unary(Op.I64TruncF32U);

    public void VisitI64TruncF64S() => Unary(Op.I64TruncF64S);

    public void VisitI64TruncF64U() => Unary(Op.I64TruncF64U);

    public void VisitI64ExtendI32S() => Unary(Op.I64ExtendI32S);

    public void VisitI64ExtendI32U() => Unary(Op.I64ExtendI32U);

    public void VisitF32ConvertI32S() => Unary(Op.F32ConvertI32S);

    public void VisitF32ConvertI32U() => Unary(Op.F32ConvertI32U);

    public void VisitF32ConvertI64S() => Unary(Op.F32ConvertI64S);

    public void VisitF32ConvertI64U() => Unary(Op.F32ConvertI64U);

    public void VisitF64ConvertI32S() => Unary(Op.F64ConvertI32S);

    public void VisitF64ConvertI32U() => Unary(Op.F64ConvertI32U);

    public void VisitF64ConvertI64S() => Unary(Op.F64ConvertI64S);

    public void VisitF64ConvertI64U() => Unary(Op.F64ConvertI64U);

    public void VisitF32DemoteF64() => Unary(Op.F32DemoteF64);

    public void VisitF64PromoteF32() => Unary(Op.F64PromoteF32);

    public void VisitI32Extend8S() => Unary(Op.I32Extend8S);

    public void VisitI32Extend16S() => Unary(Op.I32Extend16S);

    public void VisitI64Extend8S() => Unary(Op.I64Extend8S);

    public void VisitI64Extend16S() => Unary(Op.I64Extend16S);

    public void VisitI64Extend32S() => Unary(Op.I64Extend32S);

    public void VisitI32TruncSatF32S() => Unary(Op.I32TruncSatF32S);

    public void VisitI32TruncSatF32U() => Unary(Op.I32TruncSatF32U);

    public void VisitI32TruncSatF64S() => Unary(Op.I32TruncSatF64S);

    public void VisitI32TruncSatF64U() => Unary(Op.I32TruncSatF64U);

    public void VisitI64TruncSatF32S() => Unary(Op.I64TruncSatF32S);

    public void VisitI64TruncSatF32U() => Unary(Op.I64TruncSatF32U);

    public void VisitI64TruncSatF64S() => Unary(Op.I64TruncSatF64S);

    public void VisitI64TruncSatF64U() => Unary(Op.I64TruncSatF64U);
}
