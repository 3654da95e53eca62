using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>One export: a unique name for an item of the module's index spaces.</summary>
public sealed record Export(string Name, ExternKind Kind, uint Index)
{
    /// <summary>Offset of the export entry in the module, for messages.</summary>
    public int Offset { get; init; }
}
