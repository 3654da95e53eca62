using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "a" as far as authorization without entries goes (fact: host.rs require_auth,
// require_auth_for_args; auth.rs AuthorizationManager::require_auth).
public sealed partial class Host
{
    /// <summary>
    /// <c>require_auth</c>: the current contract frame's arguments (a metered clone; a host-function
    /// frame is (Context, InternalError)) authorized for <paramref name="address"/>.
    /// </summary>
    internal Val RequireAuth(Val address)
    {
        var frame = CurrentFrameOrError();
        if (frame.Kind != FrameKind.ContractVm)
            throw Err(SCErrorType.Context, SCErrorCode.InternalError, "require_auth is not suppported for host fns");
        ChargeVecClone((ulong)frame.Args.Length, DeclaredSize.Val);
        Authorization.RequireAuth(this, address);
        return Val.Void;
    }

    /// <summary><c>require_auth_for_args</c>: the given arguments (the vector's contents, a metered copy) authorized for <paramref name="address"/>.</summary>
    internal Val RequireAuthForArgs(Val address, Val args)
    {
        var items = Visit<VecObject>(args).Items;
        ChargeVecClone((ulong)items.Length, DeclaredSize.Val);
        Authorization.RequireAuth(this, address);
        return Val.Void;
    }
}
