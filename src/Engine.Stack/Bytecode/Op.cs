namespace Replay.Engine.Stack.Bytecode;

/// <summary>
/// The stack machine's operations. Operands are implicit on the value stack of 64-bit cells;
/// immediates live in <see cref="Instr.A"/> and <see cref="Instr.B"/> (documented per operation).
/// Dense from zero so the executor's switch compiles to one jump table.
/// </summary>
internal enum Op : ushort
{
    /// <summary>Traps with UnreachableCodeReached.</summary>
    Unreachable,

    /// <summary>Charges B fuel: the summed cost of the block it heads, paid in advance.</summary>
    ConsumeFuel,

    /// <summary>Jumps to A.</summary>
    Br,

    /// <summary>Moves the top keep cells down over drop cells (B = <see cref="DropKeep"/>), then jumps to A.</summary>
    BrAdjust,

    /// <summary>Pops a condition; jumps to A when it is zero (the entry of an <c>if</c>).</summary>
    BrIfEqz,

    /// <summary>Pops a condition; jumps to A when it is not zero.</summary>
    BrIfNez,

    /// <summary>Pops a condition; when it is not zero, applies B's drop/keep and jumps to A.</summary>
    BrIfNezAdjust,

    /// <summary>Pops a condition; when it is not zero, returns with B's drop/keep.</summary>
    ReturnIfNez,

    /// <summary>
    /// Pops an index; A is the number of arms that follow (the default last). Executes the arm
    /// at the clamped index, which is one Br, BrAdjust or Return instruction.
    /// </summary>
    BrTable,

    /// <summary>Returns to the caller after applying B's drop/keep (drop includes params and locals).</summary>
    Return,

    /// <summary>Calls defined function A of the current instance.</summary>
    CallInternal,

    /// <summary>Calls imported function A of the current instance (host or another instance).</summary>
    CallImported,

    /// <summary>Pops a table index; calls through table B, expecting type A of the current module.</summary>
    CallIndirect,

    Drop,

    /// <summary>Pops condition, b, a; pushes a when the condition is not zero, else b.</summary>
    Select,

    /// <summary>Pushes the cell A below the top (locals are addressed relative to the stack top).</summary>
    LocalGet,

    /// <summary>Pops a value into the cell A below the new top.</summary>
    LocalSet,

    /// <summary>Copies the top into the cell A below the top.</summary>
    LocalTee,

    GlobalGet,
    GlobalSet,

    /// <summary>Pushes B (any constant's bit pattern).</summary>
    Const,

    // Loads and stores: A is the static offset.
    I32Load,
    I64Load,
    F32Load,
    F64Load,
    I32Load8S,
    I32Load8U,
    I32Load16S,
    I32Load16U,
    I64Load8S,
    I64Load8U,
    I64Load16S,
    I64Load16U,
    I64Load32S,
    I64Load32U,
    I32Store,
    I64Store,
    F32Store,
    F64Store,
    I32Store8,
    I32Store16,
    I64Store8,
    I64Store16,
    I64Store32,

    MemorySize,
    MemoryGrow,
    MemoryFill,
    MemoryCopy,

    /// <summary>A = data segment.</summary>
    MemoryInit,

    /// <summary>A = data segment.</summary>
    DataDrop,

    // Table operations: A = table, except where noted.
    TableSize,
    TableGrow,
    TableFill,
    TableGet,
    TableSet,

    /// <summary>A = destination table, B = source table.</summary>
    TableCopy,

    /// <summary>A = element segment, B = table.</summary>
    TableInit,

    /// <summary>A = element segment.</summary>
    ElemDrop,

    /// <summary>Pushes a reference to function A of the current instance.</summary>
    RefFunc,

    // Numeric operations, one per Wasm operator (reinterpretations need none: cells are untyped).
    I32Eqz,
    I32Eq,
    I32Ne,
    I32LtS,
    I32LtU,
    I32GtS,
    I32GtU,
    I32LeS,
    I32LeU,
    I32GeS,
    I32GeU,
    I64Eqz,
    I64Eq,
    I64Ne,
    I64LtS,
    I64LtU,
    I64GtS,
    I64GtU,
    I64LeS,
    I64LeU,
    I64GeS,
    I64GeU,
    F32Eq,
    F32Ne,
    F32Lt,
    F32Gt,
    F32Le,
    F32Ge,
    F64Eq,
    F64Ne,
    F64Lt,
    F64Gt,
    F64Le,
    F64Ge,
    I32Clz,
    I32Ctz,
    I32Popcnt,
    I32Add,
    I32Sub,
    I32Mul,
    I32DivS,
    I32DivU,
    I32RemS,
    I32RemU,
    I32And,
    I32Or,
    I32Xor,
    I32Shl,
    I32ShrS,
    I32ShrU,
    I32Rotl,
    I32Rotr,
    I64Clz,
    I64Ctz,
    I64Popcnt,
    I64Add,
    I64Sub,
    I64Mul,
    I64DivS,
    I64DivU,
    I64RemS,
    I64RemU,
    I64And,
    I64Or,
    I64Xor,
    I64Shl,
    I64ShrS,
    I64ShrU,
    I64Rotl,
    I64Rotr,
    F32Abs,
    F32Neg,
    F32Ceil,
    F32Floor,
    F32Trunc,
    F32Nearest,
    F32Sqrt,
    F32Add,
    F32Sub,
    F32Mul,
    F32Div,
    F32Min,
    F32Max,
    F32Copysign,
    F64Abs,
    F64Neg,
    F64Ceil,
    F64Floor,
    F64Trunc,
    F64Nearest,
    F64Sqrt,
    F64Add,
    F64Sub,
    F64Mul,
    F64Div,
    F64Min,
    F64Max,
    F64Copysign,
    I32WrapI64,
    I32TruncF32S,
    I32TruncF32U,
    I32TruncF64S,
    I32TruncF64U,
    I64TruncF32S,
    I64TruncF32U,
    I64TruncF64S,
    I64TruncF64U,
    I64ExtendI32S,
    I64ExtendI32U,
    F32ConvertI32S,
    F32ConvertI32U,
    F32ConvertI64S,
    F32ConvertI64U,
    F64ConvertI32S,
    F64ConvertI32U,
    F64ConvertI64S,
    F64ConvertI64U,
    F32DemoteF64,
    F64PromoteF32,
    I32Extend8S,
    I32Extend16S,
    I64Extend8S,
    I64Extend16S,
    I64Extend32S,
    I32TruncSatF32S,
    I32TruncSatF32U,
    I32TruncSatF64S,
    I32TruncSatF64U,
    I64TruncSatF32S,
    I64TruncSatF32U,
    I64TruncSatF64S,
    I64TruncSatF64U,
}
