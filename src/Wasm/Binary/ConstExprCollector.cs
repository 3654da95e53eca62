using Replay.Wasm.Modules;
using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

/// <summary>
/// Reads a constant expression up to its final end and condenses it to a <see cref="ConstExpr"/>.
/// Constant expressions are not length-prefixed, so the decoder must walk their instructions to
/// find where they stop; non-constant or surplus instructions are recorded, not rejected, because
/// that is a validation matter ("constant expression required", "type mismatch").
/// </summary>
internal partial struct ConstExprCollector : IOperatorVisitor
{
    private int _depth;
    private int _count;
    private bool _nonConstant;
    // Set by a Visit call, resolved to an offset by the read loop (visitors do not see offsets).
    private bool _nonConstantPending;
    private bool _surplusPending;
    private int _nonConstantOffset;
    private int _surplusOffset;
    private ConstExprKind _kind;
    private ulong _bits;
    private uint _index;
    private ValType _refType;
    private bool _done;

    public static ConstExpr Read(ref WasmReader reader, ReadOnlySpan<byte> moduleBytes)
    {
        int start = reader.Position;
        var ops = new OperatorReader(moduleBytes[start..(start + reader.Remaining)], start, reader.FunctionIndex, reader.EndRule);
        var c = new ConstExprCollector { _nonConstantOffset = -1, _surplusOffset = -1 };
        while (!c._done)
        {
            int at = ops.Position;
            ops.Read(ref c);
            if (c._nonConstantPending && c._nonConstantOffset < 0) c._nonConstantOffset = at;
            if (c._surplusPending && c._surplusOffset < 0) c._surplusOffset = at;
            c._nonConstantPending = c._surplusPending = false;
        }
        int length = ops.Position - start;
        reader.ReadBytes(length);
        ConstExprKind kind;
        int fault = -1;
        if (c._nonConstant)
        {
            kind = ConstExprKind.NonConstant;
            fault = c._nonConstantOffset;
        }
        else if (c._count != 1)
        {
            kind = ConstExprKind.WrongArity;
            // No value at all: blame the end; too many: blame the first surplus one.
            fault = c._count == 0 ? ops.Position - 1 : c._surplusOffset;
        }
        else
        {
            kind = c._kind;
        }
        return new ConstExpr(kind, c._bits, c._index, c._refType, start, length, fault);
    }

    private void Constant(ConstExprKind kind, ulong bits = 0, uint index = 0, ValType refType = default)
    {
        if (_depth > 0) return;
        if (++_count == 1)
        {
            _kind = kind;
            _bits = bits;
            _index = index;
            _refType = refType;
        }
        else
        {
            _surplusPending = true;
        }
    }

    private void NonConstant()
    {
        _nonConstant = true;
        _nonConstantPending = true;
    }

    public void VisitI32Const(int value) => Constant(ConstExprKind.I32Const, (ulong)(uint)value);
    public void VisitI64Const(long value) => Constant(ConstExprKind.I64Const, (ulong)value);
    public void VisitF32Const(uint bits) => Constant(ConstExprKind.F32Const, bits);
    public void VisitF64Const(ulong bits) => Constant(ConstExprKind.F64Const, bits);
    public void VisitGlobalGet(uint globalIndex) => Constant(ConstExprKind.GlobalGet, index: globalIndex);
    public void VisitRefNull(ValType type) => Constant(ConstExprKind.RefNull, refType: type);
    public void VisitRefFunc(uint functionIndex) => Constant(ConstExprKind.RefFunc, index: functionIndex);

    // Structured instructions are not constant, but their ends must be matched to find ours.
    public void VisitBlock(BlockType blockType) { NonConstant(); _depth++; }
    public void VisitLoop(BlockType blockType) { NonConstant(); _depth++; }
    public void VisitIf(BlockType blockType) { NonConstant(); _depth++; }

    public void VisitEnd()
    {
        if (_depth == 0) _done = true;
        else _depth--;
    }
}
