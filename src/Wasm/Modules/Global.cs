using Replay.Wasm.Types;

namespace Replay.Wasm.Modules;

/// <summary>A global defined by the module: its type and constant initialiser.</summary>
public sealed record Global(GlobalType Type, ConstExpr Init)
{
    /// <summary>Offset of the global entry in the module, for messages.</summary>
    public int Offset { get; init; }
}
