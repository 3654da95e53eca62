using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>The decoder's mutable accumulation of sections, frozen into a <see cref="WasmModule"/>.</summary>
internal sealed class ModuleSections
{
    public List<FuncType> Types { get; } = [];

    /// <summary>Content offset of each non-custom section by id, -1 where absent.</summary>
    public int[] SectionOffsets { get; } = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];

    public int ImportedFunctionCount
    {
        get
        {
            int n = 0;
            foreach (var i in Imports) if (i.Kind == ExternKind.Func) n++;
            return n;
        }
    }

    public List<Import> Imports { get; } = [];
    public List<uint> DefinedFuncTypes { get; } = [];
    public List<TableType> Tables { get; } = [];
    public List<MemoryType> Memories { get; } = [];
    public List<Global> Globals { get; } = [];
    public List<Export> Exports { get; } = [];
    public uint? Start { get; set; }
    public List<ElementSegment> Elements { get; } = [];
    public List<DataSegment> Data { get; } = [];
    public uint? DataCount { get; set; }
    public List<CustomSection> Customs { get; } = [];

    /// <summary>Where each body lies in the module (after its size), and its length.</summary>
    public int[] BodyOffsets { get; set; } = [];
    public int[] BodyLengths { get; set; } = [];
}
