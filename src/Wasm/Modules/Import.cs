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

/// <summary>One export: a unique name for an item of the module's index spaces.</summary>
public sealed record Export(string Name, ExternKind Kind, uint Index)
{
    /// <summary>Offset of the export entry in the module, for messages.</summary>
    public int Offset { get; init; }
}

/// <summary>A global defined by the module: its type and constant initialiser.</summary>
public sealed record Global(GlobalType Type, ConstExpr Init)
{
    /// <summary>Offset of the global entry in the module, for messages.</summary>
    public int Offset { get; init; }
}
