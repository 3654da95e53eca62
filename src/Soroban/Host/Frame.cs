using Replay.Soroban.Storage;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

/// <summary>What a context frame stands for (fact: host/frame.rs enum Frame).</summary>
public enum FrameKind
{
    /// <summary>A frame pushed directly by host-side code or tests (not part of an invocation).</summary>
    Host,

    /// <summary>The top-level host function of an invocation (<c>Frame::HostFunction</c>).</summary>
    HostFunction,

    /// <summary>A contract function running in a VM (<c>Frame::ContractVM</c>).</summary>
    ContractVm,

    /// <summary>The Stellar Asset Contract (a built-in contract: a contract frame without a VM).</summary>
    StellarAsset,
}

/// <summary>
/// One host context frame. A VM frame owns the relative-object table its guest sees: guest code
/// only ever holds relative handles (even numbers), which index this table and map to absolute
/// handles (odd numbers) of the host's object table (fact: host_object.rs, frame.rs). Each frame
/// also gets its own PRNG, seeded lazily from the host's base PRNG, and contract frames carry
/// the contract's instance and its lazily loaded instance storage.
/// </summary>
public sealed class Frame
{
    internal Frame(bool isVm, IGuestMemory? memory)
    {
        IsVm = isVm;
        Memory = memory;
        Kind = FrameKind.Host;
    }

    internal Frame(FrameKind kind, IGuestMemory? memory)
    {
        Kind = kind;
        IsVm = kind == FrameKind.ContractVm;
        Memory = memory;
    }

    public FrameKind Kind { get; }

    /// <summary>True for a Wasm (VM) frame: only those translate relative handles.</summary>
    public bool IsVm { get; }

    /// <summary>The guest's linear memory (VM frames; null when the module has none).</summary>
    public IGuestMemory? Memory { get; internal set; }

    /// <summary>Absolute object handles the guest of this frame was given, by relative index.</summary>
    internal List<Val> RelativeObjects { get; } = [];

    internal Prng.ChaChaPrng? Prng { get; set; }

    /// <summary>The running contract's id (contract frames).</summary>
    public Hash? ContractId { get; internal init; }

    /// <summary>The called function's symbol (contract frames).</summary>
    public Val FunctionName { get; internal init; }

    /// <summary>The call's arguments (contract frames; what <c>require_auth</c> authorizes).</summary>
    internal Val[] Args { get; init; } = [];

    /// <summary>The contract's instance as read from storage when the frame was pushed.</summary>
    internal SCContractInstance? Instance { get; init; }

    /// <summary>Instance storage, loaded on first access.</summary>
    internal InstanceStorage? InstanceStorage { get; set; }

    /// <summary>The VM running the contract (VM frames).</summary>
    internal Vm.Vm? Vm { get; init; }
}
