using System.Collections.Immutable;
using Replay.Wasm.Modules;

namespace Replay.Wasm.Runtime;

/// <summary>
/// An instance's entities in the module's index spaces (imports first), as the
/// <see cref="Instantiator"/> built them. Interpreters index these arrays directly.
/// </summary>
public sealed class Instance : IInstance
{
    private readonly Dictionary<string, IExternal> _exports = new(StringComparer.Ordinal);
    private readonly List<string> _exportNames = [];

    internal Instance(StoreBase store, WasmModule module)
    {
        Store = store;
        Module = module;
        Functions = new IFunction[module.FunctionCount];
        FunctionHandles = new ulong[module.FunctionCount];
        Tables = new Table[module.TableCount];
        Memories = new LinearMemory[module.MemoryCount];
        Globals = new GlobalCell[module.GlobalCount];
        ElementSegments = new ulong[module.Elements.Length][];
        DataSegments = new ReadOnlyMemory<byte>[module.Data.Length];
    }

    public StoreBase Store { get; }

    public WasmModule Module { get; }

    public IFunction[] Functions { get; }

    /// <summary>The funcref handle of each function (what ref.func pushes).</summary>
    public ulong[] FunctionHandles { get; }

    public Table[] Tables { get; }

    public LinearMemory[] Memories { get; }

    public GlobalCell[] Globals { get; }

    /// <summary>Each element segment's items as reference bits; empty once dropped.</summary>
    public ulong[][] ElementSegments { get; }

    /// <summary>Each data segment's bytes; empty once dropped.</summary>
    public ReadOnlyMemory<byte>[] DataSegments { get; }

    /// <summary>Memory 0, or null when the module has none.</summary>
    public LinearMemory? DefaultMemory => Memories.Length > 0 ? Memories[0] : null;

    public IReadOnlyList<string> ExportNames => _exportNames;

    public IExternal? GetExport(string name) => _exports.GetValueOrDefault(name);

    internal void AddExport(string name, IExternal external)
    {
        _exports.Add(name, external);
        _exportNames.Add(name);
    }

    /// <summary>elem.drop.</summary>
    public void DropElementSegment(uint index) => ElementSegments[index] = [];

    /// <summary>data.drop.</summary>
    public void DropDataSegment(uint index) => DataSegments[index] = ReadOnlyMemory<byte>.Empty;
}
