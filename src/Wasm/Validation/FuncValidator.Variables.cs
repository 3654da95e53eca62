using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Types;

namespace Replay.Wasm.Validation;

// Locals, globals, memory, tables, references, bulk operations and constants.
public sealed partial class FuncValidator
{
    public void VisitLocalGet(uint localIndex) => Push(LocalType(localIndex));

    public void VisitLocalSet(uint localIndex) => Pop(LocalType(localIndex));

    public void VisitLocalTee(uint localIndex)
    {
        var type = LocalType(localIndex);
        Pop(type);
        Push(type);
    }

    public void VisitGlobalGet(uint globalIndex) => Push(Global(globalIndex).ValueType);

    public void VisitGlobalSet(uint globalIndex)
    {
        var global = Global(globalIndex);
        if (!global.Mutable) throw Invalid("global is immutable", $"global {globalIndex}");
        Pop(global.ValueType);
    }

    public void VisitI32Const(int value) => Push(ValType.I32);

    public void VisitI64Const(long value) => Push(ValType.I64);

    public void VisitF32Const(uint bits)
    {
        Require(WasmFeatures.Floats);
        Push(ValType.F32);
    }

    public void VisitF64Const(ulong bits)
    {
        Require(WasmFeatures.Floats);
        Push(ValType.F64);
    }

    public void VisitMemorySize()
    {
        CheckMemory();
        Push(ValType.I32);
    }

    public void VisitMemoryGrow()
    {
        CheckMemory();
        Pop(ValType.I32);
        Push(ValType.I32);
    }

    public void VisitTableGet(uint tableIndex)
    {
        Require(WasmFeatures.ReferenceTypes);
        var table = Table(tableIndex);
        Pop(ValType.I32);
        Push(table.ElementType);
    }

    public void VisitTableSet(uint tableIndex)
    {
        Require(WasmFeatures.ReferenceTypes);
        var table = Table(tableIndex);
        Pop(table.ElementType);
        Pop(ValType.I32);
    }

    public void VisitTableGrow(uint tableIndex)
    {
        Require(WasmFeatures.ReferenceTypes);
        var table = Table(tableIndex);
        Pop(ValType.I32);
        Pop(table.ElementType);
        Push(ValType.I32);
    }

    public void VisitTableSize(uint tableIndex)
    {
        Require(WasmFeatures.ReferenceTypes);
        Table(tableIndex);
        Push(ValType.I32);
    }

    public void VisitTableFill(uint tableIndex)
    {
        Require(WasmFeatures.ReferenceTypes);
        var table = Table(tableIndex);
        Pop(ValType.I32);
        Pop(table.ElementType);
        Pop(ValType.I32);
    }

    public void VisitRefNull(ValType type)
    {
        Require(WasmFeatures.ReferenceTypes);
        Push(type);
    }

    public void VisitRefIsNull()
    {
        Require(WasmFeatures.ReferenceTypes);
        var t = Pop();
        if (t != Unknown && !t.IsReference()) throw Invalid("type mismatch", $"ref.is_null on {t.Name()}");
        Push(ValType.I32);
    }

    public void VisitRefFunc(uint functionIndex)
    {
        Require(WasmFeatures.ReferenceTypes);
        if (functionIndex >= (uint)_module.FunctionCount) throw Invalid("unknown function", $"function {functionIndex}");
        // C.refs: a body may only take references to functions the module declares elsewhere
        // (an export, a global initialiser or an element segment).
        if (!_module.IsDeclaredFuncRef(functionIndex))
            throw Invalid("undeclared function reference", $"function {functionIndex}");
        Push(ValType.FuncRef);
    }

    public void VisitMemoryInit(uint dataIndex)
    {
        Require(WasmFeatures.BulkMemory);
        CheckMemory();
        CheckDataIndex(dataIndex);
        Pop(ValType.I32);
        Pop(ValType.I32);
        Pop(ValType.I32);
    }

    public void VisitDataDrop(uint dataIndex)
    {
        Require(WasmFeatures.BulkMemory);
        CheckDataIndex(dataIndex);
    }

    public void VisitMemoryCopy()
    {
        Require(WasmFeatures.BulkMemory);
        CheckMemory();
        Pop(ValType.I32);
        Pop(ValType.I32);
        Pop(ValType.I32);
    }

    public void VisitMemoryFill()
    {
        Require(WasmFeatures.BulkMemory);
        CheckMemory();
        Pop(ValType.I32);
        Pop(ValType.I32);
        Pop(ValType.I32);
    }

    public void VisitTableInit(uint elemIndex, uint tableIndex)
    {
        Require(WasmFeatures.BulkMemory);
        var table = Table(tableIndex);
        var segment = Element(elemIndex);
        if (segment.ElementType != table.ElementType)
            throw Invalid("type mismatch", $"segment of {segment.ElementType.Name()} into table of {table.ElementType.Name()}");
        Pop(ValType.I32);
        Pop(ValType.I32);
        Pop(ValType.I32);
    }

    public void VisitElemDrop(uint elemIndex)
    {
        Require(WasmFeatures.BulkMemory);
        Element(elemIndex);
    }

    public void VisitTableCopy(uint dstTable, uint srcTable)
    {
        Require(WasmFeatures.BulkMemory);
        var dst = Table(dstTable);
        var src = Table(srcTable);
        if (dst.ElementType != src.ElementType)
            throw Invalid("type mismatch", $"copy from table of {src.ElementType.Name()} to table of {dst.ElementType.Name()}");
        Pop(ValType.I32);
        Pop(ValType.I32);
        Pop(ValType.I32);
    }

    // ---- shared typing helpers for the fixed signatures (FuncValidator.Signatures.cs) ----

    private void Load(ValType type, MemArg memArg, int naturalAlign)
    {
        if (type.IsFloat()) Require(WasmFeatures.Floats);
        CheckMemArg(memArg, naturalAlign);
        Pop(ValType.I32);
        Push(type);
    }

    private void Store(ValType type, MemArg memArg, int naturalAlign)
    {
        if (type.IsFloat()) Require(WasmFeatures.Floats);
        CheckMemArg(memArg, naturalAlign);
        Pop(type);
        Pop(ValType.I32);
    }

    private void UnaryOp(ValType input, ValType output, WasmFeatures needs = WasmFeatures.None)
    {
        if (needs != WasmFeatures.None) Require(needs);
        Pop(input);
        Push(output);
    }

    private void BinaryOp(ValType left, ValType right, ValType output, WasmFeatures needs = WasmFeatures.None)
    {
        if (needs != WasmFeatures.None) Require(needs);
        Pop(right);
        Pop(left);
        Push(output);
    }

    private void CheckMemArg(MemArg memArg, int naturalAlign)
    {
        CheckMemory();
        if (memArg.Align > (uint)naturalAlign)
            throw Invalid("alignment must not be larger than natural", $"2^{memArg.Align} for a {1 << naturalAlign}-byte access");
    }

    private void CheckMemory()
    {
        if (_module.MemoryCount == 0) throw Invalid("unknown memory", "memory 0");
    }

    private void CheckDataIndex(uint dataIndex)
    {
        // Bodies are validated before the data section is read in a streaming decoder, so the
        // spec makes the data count section, not the data section, the bound; without it these
        // instructions are malformed.
        if (_module.DataCount is not { } count)
            throw Malformed("data count section required", OperatorOffset);
        if (dataIndex >= count) throw Invalid("unknown data segment", $"data segment {dataIndex}");
    }

    private TableType Table(uint tableIndex)
    {
        if (tableIndex >= (uint)_module.TableCount) throw Invalid("unknown table", $"table {tableIndex}");
        return _module.TableAt((int)tableIndex);
    }

    private GlobalType Global(uint globalIndex)
    {
        if (globalIndex >= (uint)_module.GlobalCount) throw Invalid("unknown global", $"global {globalIndex}");
        return _module.GlobalAt((int)globalIndex);
    }

    private Modules.ElementSegment Element(uint elemIndex)
    {
        if (elemIndex >= (uint)_module.Elements.Length) throw Invalid("unknown elem segment", $"segment {elemIndex}");
        return _module.Elements[(int)elemIndex];
    }
}
