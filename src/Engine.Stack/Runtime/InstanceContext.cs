using Replay.Engine.Stack.Bytecode;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Runtime;

/// <summary>
/// What the executor needs of one instance, gathered so a call or return switches instance by
/// swapping one reference: its code, headers, store-wide type ids and entities.
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
        var types = module.Module.Types;
        TypeIds = new int[types.Length];
        for (int i = 0; i < TypeIds.Length; i++)
            TypeIds[i] = store.TypeIdOf(types[i]);
        Caller = new StackCaller(store, instance);
    }

    public StackStore Store { get; }

    public Instance Instance { get; }

    public StackModule Module { get; }

    public Instr[] Code { get; }

    public FuncHeader[] Headers { get; }

    /// <summary>Store-wide ids of the module's types, so call_indirect compares two ints.</summary>
    public int[] TypeIds { get; }

    public StackCaller Caller { get; }

    /// <summary>Memory 0's current bytes (empty without a memory). Reload after anything that may grow it.</summary>
    public byte[] MemoryBuffer => Memory?.Buffer ?? [];

    /// <summary>
    /// Memory 0. Resolved on first use: the instantiator creates memories after the function
    /// objects that hold this context, and the memory object never changes afterwards.
    /// </summary>
    public LinearMemory? Memory => _memory ??= Instance.Memories.Length > 0 ? Instance.Memories[0] : null;
}
