using Replay.Soroban.Budget;
using Replay.Soroban.Host;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Soroban.Vm;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Auth;

/// <summary>
/// The authorization manager (fact: auth.rs AuthorizationManager at each linked commit): the call
/// stack it keeps in step with the host's frames, the account trackers built from the
/// transaction's authorization entries (enforcing mode: invocation-tree matching, lazy
/// authentication of classic accounts and custom accounts, nonces), the invoker-contract trackers
/// of <c>authorize_as_curr_contract</c>, the protocol 27 authentication stack and delegated
/// signers, snapshots and rollbacks with their charges.
/// Recording mode (the reference's simulation and tests) covers the transaction's source account
/// authorizing root invocations; other recorded addresses (which need the recording nonce PRNG)
/// are reported as not implemented.
/// </summary>
public sealed partial class AuthorizationManager
{
    private readonly bool _recording;
    private readonly bool _disableNonRootAuth;
    private readonly List<StackFrame> _callStack = [];
    private List<RecordingTracker> _trackers = [];
    private Dictionary<uint, int> _trackerByAddressHandle = [];
    private readonly List<AccountTracker> _accountTrackers = [];
    private readonly List<InvokerContractTracker> _invokerTrackers = [];
    private readonly List<AuthenticationFrame> _authenticationStack = [];

    private AuthorizationManager(bool recording, bool disableNonRootAuth)
    {
        _recording = recording;
        _disableNonRootAuth = disableNonRootAuth;
    }

    /// <summary><c>new_enforcing_without_authorizations</c> (free).</summary>
    public static AuthorizationManager EnforcingWithoutAuthorizations() => new(false, false);

    /// <summary><c>new_recording</c> (free).</summary>
    public static AuthorizationManager Recording(bool disableNonRootAuth) => new(true, disableNonRootAuth);

    /// <summary>
    /// <c>new_enforcing</c>: a metered vector of trackers, then one account tracker per entry
    /// (its address object, nonce and signature, then its invocation tree converted).
    /// </summary>
    public static AuthorizationManager Enforcing(Host.Host host, IReadOnlyList<SorobanAuthorizationEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(entries);
        var m = new AuthorizationManager(false, false);
        host.ChargeBulkInitCopy((ulong)entries.Count, DeclaredSize.AccountAuthorizationTracker(host.Protocol) + 8);
        foreach (var e in entries)
            m._accountTrackers.Add(AccountTracker.FromEntry(host, e));
        return m;
    }

    public bool IsRecording => _recording;

    /// <summary>A frame of the manager's call stack.</summary>
    private abstract record StackFrame;

    /// <summary>A contract invocation: the contract's address object and the function.</summary>
    private sealed record ContractFrame(Val Address, Val FunctionName) : StackFrame;

    /// <summary>A create-contract host function (the deployer's authorization covers it), with the charge of cloning its arguments.</summary>
    private sealed record CreateContractFrame(CreateContractFunction Function, Action ChargeArgsClone) : StackFrame;

    /// <summary>A recording-mode account tracker (AccountAuthorizationTracker + InvocationTracker).</summary>
    internal sealed class RecordingTracker
    {
        public required Val Address { get; init; }

        public required bool IsTransactionSourceAccount { get; init; }

        public required List<MatchState> MatchStack { get; init; }

        public int? RootExhaustedFrame { get; set; }

        public bool IsFullyProcessed { get; set; }

        public bool HasMatchedInvocationsInStack => MatchStack.Any(m => m.IsMatched);

        public bool CurrentFrameIsAlreadyMatched => MatchStack.Count > 0 && MatchStack[^1].IsMatched;

        public RecordingTracker Clone() => new()
        {
            Address = Address,
            IsTransactionSourceAccount = IsTransactionSourceAccount,
            MatchStack = [.. MatchStack],
            RootExhaustedFrame = RootExhaustedFrame,
            IsFullyProcessed = IsFullyProcessed,
        };
    }

    /// <summary>An invoker-contract tracker (fact: auth.rs InvokerContractAuthorizationTracker).</summary>
    private sealed class InvokerContractTracker(Val contractAddress, InvocationTracker tracker)
    {
        public Val ContractAddress { get; } = contractAddress;

        public InvocationTracker Tracker { get; } = tracker;
    }

    /// <summary>A protocol 27 authentication frame: the delegated signers in use, the payload and the context.</summary>
    private sealed record AuthenticationFrame(DelegatedTracker? Delegates, Val SignaturePayload, Val Context);

    /// <summary>What <see cref="PushFrame"/> returns for a later rollback.</summary>
    internal sealed record Snapshot(
        List<RecordingTracker>? Trackers,
        Dictionary<uint, int>? TrackerByAddressHandle,
        AccountTrackerSnapshot?[]? AccountTrackers,
        AuthorizedInvocationSnapshot[] InvokerTrackers);

    /// <summary>
    /// <c>push_frame</c>: a host-function frame only snapshots; a contract frame clones the
    /// contract id, adds an address object for it, grows the call stack (a bulk-init copy of one
    /// ContractInvocation), pushes a frame on every tracker, then snapshots.
    /// </summary>
    internal Snapshot PushFrame(Host.Host host, Frame frame)
    {
        if (frame.Kind is FrameKind.ContractVm or FrameKind.StellarAsset)
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
    internal void PushCreateContractHostFnFrame(Host.Host host, ContractIDPreimage preimage, ContractExecutable executable, SCVal[] constructorArgs, Action chargeArgsClone)
    {
        host.ChargeBulkInitCopy(1, DeclaredSize.CreateContractArgs(host.Protocol));
        _callStack.Add(new CreateContractFrame(new CreateContractFunction(preimage, executable, host.Protocol >= 22 ? constructorArgs : []), chargeArgsClone));
        PushTrackerFrame(host);
    }

    // push_tracker_frame: every account tracker not in the middle of its authentication, then
    // every invoker-contract tracker, grows its match stack.
    private void PushTrackerFrame(Host.Host host)
    {
        foreach (var t in _trackers)
        {
            host.ChargeBulkInitCopy(1, DeclaredSize.U64);
            t.MatchStack.Add(MatchState.Unmatched);
        }
        foreach (var t in _accountTrackers)
        {
            if (!t.Borrowed)
                t.Tracker.PushFrame(host);
        }
        foreach (var t in _invokerTrackers)
            t.Tracker.PushFrame(host);
    }

    /// <summary>
    /// <c>snapshot</c>: enforcing mode, a metered vector of one optional snapshot per account
    /// tracker (none for a tracker being authenticated); recording mode, an unmetered copy of the
    /// trackers; then the collected snapshots of the invoker-contract trackers.
    /// </summary>
    private Snapshot TakeSnapshot(Host.Host host)
    {
        List<RecordingTracker>? trackers = null;
        Dictionary<uint, int>? byHandle = null;
        AccountTrackerSnapshot?[]? accounts = null;
        if (_recording)
        {
            trackers = [.. _trackers.Select(t => t.Clone())];
            byHandle = new Dictionary<uint, int>(_trackerByAddressHandle);
        }
        else
        {
            host.ChargeBulkInitCopy((ulong)_accountTrackers.Count, DeclaredSize.Option(DeclaredSize.AccountAuthorizationTrackerSnapshot(host.Protocol)));
            accounts = new AccountTrackerSnapshot?[_accountTrackers.Count];
            for (var i = 0; i < accounts.Length; i++)
                accounts[i] = _accountTrackers[i].Borrowed ? null : _accountTrackers[i].TakeSnapshot(host);
        }
        host.ChargeResultVecBulkInitCopy((ulong)_invokerTrackers.Count, DeclaredSize.AuthorizedInvocationSnapshot);
        var invokers = new AuthorizedInvocationSnapshot[_invokerTrackers.Count];
        for (var i = 0; i < invokers.Length; i++)
            invokers[i] = _invokerTrackers[i].Tracker.Snapshot(host);
        return new Snapshot(trackers, byHandle, accounts, invokers);
    }

    // rollback: account trackers (each with a snapshot), invoker-contract trackers created since
    // the snapshot dropped and the others rolled back.
    private void Rollback(Host.Host host, Snapshot snapshot)
    {
        if (snapshot.AccountTrackers is { } accounts)
        {
            if (accounts.Length != _accountTrackers.Count)
                throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected bad auth snapshot");
            for (var i = 0; i < accounts.Length; i++)
            {
                if (accounts[i] is { } s)
                {
                    if (_accountTrackers[i].Borrowed)
                        throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected bad auth borrow");
                    _accountTrackers[i].Rollback(host, s);
                }
            }
        }
        if (snapshot is { Trackers: { } trackers, TrackerByAddressHandle: { } byHandle })
            _trackers = trackers;
        // Before protocol 23 the counts must be equal; from 23 (688bc34e) trackers created since the snapshot are dropped.
        if (host.Protocol < 23 && _invokerTrackers.Count != snapshot.InvokerTrackers.Length)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected bad auth snapshot");
        if (_invokerTrackers.Count < snapshot.InvokerTrackers.Length)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "the number of invoker contract trackers is smaller than in the snapshot");
        _invokerTrackers.RemoveRange(snapshot.InvokerTrackers.Length, _invokerTrackers.Count - snapshot.InvokerTrackers.Length);
        for (var i = 0; i < snapshot.InvokerTrackers.Length; i++)
            _invokerTrackers[i].Tracker.Rollback(snapshot.InvokerTrackers[i]);
        if (snapshot.TrackerByAddressHandle is { } handles)
            _trackerByAddressHandle = handles;
    }

    /// <summary>
    /// <c>pop_frame</c>: the rollback to <paramref name="snapshot"/> when given, then the call
    /// stack pops when it has a frame, and so does every tracker's match stack; invoker-contract
    /// trackers out of scope are dropped from the top.
    /// </summary>
    internal void PopFrame(Host.Host host, Snapshot? snapshot)
    {
        if (snapshot is not null)
            Rollback(host, snapshot);
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
        foreach (var t in _accountTrackers)
        {
            if (!t.Borrowed)
                t.Tracker.PopFrame();
        }
        foreach (var t in _invokerTrackers)
            t.Tracker.PopFrame();
        while (_invokerTrackers.Count > 0 && _invokerTrackers[^1].Tracker.IsEmpty)
            _invokerTrackers.RemoveAt(_invokerTrackers.Count - 1);
    }

    /// <summary>
    /// <c>require_auth</c>: the authorized function from the innermost frame (a contract frame
    /// charges the clone of its function symbol; a create-contract frame the clone of its
    /// arguments), then invoker-contract authorization, then the mode's rule.
    /// </summary>
    internal void RequireAuth(Host.Host host, Val address, Val[] args)
    {
        if (_callStack.Count == 0)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected require_auth outside of valid frame");
        AuthorizedFunction function;
        switch (_callStack[^1])
        {
            case ContractFrame c:
                host.ChargeShallowCopy(1, DeclaredSize.Val);
                function = new ContractFunction(c.Address, c.FunctionName, args);
                break;
            case CreateContractFrame c:
                c.ChargeArgsClone();
                function = c.Function;
                break;
            default:
                throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unknown auth frame");
        }
        if (MaybeCheckInvokerContractAuth(host, address, function))
            return;
        if (!_recording)
        {
            RequireAuthEnforcing(host, address, function);
            return;
        }
        RequireAuthRecording(host, address);
    }

    // maybe_check_invoker_contract_auth: the contract directly below the current frame
    // authorizes any call it makes; otherwise the invoker-contract trackers of that address (not
    // those the current contract created, from protocol 26) may match the function.
    private bool MaybeCheckInvokerContractAuth(Host.Host host, Val address, AuthorizedFunction function)
    {
        if (_callStack.Count < 2)
            return false;
        Val? current = _callStack[^1] is ContractFrame cf ? cf.Address : null;
        if (_callStack[^2] is ContractFrame invoker && host.CompareVals(invoker.Address, address) == 0)
            return true;
        foreach (var t in _invokerTrackers)
        {
            if (SkipsOwnInvokerTrackers(host.Protocol) && current is { } cur && host.CompareVals(t.ContractAddress, cur) == 0)
                continue;
            if (host.CompareVals(t.ContractAddress, address) == 0 && t.Tracker.MaybeExtendInvocationMatch(host, function, true))
                return true;
        }
        return false;
    }

    // require_auth_enforcing: an active tracker of the address not matched in this frame forbids
    // matching a new root; the first tracker (not being authenticated) that matches authorizes,
    // authenticating lazily; none is (Auth, InvalidAction).
    private void RequireAuthEnforcing(Host.Host host, Val address, AuthorizedFunction function)
    {
        var hasActiveTracker = false;
        foreach (var t in _accountTrackers)
        {
            if (t.Borrowed)
                continue;
            if (host.CompareVals(t.Address, address) == 0 && t.Tracker.IsActive && !t.Tracker.CurrentFrameIsAlreadyMatched)
            {
                hasActiveTracker = true;
                break;
            }
        }
        foreach (var t in _accountTrackers)
        {
            if (t.Borrowed)
                continue;
            if (host.CompareVals(t.Address, address) != 0)
                continue;
            t.Borrowed = true;
            bool matched;
            try
            {
                matched = t.MaybeAuthorizeInvocation(host, this, function, !hasActiveTracker);
            }
            finally
            {
                t.Borrowed = false;
            }
            if (matched)
                return;
        }
        throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidAction, "Unauthorized function call for address", address);
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

    /// <summary>
    /// <c>add_invoker_contract_auth_with_curr_contract_as_invoker</c>: the entries (a metered
    /// copy of the vector), a bulk-init charge for that many trackers, then each converted into an
    /// invoker-contract tracker of the current contract.
    /// </summary>
    internal void AddInvokerContractAuth(Host.Host host, Val entries)
    {
        var items = host.Visit<VecObject>(entries).Items;
        host.ChargeVecClone((ulong)items.Length, DeclaredSize.Val);
        var copy = (Val[])items.Clone();
        host.ChargeBulkInitCopy((ulong)copy.Length, DeclaredSize.InvokerContractAuthorizationTracker(host.Protocol));
        foreach (var e in copy)
        {
            var invoker = new SCAddress.Contract(host.CurrentContractId());
            var invocation = InvokerContractAuth.ToAuthorizedInvocation(host, invoker, e);
            var address = host.AddObject(new AddressObject(invoker));
            _invokerTrackers.Add(new InvokerContractTracker(address, new InvocationTracker(invocation)));
        }
    }

    // From protocol 26 (b351f88a) an invoker-contract tracker is not used to authorize its own contract.
    private static bool SkipsOwnInvokerTrackers(int protocol) => protocol >= 26;
}

// The protocol 27 authentication stack and delegated signers (fact: auth.rs at b03d2563).
public sealed partial class AuthorizationManager
{
    internal void PushAuthenticationFrame(DelegatedTracker? delegates, Val payload, Val context) =>
        _authenticationStack.Add(new AuthenticationFrame(delegates, payload, context));

    internal void PopAuthenticationFrame(Host.Host host)
    {
        if (_authenticationStack.Count == 0)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected empty authentication stack when popping auth frame");
        _authenticationStack.RemoveAt(_authenticationStack.Count - 1);
    }

    private AuthenticationFrame CurrentAuthenticationFrame(Host.Host host) =>
        _authenticationStack.Count > 0
            ? _authenticationStack[^1]
            : throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "with_current_authentication_frame called with empty authentication stack");

    /// <summary>
    /// <c>delegate_account_auth</c>: the current account's delegated signer with that address
    /// (none provided is (Auth, InvalidInput)) authenticates the same payload and context: a
    /// classic account's signatures, or a contract's <c>__check_auth</c> (re-entry prohibited);
    /// on success the delegation path pops.
    /// </summary>
    internal void DelegateAccountAuth(Host.Host host, Val address)
    {
        var frame = CurrentAuthenticationFrame(host);
        var tracker = frame.Delegates
            ?? throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "no delegated signers were provided, but delegate_account_auth was called for address", address);
        var signature = tracker.TryPush(host, address);
        var scAddress = AuthConversions.ScAddressFromAddress(host, address);
        switch (scAddress)
        {
            case SCAddress.Account acc:
                AccountContract.CheckAccountAuthentication(host, acc.Value, frame.SignaturePayload, null, signature);
                break;
            case SCAddress.Contract c:
                AccountContract.CallCheckAuth(host, c.Value, frame.SignaturePayload, signature, frame.Context, selfReentry: false);
                break;
            default:
                throw host.Err(SCErrorType.Object, SCErrorCode.InternalError, "unexpected address type in delegate_account_auth", address);
        }
        var after = CurrentAuthenticationFrame(host);
        (after.Delegates ?? throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError,
            "unexpected missing delegated auth tracker when popping delegated auth frame")).Pop();
    }

    /// <summary><c>get_delegated_signers_for_current_auth_check</c>: the current signer's delegates, or an empty vector without delegated signers.</summary>
    internal Val DelegatedSignersForCurrentAuthCheck(Host.Host host)
    {
        var frame = CurrentAuthenticationFrame(host);
        return frame.Delegates is { } d ? d.CurrentSignerAddresses(host) : host.Invoke("vec_new");
    }
}
