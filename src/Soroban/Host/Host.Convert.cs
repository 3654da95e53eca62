using System.Numerics;
using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// ScVal <-> Val conversion with the reference host's validity rules and charges
// (fact: host/conversion.rs to_host_val / to_host_obj / from_host_val / from_host_obj and
// soroban-env-common/src/convert.rs).
public sealed partial class Host
{
    /// <summary>
    /// <c>to_host_val</c>: one depth-limit level per nesting ((Context, ExceededLimit) past it).
    /// Types a Val cannot hold (contract instances, ledger keys) and a small-only case that does
    /// not fit are (Value, UnexpectedType), and so is a vec/map without body; map keys
    /// out of order or duplicated (Object, InvalidInput); a symbol with a bad character or over 32
    /// bytes (Value, InvalidInput).
    /// </summary>
    public Val ToHostVal(SCVal v) => WithLimitedDepth(v, ToHostValRecorded);

    // to_host_val's map_err: any failure inside the conversion is recorded once more at this level.
    private Val ToHostValRecorded(SCVal v)
    {
        try
        {
            return ToHostValInner(v);
        }
        catch (HostError e)
        {
            throw Error(e, "failed to convert ScVal to host value");
        }
    }

    /// <summary>Runs <paramref name="f"/> one level deeper in the budget's depth limit (<c>with_limited_depth</c>).</summary>
    internal TResult WithLimitedDepth<TArg, TResult>(TArg arg, Func<TArg, TResult> f)
    {
        Budget.EnterDepth();
        try
        {
            return f(arg);
        }
        finally
        {
            Budget.LeaveDepth();
        }
    }

    /// <summary><c>to_valid_host_val</c>: as <see cref="ToHostVal"/>, but any non-budget failure is (Value, InternalError).</summary>
    internal Val ToValidHostVal(SCVal v)
    {
        try
        {
            return ToHostVal(v);
        }
        catch (HostError e) when (e.Type != SCErrorType.Budget)
        {
            throw Err(SCErrorType.Value, SCErrorCode.InternalError, "unexpected non-Val-representable ScVal in internal conversion");
        }
    }

    private static HostError ConversionError() =>
        new(SCErrorType.Value, SCErrorCode.UnexpectedType, "ScVal cannot be represented as a Val");

    private Val ToHostValInner(SCVal v)
    {
        switch (v)
        {
            case SCVal.Bool b: return Val.FromBool(b.Value);
            case SCVal.Void: return Val.Void;
            case SCVal.Error e: return ErrorToVal(e.Value);
            case SCVal.U32 u: return Val.FromU32(u.Value);
            case SCVal.I32 i: return Val.FromI32(i.Value);
            case SCVal.U64 u: return U64SmallOrObject(u.Value, Tag.U64Small, static x => new U64Object(x));
            case SCVal.I64 i:
                if (Val.FitsSmallSigned(i.Value))
                    return Val.FromSmallSigned(i.Value, Tag.I64Small);
                ChargeShallowCopy(1, DeclaredSize.U64);
                return AddObject(new I64Object(i.Value));
            case SCVal.Timepoint t: return U64SmallOrObject(t.Value, Tag.TimepointSmall, static x => new TimepointObject(x));
            case SCVal.Duration d: return U64SmallOrObject(d.Value, Tag.DurationSmall, static x => new DurationObject(x));
            case SCVal.U128 u:
                {
                    var x = new UInt128(u.Value.Hi, u.Value.Lo);
                    if (x <= Val.MaxSmallUnsigned)
                        return Val.FromSmallUnsigned((ulong)x, Tag.U128Small);
                    ChargeShallowCopy(1, DeclaredSize.U128);
                    return AddObject(new U128Object(x));
                }
            case SCVal.I128 i:
                {
                    var x = (Int128)new UInt128((ulong)i.Value.Hi, i.Value.Lo);
                    if (x >= Val.MinSmallSigned && x <= Val.MaxSmallSigned)
                        return Val.FromSmallSigned((long)x, Tag.I128Small);
                    ChargeShallowCopy(1, DeclaredSize.U128);
                    return AddObject(new I128Object(x));
                }
            case SCVal.U256 u:
                {
                    var x = FromPieces(u.Value.HiHi, u.Value.HiLo, u.Value.LoHi, u.Value.LoLo);
                    if (x <= Val.MaxSmallUnsigned)
                        return Val.FromSmallUnsigned((ulong)x, Tag.U256Small);
                    ChargeShallowCopy(2, DeclaredSize.U128);
                    return AddObject(new U256Object(x));
                }
            case SCVal.I256 i:
                {
                    var x = SignedFromPieces(i.Value.HiHi, i.Value.HiLo, i.Value.LoHi, i.Value.LoLo);
                    if (x >= Val.MinSmallSigned && x <= Val.MaxSmallSigned)
                        return Val.FromSmallSigned((long)x, Tag.I256Small);
                    ChargeShallowCopy(2, DeclaredSize.U128);
                    return AddObject(new I256Object(x));
                }
            case SCVal.Bytes b:
                return AddObject(new BytesObject(CloneBufMetered(b.Value)));
            case SCVal.String s:
                return AddObject(new StringObject(CloneBufMetered(s.Value.ToArray())));
            case SCVal.Symbol s:
                {
                    // Classified by length alone (ScValObjRef::classify): up to 9 bytes must be a
                    // valid small symbol; longer ones become objects (cloned, then validated).
                    var bytes = s.Value.ToArray();
                    if (bytes.Length <= SymbolSmall.MaxChars)
                    {
                        return SymbolSmall.TryFromBytes(bytes, out var small)
                            ? small
                            : throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "byte is not allowed in Symbol");
                    }
                    var copy = CloneBufMetered(bytes);
                    return AddObject(new SymbolObject(ValidSymbolBytes(copy)));
                }
            // Val::can_represent_scval fails first (a conversion error); to_host_obj's own
            // "body missing" errors are unreachable.
            case SCVal.Vec { Value: null }:
            case SCVal.Map { Value: null }:
                throw ConversionError();
            case SCVal.Vec vec:
                {
                    var items = vec.Value!;
                    // Vec::<Val>::with_metered_capacity(len).
                    ChargeBulkInitCopy((ulong)items.Length, DeclaredSize.Val);
                    var vals = new Val[items.Length];
                    for (var i = 0; i < items.Length; i++)
                        vals[i] = ToHostVal(items[i]);
                    return AddObject(new VecObject(vals));
                }
            case SCVal.Map map:
                {
                    var src = map.Value!;
                    ChargeBulkInitCopy((ulong)src.Length, DeclaredSize.ValPair);
                    var entries = new MapEntry[src.Length];
                    for (var i = 0; i < src.Length; i++)
                    {
                        var k = ToHostVal(src[i].Key);
                        var val = ToHostVal(src[i].Val);
                        entries[i] = new MapEntry(k, val);
                    }
                    CheckMapOrderWithHost(entries);
                    return AddObject(new MapObject(entries));
                }
            case SCVal.Address a:
                return AddressToHost(a.Value);
            default:
                throw ConversionError();
        }
    }

    /// <summary>
    /// An address into an object: accounts and contracts make an AddressObject; from protocol 23 a
    /// muxed account makes a MuxedAddressObject; any other variant (or a muxed account before
    /// protocol 23, which that host's XDR cannot express) is (Object, UnexpectedType).
    /// </summary>
    private Val AddressToHost(SCAddress address)
    {
        switch (address)
        {
            case SCAddress.Account or SCAddress.Contract:
                ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol));
                return AddObject(new AddressObject(address));
            case SCAddress.MuxedAccount when Protocol >= 23:
                ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol));
                return AddObject(new MuxedAddressObject(address));
            default:
                throw Err(SCErrorType.Object, SCErrorCode.UnexpectedType, "encountered unsupported ScAddress type");
        }
    }

    // A 64-bit unsigned ScVal: small when it fits 56 bits, else an object after a metered copy of its 8 bytes.
    private Val U64SmallOrObject(ulong u, Tag smallTag, Func<ulong, HostObject> makeObject)
    {
        if (Val.FitsSmallUnsigned(u))
            return Val.FromSmallUnsigned(u, smallTag);
        ChargeShallowCopy(1, DeclaredSize.U64);
        return AddObject(makeObject(u));
    }

    private static Val ErrorToVal(SCError e) => e switch
    {
        SCError.Contract c => Val.FromError(SCErrorType.Contract, c.Value),
        _ => Val.FromError(e.Type, (uint)ErrorCodeOf(e)),
    };

    internal static SCErrorCode ErrorCodeOf(SCError e) => e switch
    {
        SCError.WasmVm x => x.Value,
        SCError.Context x => x.Value,
        SCError.Storage x => x.Value,
        SCError.Object x => x.Value,
        SCError.Crypto x => x.Value,
        SCError.Events x => x.Value,
        SCError.Budget x => x.Value,
        SCError.ValueCase x => x.Value,
        SCError.Auth x => x.Value,
        _ => throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "unknown ScError type"),
    };

    /// <summary>The SCError of an error Val (type in the minor part, code in the major part).</summary>
    public static SCError ErrorOf(Val v)
    {
        var code = (SCErrorCode)v.Major;
        return (SCErrorType)v.Minor switch
        {
            SCErrorType.Contract => new SCError.Contract(v.Major),
            SCErrorType.WasmVm => new SCError.WasmVm(code),
            SCErrorType.Context => new SCError.Context(code),
            SCErrorType.Storage => new SCError.Storage(code),
            SCErrorType.Object => new SCError.Object(code),
            SCErrorType.Crypto => new SCError.Crypto(code),
            SCErrorType.Events => new SCError.Events(code),
            SCErrorType.Budget => new SCError.Budget(code),
            SCErrorType.Value => new SCError.ValueCase(code),
            SCErrorType.Auth => new SCError.Auth(code),
            _ => throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "bad error type"),
        };
    }

    /// <summary>
    /// <c>from_host_val</c>: Val → ScVal, one depth level per nesting; objects are visited and
    /// copied with the reference's charges. A bad Val is (Value, InvalidInput).
    /// </summary>
    public SCVal FromHostVal(Val v) => WithLimitedDepth(v, FromHostValRecorded);

    // from_host_val's map_err: any failure inside the conversion is recorded once more at this level, with the value.
    private SCVal FromHostValRecorded(Val v)
    {
        try
        {
            return FromHostValInner(v);
        }
        catch (HostError e)
        {
            throw Error(e, "failed to convert host value to ScVal", v);
        }
    }

    private SCVal FromHostValInner(Val v)
    {
        if (!IsGood(v))
            throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "bad Val");
        var tag = Tags.FromByte(v.TagByte, Protocol);
        switch (tag)
        {
            case Tag.False: return new SCVal.Bool(false);
            case Tag.True: return new SCVal.Bool(true);
            case Tag.Void: return SCVal.Void.Instance;
            case Tag.Error: return new SCVal.Error(ErrorOf(v));
            case Tag.U32Val: return new SCVal.U32(v.AsU32);
            case Tag.I32Val: return new SCVal.I32(v.AsI32);
            case Tag.U64Small: return new SCVal.U64(v.Body);
            case Tag.I64Small: return new SCVal.I64(v.SignedBody);
            case Tag.TimepointSmall: return new SCVal.Timepoint(v.Body);
            case Tag.DurationSmall: return new SCVal.Duration(v.Body);
            case Tag.U128Small: return new SCVal.U128(new UInt128Parts { Hi = 0, Lo = v.Body });
            case Tag.I128Small:
                return new SCVal.I128(new Int128Parts { Hi = v.SignedBody < 0 ? -1 : 0, Lo = (ulong)v.SignedBody });
            case Tag.U256Small: return U256Sc(v.Body);
            case Tag.I256Small: return I256Sc(v.SignedBody);
            case Tag.SymbolSmall: return new SCVal.Symbol(new XdrString(SymbolSmall.Decode(v)));
        }
        var obj = VisitUntyped(v);
        switch (obj)
        {
            case VecObject vec:
                {
                    ChargeBulkInitCopy((ulong)vec.Items.Length, DeclaredSize.ScVal);
                    var items = new SCVal[vec.Items.Length];
                    for (var i = 0; i < items.Length; i++)
                        items[i] = FromHostVal(vec.Items[i]);
                    return new SCVal.Vec(items);
                }
            case MapObject map:
                {
                    ChargeBulkInitCopy((ulong)map.Entries.Length, DeclaredSize.ScMapEntry);
                    MapChargeAccess(map.Entries.Length); // map.iter(): a scan charge
                    var entries = new SCMapEntry[map.Entries.Length];
                    for (var i = 0; i < entries.Length; i++)
                        entries[i] = new SCMapEntry { Key = FromHostVal(map.Entries[i].Key), Val = FromHostVal(map.Entries[i].Value) };
                    return new SCVal.Map(entries);
                }
            case U64Object u: ChargeShallowCopy(1, DeclaredSize.U64); return new SCVal.U64(u.Value);
            case I64Object i: ChargeShallowCopy(1, DeclaredSize.U64); return new SCVal.I64(i.Value);
            case TimepointObject t: ChargeShallowCopy(1, DeclaredSize.TimePoint); return new SCVal.Timepoint(t.Value);
            case DurationObject d: ChargeShallowCopy(1, DeclaredSize.TimePoint); return new SCVal.Duration(d.Value);
            case U128Object u:
                ChargeShallowCopy(1, DeclaredSize.U128);
                return new SCVal.U128(new UInt128Parts { Hi = (ulong)(u.Value >> 64), Lo = (ulong)u.Value });
            case I128Object i:
                ChargeShallowCopy(1, DeclaredSize.U128);
                return new SCVal.I128(new Int128Parts { Hi = (long)(i.Value >> 64), Lo = (ulong)i.Value });
            case U256Object u: ChargeShallowCopy(2, DeclaredSize.U128); return U256Sc(u.Value);
            case I256Object i: ChargeShallowCopy(2, DeclaredSize.U128); return I256Sc(i.Value);
            case BytesObject b: return new SCVal.Bytes(CloneBufMetered(b.Bytes));
            case StringObject s: return new SCVal.String(new XdrString(CloneBufMetered(s.Bytes)));
            case SymbolObject s: return new SCVal.Symbol(new XdrString(CloneBufMetered(s.Bytes)));
            case AddressObject a: ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol)); return new SCVal.Address(a.Address);
            case MuxedAddressObject a:
                if (_storageKeyConversionActive)
                    throw Err(SCErrorType.Storage, SCErrorCode.InvalidInput, "muxed addresses should not be used in the storage keys", v);
                ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol));
                return new SCVal.Address(a.Address);
            default:
                throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, "object kind has no ScVal");
        }
    }

    private static SCVal.U256 U256Sc(BigInteger n)
    {
        var p = Pieces(n);
        return new SCVal.U256(new UInt256Parts { HiHi = p.HiHi, HiLo = p.HiLo, LoHi = p.LoHi, LoLo = p.LoLo });
    }

    private static SCVal.I256 I256Sc(BigInteger n)
    {
        var p = Pieces(n);
        return new SCVal.I256(new Int256Parts { HiHi = (long)p.HiHi, HiLo = p.HiLo, LoHi = p.LoHi, LoLo = p.LoLo });
    }
}
