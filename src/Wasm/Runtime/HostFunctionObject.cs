using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// A function the embedder provides (<see cref="IStore.CreateHostFunction"/>), the same object
/// on both engines: callable from Wasm (through <see cref="HostCall.FromWasm{TCells}"/>) and
/// directly by the embedder.
/// </summary>
public sealed class HostFunctionObject : IHandleFunction
{
    private string? _name;

    internal HostFunctionObject(StoreBase store, FuncType type, HostFunc callback, string? name)
    {
        Store = store;
        Type = type;
        Callback = callback;
        _name = name;
        SignatureId = store.SignatureIdOf(type);
        Handle = store.RegisterFunction(this, SignatureId);
    }

    public ExternKind Kind => ExternKind.Func;

    public FuncType Type { get; }

    public HostFunc Callback { get; }

    public StoreBase Store { get; }

    public ulong Handle { get; }

    /// <summary>The store's interned id of <see cref="Type"/>.</summary>
    public int SignatureId { get; }

    /// <summary>
    /// The name errors use: the one given at creation (Soroban's "x._"), else "module.field" of
    /// the first import it was linked to, else its funcref handle.
    /// </summary>
    public string Name => _name ?? $"#{Handle}";

    /// <summary>Names a function created without a name after the import that first links it.</summary>
    internal void NameAfterImport(string module, string field) => _name ??= $"{module}.{field}";

    /// <summary>A direct call from the embedder: no Wasm caller, so the caller exposes no exports.</summary>
    public void Call(ReadOnlySpan<Value> arguments, Span<Value> results) => HostCall.FromEmbedder(this, arguments, results);

    public override string ToString() => $"host function {Name} {Type}";
}
