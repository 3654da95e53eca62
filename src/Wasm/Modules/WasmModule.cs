using System.Collections.Immutable;
using Replay.Wasm.Features;
using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>
/// A decoded module: every section's content, with function bodies left as byte ranges of
/// <see cref="Bytes"/>. Immutable, so one decoded module can be shared by engines and threads.
/// Index spaces follow the spec: imported items come first, then defined ones. Decoding does
/// not validate; indices here may be out of range until <c>ModuleValidator</c> has accepted it.
/// </summary>
public sealed class WasmModule
{
    private readonly uint[] _funcTypeIndices;
    private readonly TableType[] _tableSpace;
    private readonly MemoryType[] _memorySpace;
    private readonly GlobalType[] _globalSpace;
    private readonly Dictionary<string, Export> _exportsByName;
    private readonly bool[] _declaredFuncRefs;
    private readonly int[] _sectionOffsets;

    internal WasmModule(ReadOnlyMemory<byte> bytes, ModuleSections s, WasmFeatures features)
    {
        Bytes = bytes;
        Features = features;
        Types = s.Types.ToImmutableArray();
        Imports = s.Imports.ToImmutableArray();
        Tables = s.Tables.ToImmutableArray();
        Memories = s.Memories.ToImmutableArray();
        Globals = s.Globals.ToImmutableArray();
        Exports = s.Exports.ToImmutableArray();
        Start = s.Start;
        Elements = s.Elements.ToImmutableArray();
        Data = s.Data.ToImmutableArray();
        DataCount = s.DataCount;
        CustomSections = s.Customs.ToImmutableArray();
        _sectionOffsets = s.SectionOffsets;

        var funcs = new List<uint>(s.Imports.Count + s.DefinedFuncTypes.Count);
        var tables = new List<TableType>();
        var memories = new List<MemoryType>();
        var globals = new List<GlobalType>();
        foreach (var import in s.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Func: funcs.Add(import.TypeIndex); break;
                case ExternKind.Table: tables.Add(import.Table); break;
                case ExternKind.Memory: memories.Add(import.Memory); break;
                case ExternKind.Global: globals.Add(import.Global); break;
            }
        }
        ImportedFunctionCount = funcs.Count;
        Bodies = new FunctionBodies(bytes, s.BodyOffsets, s.BodyLengths, funcs.Count);
        ImportedTableCount = tables.Count;
        ImportedMemoryCount = memories.Count;
        ImportedGlobalCount = globals.Count;
        funcs.AddRange(s.DefinedFuncTypes);
        tables.AddRange(s.Tables);
        memories.AddRange(s.Memories);
        foreach (var g in s.Globals) globals.Add(g.Type);
        _funcTypeIndices = funcs.ToArray();
        _tableSpace = tables.ToArray();
        _memorySpace = memories.ToArray();
        _globalSpace = globals.ToArray();

        _exportsByName = new Dictionary<string, Export>(s.Exports.Count, StringComparer.Ordinal);
        foreach (var e in s.Exports) _exportsByName.TryAdd(e.Name, e);

        _declaredFuncRefs = new bool[_funcTypeIndices.Length];
        CollectDeclaredFuncRefs();
    }

    /// <summary>The feature profile the module was decoded for; validation and engines apply it.</summary>
    public WasmFeatures Features { get; }

    /// <summary>The module's bytes, which function bodies and data segments point into.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    public ImmutableArray<FuncType> Types { get; }
    public ImmutableArray<Import> Imports { get; }

    /// <summary>Tables the module defines (the table index space is imported tables, then these).</summary>
    public ImmutableArray<TableType> Tables { get; }

    /// <summary>Memories the module defines.</summary>
    public ImmutableArray<MemoryType> Memories { get; }

    /// <summary>Globals the module defines, with their initialisers.</summary>
    public ImmutableArray<Global> Globals { get; }

    public ImmutableArray<Export> Exports { get; }
    public uint? Start { get; }
    public ImmutableArray<ElementSegment> Elements { get; }
    public ImmutableArray<DataSegment> Data { get; }

    /// <summary>The data count section's value, if the section is present.</summary>
    public uint? DataCount { get; }

    public ImmutableArray<CustomSection> CustomSections { get; }

    /// <summary>Bodies of the defined functions, in order; <c>Bodies[i]</c> is function <c>ImportedFunctionCount + i</c>.</summary>
    public FunctionBodies Bodies { get; }

    public int ImportedFunctionCount { get; }
    public int ImportedTableCount { get; }
    public int ImportedMemoryCount { get; }
    public int ImportedGlobalCount { get; }

    /// <summary>Size of the function index space (imported and defined).</summary>
    public int FunctionCount => _funcTypeIndices.Length;
    public int TableCount => _tableSpace.Length;
    public int MemoryCount => _memorySpace.Length;
    public int GlobalCount => _globalSpace.Length;

    /// <summary>Type index of every function in the index space.</summary>
    public ReadOnlySpan<uint> FunctionTypeIndices => _funcTypeIndices;

    public uint TypeIndexOf(int funcIndex) => _funcTypeIndices[funcIndex];

    /// <summary>The signature of a function (imported or defined). Valid modules only: the type index is not checked here.</summary>
    public FuncType FuncTypeOf(int funcIndex) => Types[(int)_funcTypeIndices[funcIndex]];

    public TableType TableAt(int index) => _tableSpace[index];
    public MemoryType MemoryAt(int index) => _memorySpace[index];
    public GlobalType GlobalAt(int index) => _globalSpace[index];

    /// <summary>Offset of a known section's content in the module, or -1 if the module has no such section.</summary>
    public int SectionOffset(Binary.SectionId id) => (uint)id < (uint)_sectionOffsets.Length ? _sectionOffsets[(int)id] : -1;

    public bool IsImportedFunction(int funcIndex) => funcIndex < ImportedFunctionCount;

    /// <summary>The body of a defined function.</summary>
    public FunctionBody BodyOf(int funcIndex)
    {
        int i = funcIndex - ImportedFunctionCount;
        if ((uint)i >= (uint)Bodies.Length)
            throw new ArgumentOutOfRangeException(nameof(funcIndex), funcIndex, "not a defined function");
        return Bodies[i];
    }

    /// <summary>The first export with this name (names are unique in a valid module).</summary>
    public bool TryGetExport(string name, out Export export)
    {
        if (_exportsByName.TryGetValue(name, out var e))
        {
            export = e;
            return true;
        }
        export = null!;
        return false;
    }

    public Export? ExportNamed(string name) => _exportsByName.GetValueOrDefault(name);

    /// <summary>
    /// Whether a function may be the target of ref.func in a body: the spec's C.refs, the
    /// functions referenced from outside function bodies (exports, global initialisers, element items).
    /// </summary>
    public bool IsDeclaredFuncRef(uint funcIndex) => funcIndex < (uint)_declaredFuncRefs.Length && _declaredFuncRefs[funcIndex];

    private void CollectDeclaredFuncRefs()
    {
        foreach (var e in Exports)
            if (e.Kind == ExternKind.Func) Mark(e.Index);
        foreach (var g in Globals)
            if (g.Init.Kind == ConstExprKind.RefFunc) Mark(g.Init.Index);
        foreach (var seg in Elements)
            foreach (var item in seg.Items)
                if (item.Kind == ConstExprKind.RefFunc) Mark(item.Index);
    }

    private void Mark(uint funcIndex)
    {
        if (funcIndex < (uint)_declaredFuncRefs.Length) _declaredFuncRefs[funcIndex] = true;
    }
}
