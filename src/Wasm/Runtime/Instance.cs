using System.Collections.Immutable;
using Replay.Wasm.Modules;

namespace Replay.Wasm.Runtime;

/// <summary>
/// An instance's entities in the module's index spaces (imports first), as the
/// <see cref="Instantiator"/> built them. Interpreters index these arrays directly, except
/// functions: a defined function's object and funcref handle are made the first time they are
/// needed (exported, referenced, called), so instantiating a module of thousands of functions
/// costs nothing per function a transaction never touches.
/// </summary>
public sealed class Instance : IInstance
{
    private readonly Dictionary<string, IExternal> _exports = new(StringComparer.Ordinal);
    private readonly List<string> _exportNames = [];
    private readonly IFunction?[] _functions;
    private readonly ulong[] _functionHandles;
    private readonly Instantiator.DefinedFunctionFactory _createFunction;
    private int[]? _signatureIds;
    private HostCaller? _caller;

    internal Instance(StoreBase store, WasmModule module, Instantiator.DefinedFunctionFactory createFunction)
    {
        Store = store;
        Module = module;
        _createFunction = createFunction;
        _functions = new IFunction?[module.FunctionCount];
        _functionHandles = new ulong[module.FunctionCount];
        Tables = new Table[module.TableCount];
        Memories = new LinearMemory[module.MemoryCount];
        Globals = new GlobalCell[module.GlobalCount];
        ElementSegments = new ulong[module.Elements.Length][];
        DataSegments = new ReadOnlyMemory<byte>[module.Data.Length];
    }

    public StoreBase Store { get; }

    public WasmModule Module { get; }

    /// <summary>Function <paramref name="index"/> of the function index space.</summary>
    public IFunction Function(int index) => _functions[index] ?? CreateDefinedFunction(index);

    /// <summary>The funcref handle of function <paramref name="index"/> (what ref.func pushes).</summary>
    public ulong FunctionHandle(int index)
    {
        var handle = _functionHandles[index];
        return handle != 0 ? handle : RegisterDefinedFunction(index);
    }

    internal void SetImportedFunction(int index, IFunction function, ulong handle)
    {
        _functions[index] = function;
        _functionHandles[index] = handle;
    }

    private IFunction CreateDefinedFunction(int index)
    {
        var function = _createFunction(this, index);
        _functions[index] = function;
        return function;
    }

    /// <summary>The store's signature id (<see cref="StoreBase.SignatureIdOf"/>) of type <paramref name="typeIndex"/>, interned on first use.</summary>
    public int SignatureIdOfType(int typeIndex)
    {
        var ids = _signatureIds ??= new int[Module.Types.Length];
        int id = ids[typeIndex];
        return id != 0 ? id : ids[typeIndex] = Store.SignatureIdOf(Module.Types[typeIndex]);
    }

    /// <summary>What host functions called from this instance see.</summary>
    public HostCaller Caller => _caller ??= new HostCaller(Store, this);

    private ulong RegisterDefinedFunction(int index)
    {
        var handle = Store.RegisterFunction(Function(index), SignatureIdOfType((int)Module.TypeIndexOf(index)));
        _functionHandles[index] = handle;
        return handle;
    }

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
