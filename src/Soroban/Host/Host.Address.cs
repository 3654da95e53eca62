using Replay.Soroban.Auth;
using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "a": authorization (fact: host.rs require_auth, require_auth_for_args,
// authorize_as_curr_contract, delegate_account_auth, get_delegated_signers_for_current_auth_check;
// auth.rs consume_nonce; data_helper.rs load_account).
public sealed partial class Host
{
    /// <summary>
    /// <c>require_auth</c>: the current contract frame's arguments (a metered clone; a host-function
    /// frame is (Context, InternalError)) authorized for <paramref name="address"/>.
    /// </summary>
    internal Val RequireAuth(Val address)
    {
        var frame = CurrentFrameOrError();
        if (frame.Kind is not (FrameKind.ContractVm or FrameKind.StellarAsset))
            throw Err(SCErrorType.Context, SCErrorCode.InternalError, "require_auth is not suppported for host fns");
        ChargeVecClone((ulong)frame.Args.Length, DeclaredSize.Val);
        Authorization.RequireAuth(this, address, (Val[])frame.Args.Clone());
        return Val.Void;
    }

    /// <summary><c>require_auth_for_args</c>: the given arguments (the vector's contents, a metered copy) authorized for <paramref name="address"/>.</summary>
    internal Val RequireAuthForArgs(Val address, Val args)
    {
        var items = Visit<VecObject>(args).Items;
        ChargeVecClone((ulong)items.Length, DeclaredSize.Val);
        Authorization.RequireAuth(this, address, (Val[])items.Clone());
        return Val.Void;
    }

    /// <summary><c>authorize_as_curr_contract</c>: invoker-contract authorizations of sub-contract calls made by the current contract.</summary>
    internal Val AuthorizeAsCurrContract(Val entries)
    {
        Authorization.AddInvokerContractAuth(this, entries);
        return Val.Void;
    }

    /// <summary><c>delegate_account_auth</c> (protocol 27): only inside <c>__check_auth</c>; authenticates a delegated signer.</summary>
    internal Val DelegateAccountAuth(Val address)
    {
        EnsureCheckAuthFrame("delegate_account_auth");
        Authorization.DelegateAccountAuth(this, address);
        return Val.Void;
    }

    /// <summary><c>get_delegated_signers_for_current_auth_check</c> (protocol 27): only inside <c>__check_auth</c>.</summary>
    internal Val GetDelegatedSignersForCurrentAuthCheck()
    {
        EnsureCheckAuthFrame("get_delegated_signers_for_current_auth_check");
        return Authorization.DelegatedSignersForCurrentAuthCheck(this);
    }

    // ensure_check_auth_frame: the current frame is a contract frame running __check_auth.
    private void EnsureCheckAuthFrame(string function)
    {
        var frame = CurrentFrameOrError();
        if (frame.Kind != FrameKind.ContractVm)
            throw Err(SCErrorType.Context, SCErrorCode.InternalError, "ensure_check_auth_frame is not supported for host fns");
        ChargeShallowCopy(1, DeclaredSize.Val);
        if (!SymbolMatches("__check_auth"u8, frame.FunctionName))
            throw Err(SCErrorType.Context, SCErrorCode.InvalidAction,
                $"{function} host function can only be called from within `__check_auth`, but was called within a different contract function");
    }

    /// <summary>
    /// <c>consume_nonce</c>: the nonce's temporary contract-data key under the address (metered
    /// clones of the address and the key value), its live-until ledger at least the minimum for
    /// temporary entries; outside the footprint is (Storage, ExceededLimit); an existing nonce is
    /// (Auth, ExistingValue); otherwise a void entry is written with that TTL.
    /// </summary>
    internal void ConsumeNonce(Val address, long nonce, uint liveUntil)
    {
        var keyVal = new SCVal.LedgerKeyNonce(new SCNonceKey { Nonce = nonce });
        var scAddress = AuthConversions.ScAddressFromAddress(this, address);
        ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol));
        XdrClones.ScVal(Budget, keyVal);
        ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
        var key = new LedgerKey.ContractData(new LedgerKeyContractData { Contract = scAddress, Key = keyVal, Durability = ContractDataDurability.Temporary });
        liveUntil = Math.Max(liveUntil, MinLiveUntilLedger(ContractDataDurability.Temporary));
        bool exists;
        try
        {
            exists = StorageHas(key, null);
        }
        catch (HostError e) when (e.Type == SCErrorType.Storage && e.Code == SCErrorCode.ExceededLimit)
        {
            throw Err(SCErrorType.Storage, SCErrorCode.ExceededLimit, "trying to access nonce outside of footprint for address", address);
        }
        if (exists)
            throw Err(SCErrorType.Auth, SCErrorCode.ExistingValue, "nonce already exists for address", address);
        var entry = NewContractDataEntry(new ContractDataEntry
        {
            Ext = ExtensionPoint.V0.Instance,
            Contract = scAddress,
            Key = keyVal,
            Durability = ContractDataDurability.Temporary,
            Val = SCVal.Void.Instance,
        });
        StoragePut(key, entry, liveUntil, null);
    }

    /// <summary><c>load_account</c>: the account key (allocated), the entry from storage, a metered clone of it.</summary>
    internal AccountEntry LoadAccount(PublicKey account)
    {
        ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
        var entry = StorageGet(new LedgerKey.Account(new LedgerKeyAccount { AccountID = account }), null);
        if (entry.Data is not LedgerEntryData.Account a)
            throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "ledger entry is not account");
        XdrClones.AccountEntry(Budget, a.Value, Protocol);
        return a.Value;
    }

    /// <summary>
    /// <c>map_unpack_to_slice</c> (native): the map's keys (a scan) checked against the names in
    /// order, then its values (a scan) copied.
    /// </summary>
    public void MapUnpackToSlice(Val map, IReadOnlyList<string> keys, Span<Val> vals)
    {
        TraceCall("map_unpack_to_slice", map.Payload, (ulong)keys.Count);
        if (keys.Count != vals.Length)
            throw Err(SCErrorType.Object, SCErrorCode.UnexpectedSize, "differing key and value slice lengths when unpacking map to slice");
        var entries = Visit<MapObject>(map).Entries;
        if (entries.Length != vals.Length)
            throw Err(SCErrorType.Object, SCErrorCode.UnexpectedSize, "differing host map and output slice lengths when unpacking map to slice");
        MapChargeAccess(entries.Length); // hm.keys(): a scan charge
        for (var i = 0; i < keys.Count; i++)
        {
            var k = entries[i].Key;
            if (!(k.HasTag(Tag.SymbolSmall) || k.HasTag(Tag.SymbolObject)))
                throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "map key is not a symbol");
            CheckSymbolMatches(System.Text.Encoding.UTF8.GetBytes(keys[i]), k);
        }
        ChargeShallowCopy((ulong)keys.Count, DeclaredSize.Val);
        MapChargeAccess(entries.Length); // hm.values(): a scan charge
        for (var i = 0; i < vals.Length; i++)
            vals[i] = entries[i].Value;
        TraceReturn("map_unpack_to_slice", Val.Void);
    }

    /// <summary><c>symbol_index_in_strs</c> (native): the index of the first name the symbol matches; none is (Value, InvalidInput).</summary>
    public int SymbolIndexInStrs(Val sym, IReadOnlyList<string> names)
    {
        TraceCall("symbol_index_in_strs", sym.Payload, (ulong)names.Count);
        int? found = null;
        for (var i = 0; i < names.Count; i++)
        {
            if (SymbolMatches(System.Text.Encoding.UTF8.GetBytes(names[i]), sym) && found is null)
                found = i;
        }
        if (found is not { } idx)
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "symbol not found in slice of strs", sym);
        TraceReturn("symbol_index_in_strs", Val.FromU32((uint)idx));
        return idx;
    }

    /// <summary><c>obj_cmp</c> through the native Env path.</summary>
    internal long ObjCmpNative(Val a, Val b) =>
        (long)Invoke(Functions.HostFunctionTable.Named("obj_cmp"), [a.Payload, b.Payload]);
}
