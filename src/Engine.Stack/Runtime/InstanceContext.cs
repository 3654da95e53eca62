using Replay.Engine.Stack.Bytecode;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Runtime;

/// <summary>
/// What the executor needs of one instance, gathered so a call or return switches instance by
/// swapping one reference: its code, headers and entities.
/// </summary>
internal sealed class InstanceContext
{
    private LinearMemory? _memory;

    public InstanceContext(StackStore store, Instance instance, StackModule module)
    {
        Store = store;
        Instance = instance;
        Module = module;
        Code = module.Code;
        Headers = module.Headers;
    }

    public StackStore Store { get; }

    public Instance Instance { get; }

    public StackModule Module { get; }

    public Instr[] Code { get; }

    public FuncHeader[] Headers { get; }

    /// <summary>Memory 0's current bytes (empty without a memory). Reload after anything that may grow it.</summary>
    public byte[] MemoryBuffer => Memory?.Buffer ?? [];

    /// <summary>
    /// Memory 0. Resolved on first use: the instantiator creates memories after the function
    /// objects that hold this context, and the memory object never changes afterwards.
    /// </summary>
    public LinearMemory? Memory => _memory ??= Instance.Memories.Length > 0 ? Instance.Memories[0] : null;
}
