using Replay.Soroban.Budget;
using Replay.Soroban.Host;
using Replay.Soroban.Objects;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Auth;

/// <summary>
/// The enforcing authorization manager as far as this host implements it (fact: auth.rs
/// AuthorizationManager): the call stack it keeps in step with the host's frames, and the
/// charges of its frame pushes and snapshots. Authorization entries (account trackers) and
/// invoker-contract authorizations are not implemented (issue 14): an invocation carrying
/// entries is reported as not implemented before the host runs, so the trackers here are always
/// empty, which is exactly the reference's state for an invocation without entries.
/// </summary>
public sealed class AuthorizationManager
{
    private int _callStack;

    /// <summary>
    /// <c>push_frame</c>: a host-function frame only snapshots; a contract frame clones the
    /// contract id, adds an address object for it, grows the call stack (a bulk-init copy of one
    /// ContractInvocation) and then snapshots.
    /// </summary>
    internal void PushFrame(Host.Host host, Frame frame)
    {
        if (frame.Kind == FrameKind.ContractVm)
        {
            host.Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
            host.AddObject(new AddressObject(new SCAddress.Contract(frame.ContractId!.Value)));
            host.ChargeBulkInitCopy(1, DeclaredSize.ContractInvocation);
            _callStack++;
        }
        Snapshot(host);
    }

    /// <summary>
    /// <c>snapshot</c>: a vector of one optional snapshot per account tracker (none here) and a
    /// collected vector of invoker-contract tracker snapshots (none here); each costs its
    /// allocation's fixed part.
    /// </summary>
    private static void Snapshot(Host.Host host)
    {
        host.ChargeBulkInitCopy(0, DeclaredSize.Option(0));
        host.ChargeResultVecBulkInitCopy(0, DeclaredSize.AuthorizedInvocationSnapshot);
    }

    /// <summary><c>pop_frame</c>: rollback of the (empty) trackers, then the call stack pops when it has a frame.</summary>
    internal void PopFrame()
    {
        if (_callStack > 0)
            _callStack--;
    }
}
