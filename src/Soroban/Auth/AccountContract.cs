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
    private static Val BytesN(Host.Host host, Val v, uint n)
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
    private static readonly string[] Cases = ["Contract", "CreateContractHostFn", "CreateContractWithCtorHostFn"];

    /// <summary>
    /// <c>invoker_contract_auth_to_authorized_invocation</c>: the InvokerContractAuthEntry value
    /// (a vector: case symbol, then the case's value) converted under the depth limit:
    /// Contract(SubContractInvocation {context, sub_invocations}) with its sub-entries,
    /// CreateContractHostFn / CreateContractWithCtorHostFn (Wasm only) as the invoker's own
    /// create-contract authorization.
    /// </summary>
    public static AuthorizedInvocation ToAuthorizedInvocation(Host.Host host, SCAddress invoker, Val entry)
    {
        var (index, value) = EnumOf(host, entry);
        host.Budget.EnterDepth();
        try
        {
            switch (index)
            {
                case 0:
                    {
                        // SubContractInvocation { context, sub_invocations }
                        var fields = StructOf(host, value, ["context", "sub_invocations"]);
                        var ctx = StructOf(host, fields[0], ["args", "contract", "fn_name"]);
                        if (!ctx[0].HasTag(Tag.VecObject) || !ctx[1].HasTag(Tag.AddressObject) || !(ctx[2].HasTag(Tag.SymbolSmall) || ctx[2].HasTag(Tag.SymbolObject)))
                            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "bad contract authorization context");
                        if (!fields[1].HasTag(Tag.VecObject))
                            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "sub_invocations is not a vector");
                        var argItems = host.Visit<VecObject>(ctx[0]).Items;
                        host.ChargeVecClone((ulong)argItems.Length, DeclaredSize.Val);
                        var function = new ContractFunction(ctx[1], ctx[2], (Val[])argItems.Clone());
                        var subItems = host.Visit<VecObject>(fields[1]).Items;
                        host.ChargeBulkInitCopy((ulong)subItems.Length, DeclaredSize.AuthorizedInvocation(host.Protocol));
                        var subs = new List<AuthorizedInvocation>(subItems.Length);
                        foreach (var s in subItems)
                            subs.Add(ToAuthorizedInvocation(host, invoker, s));
                        return new AuthorizedInvocation(function, subs);
                    }
                case 1:
                case 2:
                    {
                        string[] keys = index == 1 ? ["executable", "salt"] : ["constructor_args", "executable", "salt"];
                        var f = StructOf(host, value, keys);
                        var exe = f[^2];
                        var salt = f[^1];
                        var (exeIndex, exeValue) = EnumOf(host, exe, ["Wasm", "StellarAsset"], unitCase: 1);
                        if (exeIndex != 0)
                            throw host.Err(SCErrorType.Auth, SCErrorCode.InvalidInput, "Stellar Asset contract creation can't be authorized");
                        var wasmHash = Hash.FromBytes(host.HashFromBytesObjInput(exeValue));
                        host.ChargeShallowCopy(1, DeclaredSize.ScAddress(host.Protocol));
                        var saltBytes = host.FixedLengthBytesFromBytesObjInput(salt, 32);
                        SCVal[] ctorArgs = index == 2 ? host.VecObjectToScVals(f[0]) : [];
                        var preimage = new ContractIDPreimage.Address(new ContractIDPreimageFromAddress { Address = invoker, Salt = Uint256.FromBytes(saltBytes) });
                        return new AuthorizedInvocation(new CreateContractFunction(preimage, new ContractExecutable.Wasm(wasmHash), ctorArgs), []);
                    }
                default:
                    throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "unknown invoker contract auth entry");
            }
        }
        finally
        {
            host.Budget.LeaveDepth();
        }
    }

    // A contracttype enum from a Val: a vector, its first element a symbol found among the case names (symbol_index_in_strs).
    private static (int Index, Val Value) EnumOf(Host.Host host, Val v, string[]? cases = null, int unitCase = -1)
    {
        if (!v.HasTag(Tag.VecObject))
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "contract enum value is not a vector");
        var disc = host.Invoke("vec_get", v, Val.FromU32(0));
        if (!(disc.HasTag(Tag.SymbolSmall) || disc.HasTag(Tag.SymbolObject)))
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "contract enum discriminant is not a symbol");
        var index = host.SymbolIndexInStrs(disc, cases ?? Cases);
        var value = index == unitCase ? Val.Void : host.Invoke("vec_get", v, Val.FromU32(1));
        return (index, value);
    }

    // A contracttype struct from a Val: a map unpacked by its sorted field names.
    private static Val[] StructOf(Host.Host host, Val v, string[] keys)
    {
        if (!v.HasTag(Tag.MapObject))
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "contract struct value is not a map");
        var vals = new Val[keys.Length];
        host.MapUnpackToSlice(v, keys, vals);
        return vals;
    }
}
