using Replay.Soroban.Budget;
using Replay.Soroban.Host;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Auth;

/// <summary>
/// The built-in account "contract" (fact: builtin_contracts/account_contract.rs at each linked
/// commit): classic account authentication (ed25519 signatures of the account's signers to its
/// medium threshold) and custom accounts' <c>__check_auth</c> with the authorization contexts.
/// Its contract types are converted the way the reference's <c>contracttype</c> macro does it:
/// structs as maps from their sorted field names (<c>map_new_from_slices</c>), enums as a vector
/// of the case symbol and the value (<c>vec_new_from_slice</c>), through native host calls.
/// </summary>
internal static class AccountContract
{
    /// <summary>At most this many signatures per account (MAX_ACCOUNT_SIGNATURES).</summary>
    public const uint MaxAccountSignatures = 20;

    /// <summary>ContractError::AuthenticationError.</summary>
    public const uint AuthenticationError = 5;

    public const string CheckAuthFunctionName = "__check_auth";

    private static Val AuthError => Val.FromError(SCErrorType.Contract, AuthenticationError);

    /// <summary>
    /// <c>convert_to_auth_context_val</c> (the context vector built inline before protocol 27): a
    /// new vector, then every node of the tree in pre-order made an AuthorizationContext value and
    /// pushed.
    /// </summary>
    public static Val AuthContextVal(Host.Host host, AuthorizedInvocation root)
    {
        var vec = host.Invoke("vec_new");
        return Push(host, root, vec);
    }

    private static Val Push(Host.Host host, AuthorizedInvocation node, Val vec)
    {
        var ctx = ContextOf(host, node.Function);
        vec = host.Invoke("vec_push_back", vec, ctx);
        foreach (var sub in node.SubInvocations)
            vec = Push(host, sub, vec);
        return vec;
    }

    // AuthorizationContext::from_authorized_fn, then its conversion to a Val.
    private static Val ContextOf(Host.Host host, AuthorizedFunction function)
    {
        switch (function)
        {
            case ContractFunction f:
                {
                    var args = host.VecNewFromSlice(f.Args);
                    var caseSym = host.SymbolFromBytes("Contract"u8);
                    var ctx = host.MapNewFromSlices(["args", "contract", "fn_name"], [args, f.ContractAddress, f.FunctionName]);
                    return host.VecNewFromSlice([caseSym, ctx]);
                }
            case CreateContractFunction c:
                {
                    if (c.Executable is not ContractExecutable.Wasm wasm)
                        throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "StellarAsset executable is not allowed when authorizing create_contract host fn");
                    var hash = host.BytesNewFromSlice(wasm.Value.ToArray());
                    if (c.Preimage is not ContractIDPreimage.Address from)
                        throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "asset preimage is not allowed when authorizing create_contract host fn");
                    var salt = host.BytesNewFromSlice(from.Value.Salt.ToArray());
                    if (c.ConstructorArgs.Length == 0)
                    {
                        var caseSym = host.SymbolFromBytes("CreateContractHostFn"u8);
                        var exe = ExecutableVal(host, hash);
                        var ctx = host.MapNewFromSlices(["executable", "salt"], [exe, salt]);
                        return host.VecNewFromSlice([caseSym, ctx]);
                    }
                    else
                    {
                        var argVals = host.ScValsToVals(c.ConstructorArgs);
                        var args = host.VecNewFromSlice(argVals);
                        var caseSym = host.SymbolFromBytes("CreateContractWithCtorHostFn"u8);
                        var exe = ExecutableVal(host, hash);
                        var ctx = host.MapNewFromSlices(["constructor_args", "executable", "salt"], [args, exe, salt]);
                        return host.VecNewFromSlice([caseSym, ctx]);
                    }
                }
            default:
                throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, "unknown authorized function kind");
        }
    }

    // ContractExecutable::Wasm(hash) as a contract type: (symbol "Wasm", hash).
    private static Val ExecutableVal(Host.Host host, Val hash)
    {
        var sym = host.SymbolFromBytes("Wasm"u8);
        return host.VecNewFromSlice([sym, hash]);
    }

    /// <summary>
    /// <c>check_account_contract_auth</c> (and the p27 delegated call): the contract's
    /// <c>__check_auth</c> with the payload, the signature and the contexts, as an internal host
    /// call (immediate self re-entry allowed for an account's own authentication); it must
    /// return void.
    /// </summary>
    public static void CallCheckAuth(Host.Host host, Hash contractId, Val payload, Val signature, Val context, bool selfReentry)
    {
        var name = host.SymbolFromBytes("__check_auth"u8);
        var rv = host.CallN(contractId, name, [payload, signature, context], internalHostCall: true,
            reentry: selfReentry ? Host.Host.ReentryMode.SelfAllowed : Host.Host.ReentryMode.Prohibited);
        if (!rv.HasTag(Tag.Void))
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "__check_auth returned a value that is not void");
    }

    /// <summary>
    /// <c>check_account_authentication</c>: the signature must be a vector of 1..20
    /// AccountEd25519Signature maps (public_key 32 bytes, signature 64 bytes) with strictly
    /// increasing public keys, each a valid ed25519 signature of the payload by a signer of the
    /// account (weight above zero); their weights must reach the medium threshold. Failures are
    /// the contract error AuthenticationError (or a conversion error). Before protocol 27 the
    /// payload object is made here, after the count checks (<paramref name="payload"/>).
    /// </summary>
    public static void CheckAccountAuthentication(Host.Host host, PublicKey account, Val payloadObj, byte[]? payload, Val signature)
    {
        if (!signature.HasTag(Tag.VecObject))
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "account signatures are not a vector");
        var len = host.Invoke("vec_len", signature).AsU32;
        if (len > MaxAccountSignatures)
            throw host.Error(AuthError, "too many account signers", Val.FromU32(len));
        if (len == 0)
            throw host.Error(AuthError, "no account signatures found");
        if (payload is not null)
            payloadObj = host.BytesNewFromSlice(payload);
        var entry = host.LoadAccount(account);
        Val? prev = null;
        uint weight = 0;
        for (uint i = 0; i < len; i++)
        {
            var item = host.Invoke("vec_get", signature, Val.FromU32(i));
            if (!item.HasTag(Tag.MapObject))
                throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "account signature is not a map");
            var vals = new Val[2];
            host.MapUnpackToSlice(item, ["public_key", "signature"], vals);
            var publicKey = BytesN(host, vals[0], 32);
            var sig = BytesN(host, vals[1], 64);
            if (prev is { } p && host.ObjCmpNative(p, publicKey) >= 0)
                throw host.Error(AuthError, "public keys are not ordered", p, publicKey);
            host.Invoke("verify_sig_ed25519", publicKey, payloadObj, sig);
            var key = new byte[32];
            host.BytesCopyToSlice(publicKey, 0, key);
            var w = SignerWeight(host, key, entry);
            if (w == 0)
                throw host.Error(AuthError, "signer does not belong to account", publicKey);
            weight = weight > uint.MaxValue - w ? uint.MaxValue : weight + w;
            prev = publicKey;
        }
        var threshold = (uint)entry.Thresholds.ToArray()[2];
        if (weight < threshold)
            throw host.Error(AuthError, "signature weight is lower than threshold", Val.FromU32(weight), Val.FromU32(threshold));
    }

    // BytesN::<N>::try_from_val: a bytes object of exactly N bytes (bytes_len).
    internal static Val BytesN(Host.Host host, Val v, uint n)
    {
        if (!v.HasTag(Tag.BytesObject))
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "value is not a bytes object");
        var len = host.Invoke("bytes_len", v).AsU32;
        if (len != n)
            throw host.Err(SCErrorType.Value, SCErrorCode.UnexpectedSize, "Bytes had unexpected size", Val.FromU32(len));
        return v;
    }

    /// <summary>
    /// <c>get_signer_weight_from_account</c>: the master key's weight (thresholds[0]) when the key
    /// is the account's own, else an ed25519 signer's weight clamped to 255, else 0.
    /// </summary>
    private static uint SignerWeight(Host.Host host, byte[] key, AccountEntry account)
    {
        host.Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
        if (account.AccountID is PublicKey.PublicKeyTypeEd25519 own && own.Value.ToArray().AsSpan().SequenceEqual(key))
            return account.Thresholds.ToArray()[0];
        foreach (var s in account.Signers)
        {
            if (s.Key is SignerKey.Ed25519 e && e.Value.ToArray().AsSpan().SequenceEqual(key))
                return Math.Min(s.Weight, 255u);
        }
        return 0;
    }
}

/// <summary>authorize_as_curr_contract's entries (fact: builtin_contracts/invoker_contract_auth.rs).</summary>
internal static class InvokerContractAuth
{
    private static readonly string[] EntryCases = ["Contract", "CreateContractHostFn", "CreateContractWithCtorHostFn"];

    private static readonly string[] ExecutableCases = ["Wasm", "StellarAsset"];

    /// <summary>An InvokerContractAuthEntry converted from its contract type (fields already checked).</summary>
    private abstract record Entry;

    /// <summary>Contract(SubContractInvocation { context: { args, contract, fn_name }, sub_invocations }).</summary>
    private sealed record ContractEntry(Val Args, Val Contract, Val FnName, Val SubInvocations) : Entry;

    /// <summary>CreateContractHostFn / CreateContractWithCtorHostFn: the Wasm hash (null for StellarAsset), the salt, the constructor arguments.</summary>
    private sealed record CreateEntry(Val? WasmHash, Val Salt, Val? ConstructorArgs) : Entry;

    /// <summary>
    /// <c>invoker_contract_auth_to_authorized_invocation</c>: the entry converted from its
    /// contract type (<c>InvokerContractAuthEntry::try_from_val</c>: a vector of the case symbol
    /// and the case's struct, each struct a map unpacked by its sorted field names, through native
    /// calls), then made an authorized invocation under the depth limit: a contract call with its
    /// arguments (a metered copy) and its sub-entries converted the same way; a create-contract
    /// call of the invoker itself (Wasm only: StellarAsset is (Auth, InvalidInput)).
    /// </summary>
    public static AuthorizedInvocation ToAuthorizedInvocation(Host.Host host, SCAddress invoker, Val entry) =>
        ToInvocation(host, invoker, Convert(host, entry));

    private static AuthorizedInvocation ToInvocation(Host.Host host, SCAddress invoker, Entry entry)
    {
        host.Budget.EnterDepth();
        try
        {
            switch (entry)
            {
                case ContractEntry c:
                    {
                        var argItems = host.Visit<VecObject>(c.Args).Items;
                        host.ChargeVecClone((ulong)argItems.Length, DeclaredSize.Val);
                        var function = new ContractFunction(c.Contract, c.FnName, (Val[])argItems.Clone());
                        var subItems = host.Visit<VecObject>(c.SubInvocations).Items;
                        host.ChargeBulkInitCopy((ulong)subItems.Length, DeclaredSize.AuthorizedInvocation(host.Protocol));
                        var subs = new List<AuthorizedInvocation>(subItems.Length);
                        foreach (var s in subItems)
                            subs.Add(ToInvocation(host, invoker, Convert(host, s)));
                        return new AuthorizedInvocation(function, subs);
                    }
                case CreateEntry c:
                    {
                        if (c.WasmHash is not { } hashObj)
                            throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "Stellar Asset contract creation can't be authorized");
                        var wasmHash = Hash.FromBytes(host.HashFromBytesObjInput(hashObj));
                        host.ChargeShallowCopy(1, DeclaredSize.ScAddress(host.Protocol));
                        var salt = host.FixedLengthBytesFromBytesObjInput(c.Salt, 32);
                        SCVal[] ctorArgs = c.ConstructorArgs is { } args ? host.VecObjectToScVals(args) : [];
                        var preimage = new ContractIDPreimage.Address(new ContractIDPreimageFromAddress { Address = invoker, Salt = Uint256.FromBytes(salt) });
                        return new AuthorizedInvocation(new CreateContractFunction(preimage, new ContractExecutable.Wasm(wasmHash), ctorArgs), []);
                    }
                default:
                    throw new HostError(SCErrorType.Auth, SCErrorCode.InternalError, "unknown invoker contract auth entry");
            }
        }
        finally
        {
            host.Budget.LeaveDepth();
        }
    }

    private static HostError ConversionError(string what) => new(SCErrorType.Value, SCErrorCode.UnexpectedType, what);

    private static void Expect(Val v, Tag tag, string what)
    {
        if (!v.HasTag(tag))
            throw ConversionError(what);
    }

    private static bool IsSymbol(Val v) => v.HasTag(Tag.SymbolSmall) || v.HasTag(Tag.SymbolObject);

    // InvokerContractAuthEntry::try_from_val.
    private static Entry Convert(Host.Host host, Val v)
    {
        var index = CaseOf(host, v, EntryCases);
        var value = host.Invoke("vec_get", v, Val.FromU32(1));
        switch (index)
        {
            case 0:
                {
                    // SubContractInvocation { context, sub_invocations }: context first (sorted fields).
                    var fields = Unpack(host, value, ["context", "sub_invocations"]);
                    var ctx = Unpack(host, fields[0], ["args", "contract", "fn_name"]);
                    Expect(ctx[0], Tag.VecObject, "context args are not a vector");
                    Expect(ctx[1], Tag.AddressObject, "context contract is not an address");
                    if (!IsSymbol(ctx[2]))
                        throw ConversionError("context fn_name is not a symbol");
                    Expect(fields[1], Tag.VecObject, "sub_invocations are not a vector");
                    return new ContractEntry(ctx[0], ctx[1], ctx[2], fields[1]);
                }
            case 1:
                {
                    var fields = Unpack(host, value, ["executable", "salt"]);
                    var exe = Executable(host, fields[0]);
                    var salt = AccountContract.BytesN(host, fields[1], 32);
                    return new CreateEntry(exe, salt, null);
                }
            default:
                {
                    var fields = Unpack(host, value, ["constructor_args", "executable", "salt"]);
                    Expect(fields[0], Tag.VecObject, "constructor_args are not a vector");
                    var exe = Executable(host, fields[1]);
                    var salt = AccountContract.BytesN(host, fields[2], 32);
                    return new CreateEntry(exe, salt, fields[0]);
                }
        }
    }

    // ContractExecutable::try_from_val: Wasm(BytesN<32>) or the unit StellarAsset (null).
    private static Val? Executable(Host.Host host, Val v)
    {
        var index = CaseOf(host, v, ExecutableCases);
        if (index == 1)
            return null;
        return AccountContract.BytesN(host, host.Invoke("vec_get", v, Val.FromU32(1)), 32);
    }

    // A contracttype enum's case: a vector whose first element is a symbol among the case names.
    private static int CaseOf(Host.Host host, Val v, string[] cases)
    {
        Expect(v, Tag.VecObject, "contract enum value is not a vector");
        var disc = host.Invoke("vec_get", v, Val.FromU32(0));
        if (!IsSymbol(disc))
            throw ConversionError("contract enum discriminant is not a symbol");
        return host.SymbolIndexInStrs(disc, cases);
    }

    // A contracttype struct: a map unpacked by its sorted field names.
    private static Val[] Unpack(Host.Host host, Val v, string[] keys)
    {
        Expect(v, Tag.MapObject, "contract struct value is not a map");
        var vals = new Val[keys.Length];
        host.MapUnpackToSlice(v, keys, vals);
        return vals;
    }
}
