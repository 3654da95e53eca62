namespace Replay.Engine.Register.Ir;

/// <summary>
/// The register machine's instruction set. Operand layout by family (A, B, C are registers
/// unless said otherwise; Imm is the 64-bit immediate):
/// <list type="bullet">
/// <item>binary <c>X</c>: A = B op C. <c>XImm</c>: A = B op Imm (the constant folded in).</item>
/// <item>unary and conversions: A = op B.</item>
/// <item>loads: A = mem[B + Imm]. stores: mem[A + Imm] = B.</item>
/// <item>branches: target instruction index in Imm's low half; fused compare-and-branch
/// compares B with C (or with Imm's high half for the <c>Imm</c> forms).</item>
/// </list>
/// </summary>
internal enum Op : ushort
{
    // ---- control ----
    /// <summary>Traps with the <c>TrapCode</c> in Imm.</summary>
    Trap,
    /// <summary>Charges Imm fuel for the basic block it starts (Wasmi 0.32+'s ConsumeFuel).</summary>
    ConsumeFuel,
    Br,
    BrIfEqz,
    BrIfNez,
    /// <summary>Index in A; Imm = number of targets (without default); the next Imm+1 instructions are the jump table.</summary>
    BrTable,
    /// <summary>Returns; results were copied to registers 0.. before.</summary>
    Return,
    /// <summary>Copies B to register 0 and returns.</summary>
    Return1,
    /// <summary>Writes Imm to register 0 and returns.</summary>
    ReturnImm,
    /// <summary>Returns when A is non-zero (results already in place).</summary>
    ReturnIfNez,
    Copy,
    /// <summary>A = Imm.</summary>
    CopyImm,
    /// <summary>C registers from B upwards to A upwards; B >= A, so copying upwards is safe.</summary>
    CopySpan,
    /// <summary>Calls function Imm of the instance; arguments (and afterwards results) at A upwards.</summary>
    Call,
    /// <summary>Calls through table C at index B; Imm = the expected type's index; arguments at A.</summary>
    CallIndirect,
    /// <summary>A = Imm-register != 0 ? B : C.</summary>
    Select,
    GlobalGet,
    GlobalSet,
    /// <summary>Writes Imm to global B.</summary>
    GlobalSetImm,
    RefFunc,
    RefIsNull,

    // ---- fused compare-and-branch ----
    BrI32Eq, BrI32Ne, BrI32LtS, BrI32LtU, BrI32GtS, BrI32GtU, BrI32LeS, BrI32LeU, BrI32GeS, BrI32GeU,
    BrI32EqImm, BrI32NeImm, BrI32LtSImm, BrI32LtUImm, BrI32GtSImm, BrI32GtUImm, BrI32LeSImm, BrI32LeUImm, BrI32GeSImm, BrI32GeUImm,
    BrI64Eq, BrI64Ne, BrI64LtS, BrI64LtU, BrI64GtS, BrI64GtU, BrI64LeS, BrI64LeU, BrI64GeS, BrI64GeU,
    BrI64EqImm, BrI64NeImm, BrI64LtSImm, BrI64LtUImm, BrI64GtSImm, BrI64GtUImm, BrI64LeSImm, BrI64LeUImm, BrI64GeSImm, BrI64GeUImm,

    // ---- integer comparisons (result i32) ----
    I32Eq, I32Ne, I32LtS, I32LtU, I32GtS, I32GtU, I32LeS, I32LeU, I32GeS, I32GeU,
    I32EqImm, I32NeImm, I32LtSImm, I32LtUImm, I32GtSImm, I32GtUImm, I32LeSImm, I32LeUImm, I32GeSImm, I32GeUImm,
    I64Eq, I64Ne, I64LtS, I64LtU, I64GtS, I64GtU, I64LeS, I64LeU, I64GeS, I64GeU,
    I64EqImm, I64NeImm, I64LtSImm, I64LtUImm, I64GtSImm, I64GtUImm, I64LeSImm, I64LeUImm, I64GeSImm, I64GeUImm,

    // ---- integer arithmetic ----
    I32Add, I32Sub, I32Mul, I32DivS, I32DivU, I32RemS, I32RemU, I32And, I32Or, I32Xor, I32Shl, I32ShrS, I32ShrU, I32Rotl, I32Rotr,
    I32AddImm, I32SubImm, I32MulImm, I32DivSImm, I32DivUImm, I32RemSImm, I32RemUImm, I32AndImm, I32OrImm, I32XorImm, I32ShlImm, I32ShrSImm, I32ShrUImm, I32RotlImm, I32RotrImm,
    I64Add, I64Sub, I64Mul, I64DivS, I64DivU, I64RemS, I64RemU, I64And, I64Or, I64Xor, I64Shl, I64ShrS, I64ShrU, I64Rotl, I64Rotr,
    I64AddImm, I64SubImm, I64MulImm, I64DivSImm, I64DivUImm, I64RemSImm, I64RemUImm, I64AndImm, I64OrImm, I64XorImm, I64ShlImm, I64ShrSImm, I64ShrUImm, I64RotlImm, I64RotrImm,
    I32Eqz, I32Clz, I32Ctz, I32Popcnt, I64Eqz, I64Clz, I64Ctz, I64Popcnt,
    I32WrapI64, I64ExtendI32S, I64ExtendI32U, I32Extend8S, I32Extend16S, I64Extend8S, I64Extend16S, I64Extend32S,

    // ---- floating point ----
    F32Eq, F32Ne, F32Lt, F32Gt, F32Le, F32Ge, F64Eq, F64Ne, F64Lt, F64Gt, F64Le, F64Ge,
    F32Add, F32Sub, F32Mul, F32Div, F32Min, F32Max, F32Copysign,
    F64Add, F64Sub, F64Mul, F64Div, F64Min, F64Max, F64Copysign,
    F32Abs, F32Neg, F32Ceil, F32Floor, F32Trunc, F32Nearest, F32Sqrt,
    F64Abs, F64Neg, F64Ceil, F64Floor, F64Trunc, F64Nearest, F64Sqrt,
    I32TruncF32S, I32TruncF32U, I32TruncF64S, I32TruncF64U, I64TruncF32S, I64TruncF32U, I64TruncF64S, I64TruncF64U,
    I32TruncSatF32S, I32TruncSatF32U, I32TruncSatF64S, I32TruncSatF64U, I64TruncSatF32S, I64TruncSatF32U, I64TruncSatF64S, I64TruncSatF64U,
    F32ConvertI32S, F32ConvertI32U, F32ConvertI64S, F32ConvertI64U, F32DemoteF64,
    F64ConvertI32S, F64ConvertI32U, F64ConvertI64S, F64ConvertI64U, F64PromoteF32,

    // ---- memory (B = address register for loads, A for stores; Imm = static offset) ----
    I32Load, I64Load, I32Load8S, I32Load8U, I32Load16S, I32Load16U,
    I64Load8S, I64Load8U, I64Load16S, I64Load16U, I64Load32S, I64Load32U,
    I32Store, I64Store, I32Store8, I32Store16, I64Store8, I64Store16, I64Store32,
    MemorySize,
    /// <summary>A = memory.grow(B).</summary>
    MemoryGrow,
    /// <summary>memory.copy(dst A, src B, len C).</summary>
    MemoryCopy,
    /// <summary>memory.fill(dst A, value B, len C).</summary>
    MemoryFill,
    /// <summary>memory.init segment Imm (dst A, src B, len C).</summary>
    MemoryInit,
    DataDrop,

    // ---- tables (table index in Imm's low half) ----
    /// <summary>A = table[B].</summary>
    TableGet,
    /// <summary>table[A] = B.</summary>
    TableSet,
    TableSize,
    /// <summary>A = table.grow(init B, delta C).</summary>
    TableGrow,
    /// <summary>table.fill(dst A, value B, len C).</summary>
    TableFill,
    /// <summary>table.copy(dst A, src B, len C); destination table in Imm's low half, source in its high half.</summary>
    TableCopy,
    /// <summary>table.init(dst A, src B, len C); segment in Imm's low half, table in its high half.</summary>
    TableInit,
    ElemDrop,

    // ---- deliberate faults (RegisterFaults.RemSWrongSign, for `replay selftest` only) ----
    /// <summary>A = i32.rem_s(B, C) with the sign of a nonzero result flipped: a wrong result on purpose.</summary>
    I32RemSWrongSign,
    /// <summary>A = i32.rem_s(B, Imm) with the sign of a nonzero result flipped.</summary>
    I32RemSWrongSignImm,
}
