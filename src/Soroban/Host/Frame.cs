using Replay.Soroban.Values;

namespace Replay.Soroban.Host;

/// <summary>
/// One host context frame. A VM frame owns the relative-object table its guest sees: guest code
/// only ever holds relative handles (even numbers), which index this table and map to absolute
/// handles (odd numbers) of the host's object table (fact: host_object.rs, frame.rs). Each frame
/// also gets its own PRNG, seeded lazily from the host's base PRNG.
/// </summary>
public sealed class Frame
{
    internal Frame(bool isVm, IGuestMemory? memory)
    {
        IsVm = isVm;
        Memory = memory;
    }

    /// <summary>True for a Wasm (VM) frame: only those translate relative handles.</summary>
    public bool IsVm { get; }

    /// <summary>The guest's linear memory (VM frames; null when the module has none).</summary>
    public IGuestMemory? Memory { get; }

    /// <summary>Absolute object handles the guest of this frame was given, by relative index.</summary>
    internal List<Val> RelativeObjects { get; } = [];

    internal Prng.ChaChaPrng? Prng { get; set; }
}
