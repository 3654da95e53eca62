using System.Runtime.CompilerServices;
using Replay.Wasm.Modules;
using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

/// <summary>
/// Decodes one function body's (or constant expression's) instructions, operator by operator,
/// calling one visitor method per operator with its immediates. Generic over the visitor so a
/// struct visitor's calls are direct and inlinable: this is the spine shared by the validator and
/// both engines' translators. The reader checks only encoding (malformed); typing is the validator's job.
/// </summary>
public ref partial struct OperatorReader
{
    private WasmReader _r;

    /// <summary>Reads the instructions of a defined function's body (after its local declarations).</summary>
    public OperatorReader(WasmModule module, FunctionBody body)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(body);
        _r = new WasmReader(module.Bytes.Span.Slice(body.CodeOffset, body.CodeLength), body.CodeOffset, body.FunctionIndex);
        OperatorOffset = body.CodeOffset;
    }

    /// <param name="code">Instruction bytes.</param>
    /// <param name="baseOffset">Module offset of <paramref name="code"/>[0], for messages.</param>
    /// <param name="functionIndex">Function the code belongs to, or -1, for messages.</param>
    /// <param name="endRule">Rule reported when the code runs out; see <see cref="WasmReader.EndRule"/>.</param>
    public OperatorReader(ReadOnlySpan<byte> code, int baseOffset, int functionIndex = -1, string? endRule = null)
    {
        _r = new WasmReader(code, baseOffset, functionIndex);
        if (endRule is not null) _r = _r with { EndRule = endRule };
        OperatorOffset = baseOffset;
    }

    /// <summary>
    /// Without reference types, call_indirect's table index is the MVP's reserved single zero byte
    /// (Wasmi's wasmparser checks that first byte too), not a LEB128 index. Set by the validator
    /// from the features; a reader over already-validated code can leave it off.
    /// </summary>
    public bool ReservedCallIndirectTableByte { get; init; }

    /// <summary>Module offset of the next operator.</summary>
    public readonly int Position => _r.Position;

    /// <summary>Module offset of the operator most recently read (valid during its Visit call).</summary>
    public int OperatorOffset { get; private set; }

    public readonly bool AtEnd => _r.AtEnd;

    public readonly int FunctionIndex => _r.FunctionIndex;

    private BlockType ReadBlockType()
    {
        byte b = _r.PeekByte();
        if (b == 0x40)
        {
            _r.ReadByte();
            return BlockType.Empty;
        }
        if (WasmReader.IsValTypeCode(b))
        {
            _r.ReadByte();
            return BlockType.Of((ValType)b);
        }
        int at = _r.Position;
        long index = _r.ReadVarS33();
        if (index < 0) _r.Throw("malformed block type", at, $"type code {index}");
        return BlockType.OfTypeIndex((uint)index);
    }

    private MemArg ReadMemArg()
    {
        uint align = _r.ReadVarU32();
        uint offset = _r.ReadVarU32();
        return new MemArg(align, offset);
    }

    private BrTable ReadBrTable()
    {
        // The count is checked against the bytes that remain before the targets are scanned;
        // the scan itself validates every LEB128.
        int count = _r.ReadCount();
        int start = _r.Position;
        var rest = RemainingSpan();
        for (int i = 0; i < count; i++) _r.ReadVarU32();
        var encoded = rest[..(_r.Position - start)];
        uint defaultTarget = _r.ReadVarU32();
        return new BrTable(encoded, count, defaultTarget);
    }

    private readonly ReadOnlySpan<byte> RemainingSpan()
    {
        var copy = _r;
        return copy.ReadRest();
    }

    private ValType ReadTypedSelectType()
    {
        int at = _r.Position;
        uint n = _r.ReadVarU32();
        // The binary format allows a vector here but validation only admits exactly one type;
        // rejecting other lengths while reading keeps the visitor's signature a single type.
        if (n != 1) throw new Validation.WasmValidationException("invalid result arity", at, _r.FunctionIndex, $"select with {n} types");
        return _r.ReadValType();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowIllegal(byte code, int at) => _r.Throw("illegal opcode", at, $"0x{code:x2}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowIllegalPrefixed(uint code, int at) => _r.Throw("illegal opcode", at, $"0xfc {code}");
}
