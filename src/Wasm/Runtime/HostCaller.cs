namespace Replay.Wasm.Runtime;

/// <summary>
/// What a host function sees of its caller: one per instance (<see cref="Instance.Caller"/>),
/// and one per store for calls from the embedder (<see cref="StoreBase.RootCaller"/>).
/// </summary>
public sealed class HostCaller : ICaller
{
    private readonly StoreBase _store;

    internal HostCaller(StoreBase store, Instance? instance)
    {
        _store = store;
        Instance = instance;
    }

    /// <summary>The calling instance; null for a call from the embedder.</summary>
    public Instance? Instance { get; }

    public IStore Store => _store;

    public object? HostState => _store.HostState;

    public IExternal? GetExport(string name) => Instance?.GetExport(name);

    public ulong Fuel
    {
        get => _store.Fuel;
        set => _store.Fuel = value;
    }
}
