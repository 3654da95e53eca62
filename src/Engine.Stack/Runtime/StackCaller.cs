using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Runtime;

/// <summary>What a host function sees of its caller: one per instance (none for a host function called directly).</summary>
internal sealed class StackCaller(StackStore store, Instance? instance) : ICaller
{
    public IStore Store => store;

    public object? HostState => store.HostState;

    public IExternal? GetExport(string name) => instance?.GetExport(name);
}
