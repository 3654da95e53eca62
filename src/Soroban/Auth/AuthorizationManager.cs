using Replay.Soroban.Budget;
using Replay.Soroban.Host;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Soroban.Vm;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Auth;

/// <summary>
/// The authorization manager as far as this host implements it (fact: auth.rs
/// AuthorizationManager at each linked commit): the call stack it keeps in step with the host's
/// frames (contract frames and create-contract host-function frames), the charges of its frame
/// pushes and snapshots, and <c>require_auth</c>:
/// <list type="bullet">
/// <item>enforcing mode (what stellar-core runs) without authorization entries: an address is
/// authorized when it is the direct invoker contract; anything else is (Auth, InvalidAction).
/// Entries (account trackers), their authentication and invoker-contract authorizations
/// (<c>authorize_as_curr_contract</c>) are issue 14: an invocation carrying entries is reported
/// as not implemented before the host runs, so here the trackers are always empty;</item>
/// <item>recording mode (the reference's simulation and tests): the transaction's source account
/// authorizing a root invocation. Other addresses (which need nonces) and invocation trees are
/// not implemented and fail as such.</item>
/// </list>
/// </summary>
public sealed class AuthorizationManager
{
    private readonly bool _recording;
    private readonly bool _disableNonRootAuth;
    private readonly List<StackFrame> _callStack = [];
    private List<RecordingTracker> _trackers = [];
    private Dictionary<uint, int> _trackerByAddressHandle = [];

    private AuthorizationManager(bool recording, bool disableNonRootAuth)
    {
        _recording = recording;
        _disableNonRootAuth = disableNonRootAuth;
    }

    /// <summary><c>new_enforcing_without_authorizations</c> (free).</summary>
    public static AuthorizationManager EnforcingWithoutAuthorizations() => new(false, false);

    /// <summary><c>new_recording</c> (free).</summary>
    public static AuthorizationManager Recording(bool disableNonRootAuth) => new(true, disableNonRootAuth);

    public bool IsRecording => _recording;

    /// <summary>A frame of the manager's call stack.</summary>
    private abstract record StackFrame;

    /// <summary>A contract invocation: the contract's address object and the function.</summary>
    private sealed record ContractFrame(Val Address, Val FunctionName) : StackFrame;

    /// <summary>A create-contract host function (the deployer's authorization covers it), with the charge of cloning its arguments.</summary>
    private sealed record CreateContractFrame(Action ChargeArgsClone) : StackFrame;

    internal enum MatchState : byte
    {
        Unmatched,
        RootMatch,
    }

    /// <summary>A recording-mode account tracker (AccountAuthorizationTracker + InvocationTracker).</summary>
    internal sealed class RecordingTracker
    {
        public required Val Address { get; init; }

        public required bool IsTransactionSourceAccount { get; init; }

        public required List<MatchState> MatchStack { get; init; }

        public int? RootExhaustedFrame { get; set; }

        public bool IsFullyProcessed { get; set; }

        public bool HasMatchedInvocationsInStack => MatchStack.Any(m => m != MatchState.Unmatched);

        public bool CurrentFrameIsAlreadyMatched => MatchStack.Count > 0 && MatchStack[^1] != MatchState.Unmatched;

        public RecordingTracker Clone() => new()
        {
            Address = Address,
            IsTransactionSourceAccount = IsTransactionSourceAccount,
            MatchStack = [.. MatchStack],
            RootExhaustedFrame = RootExhaustedFrame,
            IsFullyProcessed = IsFullyProcessed,
        };
    }

    /// <summary>What <see cref="PushFrame"/> returns for a later rollback.</summary>
    internal sealed record Snapshot(List<RecordingTracker>? Trackers, Dictionary<uint, int>? TrackerByAddressHandle);

    /// <summary>
    /// <c>push_frame</c>: a host-function frame only snapshots; a contract frame clones the
    /// contract id, adds an address object for it, grows the call stack (a bulk-init copy of one
    /// ContractInvocation), pushes a frame on every tracker, then snapshots.
    /// </summary>
    internal Snapshot PushFrame(Host.Host host, Frame frame)
    {
        if (frame.Kind == FrameKind.ContractVm)
        {
            host.Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
            var address = host.AddObject(new AddressObject(new SCAddress.Contract(frame.ContractId!.Value)));
            host.ChargeBulkInitCopy(1, DeclaredSize.ContractInvocation);
            _callStack.Add(new ContractFrame(address, frame.FunctionName));
            PushTrackerFrame(host);
        }
        return TakeSnapshot(host);
    }

    /// <summary>
    /// <c>push_create_contract_host_fn_frame</c>: a bulk-init copy of one create-contract
    /// arguments value (its declared size per host version), the frame, a frame on every tracker.
    /// </summary>
    internal void PushCreateContractHostFnFrame(Host.Host host, Action chargeArgsClone)
    {
        host.ChargeBulkInitCopy(1, DeclaredSize.CreateContractArgs(host.Protocol));
        _callStack.Add(new CreateContractFrame(chargeArgsClone));
        PushTrackerFrame(host);
    }

    // push_tracker_frame: each account tracker's invocation tracker grows its match stack (a
    // bulk-init copy of one usize); there are no invoker-contract trackers.
    private void PushTrackerFrame(Host.Host host)
    {
        foreach (var t in _trackers)
        {
            host.ChargeBulkInitCopy(1, DeclaredSize.U64);
            t.MatchStack.Add(MatchState.Unmatched);
        }
    }

    /// <summary>
    /// <c>snapshot</c>: enforcing mode, a metered vector of one optional snapshot per tracker
    /// (there are none); recording mode, an unmetered copy of the trackers; then the collected
    /// vector of invoker-contract tracker snapshots (none here).
    /// </summary>
    private Snapshot TakeSnapshot(Host.Host host)
    {
        List<RecordingTracker>? trackers = null;
        Dictionary<uint, int>? byHandle = null;
        if (_recording)
        {
            trackers = [.. _trackers.Select(t => t.Clone())];
            byHandle = new Dictionary<uint, int>(_trackerByAddressHandle);
        }
        else
        {
            host.ChargeBulkInitCopy((ulong)_trackers.Count, DeclaredSize.Option(0));
        }
        host.ChargeResultVecBulkInitCopy(0, DeclaredSize.AuthorizedInvocationSnapshot);
        return new Snapshot(trackers, byHandle);
    }

    /// <summary>
    /// <c>pop_frame</c>: the rollback to <paramref name="snapshot"/> when given (free), then the
    /// call stack pops when it has a frame, and so does every tracker's match stack.
    /// </summary>
    internal void PopFrame(Snapshot? snapshot)
    {
        if (snapshot is { Trackers: { } trackers, TrackerByAddressHandle: { } byHandle })
        {
            _trackers = trackers;
            _trackerByAddressHandle = byHandle;
        }
        if (_callStack.Count == 0)
            return;
        _callStack.RemoveAt(_callStack.Count - 1);
        foreach (var t in _trackers)
        {
            if (t.MatchStack.Count > 0)
                t.MatchStack.RemoveAt(t.MatchStack.Count - 1);
            if (t.RootExhaustedFrame is { } root && root >= t.MatchStack.Count)
                t.IsFullyProcessed = true;
        }
    }

    /// <summary>
    /// <c>require_auth</c>: the authorized function from the innermost frame (a contract frame
    /// charges the clone of its function symbol; a create-contract frame the clone of its
    /// arguments), then the direct-invoker check, then the mode's rule.
    /// </summary>
    internal void RequireAuth(Host.Host host, Val address)
    {
        if (_callStack.Count == 0)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected require_auth outside of valid frame");
        switch (_callStack[^1])
        {
            case ContractFrame:
                host.ChargeShallowCopy(1, DeclaredSize.Val);
                break;
            case CreateContractFrame c:
                c.ChargeArgsClone();
                break;
        }
        if (IsDirectInvoker(host, address))
            return;
        if (!_recording)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidAction, "Unauthorized function call for address", address);
        RequireAuthRecording(host, address);
    }

    // maybe_check_invoker_contract_auth: the contract directly below the current frame authorizes
    // any call it makes (invoker-contract trackers are issue 14).
    private bool IsDirectInvoker(Host.Host host, Val address)
    {
        if (_callStack.Count < 2)
            return false;
        return _callStack[^2] is ContractFrame invoker && host.CompareVals(invoker.Address, address) == 0;
    }

    // require_auth_recording for the cases implemented: a new tree for the transaction's source account.
    private void RequireAuthRecording(Host.Host host, Val address)
    {
        if (_trackerByAddressHandle.TryGetValue(address.ObjectHandle, out var id))
        {
            if (_trackers[id].HasMatchedInvocationsInStack)
                throw new NotImplementedInHostException("recording authorization of an invocation tree (a second require_auth for an address)");
            _trackerByAddressHandle.Remove(address.ObjectHandle);
        }
        foreach (var t in _trackers)
        {
            if (host.CompareVals(t.Address, address) != 0)
                continue;
            if (t.HasMatchedInvocationsInStack && !t.CurrentFrameIsAlreadyMatched)
                throw new NotImplementedInHostException("recording authorization of an invocation tree (a second require_auth for an address)");
        }
        if (_disableNonRootAuth && _callStack.Count != 1)
        {
            throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidAction,
                "[recording authorization only] encountered authorization not tied to the root contract invocation for an address. Use `require_auth()` in the top invocation or enable non-root authorization.",
                address);
        }
        // AccountAuthorizationTracker::new_recording: compared with the source account's address.
        var isSource = host.SourceAccountAddress() is { } source && host.CompareVals(source, address) == 0;
        if (!isSource)
            throw new NotImplementedInHostException("recording authorization for an address other than the source account (nonces)");
        var stack = Enumerable.Repeat(MatchState.Unmatched, _callStack.Count - 1).Append(MatchState.RootMatch).ToList();
        _trackers.Add(new RecordingTracker
        {
            Address = address,
            IsTransactionSourceAccount = true,
            MatchStack = stack,
            RootExhaustedFrame = stack.Count - 1,
        });
        _trackerByAddressHandle[address.ObjectHandle] = _trackers.Count - 1;
    }

    /// <summary>
    /// <c>maybe_emulate_authentication</c> (recording mode, when the last frame pops): the source
    /// account's trackers need no authentication; nothing else is recorded here.
    /// </summary>
    internal void MaybeEmulateAuthentication()
    {
        if (_recording && _trackers.Any(t => !t.IsTransactionSourceAccount))
            throw new NotImplementedInHostException("emulated authentication of a non-source address");
    }
}
