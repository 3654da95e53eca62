using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// The Stellar Asset Contract as a built-in contract (fact: builtin_contracts/stellar_asset_contract/*
// and soroban-builtin-sdk-macros at each linked commit). It runs as host code: every host function it
// uses goes through the native Env path (Invoke: traced, argument checks), every EnvBase slice helper
// and every metered clone, allocation and conversion is charged where the reference charges it.
// Three generations: the v21 host (protocols 20-22: admin topics in mint/clawback/set_authorized
// events, plain addresses), 688bc34e (23-25: muxed `to` in transfer, events without admin, transfers
// to/from the issuer reported as mint/burn), b351f88a (26+: `trust`, new native accounts created by a
// receive, the contract-id check as a host internal error).
public sealed partial class Host
{
    private const uint DayInLedgers = 17280;
    private const uint InstanceExtendAmount = 7 * DayInLedgers;
    private const uint InstanceTtlThreshold = InstanceExtendAmount - DayInLedgers;
    private const uint BalanceExtendAmount = 30 * DayInLedgers;
    private const uint BalanceTtlThreshold = BalanceExtendAmount - DayInLedgers;
    private const uint SacDecimals = 7;
    private const uint MaxAccountSubentries = 1000;

    // ContractError codes of the built-in contracts (contract_error.rs).
    private const uint SacInternalError = 1;
    private const uint SacOperationNotSupported = 2;
    private const uint SacAlreadyInitialized = 3;
    private const uint SacAccountMissing = 6;
    private const uint SacNegativeAmount = 8;
    private const uint SacAllowanceError = 9;
    private const uint SacBalanceError = 10;
    private const uint SacBalanceDeauthorized = 11;
    private const uint SacOverflow = 12;
    private const uint SacTrustlineMissing = 13;
    private const uint SacInsufficientAccountReserve = 14;
    private const uint SacTooManyAccountSubentries = 15;

    private const uint AuthRequiredFlag = 1, AuthRevocableFlag = 2, AuthClawbackEnabledFlag = 8;
    private const uint TrustlineAuthorizedFlag = 1, TrustlineAuthorizedToMaintainLiabilitiesFlag = 2, TrustlineClawbackEnabledFlag = 4;

    /// <summary>The method names in the order the contract declares them (the dispatch's FNS).</summary>
    private static readonly string[] SacFunctionsV21 =
        ["init_asset", "allowance", "approve", "balance", "authorized", "transfer", "transfer_from", "burn", "burn_from",
         "clawback", "set_authorized", "mint", "set_admin", "admin", "decimals", "name", "symbol"];

    private static readonly string[] SacFunctionsV26 = [.. SacFunctionsV21, "trust"];

    private bool SacMuxedTransfer => Protocol >= 23;

    private bool SacEventsWithAdmin => Protocol < 23;

    private bool SacV26 => Protocol >= 26;

    private static HostError SacConversionError() => new(SCErrorType.Value, SCErrorCode.UnexpectedType, "conversion error");

    private static Val ContractErrorVal(uint code) => Val.FromError(SCErrorType.Contract, code);

    private HostError SacError(uint code, string message, params Val[] args) => Error(ContractErrorVal(code), message, args);

    /// <summary>The reference's <c>err!</c> with a contract error: the arguments are made in debug mode.</summary>
    private HostError SacErrorWithDebugArgs(uint code, string message, Func<Val[]> args)
    {
        var error = HostError.FromErrorVal(ContractErrorVal(code), message);
        WithDebugMode(() => RecordErrorDiagnostics(error.ToVal(), message, args()));
        return error;
    }

    // ---------------------------------------------------------------- dispatch

    /// <summary>
    /// <c>call_contract_fn</c> for an asset contract: a frame carrying a metered clone of the id, the
    /// function, the arguments and the instance, in which the built-in contract runs.
    /// </summary>
    private Val CallAssetContract(Hash contractId, Val function, Val[] args, SCContractInstance instance)
    {
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
        var frame = new Frame(FrameKind.StellarAsset, null)
        {
            ContractId = contractId,
            FunctionName = function,
            Args = args,
            Instance = instance,
        };
        return WithFrame(frame, () => SacDispatch(function, args));
    }

    /// <summary>
    /// The contractimpl dispatch: the function's index among the declared names (symbol_index_in_strs),
    /// the argument count ((Context, UnexpectedSize)), each argument converted in order, the call, the
    /// result converted.
    /// </summary>
    private Val SacDispatch(Val function, Val[] args)
    {
        var names = SacV26 ? SacFunctionsV26 : SacFunctionsV21;
        var index = SymbolIndexInStrs(function, names);
        var name = names[index];
        var expected = name switch
        {
            "decimals" or "name" or "symbol" or "admin" => 0,
            "init_asset" or "balance" or "authorized" or "set_admin" or "trust" => 1,
            "allowance" or "burn" or "clawback" or "set_authorized" or "mint" => 2,
            "transfer" or "burn_from" => 3,
            "approve" or "transfer_from" => 4,
            _ => throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "unknown asset contract function"),
        };
        if (args.Length != expected)
            throw Err(SCErrorType.Context, SCErrorCode.UnexpectedSize, "wrong number of args to func", function);
        switch (name)
        {
            case "init_asset":
                SacInitAsset(ArgObject(args[0], Tag.BytesObject));
                return Val.Void;
            case "allowance":
                {
                    var from = ArgAddress(args[0]);
                    var spender = ArgAddress(args[1]);
                    return I128ToVal(SacAllowance(from, spender));
                }
            case "approve":
                {
                    var from = ArgAddress(args[0]);
                    var spender = ArgAddress(args[1]);
                    var amount = ValToI128(args[2]);
                    var liveUntil = ArgU32(args[3]);
                    SacApprove(from, spender, amount, liveUntil);
                    return Val.Void;
                }
            case "balance":
                return I128ToVal(SacBalance(ArgAddress(args[0])));
            case "authorized":
                return Val.FromBool(SacAuthorized(ArgAddress(args[0])));
            case "transfer":
                {
                    var from = ArgAddress(args[0]);
                    var to = SacMuxedTransfer ? ArgMuxedAddress(args[1]) : ArgAddress(args[1]);
                    var amount = ValToI128(args[2]);
                    SacTransfer(from, to, amount);
                    return Val.Void;
                }
            case "transfer_from":
                {
                    var spender = ArgAddress(args[0]);
                    var from = ArgAddress(args[1]);
                    var to = ArgAddress(args[2]);
                    var amount = ValToI128(args[3]);
                    SacTransferFrom(spender, from, to, amount);
                    return Val.Void;
                }
            case "burn":
                {
                    var from = ArgAddress(args[0]);
                    var amount = ValToI128(args[1]);
                    SacBurn(from, amount);
                    return Val.Void;
                }
            case "burn_from":
                {
                    var spender = ArgAddress(args[0]);
                    var from = ArgAddress(args[1]);
                    var amount = ValToI128(args[2]);
                    SacBurnFrom(spender, from, amount);
                    return Val.Void;
                }
            case "clawback":
                {
                    var from = ArgAddress(args[0]);
                    var amount = ValToI128(args[1]);
                    SacClawback(from, amount);
                    return Val.Void;
                }
            case "set_authorized":
                {
                    var addr = ArgAddress(args[0]);
                    var authorize = ArgBool(args[1]);
                    SacSetAuthorized(addr, authorize);
                    return Val.Void;
                }
            case "mint":
                {
                    var to = ArgAddress(args[0]);
                    var amount = ValToI128(args[1]);
                    SacMint(to, amount);
                    return Val.Void;
                }
            case "set_admin":
                SacSetAdmin(ArgAddress(args[0]));
                return Val.Void;
            case "admin":
                return SacReadAdministrator();
            case "decimals":
                return Val.FromU32(SacDecimals);
            case "name":
                return SacReadMetadata().Name;
            case "symbol":
                return SacReadMetadata().Symbol;
            case "trust":
                SacTrust(ArgAddress(args[0]));
                return Val.Void;
            default:
                throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "unknown asset contract function");
        }
    }

    private static Val ArgObject(Val v, Tag tag) => v.HasTag(tag) ? v : throw SacConversionError();

    private static Val ArgAddress(Val v) => ArgObject(v, Tag.AddressObject);

    private static Val ArgMuxedAddress(Val v) =>
        v.HasTag(Tag.MuxedAddressObject) || v.HasTag(Tag.AddressObject) ? v : throw SacConversionError();

    private static uint ArgU32(Val v) => v.HasTag(Tag.U32Val) ? v.AsU32 : throw SacConversionError();

    private static bool ArgBool(Val v) =>
        v.HasTag(Tag.True) ? true : v.HasTag(Tag.False) ? false : throw SacConversionError();

    // ---------------------------------------------------------------- value conversions

    private static bool FitsI128Small(Int128 v) => v >= -(Int128.One << 55) && v < (Int128.One << 55);

    /// <summary><c>i128</c> to Val: small when it fits 56 bits, else <c>obj_from_i128_pieces</c> (native).</summary>
    private Val I128ToVal(Int128 v)
    {
        if (FitsI128Small(v))
            return Val.FromSmallSigned((long)v, Tag.I128Small);
        var hi = (long)(v >> 64);
        var lo = (ulong)(v & ulong.MaxValue);
        return new Val(Invoke(Functions.HostFunctionTable.Named("obj_from_i128_pieces"), [(ulong)hi, lo]));
    }

    /// <summary>Val to <c>i128</c>: a small value directly, else the object's pieces (hi then lo, native).</summary>
    private Int128 ValToI128(Val v)
    {
        if (v.HasTag(Tag.I128Small))
            return v.SignedBody;
        if (!v.HasTag(Tag.I128Object))
            throw SacConversionError();
        var hi = (long)Invoke(Functions.HostFunctionTable.Named("obj_to_i128_hi64"), [v.Payload]);
        var lo = Invoke(Functions.HostFunctionTable.Named("obj_to_i128_lo64"), [v.Payload]);
        return (Int128)new UInt128((ulong)hi, lo);
    }

    /// <summary><c>Symbol::try_from_val(&amp;str)</c>: a small symbol when it fits, else <c>symbol_new_from_slice</c>.</summary>
    private Val SacSymbol(string s)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(s);
        return SymbolSmall.TryFromBytes(bytes, out var small) ? small : SymbolNewFromSlice(bytes);
    }

    /// <summary>A unit enum case (<c>(sym,)</c>): a one-element vector.</summary>
    private Val SacUnitCase(string name) => VecNewFromSlice([SacSymbol(name)]);

    /// <summary>A one-field enum case (<c>(sym, value)</c>): the symbol, then the value, then the vector.</summary>
    private Val SacCase(string name, Func<Val> value)
    {
        var sym = SacSymbol(name);
        var v = value();
        return VecNewFromSlice([sym, v]);
    }

    /// <summary>A contracttype struct from its map: <c>map_unpack_to_slice</c> with the sorted field names.</summary>
    private Val[] SacUnpackStruct(Val v, string[] keys)
    {
        if (!v.HasTag(Tag.MapObject))
            throw SacConversionError();
        var vals = new Val[keys.Length];
        MapUnpackToSlice(v, keys, vals);
        return vals;
    }

    private Val StorageTypeArg(StorageType t) => new((ulong)t);

    private Val SacGetContractData(Val key, StorageType t) =>
        new(Invoke(Functions.HostFunctionTable.Named("get_contract_data"), [key.Payload, (ulong)t]));

    private bool SacHasContractData(Val key, StorageType t)
    {
        var r = new Val(Invoke(Functions.HostFunctionTable.Named("has_contract_data"), [key.Payload, (ulong)t]));
        return ArgBool(r);
    }

    private void SacPutContractData(Val key, Val value, StorageType t) =>
        Invoke(Functions.HostFunctionTable.Named("put_contract_data"), [key.Payload, value.Payload, (ulong)t]);

    private void SacExtendContractDataTtl(Val key, StorageType t, uint threshold, uint extendTo) =>
        Invoke(Functions.HostFunctionTable.Named("extend_contract_data_ttl"), [key.Payload, (ulong)t, Val.FromU32(threshold).Payload, Val.FromU32(extendTo).Payload]);

    /// <summary><c>try_get_contract_data</c>: has, then get.</summary>
    private Val? SacTryGetContractData(Val key, StorageType t) =>
        SacHasContractData(key, t) ? SacGetContractData(key, t) : null;

    private void SacExtendInstance() =>
        Invoke(Functions.HostFunctionTable.Named("extend_current_contract_instance_and_code_ttl"),
            [Val.FromU32(InstanceTtlThreshold).Payload, Val.FromU32(InstanceExtendAmount).Payload]);

    private void SacRequireAuth(Val address) => Invoke("require_auth", address);

    private int SacCompare(Val a, Val b) => CompareVals(a, b);

    private void SacContractEvent(Val topics, Val data) => Invoke("contract_event", topics, data);

    /// <summary><c>Address::metered_clone</c>: a copy of the 16-byte wrapper.</summary>
    private void CloneAddress() => Budget.Charge(ContractCostType.MemCpy, 16);

    /// <summary><c>scaddress_from_address</c>: a metered clone of the address.</summary>
    private SCAddress SacScAddress(Val address)
    {
        var a = Visit<AddressObject>(address).Address;
        XdrCloneScAddress();
        return a;
    }

    private void XdrCloneScAddress() => Budget.Charge(ContractCostType.MemCpy, DeclaredSize.ScAddress(Protocol));

    /// <summary><c>account_id_from_bytesobj</c>: exactly 32 bytes, copied (MemCpy 32).</summary>
    private PublicKey AccountIdFromBytesObj(Val bytes)
    {
        var raw = FixedLengthBytes(Visit<BytesObject>(bytes).Bytes, 32);
        return new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(raw));
    }

    /// <summary><c>Address::from_account</c>: a metered clone of the account id, then a new address object.</summary>
    private Val AddressFromAccount(PublicKey account)
    {
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
        return AddObject(new AddressObject(new SCAddress.Account(account)));
    }

    private static bool SameAccount(PublicKey a, PublicKey b) =>
        ((PublicKey.PublicKeyTypeEd25519)a).Value.Equals(((PublicKey.PublicKeyTypeEd25519)b).Value);

    // ---------------------------------------------------------------- contract types

    private sealed record SacAssetInfo(int Kind, Val AssetCode, Val Issuer); // 0 native, 1 alphanum4, 2 alphanum12

    private static readonly string[] AssetInfoCases = ["Native", "AlphaNum4", "AlphaNum12"];
    private static readonly string[] AlphaNumKeys = ["asset_code", "issuer"];
    private static readonly string[] MetadataKeys = ["decimal", "name", "symbol"];
    private static readonly string[] BalanceKeys = ["amount", "authorized", "clawback"];
    private static readonly string[] AllowanceValueKeys = ["amount", "live_until_ledger"];
    private static readonly string[] AllowanceKeyKeys = ["from", "spender"];

    private Val AssetInfoToVal(SacAssetInfo info) => info.Kind switch
    {
        0 => SacUnitCase("Native"),
        _ => SacCase(info.Kind == 1 ? "AlphaNum4" : "AlphaNum12", () => MapNewFromSlices(AlphaNumKeys, [info.AssetCode, info.Issuer])),
    };

    /// <summary>AssetInfo from a Val: the vector's discriminant (vec_get 0, a symbol), its index among the cases, then the payload (vec_get 1) as the struct.</summary>
    private SacAssetInfo AssetInfoFromVal(Val v)
    {
        if (!v.HasTag(Tag.VecObject))
            throw SacConversionError();
        var disc = Invoke("vec_get", v, Val.FromU32(0));
        if (!(disc.HasTag(Tag.SymbolSmall) || disc.HasTag(Tag.SymbolObject)))
            throw SacConversionError();
        var index = SymbolIndexInStrs(disc, AssetInfoCases);
        if (index == 0)
            return new SacAssetInfo(0, Val.Void, Val.Void);
        var payload = Invoke("vec_get", v, Val.FromU32(1));
        var vals = SacUnpackStruct(payload, AlphaNumKeys);
        var code = ArgObject(vals[0], Tag.StringObject);
        var issuer = BytesNFromVal(vals[1], 32);
        return new SacAssetInfo(index, code, issuer);
    }

    /// <summary><c>BytesN::&lt;N&gt;::try_from_val</c>: a bytes object whose <c>bytes_len</c> (native) is N, else (Value, UnexpectedSize).</summary>
    private Val BytesNFromVal(Val v, uint n)
    {
        if (!v.HasTag(Tag.BytesObject))
            throw SacConversionError();
        var len = Invoke("bytes_len", v).AsU32;
        if (len != n)
            throw Err(SCErrorType.Value, SCErrorCode.UnexpectedSize, "Bytes had unexpected size", Val.FromU32(len));
        return v;
    }

    private sealed record SacMetadata(uint Decimal, Val Name, Val Symbol);

    private sealed record SacBalanceValue(Int128 Amount, bool Authorized, bool Clawback);

    private Val BalanceValueToVal(SacBalanceValue b)
    {
        var amount = I128ToVal(b.Amount);
        return MapNewFromSlices(BalanceKeys, [amount, Val.FromBool(b.Authorized), Val.FromBool(b.Clawback)]);
    }

    private SacBalanceValue BalanceValueFromVal(Val v)
    {
        var vals = SacUnpackStruct(v, BalanceKeys);
        var amount = ValToI128(vals[0]);
        var authorized = ArgBool(vals[1]);
        var clawback = ArgBool(vals[2]);
        return new SacBalanceValue(amount, authorized, clawback);
    }

    private sealed record SacAllowanceValue(Int128 Amount, uint LiveUntilLedger);

    private Val AllowanceValueToVal(SacAllowanceValue a)
    {
        var amount = I128ToVal(a.Amount);
        return MapNewFromSlices(AllowanceValueKeys, [amount, Val.FromU32(a.LiveUntilLedger)]);
    }

    private SacAllowanceValue AllowanceValueFromVal(Val v)
    {
        var vals = SacUnpackStruct(v, AllowanceValueKeys);
        var amount = ValToI128(vals[0]);
        return new SacAllowanceValue(amount, ArgU32(vals[1]));
    }

    private Val BalanceKey(Val address) => SacCase("Balance", () => address);

    private Val AllowanceKey(Val from, Val spender) =>
        SacCase("Allowance", () => MapNewFromSlices(AllowanceKeyKeys, [from, spender]));

    // ---------------------------------------------------------------- instance data

    private Val SacReadAdministrator()
    {
        var key = SacUnitCase("Admin");
        return ArgAddress(SacGetContractData(key, StorageType.Instance));
    }

    private void SacWriteAdministrator(Val address)
    {
        var key = SacUnitCase("Admin");
        SacPutContractData(key, address, StorageType.Instance);
    }

    private SacAssetInfo SacReadAssetInfo()
    {
        var key = SacUnitCase("AssetInfo");
        return AssetInfoFromVal(SacGetContractData(key, StorageType.Instance));
    }

    private void SacWriteAssetInfo(SacAssetInfo info)
    {
        var key = SacUnitCase("AssetInfo");
        var value = AssetInfoToVal(info);
        SacPutContractData(key, value, StorageType.Instance);
    }

    private bool SacHasAssetInfo()
    {
        var key = SacUnitCase("AssetInfo");
        return SacHasContractData(key, StorageType.Instance);
    }

    /// <summary>
    /// <c>read_asset</c>: the asset info as an XDR Asset (the issuer via <c>account_id_from_bytesobj</c>,
    /// then the code via <c>to_array</c>: string_len, the size check, string_copy_to_slice).
    /// </summary>
    private Asset SacReadAsset()
    {
        var info = SacReadAssetInfo();
        if (info.Kind == 0)
            return Asset.Native.Instance;
        var issuer = AccountIdFromBytesObj(info.Issuer);
        var code = StringToArray(info.AssetCode, info.Kind == 1 ? 4 : 12);
        return info.Kind == 1
            ? new Asset.CreditAlphanum4(new AlphaNum4 { AssetCode = AssetCode4.FromBytes(code), Issuer = issuer })
            : new Asset.CreditAlphanum12(new AlphaNum12 { AssetCode = AssetCode12.FromBytes(code), Issuer = issuer });
    }

    /// <summary><c>String::to_array::&lt;N&gt;</c>: string_len (native), exactly N ((Value, UnexpectedSize)), string_copy_to_slice.</summary>
    private byte[] StringToArray(Val s, int n)
    {
        var len = Invoke("string_len", s).AsU32;
        if (len != (uint)n)
            throw Err(SCErrorType.Value, SCErrorCode.UnexpectedSize, "String had unexpected size", Val.FromU32(len));
        var buf = new byte[n];
        StringCopyToSlice(s, 0, buf);
        return buf;
    }

    private SacMetadata SacReadMetadata()
    {
        var key = SymbolSmall.FromString("METADATA");
        var v = SacGetContractData(key, StorageType.Instance);
        var vals = SacUnpackStruct(v, MetadataKeys);
        var dec = ArgU32(vals[0]);
        var name = ArgObject(vals[1], Tag.StringObject);
        var symbol = ArgObject(vals[2], Tag.StringObject);
        return new SacMetadata(dec, name, symbol);
    }

    private Val SacReadName() => SacReadMetadata().Name;

    /// <summary>
    /// <c>set_metadata</c>: "native" for the native asset, else the SEP-11 rendering (the code's
    /// bytes, a MemAlloc of the buffer's capacity plus the strkey's length, the symbol string, then
    /// the issuer's bytes and the "CODE:ISSUER" name string), stored under METADATA.
    /// </summary>
    private void SacSetMetadata()
    {
        var info = SacReadAssetInfo();
        Val name, symbol;
        if (info.Kind == 0)
        {
            name = StringNewFromSlice("native"u8);
            symbol = name;
        }
        else
        {
            var n = info.Kind == 1 ? 4 : 12;
            var code = StringToArray(info.AssetCode, n);
            const int strkeyLen = 56;
            var capacity = (ulong)(n * 4 + 1 + strkeyLen);
            Budget.Charge(ContractCostType.MemAlloc, capacity + strkeyLen);
            var rendered = RenderSep0011AssetCode(code);
            symbol = StringNewFromSlice(System.Text.Encoding.ASCII.GetBytes(rendered));
            var issuer = new byte[32];
            BytesCopyToSlice(info.Issuer, 0, issuer);
            var full = rendered + ":" + Stellar.Domain.StrKey.Encode(Stellar.Domain.StrKeyKind.AccountId, issuer);
            name = StringNewFromSlice(System.Text.Encoding.ASCII.GetBytes(full));
        }
        var key = SymbolSmall.FromString("METADATA");
        var value = MapNewFromSlices(MetadataKeys, [Val.FromU32(SacDecimals), name, symbol]);
        SacPutContractData(key, value, StorageType.Instance);
    }

    /// <summary>SEP-11 asset code rendering: trailing zeros end a 4-byte code (after 5 for a 12-byte one); ':' '\\' and bytes outside 0x21-0x7e as \xNN.</summary>
    public static string RenderSep0011AssetCode(ReadOnlySpan<byte> buf)
    {
        if (buf.Length != 4 && buf.Length != 12)
            throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "asset code of unexpected length");
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < buf.Length; i++)
        {
            var x = buf[i];
            if (x == 0 && buf.Length == 4)
                break;
            if (x == 0 && buf.Length == 12 && i > 4)
                break;
            if (x == (byte)':' || x == (byte)'\\' || x <= 0x20 || x >= 0x7f)
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\x{x:x2}");
            else
                sb.Append((char)x);
        }
        return sb.ToString();
    }

    // ---------------------------------------------------------------- creation

    /// <summary>
    /// <c>init_asset</c>: already initialized is AlreadyInitializedError; the asset read from its
    /// XDR (ValDeser of the length) and validated; the current contract must be the asset's contract
    /// id; for credit assets the issuer becomes admin; the asset info and the metadata are stored.
    /// </summary>
    private void SacInitAsset(Val assetBytes)
    {
        if (SacHasAssetInfo())
            throw SacError(SacAlreadyInitialized, "StellarAssetContract has been already initialized");
        var asset = MeteredReadAsset(Visit<BytesObject>(assetBytes).Bytes);
        ValidateAsset(asset);
        var current = CurrentContractId();
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Asset);
        var expected = AssetContractIdHash(asset);
        if (current != expected)
        {
            throw SacV26
                ? Err(SCErrorType.Context, SCErrorCode.InternalError, "bad id for asset contract")
                : SacError(SacInternalError, "bad id for asset contract");
        }
        switch (asset)
        {
            case Asset.Native:
                SacWriteAssetInfo(new SacAssetInfo(0, Val.Void, Val.Void));
                break;
            case Asset.CreditAlphanum4 a4:
                SacInitCredit(1, a4.Value.AssetCode.ToArray(), a4.Value.Issuer);
                break;
            case Asset.CreditAlphanum12 a12:
                SacInitCredit(2, a12.Value.AssetCode.ToArray(), a12.Value.Issuer);
                break;
        }
        SacSetMetadata();
    }

    private void SacInitCredit(int kind, byte[] code, PublicKey issuer)
    {
        SacWriteAdministrator(AddressFromAccount(issuer));
        var codeStr = StringNewFromSlice(code);
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId); // u256_from_account: a metered clone of the id
        var issuerBytes = BytesNewFromSlice(((PublicKey.PublicKeyTypeEd25519)issuer).Value.ToArray());
        issuerBytes = BytesNFromVal(issuerBytes, 32);
        SacWriteAssetInfo(new SacAssetInfo(kind, codeStr, issuerBytes));
    }

    /// <summary><c>metered_from_xdr</c> of an Asset: ValDeser of the length, then a decode using every byte.</summary>
    private Asset MeteredReadAsset(ReadOnlySpan<byte> bytes)
    {
        Budget.Charge(ContractCostType.ValDeser, (ulong)bytes.Length);
        try
        {
            return XdrCodec.Decode<Asset>(bytes, XdrLimits.DefaultMaxDepth);
        }
        catch (XdrException e)
        {
            throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "malformed XDR: " + e.Message);
        }
    }

    /// <summary><c>validate_asset</c>: a credit code is ASCII alphanumerics then only zeros, at least one character, and more than 4 for AlphaNum12.</summary>
    private void ValidateAsset(Asset asset)
    {
        byte[] code;
        switch (asset)
        {
            case Asset.CreditAlphanum4 a4: code = a4.Value.AssetCode.ToArray(); break;
            case Asset.CreditAlphanum12 a12: code = a12.Value.AssetCode.ToArray(); break;
            default: return;
        }
        var hadZero = false;
        var nonZero = 0;
        foreach (var c in code)
        {
            if (c == 0)
                hadZero = true;
            else if (hadZero)
                throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "asset code can't have 0 character in the middle");
            else
            {
                if (c > 0x7f || !char.IsAsciiLetterOrDigit((char)c))
                    throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "asset code has invalid character", Val.FromU32(c));
                nonZero++;
            }
        }
        if (nonZero == 0)
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "asset code doesn't have non-0 characters");
        if (nonZero <= 4 && code.Length > 4)
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "asset codes with 4 characters or less should have `CreditAlphanum4` type");
    }

    /// <summary>
    /// <c>get_asset_contract_id_hash</c>: the network id (get_ledger_network_id, native, then 32 bytes
    /// copied), the metered XDR of HashIdPreimage::ContractId with the asset, its SHA-256.
    /// </summary>
    private Hash AssetContractIdHash(Asset asset)
    {
        var networkId = HashFromBytesObjInput(new Val(Invoke(Functions.HostFunctionTable.Named("get_ledger_network_id"), [])));
        return Hash.FromBytes(MeteredHashContractIdPreimage(networkId, new ContractIDPreimage.Asset(asset)));
    }

    /// <summary>
    /// <c>maybe_initialize_stellar_asset_contract</c>: the asset's metered XDR as a new bytes object,
    /// passed to <c>init_asset</c> as an external call.
    /// </summary>
    private void InitializeAssetContract(Hash contractId, Asset asset)
    {
        var bytes = MeteredXdr.WriteAsset(Budget, asset);
        var name = SacSymbol("init_asset");
        var arg = AddObject(new BytesObject(bytes));
        CallN(contractId, name, [arg]);
    }

    /// <summary><c>create_asset_contract</c> (host function): the asset from XDR, then creation without a deployer.</summary>
    internal Val CreateAssetContract(Val serializedAsset)
    {
        var asset = MeteredReadAsset(Visit<BytesObject>(serializedAsset).Bytes);
        return CreateContractInternal(null, new ContractIDPreimage.Asset(asset), ContractExecutable.StellarAsset.Instance, [], []);
    }

    /// <summary><c>get_asset_contract_id</c> (host function): the asset from XDR, its contract id as an address.</summary>
    internal Val GetAssetContractId(Val serializedAsset)
    {
        var asset = MeteredReadAsset(Visit<BytesObject>(serializedAsset).Bytes);
        var id = AssetContractIdHash(asset);
        return AddObject(new AddressObject(new SCAddress.Contract(id)));
    }

    // ---------------------------------------------------------------- token interface

    private void CheckNonnegativeAmount(Int128 amount)
    {
        if (amount < 0)
            throw SacErrorWithDebugArgs(SacNegativeAmount, "negative amount is not allowed", () => [I128ToVal(amount)]);
    }

    private void CheckNonNative()
    {
        if (SacReadAssetInfo().Kind == 0)
            throw SacError(SacOperationNotSupported, "operation invalid on native asset");
    }

    private bool IsIssuer(Val address)
    {
        var info = SacReadAssetInfo();
        if (info.Kind == 0)
            return false;
        var issuerId = AccountIdFromBytesObj(info.Issuer);
        var issuerAddress = AddressFromAccount(issuerId);
        return SacCompare(issuerAddress, address) == 0;
    }

    private void CheckNotIssuer(Val address)
    {
        if (IsIssuer(address))
            throw SacError(SacOperationNotSupported, "operation invalid on issuer");
    }

    private Int128 SacAllowance(Val from, Val spender)
    {
        SacExtendInstance();
        return ReadAllowance(from, spender);
    }

    private void SacApprove(Val from, Val spender, Int128 amount, uint liveUntil)
    {
        CheckNonnegativeAmount(amount);
        SacRequireAuth(from);
        SacExtendInstance();
        CloneAddress();
        CloneAddress();
        WriteAllowance(from, spender, amount, liveUntil);
        // event::approve
        var sym = SacSymbol("approve");
        var name = SacReadName();
        var topics = VecNewFromSlice([sym, from, spender, name]);
        var amountVal = I128ToVal(amount);
        var data = VecNewFromSlice([amountVal, Val.FromU32(liveUntil)]);
        SacContractEvent(topics, data);
    }

    private Int128 SacBalance(Val address)
    {
        SacExtendInstance();
        return ReadBalance(address);
    }

    private bool SacAuthorized(Val address)
    {
        SacExtendInstance();
        return IsAuthorized(address);
    }

    private void SacTransfer(Val from, Val toMux, Int128 amount)
    {
        CheckNonnegativeAmount(amount);
        var to = toMux;
        if (toMux.HasTag(Tag.MuxedAddressObject))
            to = Invoke("get_address_from_muxed_address", toMux);
        SacRequireAuth(from);
        SacExtendInstance();
        CloneAddress();
        SpendBalance(from, amount);
        CloneAddress();
        ReceiveBalance(to, amount);
        if (SacMuxedTransfer)
        {
            ulong? id = null;
            if (toMux.HasTag(Tag.MuxedAddressObject))
            {
                var idVal = Invoke("get_id_from_muxed_address", toMux);
                id = idVal.HasTag(Tag.U64Small) ? idVal.Body
                    : idVal.HasTag(Tag.U64Object) ? Invoke(Functions.HostFunctionTable.Named("obj_to_u64"), [idVal.Payload])
                    : throw SacConversionError();
            }
            EventTransferMaybeWithIssuer(from, to, id, amount);
        }
        else
            EventTransfer(from, to, null, amount);
    }

    private void SacTransferFrom(Val spender, Val from, Val to, Int128 amount)
    {
        CheckNonnegativeAmount(amount);
        SacRequireAuth(spender);
        SacExtendInstance();
        CloneAddress();
        SpendAllowance(from, spender, amount);
        CloneAddress();
        SpendBalance(from, amount);
        CloneAddress();
        ReceiveBalance(to, amount);
        if (SacMuxedTransfer)
            EventTransferMaybeWithIssuer(from, to, null, amount);
        else
            EventTransfer(from, to, null, amount);
    }

    private void SacBurn(Val from, Int128 amount)
    {
        CheckNonnegativeAmount(amount);
        CheckNonNative();
        CheckNotIssuer(from);
        SacRequireAuth(from);
        SacExtendInstance();
        CloneAddress();
        SpendBalance(from, amount);
        EventBurn(from, amount);
    }

    private void SacBurnFrom(Val spender, Val from, Int128 amount)
    {
        CheckNonnegativeAmount(amount);
        CheckNonNative();
        CheckNotIssuer(from);
        SacRequireAuth(spender);
        SacExtendInstance();
        CloneAddress();
        SpendAllowance(from, spender, amount);
        CloneAddress();
        SpendBalance(from, amount);
        EventBurn(from, amount);
    }

    private void SacClawback(Val from, Int128 amount)
    {
        CheckNonnegativeAmount(amount);
        CloneAddress();
        CheckClawbackable(from);
        CheckNotIssuer(from);
        var admin = SacReadAdministrator();
        SacRequireAuth(admin);
        SacExtendInstance();
        CloneAddress();
        SpendBalanceNoAuthorizationCheck(from, amount);
        // event::clawback
        var sym = SacSymbol("clawback");
        var name = SacReadName();
        var topics = SacEventsWithAdmin ? VecNewFromSlice([sym, admin, from, name]) : VecNewFromSlice([sym, from, name]);
        SacContractEvent(topics, I128ToVal(amount));
    }

    private void SacSetAuthorized(Val address, bool authorize)
    {
        var admin = SacReadAdministrator();
        SacRequireAuth(admin);
        SacExtendInstance();
        CloneAddress();
        WriteAuthorization(address, authorize);
        var sym = SacSymbol("set_authorized");
        var name = SacReadName();
        var topics = SacEventsWithAdmin ? VecNewFromSlice([sym, admin, address, name]) : VecNewFromSlice([sym, address, name]);
        SacContractEvent(topics, Val.FromBool(authorize));
    }

    private void SacMint(Val to, Int128 amount)
    {
        CheckNonnegativeAmount(amount);
        CheckNotIssuer(to);
        var admin = SacReadAdministrator();
        SacRequireAuth(admin);
        SacExtendInstance();
        CloneAddress();
        ReceiveBalance(to, amount);
        if (SacEventsWithAdmin)
        {
            var sym = SacSymbol("mint");
            var name = SacReadName();
            var topics = VecNewFromSlice([sym, admin, to, name]);
            SacContractEvent(topics, I128ToVal(amount));
        }
        else
            EventMint(to, null, amount);
    }

    private void SacSetAdmin(Val newAdmin)
    {
        var admin = SacReadAdministrator();
        SacRequireAuth(admin);
        SacExtendInstance();
        CloneAddress();
        SacWriteAdministrator(newAdmin);
        var sym = SacSymbol("set_admin");
        var name = SacReadName();
        var topics = VecNewFromSlice([sym, admin, name]);
        SacContractEvent(topics, newAdmin);
    }

    private void SacTrust(Val address)
    {
        SacExtendInstance();
        CreateTrustlineIfNeeded(address);
    }

    // ---------------------------------------------------------------- events

    private void EventTransferMaybeWithIssuer(Val from, Val to, ulong? toMuxId, Int128 amount)
    {
        if (SacCompare(from, to) == 0)
            EventTransfer(from, to, toMuxId, amount);
        else if (IsIssuer(from))
            EventMint(to, toMuxId, amount);
        else if (IsIssuer(to))
            EventBurn(from, amount);
        else
            EventTransfer(from, to, toMuxId, amount);
    }

    /// <summary>The amount, or (with a muxed id) a map {amount, to_muxed_id} built by map_new and map_put.</summary>
    private Val AmountDataMaybeMuxed(Int128 amount, ulong? toMuxId)
    {
        if (toMuxId is not { } id)
            return I128ToVal(amount);
        var map = Invoke("map_new");
        map = Invoke("map_put", map, SymbolSmall.FromString("amount"), I128ToVal(amount));
        var key = SacSymbol("to_muxed_id");
        map = Invoke("map_put", map, key, U64ToVal(id));
        return map;
    }

    private void EventTransfer(Val from, Val to, ulong? toMuxId, Int128 amount)
    {
        var sym = SacSymbol("transfer");
        var name = SacReadName();
        var topics = VecNewFromSlice([sym, from, to, name]);
        SacContractEvent(topics, SacMuxedTransfer ? AmountDataMaybeMuxed(amount, toMuxId) : I128ToVal(amount));
    }

    private void EventMint(Val to, ulong? toMuxId, Int128 amount)
    {
        var sym = SacSymbol("mint");
        var name = SacReadName();
        var topics = VecNewFromSlice([sym, to, name]);
        SacContractEvent(topics, AmountDataMaybeMuxed(amount, toMuxId));
    }

    private void EventBurn(Val from, Int128 amount)
    {
        var sym = SacSymbol("burn");
        var name = SacReadName();
        var topics = VecNewFromSlice([sym, from, name]);
        SacContractEvent(topics, I128ToVal(amount));
    }

    // ---------------------------------------------------------------- allowances

    private Int128 ReadAllowance(Val from, Val spender)
    {
        var key = AllowanceKey(from, spender);
        if (SacTryGetContractData(key, StorageType.Temporary) is not { } raw)
            return 0;
        var value = AllowanceValueFromVal(raw);
        var seq = Invoke("get_ledger_sequence").AsU32;
        return value.LiveUntilLedger < seq ? 0 : value.Amount;
    }

    private void WriteAllowance(Val from, Val spender, Int128 amount, uint liveUntil)
    {
        var info = RequireLedger();
        if (liveUntil > MaxLiveUntilLedger())
            throw SacErrorWithDebugArgs(SacAllowanceError, "live_until is greater than max", () => [Val.FromU32(liveUntil), Val.FromU32(info.MaxEntryTtl)]);
        if (amount > 0 && liveUntil < info.SequenceNumber)
            throw SacErrorWithDebugArgs(SacAllowanceError, "live_until must be >= ledger sequence", () => [Val.FromU32(liveUntil), Val.FromU32(info.SequenceNumber)]);
        var ledgerSeq = info.SequenceNumber;
        SacAllowanceValue? value = null;
        uint? oldLiveUntil = null;
        if (SacTryGetContractData(AllowanceKey(from, spender), StorageType.Temporary) is { } existing)
        {
            var updated = AllowanceValueFromVal(existing);
            oldLiveUntil = updated.LiveUntilLedger;
            value = new SacAllowanceValue(amount, liveUntil);
        }
        else if (amount > 0)
            value = new SacAllowanceValue(amount, liveUntil);
        if (value is null)
            return;
        var putKey = AllowanceKey(from, spender);
        SacPutContractData(putKey, AllowanceValueToVal(value), StorageType.Temporary);
        if (value.Amount > 0 && (oldLiveUntil ?? 0) < liveUntil)
        {
            var liveFor = liveUntil > ledgerSeq ? liveUntil - ledgerSeq : 0;
            if (Protocol < 23)
                liveFor = liveFor == uint.MaxValue ? liveFor : liveFor + 1;
            SacExtendContractDataTtl(AllowanceKey(from, spender), StorageType.Temporary, liveFor, liveFor);
        }
    }

    private void SpendAllowance(Val from, Val spender, Int128 amount)
    {
        CloneAddress();
        CloneAddress();
        var allowance = ReadAllowance(from, spender);
        if (allowance < amount)
            throw SacErrorWithDebugArgs(SacAllowanceError, "not enough allowance to spend", () => [I128ToVal(allowance), I128ToVal(amount)]);
        if (amount > 0)
        {
            var newAllowance = allowance - amount;
            // write_allowance_amount
            CloneAddress();
            CloneAddress();
            var key = AllowanceKey(from, spender);
            var current = AllowanceValueFromVal(SacGetContractData(key, StorageType.Temporary));
            WriteAllowance(from, spender, newAllowance, current.LiveUntilLedger);
        }
    }

    // ---------------------------------------------------------------- balances

    private HostError UnexpectedAddressKind(Val address) =>
        Err(SCErrorType.Object, SCErrorCode.InternalError, "Unexpected ScAddress type", address);

    private Int128 ReadBalance(Val address)
    {
        switch (SacScAddress(address))
        {
            case SCAddress.Account a:
                return GetClassicBalance(a.Value, address);
            case SCAddress.Contract:
                {
                    var key = BalanceKey(address);
                    if (SacTryGetContractData(key, StorageType.Persistent) is not { } raw)
                        return 0;
                    SacExtendContractDataTtl(BalanceKey(address), StorageType.Persistent, BalanceTtlThreshold, BalanceExtendAmount);
                    return BalanceValueFromVal(raw).Amount;
                }
            default:
                throw UnexpectedAddressKind(address);
        }
    }

    private void WriteContractBalance(Val address, SacBalanceValue balance)
    {
        var key = BalanceKey(address);
        SacPutContractData(key, BalanceValueToVal(balance), StorageType.Persistent);
        SacExtendContractDataTtl(BalanceKey(address), StorageType.Persistent, BalanceTtlThreshold, BalanceExtendAmount);
    }

    private void ReceiveBalance(Val address, Int128 amount)
    {
        CloneAddress();
        if (!IsAuthorized(address))
            throw SacError(SacBalanceDeauthorized, "balance is deauthorized");
        switch (SacScAddress(address))
        {
            case SCAddress.Account a:
                if (amount > long.MaxValue || amount < long.MinValue)
                    throw SacError(SacOverflow, "received amount is too large for an i64");
                TransferClassicBalance(a.Value, (long)amount, address);
                return;
            case SCAddress.Contract:
                {
                    CloneAddress();
                    var key = BalanceKey(address);
                    var balance = SacTryGetContractData(key, StorageType.Persistent) is { } raw
                        ? BalanceValueFromVal(raw)
                        : new SacBalanceValue(0, true, IsAssetIssuerFlagSet(AuthClawbackEnabledFlag));
                    var sum = balance.Amount + amount;
                    if ((amount > 0 && sum < balance.Amount) || (amount < 0 && sum > balance.Amount))
                        throw SacError(SacOverflow, "balance overflow in receive_balance");
                    WriteContractBalance(address, balance with { Amount = sum });
                    return;
                }
            default:
                throw UnexpectedAddressKind(address);
        }
    }

    private void SpendBalanceNoAuthorizationCheck(Val address, Int128 amount)
    {
        switch (SacScAddress(address))
        {
            case SCAddress.Account a:
                if (amount > long.MaxValue || amount < long.MinValue)
                    throw SacError(SacOverflow, "spent amount is too large for an i64");
                var i64 = (long)amount;
                if (i64 == long.MinValue)
                    throw ArithOverflow();
                TransferClassicBalance(a.Value, -i64, address);
                return;
            case SCAddress.Contract:
                {
                    CloneAddress();
                    var key = BalanceKey(address);
                    if (SacTryGetContractData(key, StorageType.Persistent) is { } raw)
                    {
                        var balance = BalanceValueFromVal(raw);
                        if (balance.Amount < amount)
                            throw SacErrorWithDebugArgs(SacBalanceError, "balance is not sufficient to spend", () => [BalanceValueToVal(balance), I128ToVal(amount)]);
                        var diff = balance.Amount - amount;
                        if ((amount > 0 && diff > balance.Amount) || (amount < 0 && diff < balance.Amount))
                            throw SacError(SacOverflow, "balance overflow in spend_balance_no_authorization_check");
                        WriteContractBalance(address, balance with { Amount = diff });
                    }
                    else if (amount > 0)
                        throw SacErrorWithDebugArgs(SacBalanceError, "zero balance is not sufficient to spend", () => [I128ToVal(amount)]);
                    return;
                }
            default:
                throw UnexpectedAddressKind(address);
        }
    }

    private void SpendBalance(Val address, Int128 amount)
    {
        CloneAddress();
        if (!IsAuthorized(address))
            throw SacError(SacBalanceDeauthorized, "balance is deauthorized");
        SpendBalanceNoAuthorizationCheck(address, amount);
    }

    private bool IsAuthorized(Val address)
    {
        switch (SacScAddress(address))
        {
            case SCAddress.Account a:
                return IsAccountAuthorized(a.Value);
            case SCAddress.Contract:
                {
                    var key = BalanceKey(address);
                    if (SacTryGetContractData(key, StorageType.Persistent) is { } raw)
                        return BalanceValueFromVal(raw).Authorized;
                    return !IsAssetIssuerFlagSet(AuthRequiredFlag);
                }
            default:
                throw UnexpectedAddressKind(address);
        }
    }

    private void WriteAuthorization(Val address, bool authorize)
    {
        if (!authorize && !IsAssetIssuerFlagSet(AuthRevocableFlag))
            throw SacError(SacOperationNotSupported, "issuer does not have AUTH_REVOCABLE set");
        switch (SacScAddress(address))
        {
            case SCAddress.Account a:
                SetAuthorization(a.Value, authorize);
                return;
            case SCAddress.Contract:
                {
                    CloneAddress();
                    var key = BalanceKey(address);
                    SacBalanceValue balance;
                    if (SacTryGetContractData(key, StorageType.Persistent) is { } raw)
                        balance = BalanceValueFromVal(raw) with { Authorized = authorize };
                    else
                        balance = new SacBalanceValue(0, authorize, IsAssetIssuerFlagSet(AuthClawbackEnabledFlag));
                    WriteContractBalance(address, balance);
                    return;
                }
            default:
                throw UnexpectedAddressKind(address);
        }
    }

    /// <summary>The trustline asset and the issuer (a metered clone) of the contract's credit asset; null for the native asset.</summary>
    private (TrustLineAsset Asset, PublicKey Issuer)? CreditAssetAndIssuer(Asset asset)
    {
        switch (asset)
        {
            case Asset.CreditAlphanum4 a4:
                Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
                return (new TrustLineAsset.CreditAlphanum4(a4.Value), a4.Value.Issuer);
            case Asset.CreditAlphanum12 a12:
                Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
                return (new TrustLineAsset.CreditAlphanum12(a12.Value), a12.Value.Issuer);
            default:
                return null;
        }
    }

    private void CheckClawbackable(Val address)
    {
        switch (SacScAddress(address))
        {
            case SCAddress.Account a:
                {
                    if (CreditAssetAndIssuer(SacReadAsset()) is not { } credit)
                        throw SacError(SacOperationNotSupported, "cannot clawback native asset");
                    if (SameAccount(credit.Issuer, a.Value))
                        throw SacError(SacOperationNotSupported, "cannot clawback from issuer");
                    var flags = GetTrustlineFlags(a.Value, credit.Asset);
                    if ((flags & TrustlineClawbackEnabledFlag) == 0)
                        throw SacError(SacBalanceError, "trustline isn't clawbackable");
                    return;
                }
            case SCAddress.Contract:
                {
                    var key = BalanceKey(address);
                    if (SacTryGetContractData(key, StorageType.Persistent) is { } raw)
                    {
                        if (!BalanceValueFromVal(raw).Clawback)
                            throw SacError(SacBalanceError, "balance isn't clawbackable");
                    }
                    else
                        throw SacError(SacBalanceError, "no balance to clawback");
                    return;
                }
            default:
                throw UnexpectedAddressKind(address);
        }
    }

    private void TransferClassicBalance(PublicKey account, long amount, Val address)
    {
        var asset = SacReadAsset();
        if (CreditAssetAndIssuer(asset) is { } credit)
        {
            if (SameAccount(credit.Issuer, account))
                return;
            TransferTrustlineBalance(account, credit.Asset, amount);
        }
        else
            TransferAccountBalance(account, amount, address);
    }

    private long GetClassicBalance(PublicKey account, Val address)
    {
        var asset = SacReadAsset();
        if (CreditAssetAndIssuer(asset) is { } credit)
        {
            if (SameAccount(credit.Issuer, account))
                return long.MaxValue;
            return GetTrustlineBalance(account, credit.Asset);
        }
        return GetAccountBalance(account, address);
    }

    private LedgerKey AccountKey(PublicKey account)
    {
        ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
        return new LedgerKey.Account(new LedgerKeyAccount { AccountID = account });
    }

    private LedgerKey TrustlineKey(PublicKey account, TrustLineAsset asset)
    {
        ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
        return new LedgerKey.Trustline(new LedgerKeyTrustLine { AccountID = account, Asset = asset });
    }

    /// <summary><c>modify_ledger_entry_data</c>: the original's ext (a metered clone) around the new data, allocated.</summary>
    private LedgerEntry ModifyLedgerEntryData(LedgerEntry original, LedgerEntryData data)
    {
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.LedgerEntryExt);
        ChargeHeapAlloc(1, DeclaredSize.LedgerEntry);
        return new LedgerEntry { LastModifiedLedgerSeq = 0, Data = data, Ext = original.Ext };
    }

    private static T XdrCopy<T>(T value) where T : IXdrType<T> => XdrCodec.Decode<T>(XdrCodec.Encode(value), XdrLimits.DefaultMaxDepth);

    /// <summary>
    /// AccountMissingError with the account's address: the contract's argument from protocol 26;
    /// before, a new address object made from the key (<c>account_address_from_key</c>: a metered
    /// clone of the account id).
    /// </summary>
    private HostError AccountMissing(Val address, LedgerKey key)
    {
        if (!SacV26)
        {
            Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
            address = AddObject(new AddressObject(new SCAddress.Account(((LedgerKey.Account)key).Value.AccountID)));
        }
        return SacError(SacAccountMissing, "account entry is missing", address);
    }

    private void TransferAccountBalance(PublicKey account, long amount, Val address)
    {
        if (SacV26)
            Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
        var key = AccountKey(account);
        var existing = StorageTryGetFull(key, null)?.Entry;
        if (existing is null)
        {
            if (!SacV26)
                throw AccountMissing(address, key);
            CreateAccountOnReceive(account, amount, key, address);
            return;
        }
        if (existing.Data is not LedgerEntryData.Account ad)
            throw UnexpectedEntry();
        XdrClones.AccountEntry(Budget, ad.Value, Protocol);
        var ae = XdrCopy(ad.Value);
        var (min, max) = MinMaxAccountBalance(ae);
        var newBalance = ae.Balance + amount;
        if ((amount > 0 && newBalance < ae.Balance) || (amount < 0 && newBalance > ae.Balance))
            throw SacError(SacBalanceError, "resulting balance overflow");
        if (newBalance < min || newBalance > max)
            throw SacErrorWithDebugArgs(SacBalanceError, "resulting balance is not within the allowed range",
                () => [I64ToValDebug(min), I64ToValDebug(newBalance), I64ToValDebug(max)]);
        ae.Balance = newBalance;
        var updated = ModifyLedgerEntryData(existing, new LedgerEntryData.Account(ae));
        StoragePut(key, updated, null, null);
    }

    private Val I64ToValDebug(long v) =>
        v >= -(1L << 55) && v < (1L << 55) ? Val.FromSmallSigned(v, Tag.I64Small) : new Val(Invoke(Functions.HostFunctionTable.Named("obj_from_i64"), [(ulong)v]));

    /// <summary>Protocol 26: a receive to a missing native account creates it (at least twice the base reserve).</summary>
    private void CreateAccountOnReceive(PublicKey account, long amount, LedgerKey key, Val address)
    {
        if (amount <= 0)
            throw AccountMissing(address, key);
        var info = RequireLedger();
        var minNew = 2L * info.BaseReserve;
        if (amount < minNew)
            throw SacErrorWithDebugArgs(SacInsufficientAccountReserve, "transfer amount is below minimum balance for new account",
                () => [I64ToValDebug(amount), I64ToValDebug(minNew)]);
        if (info.SequenceNumber > int.MaxValue)
            throw Err(SCErrorType.Context, SCErrorCode.InternalError, "ledger sequence number overflow in starting sequence calculation");
        var entry = new AccountEntry
        {
            AccountID = account,
            Balance = amount,
            SeqNum = (long)info.SequenceNumber << 32,
            NumSubEntries = 0,
            InflationDest = null,
            Flags = 0,
            HomeDomain = new XdrString([]),
            Thresholds = Thresholds.FromBytes([1, 0, 0, 0]),
            Signers = [],
            Ext = AccountEntryExt.V0.Instance,
        };
        ChargeHeapAlloc(1, DeclaredSize.LedgerEntry);
        var le = new LedgerEntry { LastModifiedLedgerSeq = 0, Data = new LedgerEntryData.Account(entry), Ext = LedgerEntryExt.V0.Instance };
        StoragePut(key, le, null, null);
    }

    private LedgerEntry ReadAccountEntry(LedgerKey key, Val address) =>
        StorageTryGetFull(key, null)?.Entry ?? throw AccountMissing(address, key);

    private LedgerEntry ReadTrustlineEntry(LedgerKey key)
    {
        if (StorageTryGetFull(key, null)?.Entry is { } e)
            return e;
        var account = ((LedgerKey.Trustline)key).Value.AccountID;
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
        var accountAddress = AddObject(new AddressObject(new SCAddress.Account(account)));
        throw SacError(SacTrustlineMissing, "trustline entry is missing for account", accountAddress);
    }

    private void TransferTrustlineBalance(PublicKey account, TrustLineAsset asset, long amount)
    {
        var key = TrustlineKey(account, asset);
        var le = ReadTrustlineEntry(key);
        if (le.Data is not LedgerEntryData.Trustline td)
            throw UnexpectedEntry();
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.TrustLineEntry);
        var tl = XdrCopy(td.Value);
        var (min, max) = MinMaxTrustlineBalance(tl);
        var newBalance = tl.Balance + amount;
        if ((amount > 0 && newBalance < tl.Balance) || (amount < 0 && newBalance > tl.Balance))
            throw SacError(SacBalanceError, "resulting balance overflow");
        if (newBalance < min || newBalance > max)
            throw SacErrorWithDebugArgs(SacBalanceError, "resulting balance is not within the allowed range",
                () => [I64ToValDebug(min), I64ToValDebug(newBalance), I64ToValDebug(max)]);
        tl.Balance = newBalance;
        var updated = ModifyLedgerEntryData(le, new LedgerEntryData.Trustline(tl));
        StoragePut(key, updated, null, null);
    }

    private HostError UnexpectedEntry() => SacInternal("unexpected entry found");

    /// <summary>An inconsistency in a classic entry: a host (Storage, InternalError) from protocol 26, the contract's InternalError (1) before.</summary>
    private HostError SacInternal(string message) =>
        SacV26 ? Err(SCErrorType.Storage, SCErrorCode.InternalError, message) : SacError(SacInternalError, message);

    private long GetAccountBalance(PublicKey account, Val address)
    {
        var key = AccountKey(account);
        var le = ReadAccountEntry(key, address);
        if (le.Data is not LedgerEntryData.Account ad)
            throw UnexpectedEntry();
        var (min, max) = MinMaxAccountBalance(ad.Value);
        if (ad.Value.Balance < min)
            throw SacInternal("account has balance < minimum");
        if (ad.Value.Balance > max)
            throw SacInternal("account has balance > maximum");
        return ad.Value.Balance;
    }

    private (long Min, long Max) MinMaxAccountBalance(AccountEntry ae)
    {
        if (ae.Balance < 0)
            throw SacInternal("initial balance is negative");
        long baseReserve = RequireLedger().BaseReserve;
        if (ae.Ext is AccountEntryExt.V1 v1)
        {
            long net;
            try
            {
                net = checked(2L + ae.NumSubEntries);
                if (v1.Value.Ext is AccountEntryExtensionV1Ext.V2 v2)
                    net = checked(net + v2.Value.NumSponsoring - v2.Value.NumSponsored);
                var min = checked(net * baseReserve + v1.Value.Liabilities.Selling);
                var max = checked(long.MaxValue - v1.Value.Liabilities.Buying);
                return (min, max);
            }
            catch (OverflowException)
            {
                throw ArithOverflow();
            }
        }
        try
        {
            return (checked((2L + ae.NumSubEntries) * baseReserve), long.MaxValue);
        }
        catch (OverflowException)
        {
            throw ArithOverflow();
        }
    }

    private long GetTrustlineBalance(PublicKey account, TrustLineAsset asset)
    {
        var key = TrustlineKey(account, asset);
        var le = ReadTrustlineEntry(key);
        if (le.Data is not LedgerEntryData.Trustline td)
            throw UnexpectedEntry();
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.TrustLineEntry);
        var tl = td.Value;
        var (min, max) = MinMaxTrustlineBalance(tl);
        if (tl.Balance < min)
            throw SacInternal("trustline has balance < minimum");
        if (tl.Balance > max)
            throw SacInternal("trustline has balance > maximum");
        return tl.Balance;
    }

    private (long Min, long Max) MinMaxTrustlineBalance(TrustLineEntry tl)
    {
        if (tl.Balance < 0)
            throw SacInternal("initial balance is negative");
        if (tl.Ext is TrustLineEntryExt.V1 v1)
        {
            if (tl.Limit < v1.Value.Liabilities.Buying)
                throw SacInternal("limit is lower than liabilities");
            return (v1.Value.Liabilities.Selling, tl.Limit - v1.Value.Liabilities.Buying);
        }
        return (0, tl.Limit);
    }

    private bool IsAccountAuthorized(PublicKey account)
    {
        if (CreditAssetAndIssuer(SacReadAsset()) is not { } credit)
            return true;
        if (SameAccount(credit.Issuer, account))
            return true;
        return (GetTrustlineFlags(account, credit.Asset) & TrustlineAuthorizedFlag) != 0;
    }

    private uint GetTrustlineFlags(PublicKey account, TrustLineAsset asset)
    {
        var key = TrustlineKey(account, asset);
        var le = ReadTrustlineEntry(key);
        if (le.Data is not LedgerEntryData.Trustline td)
            throw UnexpectedEntry();
        return td.Value.Flags;
    }

    private void SetAuthorization(PublicKey account, bool authorize)
    {
        if (CreditAssetAndIssuer(SacReadAsset()) is not { } credit)
            throw SacError(SacOperationNotSupported, "expected trustline asset");
        if (SameAccount(credit.Issuer, account))
            throw SacError(SacOperationNotSupported, "issuer doesn't have a trustline");
        var key = TrustlineKey(account, credit.Asset);
        var le = ReadTrustlineEntry(key);
        if (le.Data is not LedgerEntryData.Trustline td)
            throw UnexpectedEntry();
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.TrustLineEntry);
        var tl = XdrCopy(td.Value);
        var isAuthorized = (tl.Flags & TrustlineAuthorizedFlag) != 0;
        if (isAuthorized == authorize)
            return;
        if (authorize)
        {
            tl.Flags &= ~TrustlineAuthorizedToMaintainLiabilitiesFlag;
            tl.Flags |= TrustlineAuthorizedFlag;
        }
        else
        {
            tl.Flags &= ~TrustlineAuthorizedFlag;
            tl.Flags |= TrustlineAuthorizedToMaintainLiabilitiesFlag;
        }
        var updated = ModifyLedgerEntryData(le, new LedgerEntryData.Trustline(tl));
        StoragePut(key, updated, null, null);
    }

    /// <summary><c>is_asset_issuer_flag_set</c>: false for the native asset; else the issuer's account (load_account) flags.</summary>
    private bool IsAssetIssuerFlagSet(uint flag)
    {
        var info = SacReadAssetInfo();
        if (info.Kind == 0)
            return false;
        var issuer = AccountIdFromBytesObj(info.Issuer);
        return (LoadAccount(issuer).Flags & flag) != 0;
    }

    /// <summary>
    /// <c>create_trustline_if_needed</c> (protocol 26 <c>trust</c>): nothing for a contract or an
    /// existing trustline; the native asset and the issuer are refused; else the account's
    /// authorization, then a trustline (authorized unless the issuer requires authorization,
    /// clawback-enabled as the issuer) and the account's sub-entry count, within the limits.
    /// </summary>
    private void CreateTrustlineIfNeeded(Val address)
    {
        PublicKey account;
        switch (SacScAddress(address))
        {
            case SCAddress.Account a: account = a.Value; break;
            case SCAddress.Contract: return;
            default: throw UnexpectedAddressKind(address);
        }
        if (CreditAssetAndIssuer(SacReadAsset()) is not { } credit)
            throw SacError(SacOperationNotSupported, "trust operation is not supported for native asset");
        if (SameAccount(account, credit.Issuer))
            throw SacError(SacOperationNotSupported, "cannot create trustline for issuer");
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.TrustLineAsset);
        var tlKey = TrustlineKey(account, credit.Asset);
        if (StorageTryGetFull(tlKey, null) is not null)
            return;
        SacRequireAuth(address);
        var issuerAcc = LoadAccount(credit.Issuer);
        var authRequired = (issuerAcc.Flags & AuthRequiredFlag) != 0;
        var clawback = (issuerAcc.Flags & AuthClawbackEnabledFlag) != 0;
        uint flags = 0;
        if (!authRequired)
            flags |= TrustlineAuthorizedFlag;
        if (clawback)
            flags |= TrustlineClawbackEnabledFlag;
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
        var accKey = AccountKey(account);
        var accEntry = StorageTryGetFull(accKey, null)?.Entry ?? throw SacError(SacAccountMissing, "account entry is missing", address);
        if (accEntry.Data is not LedgerEntryData.Account ad)
            throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "unexpected entry found for account");
        XdrClones.AccountEntry(Budget, ad.Value, Protocol);
        var ae = XdrCopy(ad.Value);
        if (ae.NumSubEntries >= MaxAccountSubentries)
            throw SacError(SacTooManyAccountSubentries, "account has reached maximum number of sub-entries");
        long baseReserve = RequireLedger().BaseReserve;
        var (currentMin, _) = MinMaxAccountBalance(ae);
        if (ae.Balance < currentMin + baseReserve)
            throw SacError(SacInsufficientAccountReserve, "account has insufficient reserve for new trustline");
        var tl = new TrustLineEntry
        {
            AccountID = account,
            Asset = credit.Asset,
            Balance = 0,
            Limit = long.MaxValue,
            Flags = flags,
            Ext = TrustLineEntryExt.V0.Instance,
        };
        ChargeHeapAlloc(1, DeclaredSize.LedgerEntry);
        var tlEntry = new LedgerEntry { LastModifiedLedgerSeq = 0, Data = new LedgerEntryData.Trustline(tl), Ext = LedgerEntryExt.V0.Instance };
        ae.NumSubEntries += 1;
        var updatedAcc = ModifyLedgerEntryData(accEntry, new LedgerEntryData.Account(ae));
        StoragePut(tlKey, tlEntry, null, null);
        StoragePut(accKey, updatedAcc, null, null);
    }
}

// Module a: the parts of a muxed address object (fact: host.rs get_address_from_muxed_address,
// get_id_from_muxed_address, protocol 23 on).
public sealed partial class Host
{
    /// <summary><c>get_address_from_muxed_address</c>: the account (a metered clone of its key) as a new address object.</summary>
    internal Val GetAddressFromMuxedAddress(Val muxed)
    {
        var a = Visit<MuxedAddressObject>(muxed).Address;
        if (a is not SCAddress.MuxedAccount m)
            throw Err(SCErrorType.Object, SCErrorCode.InternalError, "MuxedAddressObject is used to represent a regular address", muxed);
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.U256);
        return AddObject(new AddressObject(new SCAddress.Account(new PublicKey.PublicKeyTypeEd25519(m.Value.Ed25519))));
    }

    /// <summary><c>get_id_from_muxed_address</c>: the id as a U64Val (small, or an object through obj_from_u64).</summary>
    internal Val GetIdFromMuxedAddress(Val muxed)
    {
        var a = Visit<MuxedAddressObject>(muxed).Address;
        if (a is not SCAddress.MuxedAccount m)
            throw Err(SCErrorType.Object, SCErrorCode.InternalError, "MuxedAddressObject is used to represent a regular address", muxed);
        return U64ToVal(m.Value.Id);
    }
}
