using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Events;

/// <summary>An argument of a diagnostic event: a host value (converted at externalization) or an ScVal already built.</summary>
public abstract record DiagnosticArg
{
    private DiagnosticArg()
    {
    }

    public sealed record HostVal(Val Value) : DiagnosticArg;

    public sealed record XdrVal(SCVal Value) : DiagnosticArg;
}

/// <summary>An event as the host records it while running (fact: events/internal.rs InternalEvent).</summary>
public abstract class InternalEvent
{
    private protected InternalEvent()
    {
    }
}

/// <summary>A contract (or system) event: host values, converted to XDR when the host finishes.</summary>
public sealed class InternalContractEvent(ContractEventType type, Val? contractId, Val topics, Val data) : InternalEvent
{
    public ContractEventType Type { get; } = type;

    /// <summary>A BytesObject holding the emitting contract's id, or null outside a contract.</summary>
    public Val? ContractId { get; } = contractId;

    /// <summary>A VecObject of the topics.</summary>
    public Val Topics { get; } = topics;

    public Val Data { get; } = data;
}

/// <summary>A diagnostic event (recorded only with diagnostics on, in the budget's shadow mode).</summary>
public sealed class InternalDiagnosticEvent(Hash? contractId, DiagnosticArg[] topics, DiagnosticArg[] args) : InternalEvent
{
    public Hash? ContractId { get; } = contractId;

    public DiagnosticArg[] Topics { get; } = topics;

    public DiagnosticArg[] Args { get; } = args;
}

/// <summary>An externalized event and whether the call that emitted it failed (and so rolled it back).</summary>
public sealed record HostEvent(ContractEvent Event, bool FailedCall);

/// <summary>
/// The host's events in order, each with whether it belongs to a call that failed (fact:
/// events/internal.rs InternalEventsBuffer): a failed frame marks the events recorded since it
/// was pushed as from a failed call instead of removing them.
/// </summary>
public sealed class EventsBuffer
{
    private readonly List<(InternalEvent Event, bool FailedCall)> _events = [];

    public int Count => _events.Count;

    public IReadOnlyList<(InternalEvent Event, bool FailedCall)> Events => _events;

    internal void Add(InternalEvent e) => _events.Add((e, false));

    /// <summary>Marks every event from <paramref name="from"/> on as from a failed call.</summary>
    internal void Rollback(int from)
    {
        for (var i = from; i < _events.Count; i++)
            _events[i] = (_events[i].Event, true);
    }
}
