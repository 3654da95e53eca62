using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>
/// One import. Only the descriptor field matching <see cref="Kind"/> is meaningful: a flat
/// record keeps imports in one array in index-space order without boxing a union.
/// </summary>
public sealed record Import(string Module, string Name, ExternKind Kind)
{
    /// <summary>Type index, for <see cref="ExternKind.Func"/>.</summary>
    public uint TypeIndex { get; init; }

    public TableType Table { get; init; }

    public MemoryType Memory { get; init; }

    public GlobalType Global { get; init; }

    /// <summary>Offset of the import entry in the module, for messages.</summary>
    public int Offset { get; init; }
}
