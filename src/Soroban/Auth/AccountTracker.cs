using Replay.Soroban.Budget;
using Replay.Soroban.Host;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Auth;

/// <summary>The kind of credentials an account tracker was built from (fact: auth.rs AccountAuthorizationCredentials, p27).</summary>
internal enum CredentialsKind : byte
{
    SourceAccount,
    Address,
    AddressV2,
    AddressWithDelegates,
}

/// <summary>What an account tracker's snapshot holds (fact: auth.rs AccountAuthorizationTrackerSnapshot).</summary>
internal sealed record AccountTrackerSnapshot(AuthorizedInvocationSnapshot Invocation, bool Verified, DelegatedTrackerSnapshot? Delegates);

/// <summary>
/// An enforcing-mode account tracker (fact: auth.rs AccountAuthorizationTracker): the address
/// that signed one authorization entry, its invocation tree, signature, nonce with expiration
/// ledger, credentials kind (and protocol 27 delegated signers), and whether it was verified.
/// <see cref="Borrowed"/> models the reference's RefCell borrow while the tracker is in use (a
/// tracker cannot authorize its own authentication).
/// </summary>
internal sealed class AccountTracker
{
    public required Val Address { get; init; }

    public required InvocationTracker Tracker { get; init; }

    public required Val Signature { get; init; }

    public required CredentialsKind Kind { get; init; }

    public (long Nonce, uint LiveUntil)? Nonce { get; init; }

    public DelegatedTracker? Delegates { get; init; }

    public bool Verified { get; set; }

    public bool Borrowed { get; set; }

    /// <summary>
    /// <c>from_authorization_entry</c>: the address (the source account's, or the credentials' as a
    /// new object), nonce, signature (converted to a Val), the delegated signers (p27), then the
    /// invocation tree.
    /// </summary>
    public static AccountTracker FromEntry(Host.Host host, SorobanAuthorizationEntry entry)
    {
        Val address;
        Val signature = Val.Void;
        (long, uint)? nonce = null;
        DelegatedTracker? delegates = null;
        CredentialsKind kind;
        switch (entry.Credentials)
        {
            case SorobanCredentials.SourceAccount:
                address = host.SourceAccountAddress()
                    ?? throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "source account is missing when setting auth entries");
                kind = CredentialsKind.SourceAccount;
                break;
            case SorobanCredentials.Address a:
                (address, nonce, signature) = FromAddressCredentials(host, a.Value);
                kind = CredentialsKind.Address;
                break;
            case SorobanCredentials.AddressV2 a:
                (address, nonce, signature) = FromAddressCredentials(host, a.Value);
                kind = CredentialsKind.AddressV2;
                break;
            case SorobanCredentials.AddressWithDelegates d:
                (address, nonce, signature) = FromAddressCredentials(host, d.Value.AddressCredentials);
                delegates = DelegatedTracker.FromXdr(host, d.Value.Delegates);
                kind = CredentialsKind.AddressWithDelegates;
                break;
            default:
                throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, $"unknown credentials kind {entry.Credentials.Type}");
        }
        return new AccountTracker
        {
            Address = address,
            Tracker = new InvocationTracker(AuthConversions.InvocationFromXdr(host, entry.RootInvocation)),
            Signature = signature,
            Kind = kind,
            Nonce = nonce,
            Delegates = delegates,
        };
    }

    private static (Val, (long, uint)?, Val) FromAddressCredentials(Host.Host host, SorobanAddressCredentials c)
    {
        var address = host.AddObject(new AddressObject(c.Address));
        var nonce = (c.Nonce, c.SignatureExpirationLedger);
        var signature = host.ToHostVal(c.Signature);
        return (address, nonce, signature);
    }

    private bool IsTransactionSourceAccount => Kind == CredentialsKind.SourceAccount;

    /// <summary>
    /// <c>maybe_authorize_invocation</c>: the function matched in the tree (else false); the first
    /// match authenticates (a recoverable failure becomes (Auth, InvalidAction) "failed account
    /// authentication with error") and consumes the nonce.
    /// </summary>
    public bool MaybeAuthorizeInvocation(Host.Host host, AuthorizationManager manager, AuthorizedFunction function, bool allowMatchingRoot)
    {
        if (!Tracker.MaybeExtendInvocationMatch(host, function, allowMatchingRoot))
            return false;
        if (!Verified)
        {
            try
            {
                Authenticate(host, manager);
            }
            catch (HostError e) when (Host.Host.IsRecoverable(e))
            {
                throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidAction, "failed account authentication with error", Address, e.ToVal());
            }
            VerifyAndConsumeNonce(host);
            Verified = true;
        }
        return true;
    }

    /// <summary>
    /// <c>authenticate</c>: nothing for the source account; otherwise the address, the signature
    /// payload, then the classic account's signatures or the custom account's <c>__check_auth</c>.
    /// From protocol 27 the payload object and the authorization context are made first, for both
    /// kinds, and an authentication frame is pushed around the check.
    /// </summary>
    private void Authenticate(Host.Host host, AuthorizationManager manager)
    {
        if (IsTransactionSourceAccount)
            return;
        var scAddress = AuthConversions.ScAddressFromAddress(host, Address);
        var payload = SignaturePayload(host);
        if (host.Protocol >= 27)
        {
            var payloadObj = host.BytesNewFromSlice(payload);
            var context = AccountContract.AuthContextVal(host, Tracker.Root);
            manager.PushAuthenticationFrame(Delegates, payloadObj, context);
            HostError? failure = null;
            try
            {
                switch (scAddress)
                {
                    case SCAddress.Account acc:
                        AccountContract.CheckAccountAuthentication(host, acc.Value, payloadObj, null, Signature);
                        break;
                    case SCAddress.Contract c:
                        AccountContract.CallCheckAuth(host, c.Value, payloadObj, Signature, context, selfReentry: true);
                        break;
                    default:
                        throw host.Err(SCErrorType.Object, SCErrorCode.InternalError, "unexpected address type in auth", Address);
                }
            }
            catch (HostError e)
            {
                failure = e;
            }
            manager.PopAuthenticationFrame(host);
            if (failure is not null)
                throw failure;
            return;
        }
        switch (scAddress)
        {
            case SCAddress.Account acc:
                AccountContract.CheckAccountAuthentication(host, acc.Value, default, payload, Signature);
                break;
            case SCAddress.Contract c:
                {
                    var payloadObj = host.BytesNewFromSlice(payload);
                    var context = AccountContract.AuthContextVal(host, Tracker.Root);
                    AccountContract.CallCheckAuth(host, c.Value, payloadObj, Signature, context, selfReentry: true);
                    break;
                }
            default:
                throw host.Err(SCErrorType.Object, SCErrorCode.InternalError, "unexpected address type in auth", Address);
        }
    }

    /// <summary>
    /// <c>get_signature_payload</c>: SHA-256 of the metered encoding of HashIdPreimage
    /// SorobanAuthorization (network id, nonce, expiration ledger, the root invocation tree), or
    /// from protocol 27 for ADDRESS_V2 and ADDRESS_WITH_DELEGATES SorobanAuthorizationWithAddress
    /// (the address too).
    /// </summary>
    private byte[] SignaturePayload(Host.Host host)
    {
        if (Nonce is not { } n)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected missing nonce");
        host.Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
        var networkId = Hash.FromBytes(host.Ledger!.NetworkId);
        var invocation = AuthConversions.InvocationToXdr(host, Tracker.Root);
        SCAddress? address = Kind is CredentialsKind.AddressV2 or CredentialsKind.AddressWithDelegates
            ? AuthConversions.ScAddressFromAddress(host, Address)
            : null;
        var encoded = MeteredXdr.WriteSorobanAuthorizationPreimage(host.Budget, networkId, n.Nonce, n.LiveUntil, address, invocation);
        return host.Sha256Raw(encoded);
    }

    /// <summary>
    /// <c>verify_and_consume_nonce</c>: nothing for the source account; an expiration ledger
    /// before the current ledger or past the network's maximum live-until ledger is (Auth,
    /// InvalidInput); then the nonce is consumed.
    /// </summary>
    private void VerifyAndConsumeNonce(Host.Host host)
    {
        if (IsTransactionSourceAccount)
            return;
        if (Nonce is not { } n)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected nonce verification state");
        var seq = host.Ledger!.SequenceNumber;
        if (seq > n.LiveUntil)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "signature has expired", Address, Val.FromU32(seq), Val.FromU32(n.LiveUntil));
        var max = host.MaxLiveUntilLedger();
        if (n.LiveUntil > max)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "signature expiration is too late", Address, Val.FromU32(max), Val.FromU32(n.LiveUntil));
        host.ConsumeNonce(Address, n.Nonce, n.LiveUntil);
    }

    /// <summary><c>snapshot</c>: the tree's flags, the verified flag, the delegated signers' state (p27).</summary>
    public AccountTrackerSnapshot TakeSnapshot(Host.Host host) =>
        new(Tracker.Snapshot(host), Verified, Delegates?.TakeSnapshot(host));

    /// <summary><c>rollback</c>.</summary>
    public void Rollback(Host.Host host, AccountTrackerSnapshot s)
    {
        Tracker.Rollback(s.Invocation);
        Verified = s.Verified;
        if (Delegates is not null && s.Delegates is not null)
            Delegates.Rollback(host, s.Delegates);
    }
}

/// <summary>A node of the delegated signers' tree (fact: auth.rs DelegatedAccountAuthSignerTreeNode, p27).</summary>
internal sealed class DelegatedSignerNode
{
    /// <summary>The signer's address object; null for the root (the account itself).</summary>
    public Val? Address { get; init; }

    public Val Signature { get; init; }

    public bool IsExhausted { get; set; }

    public required List<DelegatedSignerNode> Delegates { get; init; }
}

internal sealed record DelegatedNodeSnapshot(bool IsExhausted, DelegatedNodeSnapshot[] Delegates);

internal sealed record DelegatedTrackerSnapshot(DelegatedNodeSnapshot Root, int[] MatchStack);

/// <summary>The delegated signers of ADDRESS_WITH_DELEGATES credentials and the current delegation path (fact: auth.rs DelegatedAccountAuthTracker, p27).</summary>
internal sealed class DelegatedTracker(DelegatedSignerNode root)
{
    public DelegatedSignerNode Root { get; } = root;

    public List<int> MatchStack { get; private set; } = [];

    /// <summary>
    /// <c>DelegatedAccountAuthTracker::from_xdr</c>: each level (under the depth limit) checks its
    /// addresses are strictly increasing (a duplicate or a wrong order is (Auth, InvalidInput)),
    /// converts the node's address and signature, then its delegates (a metered collect).
    /// </summary>
    public static DelegatedTracker FromXdr(Host.Host host, SorobanDelegateSignature[] delegates) =>
        new(NodeFromXdr(host, null, delegates));

    private static DelegatedSignerNode NodeFromXdr(Host.Host host, SorobanDelegateSignature? info, SorobanDelegateSignature[] nested)
    {
        host.Budget.EnterDepth();
        try
        {
            for (var i = 1; i < nested.Length; i++)
            {
                var c = AuthCompare.ScAddresses(host, nested[i - 1].Address, nested[i].Address);
                if (c == 0)
                    throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "delegated signers contain duplicate address");
                if (c > 0)
                    throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "delegated signer addresses are not in sorted order");
            }
            Val? address = null;
            var signature = Val.Void;
            if (info is not null)
            {
                address = host.AddObject(new AddressObject(info.Address));
                signature = host.ToHostVal(info.Signature);
            }
            host.ChargeResultVecBulkInitCopy((ulong)nested.Length, DeclaredSize.DelegatedAccountAuthSignerTreeNode);
            var children = new List<DelegatedSignerNode>(nested.Length);
            foreach (var d in nested)
                children.Add(NodeFromXdr(host, d, d.NestedDelegates));
            return new DelegatedSignerNode { Address = address, Signature = signature, Delegates = children };
        }
        finally
        {
            host.Budget.LeaveDepth();
        }
    }

    public DelegatedTrackerSnapshot TakeSnapshot(Host.Host host)
    {
        var root = SnapshotOf(host, Root);
        host.ChargeVecClone((ulong)MatchStack.Count, DeclaredSize.U64);
        return new DelegatedTrackerSnapshot(root, [.. MatchStack]);
    }

    private static DelegatedNodeSnapshot SnapshotOf(Host.Host host, DelegatedSignerNode node)
    {
        host.ChargeResultVecBulkInitCopy((ulong)node.Delegates.Count, DeclaredSize.DelegatedAccountAuthSignerTreeNodeSnapshot);
        var subs = new DelegatedNodeSnapshot[node.Delegates.Count];
        for (var i = 0; i < subs.Length; i++)
            subs[i] = SnapshotOf(host, node.Delegates[i]);
        return new DelegatedNodeSnapshot(node.Address is not null && node.IsExhausted, subs);
    }

    public void Rollback(Host.Host host, DelegatedTrackerSnapshot s)
    {
        RollbackNode(host, Root, s.Root);
        host.ChargeVecClone((ulong)s.MatchStack.Length, DeclaredSize.U64);
        MatchStack = [.. s.MatchStack];
    }

    private static void RollbackNode(Host.Host host, DelegatedSignerNode node, DelegatedNodeSnapshot s)
    {
        if (node.Delegates.Count != s.Delegates.Length)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected bad delegated auth signer snapshot");
        if (node.Address is not null)
            node.IsExhausted = s.IsExhausted;
        for (var i = 0; i < s.Delegates.Length; i++)
            RollbackNode(host, node.Delegates[i], s.Delegates[i]);
    }

    private DelegatedSignerNode CurrentNode(Host.Host host)
    {
        var node = Root;
        foreach (var m in MatchStack)
        {
            if (m >= node.Delegates.Count)
                throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "invalid delegated auth match stack");
            node = node.Delegates[m];
        }
        return node;
    }

    /// <summary>
    /// <c>try_push_delegated_auth_frame</c>: the current signer's delegate with that address,
    /// marked exhausted and pushed on the path; its signature. Already exhausted, or no such
    /// delegate, is (Auth, InvalidInput).
    /// </summary>
    public Val TryPush(Host.Host host, Val address)
    {
        var current = CurrentNode(host);
        for (var i = 0; i < current.Delegates.Count; i++)
        {
            var node = current.Delegates[i];
            if (node.Address is not { } a)
                throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected root node in delegated auth signer list");
            if (host.CompareVals(a, address) != 0)
                continue;
            if (node.IsExhausted)
                throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput,
                    "delegate_account_auth has already been called for address, but it may only be called once", address);
            node.IsExhausted = true;
            MatchStack.Add(i);
            return node.Signature;
        }
        throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "delegated signer has not provided a signature", address);
    }

    public void Pop()
    {
        if (MatchStack.Count > 0)
            MatchStack.RemoveAt(MatchStack.Count - 1);
    }

    /// <summary><c>get_current_delegated_signer_addresses</c>: the current signer's delegates as a new vector (each push a metered copy).</summary>
    public Val CurrentSignerAddresses(Host.Host host)
    {
        var current = CurrentNode(host);
        var items = new List<Val>();
        foreach (var node in current.Delegates)
        {
            if (node.Address is not { } a)
                throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "unexpected root node in delegated auth signer list");
            host.ChargeVecClone((ulong)items.Count + 1, DeclaredSize.Val);
            items.Add(a);
        }
        return host.AddObject(new VecObject([.. items]));
    }
}
