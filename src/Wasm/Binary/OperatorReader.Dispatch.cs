using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

// The opcode switch: one case per operator, in opcode order. Adding an operator means a case
// here, a method on IOperatorVisitor, an Opcode member, and its typing in FuncValidator.
public ref partial struct OperatorReader
{
    /// <summary>Decodes the next operator and calls the matching visitor method.</summary>
    public void Read<TVisitor>(scoped ref TVisitor visitor)
        where TVisitor : IOperatorVisitor, allows ref struct
    {
        int at = _r.Position;
        OperatorOffset = at;
        byte code = _r.ReadByte();
        switch (code)
        {
            case 0x00: visitor.VisitUnreachable(); return;
            case 0x01: visitor.VisitNop(); return;
            case 0x02:
            {
                var blockType = ReadBlockType();
                visitor.VisitBlock(blockType);
                return;
            }
            case 0x03:
            {
                var blockType = ReadBlockType();
                visitor.VisitLoop(blockType);
                return;
            }
            case 0x04:
            {
                var blockType = ReadBlockType();
                visitor.VisitIf(blockType);
                return;
            }
            case 0x05: visitor.VisitElse(); return;
            case 0x0B: visitor.VisitEnd(); return;
            case 0x0C:
            {
                uint relativeDepth = _r.ReadVarU32();
                visitor.VisitBr(relativeDepth);
                return;
            }
            case 0x0D:
            {
                uint relativeDepth = _r.ReadVarU32();
                visitor.VisitBrIf(relativeDepth);
                return;
            }
            case 0x0E:
            {
                var table = ReadBrTable();
                visitor.VisitBrTable(table);
                return;
            }
            case 0x0F: visitor.VisitReturn(); return;
            case 0x10:
            {
                uint functionIndex = _r.ReadVarU32();
                visitor.VisitCall(functionIndex);
                return;
            }
            case 0x11:
            {
                uint typeIndex = _r.ReadVarU32();
                if (ReservedCallIndirectTableByte) _r.ReadZeroByte();
                uint tableIndex = ReservedCallIndirectTableByte ? 0 : _r.ReadVarU32();
                visitor.VisitCallIndirect(typeIndex, tableIndex);
                return;
            }
            case 0x1A: visitor.VisitDrop(); return;
            case 0x1B: visitor.VisitSelect(); return;
            case 0x1C:
            {
                var type = ReadTypedSelectType();
                visitor.VisitTypedSelect(type);
                return;
            }
            case 0x20:
            {
                uint localIndex = _r.ReadVarU32();
                visitor.VisitLocalGet(localIndex);
                return;
            }
            case 0x21:
            {
                uint localIndex = _r.ReadVarU32();
                visitor.VisitLocalSet(localIndex);
                return;
            }
            case 0x22:
            {
                uint localIndex = _r.ReadVarU32();
                visitor.VisitLocalTee(localIndex);
                return;
            }
            case 0x23:
            {
                uint globalIndex = _r.ReadVarU32();
                visitor.VisitGlobalGet(globalIndex);
                return;
            }
            case 0x24:
            {
                uint globalIndex = _r.ReadVarU32();
                visitor.VisitGlobalSet(globalIndex);
                return;
            }
            case 0x25:
            {
                uint tableIndex = _r.ReadVarU32();
                visitor.VisitTableGet(tableIndex);
                return;
            }
            case 0x26:
            {
                uint tableIndex = _r.ReadVarU32();
                visitor.VisitTableSet(tableIndex);
                return;
            }
            case 0x28:
            {
                var memArg = ReadMemArg();
                visitor.VisitI32Load(memArg);
                return;
            }
            case 0x29:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Load(memArg);
                return;
            }
            case 0x2A:
            {
                var memArg = ReadMemArg();
                visitor.VisitF32Load(memArg);
                return;
            }
            case 0x2B:
            {
                var memArg = ReadMemArg();
                visitor.VisitF64Load(memArg);
                return;
            }
            case 0x2C:
            {
                var memArg = ReadMemArg();
                visitor.VisitI32Load8S(memArg);
                return;
            }
            case 0x2D:
            {
                var memArg = ReadMemArg();
                visitor.VisitI32Load8U(memArg);
                return;
            }
            case 0x2E:
            {
                var memArg = ReadMemArg();
                visitor.VisitI32Load16S(memArg);
                return;
            }
            case 0x2F:
            {
                var memArg = ReadMemArg();
                visitor.VisitI32Load16U(memArg);
                return;
            }
            case 0x30:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Load8S(memArg);
                return;
            }
            case 0x31:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Load8U(memArg);
                return;
            }
            case 0x32:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Load16S(memArg);
                return;
            }
            case 0x33:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Load16U(memArg);
                return;
            }
            case 0x34:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Load32S(memArg);
                return;
            }
            case 0x35:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Load32U(memArg);
                return;
            }
            case 0x36:
            {
                var memArg = ReadMemArg();
                visitor.VisitI32Store(memArg);
                return;
            }
            case 0x37:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Store(memArg);
                return;
            }
            case 0x38:
            {
                var memArg = ReadMemArg();
                visitor.VisitF32Store(memArg);
                return;
            }
            case 0x39:
            {
                var memArg = ReadMemArg();
                visitor.VisitF64Store(memArg);
                return;
            }
            case 0x3A:
            {
                var memArg = ReadMemArg();
                visitor.VisitI32Store8(memArg);
                return;
            }
            case 0x3B:
            {
                var memArg = ReadMemArg();
                visitor.VisitI32Store16(memArg);
                return;
            }
            case 0x3C:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Store8(memArg);
                return;
            }
            case 0x3D:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Store16(memArg);
                return;
            }
            case 0x3E:
            {
                var memArg = ReadMemArg();
                visitor.VisitI64Store32(memArg);
                return;
            }
            case 0x3F:
            {
                _r.ReadZeroByte();
                visitor.VisitMemorySize();
                return;
            }
            case 0x40:
            {
                _r.ReadZeroByte();
                visitor.VisitMemoryGrow();
                return;
            }
            case 0x41:
            {
                int value = _r.ReadVarS32();
                visitor.VisitI32Const(value);
                return;
            }
            case 0x42:
            {
                long value = _r.ReadVarS64();
                visitor.VisitI64Const(value);
                return;
            }
            case 0x43:
            {
                uint bits = _r.ReadFixedU32();
                visitor.VisitF32Const(bits);
                return;
            }
            case 0x44:
            {
                ulong bits = _r.ReadFixedU64();
                visitor.VisitF64Const(bits);
                return;
            }
            case 0x45: visitor.VisitI32Eqz(); return;
            case 0x46: visitor.VisitI32Eq(); return;
            case 0x47: visitor.VisitI32Ne(); return;
            case 0x48: visitor.VisitI32LtS(); return;
            case 0x49: visitor.VisitI32LtU(); return;
            case 0x4A: visitor.VisitI32GtS(); return;
            case 0x4B: visitor.VisitI32GtU(); return;
            case 0x4C: visitor.VisitI32LeS(); return;
            case 0x4D: visitor.VisitI32LeU(); return;
            case 0x4E: visitor.VisitI32GeS(); return;
            case 0x4F: visitor.VisitI32GeU(); return;
            case 0x50: visitor.VisitI64Eqz(); return;
            case 0x51: visitor.VisitI64Eq(); return;
            case 0x52: visitor.VisitI64Ne(); return;
            case 0x53: visitor.VisitI64LtS(); return;
            case 0x54: visitor.VisitI64LtU(); return;
            case 0x55: visitor.VisitI64GtS(); return;
            case 0x56: visitor.VisitI64GtU(); return;
            case 0x57: visitor.VisitI64LeS(); return;
            case 0x58: visitor.VisitI64LeU(); return;
            case 0x59: visitor.VisitI64GeS(); return;
            case 0x5A: visitor.VisitI64GeU(); return;
            case 0x5B: visitor.VisitF32Eq(); return;
            case 0x5C: visitor.VisitF32Ne(); return;
            case 0x5D: visitor.VisitF32Lt(); return;
            case 0x5E: visitor.VisitF32Gt(); return;
            case 0x5F: visitor.VisitF32Le(); return;
            case 0x60: visitor.VisitF32Ge(); return;
            case 0x61: visitor.VisitF64Eq(); return;
            case 0x62: visitor.VisitF64Ne(); return;
            case 0x63: visitor.VisitF64Lt(); return;
            case 0x64: visitor.VisitF64Gt(); return;
            case 0x65: visitor.VisitF64Le(); return;
            case 0x66: visitor.VisitF64Ge(); return;
            case 0x67: visitor.VisitI32Clz(); return;
            case 0x68: visitor.VisitI32Ctz(); return;
            case 0x69: visitor.VisitI32Popcnt(); return;
            case 0x6A: visitor.VisitI32Add(); return;
            case 0x6B: visitor.VisitI32Sub(); return;
            case 0x6C: visitor.VisitI32Mul(); return;
            case 0x6D: visitor.VisitI32DivS(); return;
            case 0x6E: visitor.VisitI32DivU(); return;
            case 0x6F: visitor.VisitI32RemS(); return;
            case 0x70: visitor.VisitI32RemU(); return;
            case 0x71: visitor.VisitI32And(); return;
            case 0x72: visitor.VisitI32Or(); return;
            case 0x73: visitor.VisitI32Xor(); return;
            case 0x74: visitor.VisitI32Shl(); return;
            case 0x75: visitor.VisitI32ShrS(); return;
            case 0x76: visitor.VisitI32ShrU(); return;
            case 0x77: visitor.VisitI32Rotl(); return;
            case 0x78: visitor.VisitI32Rotr(); return;
            case 0x79: visitor.VisitI64Clz(); return;
            case 0x7A: visitor.VisitI64Ctz(); return;
            case 0x7B: visitor.VisitI64Popcnt(); return;
            case 0x7C: visitor.VisitI64Add(); return;
            case 0x7D: visitor.VisitI64Sub(); return;
            case 0x7E: visitor.VisitI64Mul(); return;
            case 0x7F: visitor.VisitI64DivS(); return;
            case 0x80: visitor.VisitI64DivU(); return;
            case 0x81: visitor.VisitI64RemS(); return;
            case 0x82: visitor.VisitI64RemU(); return;
            case 0x83: visitor.VisitI64And(); return;
            case 0x84: visitor.VisitI64Or(); return;
            case 0x85: visitor.VisitI64Xor(); return;
            case 0x86: visitor.VisitI64Shl(); return;
            case 0x87: visitor.VisitI64ShrS(); return;
            case 0x88: visitor.VisitI64ShrU(); return;
            case 0x89: visitor.VisitI64Rotl(); return;
            case 0x8A: visitor.VisitI64Rotr(); return;
            case 0x8B: visitor.VisitF32Abs(); return;
            case 0x8C: visitor.VisitF32Neg(); return;
            case 0x8D: visitor.VisitF32Ceil(); return;
            case 0x8E: visitor.VisitF32Floor(); return;
            case 0x8F: visitor.VisitF32Trunc(); return;
            case 0x90: visitor.VisitF32Nearest(); return;
            case 0x91: visitor.VisitF32Sqrt(); return;
            case 0x92: visitor.VisitF32Add(); return;
            case 0x93: visitor.VisitF32Sub(); return;
            case 0x94: visitor.VisitF32Mul(); return;
            case 0x95: visitor.VisitF32Div(); return;
            case 0x96: visitor.VisitF32Min(); return;
            case 0x97: visitor.VisitF32Max(); return;
            case 0x98: visitor.VisitF32Copysign(); return;
            case 0x99: visitor.VisitF64Abs(); return;
            case 0x9A: visitor.VisitF64Neg(); return;
            case 0x9B: visitor.VisitF64Ceil(); return;
            case 0x9C: visitor.VisitF64Floor(); return;
            case 0x9D: visitor.VisitF64Trunc(); return;
            case 0x9E: visitor.VisitF64Nearest(); return;
            case 0x9F: visitor.VisitF64Sqrt(); return;
            case 0xA0: visitor.VisitF64Add(); return;
            case 0xA1: visitor.VisitF64Sub(); return;
            case 0xA2: visitor.VisitF64Mul(); return;
            case 0xA3: visitor.VisitF64Div(); return;
            case 0xA4: visitor.VisitF64Min(); return;
            case 0xA5: visitor.VisitF64Max(); return;
            case 0xA6: visitor.VisitF64Copysign(); return;
            case 0xA7: visitor.VisitI32WrapI64(); return;
            case 0xA8: visitor.VisitI32TruncF32S(); return;
            case 0xA9: visitor.VisitI32TruncF32U(); return;
            case 0xAA: visitor.VisitI32TruncF64S(); return;
            case 0xAB: visitor.VisitI32TruncF64U(); return;
            case 0xAC: visitor.VisitI64ExtendI32S(); return;
            case 0xAD: visitor.VisitI64ExtendI32U(); return;
            case 0xAE: visitor.VisitI64TruncF32S(); return;
            case 0xAF: visitor.VisitI64TruncF32U(); return;
            case 0xB0: visitor.VisitI64TruncF64S(); return;
            case 0xB1: visitor.VisitI64TruncF64U(); return;
            case 0xB2: visitor.VisitF32ConvertI32S(); return;
            case 0xB3: visitor.VisitF32ConvertI32U(); return;
            case 0xB4: visitor.VisitF32ConvertI64S(); return;
            case 0xB5: visitor.VisitF32ConvertI64U(); return;
            case 0xB6: visitor.VisitF32DemoteF64(); return;
            case 0xB7: visitor.VisitF64ConvertI32S(); return;
            case 0xB8: visitor.VisitF64ConvertI32U(); return;
            case 0xB9: visitor.VisitF64ConvertI64S(); return;
            case 0xBA: visitor.VisitF64ConvertI64U(); return;
            case 0xBB: visitor.VisitF64PromoteF32(); return;
            case 0xBC: visitor.VisitI32ReinterpretF32(); return;
            case 0xBD: visitor.VisitI64ReinterpretF64(); return;
            case 0xBE: visitor.VisitF32ReinterpretI32(); return;
            case 0xBF: visitor.VisitF64ReinterpretI64(); return;
            case 0xC0: visitor.VisitI32Extend8S(); return;
            case 0xC1: visitor.VisitI32Extend16S(); return;
            case 0xC2: visitor.VisitI64Extend8S(); return;
            case 0xC3: visitor.VisitI64Extend16S(); return;
            case 0xC4: visitor.VisitI64Extend32S(); return;
            case 0xD0:
            {
                var type = _r.ReadRefType();
                visitor.VisitRefNull(type);
                return;
            }
            case 0xD1: visitor.VisitRefIsNull(); return;
            case 0xD2:
            {
                uint functionIndex = _r.ReadVarU32();
                visitor.VisitRefFunc(functionIndex);
                return;
            }
            case 0xFC: ReadPrefixed(ref visitor, at); return;
            default: ThrowIllegal(code, at); return;
        }
    }

    private void ReadPrefixed<TVisitor>(scoped ref TVisitor visitor, int at)
        where TVisitor : IOperatorVisitor, allows ref struct
    {
        uint sub = _r.ReadVarU32();
        switch (sub)
        {
            case 0x00: visitor.VisitI32TruncSatF32S(); return;
            case 0x01: visitor.VisitI32TruncSatF32U(); return;
            case 0x02: visitor.VisitI32TruncSatF64S(); return;
            case 0x03: visitor.VisitI32TruncSatF64U(); return;
            case 0x04: visitor.VisitI64TruncSatF32S(); return;
            case 0x05: visitor.VisitI64TruncSatF32U(); return;
            case 0x06: visitor.VisitI64TruncSatF64S(); return;
            case 0x07: visitor.VisitI64TruncSatF64U(); return;
            case 0x08:
            {
                uint dataIndex = _r.ReadVarU32();
                _r.ReadZeroIndex();
                visitor.VisitMemoryInit(dataIndex);
                return;
            }
            case 0x09:
            {
                uint dataIndex = _r.ReadVarU32();
                visitor.VisitDataDrop(dataIndex);
                return;
            }
            case 0x0A:
            {
                _r.ReadZeroIndex();
                _r.ReadZeroIndex();
                visitor.VisitMemoryCopy();
                return;
            }
            case 0x0B:
            {
                _r.ReadZeroIndex();
                visitor.VisitMemoryFill();
                return;
            }
            case 0x0C:
            {
                uint elemIndex = _r.ReadVarU32();
                uint tableIndex = _r.ReadVarU32();
                visitor.VisitTableInit(elemIndex, tableIndex);
                return;
            }
            case 0x0D:
            {
                uint elemIndex = _r.ReadVarU32();
                visitor.VisitElemDrop(elemIndex);
                return;
            }
            case 0x0E:
            {
                uint dstTable = _r.ReadVarU32();
                uint srcTable = _r.ReadVarU32();
                visitor.VisitTableCopy(dstTable, srcTable);
                return;
            }
            case 0x0F:
            {
                uint tableIndex = _r.ReadVarU32();
                visitor.VisitTableGrow(tableIndex);
                return;
            }
            case 0x10:
            {
                uint tableIndex = _r.ReadVarU32();
                visitor.VisitTableSize(tableIndex);
                return;
            }
            case 0x11:
            {
                uint tableIndex = _r.ReadVarU32();
                visitor.VisitTableFill(tableIndex);
                return;
            }
            default: ThrowIllegalPrefixed(sub, at); return;
        }
    }
}
