using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

/// <summary>
/// The Soroban host: object table, frames, budget, and the host functions contracts import.
/// Split into partial files by area (objects, metering, comparison, conversion, invocation,
/// and one file per host-function module). Semantics follow rs-soroban-env in the version
/// stellar-core links for <see cref="Protocol"/>; see src/Soroban/README.md.
/// </summary>
public sealed partial class Host
{
    private readonly List<HostObject> _objects = [];
    private readonly List<Frame> _frames = [];

    public Host(int protocol, Budget.Budget budget)
    {
        if (protocol < HostInfo.MinProtocol || protocol > HostInfo.MaxProtocol)
            throw new ArgumentOutOfRangeException(nameof(protocol), protocol,
                $"the host implements protocols {HostInfo.MinProtocol}-{HostInfo.MaxProtocol}");
        Protocol = protocol;
        Budget = budget;
    }

    /// <summary>The ledger protocol this host runs under; selects per-protocol behaviour.</summary>
    public int Protocol { get; }

    public Budget.Budget Budget { get; }

    /// <summary>Ledger facts the context functions read (get_ledger_*); null until set.</summary>
    public LedgerInfo? Ledger { get; set; }

    /// <summary>Observer of native host-function calls (the observation harness uses it).</summary>
    public IHostTracer? Tracer { get; set; }

    /// <summary>Number of objects in the host's (absolute) object table.</summary>
    public int ObjectCount => _objects.Count;

    /// <summary>Raises the reference's <c>err_arith_overflow</c>: (Value, ArithDomain).</summary>
    /// <summary><c>err_arith_overflow</c>: (Value, ArithDomain), recorded.</summary>
    internal HostError ArithOverflow() => Err(SCErrorType.Value, SCErrorCode.ArithDomain, "arithmetic overflow");

    /// <summary>(Object, IndexBounds): an index past an object's bounds.</summary>
    internal static HostError IndexBounds(string what) => new(SCErrorType.Object, SCErrorCode.IndexBounds, what);

    /// <summary>The reference's <c>usize_to_u32val</c>.</summary>
    internal Val U32ValOf(long n) =>
        n is >= 0 and <= uint.MaxValue
            ? Val.FromU32((uint)n)
            : throw Err(SCErrorType.Value, SCErrorCode.ArithDomain, "provided usize does not fit in u32");
}

/// <summary>Ledger facts a host sees (a subset of the reference's LedgerInfo).</summary>
public sealed record LedgerInfo(
    uint ProtocolVersion,
    uint SequenceNumber,
    ulong Timestamp,
    byte[] NetworkId,
    uint BaseReserve,
    uint MinTempEntryTtl,
    uint MinPersistentEntryTtl,
    uint MaxEntryTtl);

/// <summary>Sees every native host-function call and return, with the budget at that point.</summary>
public interface IHostTracer
{
    /// <summary>A call of a host function (or of a native slice helper) by name, before argument checks.</summary>
    void OnCall(Host host, string function, ReadOnlySpan<ulong> args);

    /// <summary>The call's return: a result word, or the error it failed with.</summary>
    void OnReturn(Host host, string function, ulong? result, HostError? error);

    /// <summary>A context frame was pushed (after the push's charges).</summary>
    void OnPushFrame(Host host, Frame frame)
    {
    }

    /// <summary>A context frame is about to pop (before the pop's charges), with the error it ends with.</summary>
    void OnPopFrame(Host host, Frame frame, HostError? error)
    {
    }
}
