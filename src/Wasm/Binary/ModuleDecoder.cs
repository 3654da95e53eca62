using System.Collections.Immutable;
using Replay.Wasm.Features;
using Replay.Wasm.Modules;
using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

/// <summary>
/// Decodes a module binary into a <see cref="WasmModule"/>, checking everything the binary format
/// requires (the spec's "malformed" rules) but nothing about types or indices, which is
/// <c>ModuleValidator</c>'s job. Function bodies are only located (see <see cref="FunctionBodies"/>),
/// so decoding cost is proportional to the module's structure, not its code size.
/// Errors are <see cref="WasmDecodeException"/>s naming the rule and offset.
/// </summary>
public static class ModuleDecoder
{
    private const uint Magic = 0x6D736100; // "\0asm" little-endian
    private const uint Version = 1;

    /// <param name="bytes">The module binary. It is referenced, not copied: keep it unchanged.</param>
    /// <param name="features">The profile the module is meant for; recorded on the module so validation
    /// and engines apply the same one. Decoding itself accepts the whole binary format.</param>
    public static WasmModule Decode(ReadOnlyMemory<byte> bytes, WasmFeatures features)
    {
        var span = bytes.Span;
        var r = new WasmReader(span, 0) { EndRule = "unexpected end" };
        if (r.Remaining < 4) r.Throw("unexpected end", 0, "no magic header");
        if (r.ReadFixedU32() != Magic) r.Throw("magic header not detected", 0);
        if (r.Remaining < 4) r.Throw("unexpected end", 4, "no version");
        if (r.ReadFixedU32() != Version) r.Throw("unknown binary version", 4);

        var s = new ModuleSections();
        int lastRank = 0;
        int declaredFunctions = 0;
        while (!r.AtEnd)
        {
            int idAt = r.Position;
            byte idByte = r.ReadByte();
            if (idByte > (byte)SectionId.DataCount) r.Throw("malformed section id", idAt, $"id {idByte}");
            var id = (SectionId)idByte;
            int sizeAt = r.Position;
            uint size = r.ReadVarU32();
            if (size > (uint)r.Remaining)
                r.Throw("length out of bounds", sizeAt, $"{id} section of {size} bytes, {r.Remaining} remain");
            int start = r.Position;
            // Content that runs past its section's end is the reference decoder's "section size
            // mismatch" while the module goes on, and "unexpected end" when the module ends too.
            var body = new WasmReader(r.ReadBytes((int)size), start)
            {
                EndRule = r.AtEnd ? "unexpected end" : "section size mismatch",
            };

            if (id != SectionId.Custom)
            {
                s.SectionOffsets[(int)id] = start;
                int rank = SectionOrder.Rank(id);
                if (rank <= lastRank)
                    r.Throw("unexpected content after last section", idAt, $"{id} section out of order or repeated");
                lastRank = rank;
            }

            switch (id)
            {
                case SectionId.Custom: ReadCustom(ref body, bytes, s); break;
                case SectionId.Type: ReadTypes(ref body, s); break;
                case SectionId.Import: ReadImports(ref body, s); break;
                case SectionId.Function: declaredFunctions = ReadFunctions(ref body, s); break;
                case SectionId.Table: ReadTables(ref body, s); break;
                case SectionId.Memory: ReadMemories(ref body, s); break;
                case SectionId.Global: ReadGlobals(ref body, span, s); break;
                case SectionId.Export: ReadExports(ref body, s); break;
                case SectionId.Start: s.Start = body.ReadVarU32(); break;
                case SectionId.Element: ReadElements(ref body, span, s); break;
                case SectionId.DataCount: s.DataCount = body.ReadVarU32(); break;
                case SectionId.Code: ReadCode(ref body, s); break;
                case SectionId.Data: ReadData(ref body, bytes, s); break;
            }
            if (!body.AtEnd) body.Throw("section size mismatch", body.Position, $"{id} section has {body.Remaining} bytes left over");
        }

        // Checked once all sections are read, so a misplaced section is reported as such first.
        if (declaredFunctions != s.BodyOffsets.Length)
            r.Throw("function and code section have inconsistent lengths", r.Position,
                $"{declaredFunctions} functions declared, {s.BodyOffsets.Length} bodies");
        if (s.DataCount is { } dc && dc != (uint)s.Data.Count)
            r.Throw("data count and data section have inconsistent lengths", r.Position,
                $"data count {dc}, {s.Data.Count} data segments");

        return new WasmModule(bytes, s, features);
    }

    private static void ReadCustom(ref WasmReader r, ReadOnlyMemory<byte> bytes, ModuleSections s)
    {
        string name = r.ReadName();
        int at = r.Position;
        int length = r.ReadRest().Length;
        s.Customs.Add(new CustomSection(name, at, length, bytes.Slice(at, length)));
    }

    private static void ReadTypes(ref WasmReader r, ModuleSections s)
    {
        int count = r.ReadCount();
        s.Types.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            byte form = r.ReadByte();
            if (form != 0x60) r.Throw("malformed function type", at, $"form 0x{form:x2}, expected 0x60");
            var parameters = ReadValTypes(ref r);
            var results = ReadValTypes(ref r);
            s.Types.Add(new FuncType(parameters, results));
        }
    }

    private static ValType[] ReadValTypes(ref WasmReader r)
    {
        int n = r.ReadCount();
        if (n == 0) return [];
        var types = new ValType[n];
        for (int i = 0; i < n; i++) types[i] = r.ReadValType();
        return types;
    }

    private static void ReadImports(ref WasmReader r, ModuleSections s)
    {
        int count = r.ReadCount();
        s.Imports.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            string module = r.ReadName();
            string name = r.ReadName();
            int kindAt = r.Position;
            byte kind = r.ReadByte();
            var import = kind switch
            {
                0 => new Import(module, name, ExternKind.Func) { TypeIndex = r.ReadVarU32() },
                1 => new Import(module, name, ExternKind.Table) { Table = ReadTableType(ref r) },
                2 => new Import(module, name, ExternKind.Memory) { Memory = new MemoryType(ReadLimits(ref r)) },
                3 => new Import(module, name, ExternKind.Global) { Global = ReadGlobalType(ref r) },
                _ => null,
            };
            if (import is null) r.Throw("malformed import kind", kindAt, $"kind 0x{kind:x2}");
            s.Imports.Add(import with { Offset = at });
        }
    }

    private static int ReadFunctions(ref WasmReader r, ModuleSections s)
    {
        int count = r.ReadCount();
        s.DefinedFuncTypes.Capacity = count;
        for (int i = 0; i < count; i++) s.DefinedFuncTypes.Add(r.ReadVarU32());
        return count;
    }

    private static void ReadTables(ref WasmReader r, ModuleSections s)
    {
        int count = r.ReadCount();
        for (int i = 0; i < count; i++) s.Tables.Add(ReadTableType(ref r));
    }

    private static void ReadMemories(ref WasmReader r, ModuleSections s)
    {
        int count = r.ReadCount();
        for (int i = 0; i < count; i++) s.Memories.Add(new MemoryType(ReadLimits(ref r)));
    }

    private static void ReadGlobals(ref WasmReader r, ReadOnlySpan<byte> module, ModuleSections s)
    {
        int count = r.ReadCount();
        s.Globals.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            var type = ReadGlobalType(ref r);
            var init = ConstExprCollector.Read(ref r, module);
            s.Globals.Add(new Global(type, init) { Offset = at });
        }
    }

    private static void ReadExports(ref WasmReader r, ModuleSections s)
    {
        int count = r.ReadCount();
        s.Exports.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            string name = r.ReadName();
            int kindAt = r.Position;
            byte kind = r.ReadByte();
            if (kind > (byte)ExternKind.Global) r.Throw("malformed export kind", kindAt, $"kind 0x{kind:x2}");
            s.Exports.Add(new Export(name, (ExternKind)kind, r.ReadVarU32()) { Offset = at });
        }
    }

    private static void ReadElements(ref WasmReader r, ReadOnlySpan<byte> module, ModuleSections s)
    {
        int count = r.ReadCount();
        s.Elements.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            uint flags = r.ReadVarU32();
            if (flags > 7) r.Throw("malformed elements segment kind", at, $"flags {flags}");
            // Bit 0: passive or declarative; bit 1: explicit table index (active) or declarative;
            // bit 2: items are expressions rather than function indices.
            bool notActive = (flags & 1) != 0;
            bool hasTableOrDeclarative = (flags & 2) != 0;
            bool expressions = (flags & 4) != 0;
            var mode = !notActive ? SegmentMode.Active : hasTableOrDeclarative ? SegmentMode.Declarative : SegmentMode.Passive;
            uint table = mode == SegmentMode.Active && hasTableOrDeclarative ? r.ReadVarU32() : 0;
            ConstExpr? offset = mode == SegmentMode.Active ? ConstExprCollector.Read(ref r, module) : null;
            var elementType = ValType.FuncRef;
            if (flags is not (0 or 4))
            {
                if (expressions)
                {
                    elementType = r.ReadRefType();
                }
                else
                {
                    int kindAt = r.Position;
                    byte elemKind = r.ReadByte();
                    if (elemKind != 0) r.Throw("malformed element kind", kindAt, $"0x{elemKind:x2}");
                }
            }
            int n = r.ReadCount();
            var items = ImmutableArray.CreateBuilder<ConstExpr>(n);
            for (int k = 0; k < n; k++)
            {
                if (expressions)
                {
                    items.Add(ConstExprCollector.Read(ref r, module));
                }
                else
                {
                    int itemAt = r.Position;
                    uint func = r.ReadVarU32();
                    items.Add(new ConstExpr(ConstExprKind.RefFunc, 0, func, ValType.FuncRef, itemAt, r.Position - itemAt, -1));
                }
            }
            s.Elements.Add(new ElementSegment(mode, table, offset, elementType, items.MoveToImmutable()) { Flags = flags, Offset = at });
        }
    }

    private static void ReadCode(ref WasmReader r, ModuleSections s)
    {
        // Only each body's place is recorded: its locals and code are read when an engine asks
        // for the body (FunctionBodies), so a lazily compiled module pays nothing per body here.
        int count = r.ReadCount();
        var offsets = new int[count];
        var lengths = new int[count];
        for (int i = 0; i < count; i++)
        {
            int sizeAt = r.Position;
            uint size = r.ReadVarU32();
            if (size > (uint)r.Remaining)
                r.Throw("length out of bounds", sizeAt, $"body of {size} bytes, {r.Remaining} remain");
            offsets[i] = r.Position;
            lengths[i] = (int)size;
            r.ReadBytes((int)size);
        }
        s.BodyOffsets = offsets;
        s.BodyLengths = lengths;
    }

    /// <summary>
    /// Decodes the body at <paramref name="offset"/> of <paramref name="module"/> up to its first
    /// instruction: the local declarations, with the binary format's rules on them.
    /// </summary>
    internal static FunctionBody DecodeBody(ReadOnlySpan<byte> module, int funcIndex, int offset, int length)
    {
        var r = new WasmReader(module.Slice(offset, length), offset, funcIndex);
        int groups = r.ReadCount();
        var locals = ImmutableArray<LocalDecl>.Empty;
        long total = 0;
        if (groups > 0)
        {
            var declared = new LocalDecl[groups];
            for (int g = 0; g < groups; g++)
            {
                int at = r.Position;
                uint n = r.ReadVarU32();
                total += n;
                // The spec bounds the number of locals by 2^32 - 1; the declared counts are only
                // added up, never allocated, so a hostile count costs nothing here.
                if (total > uint.MaxValue) r.Throw("too many locals", at, $"{total} locals declared");
                declared[g] = new LocalDecl(n, r.ReadValType());
            }
            locals = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(declared);
        }
        if (r.AtEnd) r.Throw("unexpected end of section or function", r.Position, "body has no instructions");
        return new FunctionBody(funcIndex, offset, length, r.Position, locals, total);
    }

    private static void ReadData(ref WasmReader r, ReadOnlyMemory<byte> bytes, ModuleSections s)
    {
        var span = bytes.Span;
        int count = r.ReadCount();
        s.Data.Capacity = count;
        for (int i = 0; i < count; i++)
        {
            int at = r.Position;
            uint flags = r.ReadVarU32();
            SegmentMode mode;
            uint memory = 0;
            ConstExpr? offset = null;
            switch (flags)
            {
                case 0:
                    mode = SegmentMode.Active;
                    offset = ConstExprCollector.Read(ref r, span);
                    break;
                case 1:
                    mode = SegmentMode.Passive;
                    break;
                case 2:
                    mode = SegmentMode.Active;
                    memory = r.ReadVarU32();
                    offset = ConstExprCollector.Read(ref r, span);
                    break;
                default:
                    r.Throw("malformed data segment kind", at, $"flags {flags}");
                    return;
            }
            int lenAt = r.Position;
            uint len = r.ReadVarU32();
            if (len > (uint)r.Remaining)
                r.Throw("length out of bounds", lenAt, $"data of {len} bytes, {r.Remaining} remain");
            int dataAt = r.Position;
            r.ReadBytes((int)len);
            s.Data.Add(new DataSegment(mode, memory, offset, bytes.Slice(dataAt, (int)len)) { DataOffset = dataAt, Offset = at });
        }
    }

    private static Limits ReadLimits(ref WasmReader r)
    {
        int at = r.Position;
        byte flags = r.ReadByte();
        // Only 0 (min) and 1 (min, max); 2 and 3 are shared memories (threads), not supported.
        if (flags > 1) r.Throw("integer too large", at, $"limits flags 0x{flags:x2}");
        uint min = r.ReadVarU32();
        uint? max = flags == 1 ? r.ReadVarU32() : null;
        return new Limits(min, max);
    }

    private static TableType ReadTableType(ref WasmReader r)
    {
        var element = r.ReadRefType();
        return new TableType(element, ReadLimits(ref r));
    }

    private static GlobalType ReadGlobalType(ref WasmReader r)
    {
        var type = r.ReadValType();
        int at = r.Position;
        byte mut = r.ReadByte();
        if (mut > 1) r.Throw("malformed mutability", at, $"0x{mut:x2}");
        return new GlobalType(type, mut == 1);
    }
}
