using Replay.Soroban.Budget;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Auth;

/// <summary>
/// What an authorization is for (fact: auth.rs AuthorizedFunction): a contract function with its
/// address object, function symbol and arguments, or a create-contract host function with its
/// arguments (CreateContractArgsV2; the v21 host's CreateContractArgs has no constructor arguments).
/// </summary>
internal abstract record AuthorizedFunction;

internal sealed record ContractFunction(Val ContractAddress, Val FunctionName, Val[] Args) : AuthorizedFunction;

internal sealed record CreateContractFunction(ContractIDPreimage Preimage, ContractExecutable Executable, SCVal[] ConstructorArgs) : AuthorizedFunction;

/// <summary>A node of an authorized invocation tree (fact: auth.rs AuthorizedInvocation).</summary>
internal sealed class AuthorizedInvocation(AuthorizedFunction function, List<AuthorizedInvocation> subInvocations)
{
    public AuthorizedFunction Function { get; } = function;

    public List<AuthorizedInvocation> SubInvocations { get; } = subInvocations;

    public bool IsExhausted { get; set; }
}

/// <summary>The mutable part of an invocation tree (fact: auth.rs AuthorizedInvocationSnapshot).</summary>
internal sealed record AuthorizedInvocationSnapshot(bool IsExhausted, AuthorizedInvocationSnapshot[] SubInvocations);

/// <summary>A match stack entry (fact: auth.rs MatchState).</summary>
internal readonly record struct MatchState(MatchKind Kind, int IndexInParent)
{
    public static MatchState Unmatched => new(MatchKind.Unmatched, 0);

    public static MatchState RootMatch => new(MatchKind.RootMatch, 0);

    public static MatchState SubMatch(int index) => new(MatchKind.SubMatch, index);

    public bool IsMatched => Kind != MatchKind.Unmatched;
}

internal enum MatchKind : byte
{
    Unmatched,
    RootMatch,
    SubMatch,
}

/// <summary>
/// The incremental matcher of one authorized invocation tree against the call stack (fact:
/// auth.rs InvocationTracker): a match stack with one entry per call-stack frame since the
/// tracker's creation, the frame where the root was exhausted, and whether that frame was popped.
/// </summary>
internal sealed class InvocationTracker(AuthorizedInvocation root)
{
    public AuthorizedInvocation Root { get; } = root;

    public List<MatchState> MatchStack { get; } = [];

    public int? RootExhaustedFrame { get; set; }

    public bool IsFullyProcessed { get; set; }

    public bool IsActive => Root.IsExhausted && !IsFullyProcessed;

    public bool IsEmpty => MatchStack.Count == 0;

    public bool CurrentFrameIsAlreadyMatched => MatchStack.Count > 0 && MatchStack[^1].IsMatched;

    /// <summary><c>push_frame</c>: the match stack grows (a bulk-init copy of one usize).</summary>
    public void PushFrame(Host.Host host)
    {
        host.ChargeBulkInitCopy(1, DeclaredSize.U64);
        MatchStack.Add(MatchState.Unmatched);
    }

    /// <summary><c>pop_frame</c> (free).</summary>
    public void PopFrame()
    {
        if (MatchStack.Count > 0)
            MatchStack.RemoveAt(MatchStack.Count - 1);
        if (RootExhaustedFrame is { } f && f >= MatchStack.Count)
            IsFullyProcessed = true;
    }

    /// <summary>
    /// <c>last_authorized_invocation_mut</c>: the deepest matched node along the match stack, or
    /// null when the root is not matched in the stack. A sub-match without a root, a second root,
    /// or an index outside the node's children is (Auth, InternalError).
    /// </summary>
    private AuthorizedInvocation? LastAuthorizedInvocation()
    {
        for (var i = 0; i < MatchStack.Count; i++)
        {
            switch (MatchStack[i].Kind)
            {
                case MatchKind.RootMatch:
                    return Walk(Root, i + 1);
                case MatchKind.SubMatch:
                    throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, "sub-match without a root match");
            }
        }
        return null;
    }

    private AuthorizedInvocation Walk(AuthorizedInvocation node, int from)
    {
        for (var i = from; i < MatchStack.Count; i++)
        {
            var m = MatchStack[i];
            if (m.Kind == MatchKind.SubMatch)
            {
                if (m.IndexInParent >= node.SubInvocations.Count)
                    throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, "bad sub-invocation index");
                return Walk(node.SubInvocations[m.IndexInParent], i + 1);
            }
            if (m.Kind == MatchKind.RootMatch)
                throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, "second root match");
        }
        return node;
    }

    /// <summary>
    /// <c>maybe_extend_invocation_match</c>: with the root matched in the stack, the first
    /// non-exhausted child of the deepest matched node equal to <paramref name="function"/>
    /// becomes matched at the current frame; otherwise the root itself when allowed. True when a
    /// match was made for the current frame.
    /// </summary>
    public bool MaybeExtendInvocationMatch(Host.Host host, AuthorizedFunction function, bool allowMatchingRoot)
    {
        if (MatchStack.Count == 0)
            throw host.Err(SCErrorType.Auth, SCErrorCode.InternalError, "match_stack should not be empty in maybe_extend_invocation_match");
        if (CurrentFrameIsAlreadyMatched)
            return false;
        var newState = MatchState.Unmatched;
        if (LastAuthorizedInvocation() is { } current)
        {
            for (var i = 0; i < current.SubInvocations.Count; i++)
            {
                var sub = current.SubInvocations[i];
                if (!sub.IsExhausted && AuthCompare.Functions(host, sub.Function, function) == 0)
                {
                    newState = MatchState.SubMatch(i);
                    sub.IsExhausted = true;
                    break;
                }
            }
        }
        else if (!Root.IsExhausted && allowMatchingRoot && AuthCompare.Functions(host, Root.Function, function) == 0)
        {
            newState = MatchState.RootMatch;
            Root.IsExhausted = true;
            RootExhaustedFrame = MatchStack.Count - 1;
        }
        if (newState.IsMatched)
            MatchStack[^1] = newState;
        return newState.IsMatched;
    }

    /// <summary><c>snapshot</c>: the tree's exhausted flags (each level a metered collect of its children).</summary>
    public AuthorizedInvocationSnapshot Snapshot(Host.Host host) => SnapshotOf(host, Root);

    private static AuthorizedInvocationSnapshot SnapshotOf(Host.Host host, AuthorizedInvocation node)
    {
        host.ChargeResultVecBulkInitCopy((ulong)node.SubInvocations.Count, DeclaredSize.AuthorizedInvocationSnapshot);
        var subs = new AuthorizedInvocationSnapshot[node.SubInvocations.Count];
        for (var i = 0; i < subs.Length; i++)
            subs[i] = SnapshotOf(host, node.SubInvocations[i]);
        return new AuthorizedInvocationSnapshot(node.IsExhausted, subs);
    }

    /// <summary><c>rollback</c> (free): the exhausted flags restored; a root no longer exhausted resets the tracker's progress.</summary>
    public void Rollback(AuthorizedInvocationSnapshot snapshot)
    {
        RollbackNode(Root, snapshot);
        if (!Root.IsExhausted)
        {
            RootExhaustedFrame = null;
            IsFullyProcessed = false;
        }
    }

    private static void RollbackNode(AuthorizedInvocation node, AuthorizedInvocationSnapshot snapshot)
    {
        node.IsExhausted = snapshot.IsExhausted;
        if (node.SubInvocations.Count != snapshot.SubInvocations.Length)
            throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, "invocation snapshot does not fit the tree");
        for (var i = 0; i < snapshot.SubInvocations.Length; i++)
            RollbackNode(node.SubInvocations[i], snapshot.SubInvocations[i]);
    }
}

/// <summary>The host's comparisons of authorization values (fact: auth.rs Compare impls, host/comparison.rs).</summary>
internal static class AuthCompare
{
    /// <summary>
    /// <c>Compare&lt;AuthorizedFunction&gt;</c>: contract functions by address, function name, then
    /// arguments element by element (each a Val comparison) and length; create-contract functions
    /// by preimage and executable (fixed-size MemCmp each) then constructor arguments; a contract
    /// function orders before a create-contract one.
    /// </summary>
    public static int Functions(Host.Host host, AuthorizedFunction a, AuthorizedFunction b)
    {
        switch (a, b)
        {
            case (ContractFunction fa, ContractFunction fb):
                {
                    var c = host.CompareVals(fa.ContractAddress, fb.ContractAddress);
                    if (c != 0)
                        return c;
                    c = host.CompareVals(fa.FunctionName, fb.FunctionName);
                    if (c != 0)
                        return c;
                    for (var i = 0; ; i++)
                    {
                        if (i >= fa.Args.Length)
                            return i >= fb.Args.Length ? 0 : -1;
                        if (i >= fb.Args.Length)
                            return 1;
                        c = host.CompareVals(fa.Args[i], fb.Args[i]);
                        if (c != 0)
                            return c;
                    }
                }
            case (CreateContractFunction ca, CreateContractFunction cb):
                {
                    host.Budget.Charge(ContractCostType.MemCmp, DeclaredSize.ContractIdPreimage(host.Protocol));
                    var c = string.CompareOrdinal(Convert.ToHexString(XdrCodec.Encode(ca.Preimage)), Convert.ToHexString(XdrCodec.Encode(cb.Preimage)));
                    if (c != 0)
                        return c;
                    host.Budget.Charge(ContractCostType.MemCmp, DeclaredSize.ContractExecutable);
                    c = string.CompareOrdinal(Convert.ToHexString(XdrCodec.Encode(ca.Executable)), Convert.ToHexString(XdrCodec.Encode(cb.Executable)));
                    if (c != 0)
                        return c;
                    for (var i = 0; ; i++)
                    {
                        if (i >= ca.ConstructorArgs.Length)
                            return i >= cb.ConstructorArgs.Length ? 0 : -1;
                        if (i >= cb.ConstructorArgs.Length)
                            return 1;
                        c = host.CompareScVals(ca.ConstructorArgs[i], cb.ConstructorArgs[i]);
                        if (c != 0)
                            return c;
                    }
                }
            case (ContractFunction, CreateContractFunction):
                return -1;
            default:
                return 1;
        }
    }

    /// <summary><c>Compare&lt;ScAddress&gt;</c>: a fixed-size MemCmp, then the derived order (kind, then contents).</summary>
    public static int ScAddresses(Host.Host host, SCAddress a, SCAddress b)
    {
        host.Budget.Charge(ContractCostType.MemCmp, DeclaredSize.ScAddress(host.Protocol));
        var c = ((int)a.Type).CompareTo((int)b.Type);
        if (c != 0)
            return c;
        return string.CompareOrdinal(Convert.ToHexString(XdrCodec.Encode(a)), Convert.ToHexString(XdrCodec.Encode(b)));
    }
}
