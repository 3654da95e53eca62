using Replay.Engine.Stack.Bytecode;
using Replay.Wasm.Binary;

namespace Replay.Engine.Stack.Translation;

// Linear memory and table operators.
internal partial struct FuncTranslator
{
    public void VisitI32Load(MemArg memArg) => Load(Op.I32Load, memArg);
    public void VisitI64Load(MemArg memArg) => Load(Op.I64Load, memArg);
    public void VisitF32Load(MemArg memArg) => Load(Op.F32Load, memArg);
    public void VisitF64Load(MemArg memArg) => Load(Op.F64Load, memArg);
    public void VisitI32Load8S(MemArg memArg) => Load(Op.I32Load8S, memArg);
    public void VisitI32Load8U(MemArg memArg) => Load(Op.I32Load8U, memArg);
    public void VisitI32Load16S(MemArg memArg) => Load(Op.I32Load16S, memArg);
    public void VisitI32Load16U(MemArg memArg) => Load(Op.I32Load16U, memArg);
    public void VisitI64Load8S(MemArg memArg) => Load(Op.I64Load8S, memArg);
    public void VisitI64Load8U(MemArg memArg) => Load(Op.I64Load8U, memArg);
    public void VisitI64Load16S(MemArg memArg) => Load(Op.I64Load16S, memArg);
    public void VisitI64Load16U(MemArg memArg) => Load(Op.I64Load16U, memArg);
    public void VisitI64Load32S(MemArg memArg) => Load(Op.I64Load32S, memArg);
    public void VisitI64Load32U(MemArg memArg) => Load(Op.I64Load32U, memArg);
    public void VisitI32Store(MemArg memArg) => Store(Op.I32Store, memArg);
    public void VisitI64Store(MemArg memArg) => Store(Op.I64Store, memArg);
    public void VisitF32Store(MemArg memArg) => Store(Op.F32Store, memArg);
    public void VisitF64Store(MemArg memArg) => Store(Op.F64Store, memArg);
    public void VisitI32Store8(MemArg memArg) => Store(Op.I32Store8, memArg);
    public void VisitI32Store16(MemArg memArg) => Store(Op.I32Store16, memArg);
    public void VisitI64Store8(MemArg memArg) => Store(Op.I64Store8, memArg);
    public void VisitI64Store16(MemArg memArg) => Store(Op.I64Store16, memArg);
    public void VisitI64Store32(MemArg memArg) => Store(Op.I64Store32, memArg);

    public void VisitMemorySize() => Entity(Op.MemorySize, 0, 1);

    /// <summary>Entity cost here; the per-byte cost of the growth is charged when it runs.</summary>
    public void VisitMemoryGrow() => Entity(Op.MemoryGrow, 1, 1);

    public void VisitMemoryInit(uint dataIndex) => Entity(Op.MemoryInit, 3, 0, (int)dataIndex);

    public void VisitDataDrop(uint dataIndex) => Entity(Op.DataDrop, 0, 0, (int)dataIndex);

    public void VisitMemoryCopy() => Entity(Op.MemoryCopy, 3, 0);

    public void VisitMemoryFill() => Entity(Op.MemoryFill, 3, 0);

    public void VisitTableInit(uint elemIndex, uint tableIndex) => Entity(Op.TableInit, 3, 0, (int)elemIndex, tableIndex);

    public void VisitElemDrop(uint elemIndex) => Entity(Op.ElemDrop, 0, 0, (int)elemIndex);

    public void VisitTableCopy(uint dstTable, uint srcTable) => Entity(Op.TableCopy, 3, 0, (int)dstTable, srcTable);

    public void VisitTableGrow(uint tableIndex) => Entity(Op.TableGrow, 2, 1, (int)tableIndex);

    public void VisitTableSize(uint tableIndex) => Entity(Op.TableSize, 0, 1, (int)tableIndex);

    public void VisitTableFill(uint tableIndex) => Entity(Op.TableFill, 3, 0, (int)tableIndex);

    public void VisitTableGet(uint tableIndex) => Entity(Op.TableGet, 1, 1, (int)tableIndex);

    public void VisitTableSet(uint tableIndex) => Entity(Op.TableSet, 2, 0, (int)tableIndex);
}
