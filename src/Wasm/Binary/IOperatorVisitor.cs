using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

/// <summary>
/// One method per WebAssembly operator, called by <see cref="OperatorReader"/> with the decoded
/// immediates. Implement it on a struct (holding references to any state) and pass it by ref to
/// <c>OperatorReader.Read</c>: the generic dispatch then calls these methods directly, with no
/// interface dispatch. The operator's offset is <see cref="OperatorReader.OperatorOffset"/>.
/// Float operators carry raw bit patterns so NaN payloads survive.
/// </summary>
public interface IOperatorVisitor
{
    /// <summary><c>unreachable</c> (0x00).</summary>
    void VisitUnreachable();

    /// <summary><c>nop</c> (0x01).</summary>
    void VisitNop();

    /// <summary><c>block</c> (0x02).</summary>
    void VisitBlock(BlockType blockType);

    /// <summary><c>loop</c> (0x03).</summary>
    void VisitLoop(BlockType blockType);

    /// <summary><c>if</c> (0x04).</summary>
    void VisitIf(BlockType blockType);

    /// <summary><c>else</c> (0x05).</summary>
    void VisitElse();

    /// <summary><c>end</c> (0x0b).</summary>
    void VisitEnd();

    /// <summary><c>br</c> (0x0c).</summary>
    void VisitBr(uint relativeDepth);

    /// <summary><c>br_if</c> (0x0d).</summary>
    void VisitBrIf(uint relativeDepth);

    /// <summary><c>br_table</c> (0x0e).</summary>
    void VisitBrTable(BrTable table);

    /// <summary><c>return</c> (0x0f).</summary>
    void VisitReturn();

    /// <summary><c>call</c> (0x10).</summary>
    void VisitCall(uint functionIndex);

    /// <summary><c>call_indirect</c> (0x11).</summary>
    void VisitCallIndirect(uint typeIndex, uint tableIndex);

    /// <summary><c>drop</c> (0x1a).</summary>
    void VisitDrop();

    /// <summary><c>select</c> (0x1b).</summary>
    void VisitSelect();

    /// <summary><c>select</c> (0x1c).</summary>
    void VisitTypedSelect(ValType type);

    /// <summary><c>local.get</c> (0x20).</summary>
    void VisitLocalGet(uint localIndex);

    /// <summary><c>local.set</c> (0x21).</summary>
    void VisitLocalSet(uint localIndex);

    /// <summary><c>local.tee</c> (0x22).</summary>
    void VisitLocalTee(uint localIndex);

    /// <summary><c>global.get</c> (0x23).</summary>
    void VisitGlobalGet(uint globalIndex);

    /// <summary><c>global.set</c> (0x24).</summary>
    void VisitGlobalSet(uint globalIndex);

    /// <summary><c>table.get</c> (0x25).</summary>
    void VisitTableGet(uint tableIndex);

    /// <summary><c>table.set</c> (0x26).</summary>
    void VisitTableSet(uint tableIndex);

    /// <summary><c>i32.load</c> (0x28).</summary>
    void VisitI32Load(MemArg memArg);

    /// <summary><c>i64.load</c> (0x29).</summary>
    void VisitI64Load(MemArg memArg);

    /// <summary><c>f32.load</c> (0x2a).</summary>
    void VisitF32Load(MemArg memArg);

    /// <summary><c>f64.load</c> (0x2b).</summary>
    void VisitF64Load(MemArg memArg);

    /// <summary><c>i32.load8_s</c> (0x2c).</summary>
    void VisitI32Load8S(MemArg memArg);

    /// <summary><c>i32.load8_u</c> (0x2d).</summary>
    void VisitI32Load8U(MemArg memArg);

    /// <summary><c>i32.load16_s</c> (0x2e).</summary>
    void VisitI32Load16S(MemArg memArg);

    /// <summary><c>i32.load16_u</c> (0x2f).</summary>
    void VisitI32Load16U(MemArg memArg);

    /// <summary><c>i64.load8_s</c> (0x30).</summary>
    void VisitI64Load8S(MemArg memArg);

    /// <summary><c>i64.load8_u</c> (0x31).</summary>
    void VisitI64Load8U(MemArg memArg);

    /// <summary><c>i64.load16_s</c> (0x32).</summary>
    void VisitI64Load16S(MemArg memArg);

    /// <summary><c>i64.load16_u</c> (0x33).</summary>
    void VisitI64Load16U(MemArg memArg);

    /// <summary><c>i64.load32_s</c> (0x34).</summary>
    void VisitI64Load32S(MemArg memArg);

    /// <summary><c>i64.load32_u</c> (0x35).</summary>
    void VisitI64Load32U(MemArg memArg);

    /// <summary><c>i32.store</c> (0x36).</summary>
    void VisitI32Store(MemArg memArg);

    /// <summary><c>i64.store</c> (0x37).</summary>
    void VisitI64Store(MemArg memArg);

    /// <summary><c>f32.store</c> (0x38).</summary>
    void VisitF32Store(MemArg memArg);

    /// <summary><c>f64.store</c> (0x39).</summary>
    void VisitF64Store(MemArg memArg);

    /// <summary><c>i32.store8</c> (0x3a).</summary>
    void VisitI32Store8(MemArg memArg);

    /// <summary><c>i32.store16</c> (0x3b).</summary>
    void VisitI32Store16(MemArg memArg);

    /// <summary><c>i64.store8</c> (0x3c).</summary>
    void VisitI64Store8(MemArg memArg);

    /// <summary><c>i64.store16</c> (0x3d).</summary>
    void VisitI64Store16(MemArg memArg);

    /// <summary><c>i64.store32</c> (0x3e).</summary>
    void VisitI64Store32(MemArg memArg);

    /// <summary><c>memory.size</c> (0x3f).</summary>
    void VisitMemorySize();

    /// <summary><c>memory.grow</c> (0x40).</summary>
    void VisitMemoryGrow();

    /// <summary><c>i32.const</c> (0x41).</summary>
    void VisitI32Const(int value);

    /// <summary><c>i64.const</c> (0x42).</summary>
    void VisitI64Const(long value);

    /// <summary><c>f32.const</c> (0x43).</summary>
    void VisitF32Const(uint bits);

    /// <summary><c>f64.const</c> (0x44).</summary>
    void VisitF64Const(ulong bits);

    /// <summary><c>i32.eqz</c> (0x45).</summary>
    void VisitI32Eqz();

    /// <summary><c>i32.eq</c> (0x46).</summary>
    void VisitI32Eq();

    /// <summary><c>i32.ne</c> (0x47).</summary>
    void VisitI32Ne();

    /// <summary><c>i32.lt_s</c> (0x48).</summary>
    void VisitI32LtS();

    /// <summary><c>i32.lt_u</c> (0x49).</summary>
    void VisitI32LtU();

    /// <summary><c>i32.gt_s</c> (0x4a).</summary>
    void VisitI32GtS();

    /// <summary><c>i32.gt_u</c> (0x4b).</summary>
    void VisitI32GtU();

    /// <summary><c>i32.le_s</c> (0x4c).</summary>
    void VisitI32LeS();

    /// <summary><c>i32.le_u</c> (0x4d).</summary>
    void VisitI32LeU();

    /// <summary><c>i32.ge_s</c> (0x4e).</summary>
    void VisitI32GeS();

    /// <summary><c>i32.ge_u</c> (0x4f).</summary>
    void VisitI32GeU();

    /// <summary><c>i64.eqz</c> (0x50).</summary>
    void VisitI64Eqz();

    /// <summary><c>i64.eq</c> (0x51).</summary>
    void VisitI64Eq();

    /// <summary><c>i64.ne</c> (0x52).</summary>
    void VisitI64Ne();

    /// <summary><c>i64.lt_s</c> (0x53).</summary>
    void VisitI64LtS();

    /// <summary><c>i64.lt_u</c> (0x54).</summary>
    void VisitI64LtU();

    /// <summary><c>i64.gt_s</c> (0x55).</summary>
    void VisitI64GtS();

    /// <summary><c>i64.gt_u</c> (0x56).</summary>
    void VisitI64GtU();

    /// <summary><c>i64.le_s</c> (0x57).</summary>
    void VisitI64LeS();

    /// <summary><c>i64.le_u</c> (0x58).</summary>
    void VisitI64LeU();

    /// <summary><c>i64.ge_s</c> (0x59).</summary>
    void VisitI64GeS();

    /// <summary><c>i64.ge_u</c> (0x5a).</summary>
    void VisitI64GeU();

    /// <summary><c>f32.eq</c> (0x5b).</summary>
    void VisitF32Eq();

    /// <summary><c>f32.ne</c> (0x5c).</summary>
    void VisitF32Ne();

    /// <summary><c>f32.lt</c> (0x5d).</summary>
    void VisitF32Lt();

    /// <summary><c>f32.gt</c> (0x5e).</summary>
    void VisitF32Gt();

    /// <summary><c>f32.le</c> (0x5f).</summary>
    void VisitF32Le();

    /// <summary><c>f32.ge</c> (0x60).</summary>
    void VisitF32Ge();

    /// <summary><c>f64.eq</c> (0x61).</summary>
    void VisitF64Eq();

    /// <summary><c>f64.ne</c> (0x62).</summary>
    void VisitF64Ne();

    /// <summary><c>f64.lt</c> (0x63).</summary>
    void VisitF64Lt();

    /// <summary><c>f64.gt</c> (0x64).</summary>
    void VisitF64Gt();

    /// <summary><c>f64.le</c> (0x65).</summary>
    void VisitF64Le();

    /// <summary><c>f64.ge</c> (0x66).</summary>
    void VisitF64Ge();

    /// <summary><c>i32.clz</c> (0x67).</summary>
    void VisitI32Clz();

    /// <summary><c>i32.ctz</c> (0x68).</summary>
    void VisitI32Ctz();

    /// <summary><c>i32.popcnt</c> (0x69).</summary>
    void VisitI32Popcnt();

    /// <summary><c>i32.add</c> (0x6a).</summary>
    void VisitI32Add();

    /// <summary><c>i32.sub</c> (0x6b).</summary>
    void VisitI32Sub();

    /// <summary><c>i32.mul</c> (0x6c).</summary>
    void VisitI32Mul();

    /// <summary><c>i32.div_s</c> (0x6d).</summary>
    void VisitI32DivS();

    /// <summary><c>i32.div_u</c> (0x6e).</summary>
    void VisitI32DivU();

    /// <summary><c>i32.rem_s</c> (0x6f).</summary>
    void VisitI32RemS();

    /// <summary><c>i32.rem_u</c> (0x70).</summary>
    void VisitI32RemU();

    /// <summary><c>i32.and</c> (0x71).</summary>
    void VisitI32And();

    /// <summary><c>i32.or</c> (0x72).</summary>
    void VisitI32Or();

    /// <summary><c>i32.xor</c> (0x73).</summary>
    void VisitI32Xor();

    /// <summary><c>i32.shl</c> (0x74).</summary>
    void VisitI32Shl();

    /// <summary><c>i32.shr_s</c> (0x75).</summary>
    void VisitI32ShrS();

    /// <summary><c>i32.shr_u</c> (0x76).</summary>
    void VisitI32ShrU();

    /// <summary><c>i32.rotl</c> (0x77).</summary>
    void VisitI32Rotl();

    /// <summary><c>i32.rotr</c> (0x78).</summary>
    void VisitI32Rotr();

    /// <summary><c>i64.clz</c> (0x79).</summary>
    void VisitI64Clz();

    /// <summary><c>i64.ctz</c> (0x7a).</summary>
    void VisitI64Ctz();

    /// <summary><c>i64.popcnt</c> (0x7b).</summary>
    void VisitI64Popcnt();

    /// <summary><c>i64.add</c> (0x7c).</summary>
    void VisitI64Add();

    /// <summary><c>i64.sub</c> (0x7d).</summary>
    void VisitI64Sub();

    /// <summary><c>i64.mul</c> (0x7e).</summary>
    void VisitI64Mul();

    /// <summary><c>i64.div_s</c> (0x7f).</summary>
    void VisitI64DivS();

    /// <summary><c>i64.div_u</c> (0x80).</summary>
    void VisitI64DivU();

    /// <summary><c>i64.rem_s</c> (0x81).</summary>
    void VisitI64RemS();

    /// <summary><c>i64.rem_u</c> (0x82).</summary>
    void VisitI64RemU();

    /// <summary><c>i64.and</c> (0x83).</summary>
    void VisitI64And();

    /// <summary><c>i64.or</c> (0x84).</summary>
    void VisitI64Or();

    /// <summary><c>i64.xor</c> (0x85).</summary>
    void VisitI64Xor();

    /// <summary><c>i64.shl</c> (0x86).</summary>
    void VisitI64Shl();

    /// <summary><c>i64.shr_s</c> (0x87).</summary>
    void VisitI64ShrS();

    /// <summary><c>i64.shr_u</c> (0x88).</summary>
    void VisitI64ShrU();

    /// <summary><c>i64.rotl</c> (0x89).</summary>
    void VisitI64Rotl();

    /// <summary><c>i64.rotr</c> (0x8a).</summary>
    void VisitI64Rotr();

    /// <summary><c>f32.abs</c> (0x8b).</summary>
    void VisitF32Abs();

    /// <summary><c>f32.neg</c> (0x8c).</summary>
    void VisitF32Neg();

    /// <summary><c>f32.ceil</c> (0x8d).</summary>
    void VisitF32Ceil();

    /// <summary><c>f32.floor</c> (0x8e).</summary>
    void VisitF32Floor();

    /// <summary><c>f32.trunc</c> (0x8f).</summary>
    void VisitF32Trunc();

    /// <summary><c>f32.nearest</c> (0x90).</summary>
    void VisitF32Nearest();

    /// <summary><c>f32.sqrt</c> (0x91).</summary>
    void VisitF32Sqrt();

    /// <summary><c>f32.add</c> (0x92).</summary>
    void VisitF32Add();

    /// <summary><c>f32.sub</c> (0x93).</summary>
    void VisitF32Sub();

    /// <summary><c>f32.mul</c> (0x94).</summary>
    void VisitF32Mul();

    /// <summary><c>f32.div</c> (0x95).</summary>
    void VisitF32Div();

    /// <summary><c>f32.min</c> (0x96).</summary>
    void VisitF32Min();

    /// <summary><c>f32.max</c> (0x97).</summary>
    void VisitF32Max();

    /// <summary><c>f32.copysign</c> (0x98).</summary>
    void VisitF32Copysign();

    /// <summary><c>f64.abs</c> (0x99).</summary>
    void VisitF64Abs();

    /// <summary><c>f64.neg</c> (0x9a).</summary>
    void VisitF64Neg();

    /// <summary><c>f64.ceil</c> (0x9b).</summary>
    void VisitF64Ceil();

    /// <summary><c>f64.floor</c> (0x9c).</summary>
    void VisitF64Floor();

    /// <summary><c>f64.trunc</c> (0x9d).</summary>
    void VisitF64Trunc();

    /// <summary><c>f64.nearest</c> (0x9e).</summary>
    void VisitF64Nearest();

    /// <summary><c>f64.sqrt</c> (0x9f).</summary>
    void VisitF64Sqrt();

    /// <summary><c>f64.add</c> (0xa0).</summary>
    void VisitF64Add();

    /// <summary><c>f64.sub</c> (0xa1).</summary>
    void VisitF64Sub();

    /// <summary><c>f64.mul</c> (0xa2).</summary>
    void VisitF64Mul();

    /// <summary><c>f64.div</c> (0xa3).</summary>
    void VisitF64Div();

    /// <summary><c>f64.min</c> (0xa4).</summary>
    void VisitF64Min();

    /// <summary><c>f64.max</c> (0xa5).</summary>
    void VisitF64Max();

    /// <summary><c>f64.copysign</c> (0xa6).</summary>
    void VisitF64Copysign();

    /// <summary><c>i32.wrap_i64</c> (0xa7).</summary>
    void VisitI32WrapI64();

    /// <summary><c>i32.trunc_f32_s</c> (0xa8).</summary>
    void VisitI32TruncF32S();

    /// <summary><c>i32.trunc_f32_u</c> (0xa9).</summary>
    void VisitI32TruncF32U();

    /// <summary><c>i32.trunc_f64_s</c> (0xaa).</summary>
    void VisitI32TruncF64S();

    /// <summary><c>i32.trunc_f64_u</c> (0xab).</summary>
    void VisitI32TruncF64U();

    /// <summary><c>i64.extend_i32_s</c> (0xac).</summary>
    void VisitI64ExtendI32S();

    /// <summary><c>i64.extend_i32_u</c> (0xad).</summary>
    void VisitI64ExtendI32U();

    /// <summary><c>i64.trunc_f32_s</c> (0xae).</summary>
    void VisitI64TruncF32S();

    /// <summary><c>i64.trunc_f32_u</c> (0xaf).</summary>
    void VisitI64TruncF32U();

    /// <summary><c>i64.trunc_f64_s</c> (0xb0).</summary>
    void VisitI64TruncF64S();

    /// <summary><c>i64.trunc_f64_u</c> (0xb1).</summary>
    void VisitI64TruncF64U();

    /// <summary><c>f32.convert_i32_s</c> (0xb2).</summary>
    void VisitF32ConvertI32S();

    /// <summary><c>f32.convert_i32_u</c> (0xb3).</summary>
    void VisitF32ConvertI32U();

    /// <summary><c>f32.convert_i64_s</c> (0xb4).</summary>
    void VisitF32ConvertI64S();

    /// <summary><c>f32.convert_i64_u</c> (0xb5).</summary>
    void VisitF32ConvertI64U();

    /// <summary><c>f32.demote_f64</c> (0xb6).</summary>
    void VisitF32DemoteF64();

    /// <summary><c>f64.convert_i32_s</c> (0xb7).</summary>
    void VisitF64ConvertI32S();

    /// <summary><c>f64.convert_i32_u</c> (0xb8).</summary>
    void VisitF64ConvertI32U();

    /// <summary><c>f64.convert_i64_s</c> (0xb9).</summary>
    void VisitF64ConvertI64S();

    /// <summary><c>f64.convert_i64_u</c> (0xba).</summary>
    void VisitF64ConvertI64U();

    /// <summary><c>f64.promote_f32</c> (0xbb).</summary>
    void VisitF64PromoteF32();

    /// <summary><c>i32.reinterpret_f32</c> (0xbc).</summary>
    void VisitI32ReinterpretF32();

    /// <summary><c>i64.reinterpret_f64</c> (0xbd).</summary>
    void VisitI64ReinterpretF64();

    /// <summary><c>f32.reinterpret_i32</c> (0xbe).</summary>
    void VisitF32ReinterpretI32();

    /// <summary><c>f64.reinterpret_i64</c> (0xbf).</summary>
    void VisitF64ReinterpretI64();

    /// <summary><c>i32.extend8_s</c> (0xc0).</summary>
    void VisitI32Extend8S();

    /// <summary><c>i32.extend16_s</c> (0xc1).</summary>
    void VisitI32Extend16S();

    /// <summary><c>i64.extend8_s</c> (0xc2).</summary>
    void VisitI64Extend8S();

    /// <summary><c>i64.extend16_s</c> (0xc3).</summary>
    void VisitI64Extend16S();

    /// <summary><c>i64.extend32_s</c> (0xc4).</summary>
    void VisitI64Extend32S();

    /// <summary><c>ref.null</c> (0xd0).</summary>
    void VisitRefNull(ValType type);

    /// <summary><c>ref.is_null</c> (0xd1).</summary>
    void VisitRefIsNull();

    /// <summary><c>ref.func</c> (0xd2).</summary>
    void VisitRefFunc(uint functionIndex);

    /// <summary><c>i32.trunc_sat_f32_s</c> (0xfc00).</summary>
    void VisitI32TruncSatF32S();

    /// <summary><c>i32.trunc_sat_f32_u</c> (0xfc01).</summary>
    void VisitI32TruncSatF32U();

    /// <summary><c>i32.trunc_sat_f64_s</c> (0xfc02).</summary>
    void VisitI32TruncSatF64S();

    /// <summary><c>i32.trunc_sat_f64_u</c> (0xfc03).</summary>
    void VisitI32TruncSatF64U();

    /// <summary><c>i64.trunc_sat_f32_s</c> (0xfc04).</summary>
    void VisitI64TruncSatF32S();

    /// <summary><c>i64.trunc_sat_f32_u</c> (0xfc05).</summary>
    void VisitI64TruncSatF32U();

    /// <summary><c>i64.trunc_sat_f64_s</c> (0xfc06).</summary>
    void VisitI64TruncSatF64S();

    /// <summary><c>i64.trunc_sat_f64_u</c> (0xfc07).</summary>
    void VisitI64TruncSatF64U();

    /// <summary><c>memory.init</c> (0xfc08).</summary>
    void VisitMemoryInit(uint dataIndex);

    /// <summary><c>data.drop</c> (0xfc09).</summary>
    void VisitDataDrop(uint dataIndex);

    /// <summary><c>memory.copy</c> (0xfc0a).</summary>
    void VisitMemoryCopy();

    /// <summary><c>memory.fill</c> (0xfc0b).</summary>
    void VisitMemoryFill();

    /// <summary><c>table.init</c> (0xfc0c).</summary>
    void VisitTableInit(uint elemIndex, uint tableIndex);

    /// <summary><c>elem.drop</c> (0xfc0d).</summary>
    void VisitElemDrop(uint elemIndex);

    /// <summary><c>table.copy</c> (0xfc0e).</summary>
    void VisitTableCopy(uint dstTable, uint srcTable);

    /// <summary><c>table.grow</c> (0xfc0f).</summary>
    void VisitTableGrow(uint tableIndex);

    /// <summary><c>table.size</c> (0xfc10).</summary>
    void VisitTableSize(uint tableIndex);

    /// <summary><c>table.fill</c> (0xfc11).</summary>
    void VisitTableFill(uint tableIndex);
}
