using Replay.Soroban.Budget;
using Replay.Soroban.Functions;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Total order of Vals and host objects, metered as the reference's comparison.rs and
// soroban-env-common/src/compare.rs.
public sealed partial class Host
{
    private static HostFunctionInfo? _objCmpInfo;

    /// <summary>
    /// <c>Compare&lt;Val&gt;</c>: identical words are equal; if either side is an object the
    /// comparison goes through the <c>obj_cmp</c> host function (natively invoked, so traced and
    /// argument-checked like any call); small values compare by tag, then by value, for free.
    /// </summary>
    public int CompareVals(Val a, Val b)
    {
        if (a.Payload == b.Payload)
            return 0;
        var ta = Tags.FromByte(a.TagByte, Protocol);
        var tb = Tags.FromByte(b.TagByte, Protocol);
        if (Tags.IsObject(ta) || Tags.IsObject(tb))
        {
            _objCmpInfo ??= HostFunctionTable.Named("obj_cmp");
            Span<ulong> args = [a.Payload, b.Payload];
            return (int)(long)Invoke(_objCmpInfo, args);
        }
        if ((byte)ta != (byte)tb)
            return ((byte)ta).CompareTo((byte)tb);
        return ta switch
        {
            Tag.False or Tag.True or Tag.Void => 0,
            Tag.Error => CompareErrors(a, b),
            Tag.U32Val => a.AsU32.CompareTo(b.AsU32),
            Tag.I32Val => a.AsI32.CompareTo(b.AsI32),
            Tag.U64Small or Tag.TimepointSmall or Tag.DurationSmall or Tag.U128Small or Tag.U256Small => a.Body.CompareTo(b.Body),
            Tag.I64Small or Tag.I128Small or Tag.I256Small => a.SignedBody.CompareTo(b.SignedBody),
            Tag.SymbolSmall => SymbolSmall.Decode(a).AsSpan().SequenceCompareTo(SymbolSmall.Decode(b)),
            Tag.Bad => 0,
            _ => throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "object tag in small-value comparison"),
        };
    }

    // Error's derived order: (type, code) as the Error wrapper compares its tuple.
    private static int CompareErrors(Val a, Val b)
    {
        var c = a.Minor.CompareTo(b.Minor);
        return c != 0 ? c : a.Major.CompareTo(b.Major);
    }

    /// <summary>The <c>obj_cmp</c> host function: -1, 0 or 1.</summary>
    internal long ObjCmp(Val a, Val b)
    {
        var aObj = Tags.IsObject(Tags.FromByte(a.TagByte, Protocol));
        var bObj = Tags.IsObject(Tags.FromByte(b.TagByte, Protocol));
        int? res;
        if (aObj && bObj)
        {
            var ao = VisitUntyped(a);
            var bo = VisitUntyped(b);
            res = CompareObjects(ao, bo);
        }
        else if (aObj)
        {
            res = CompareObjectToSmall(VisitUntyped(a), b);
        }
        else if (bObj)
        {
            res = -CompareObjectToSmall(VisitUntyped(b), a);
        }
        else
        {
            throw Err(SCErrorType.Value, SCErrorCode.UnexpectedType, "two non-object args to obj_cmp", a, b);
        }
        if (res is null)
        {
            var at = ScValTypeOf(a);
            var bt = ScValTypeOf(b);
            if (at == bt)
                throw Err(SCErrorType.Value, SCErrorCode.InternalError, "equal-tagged values rejected by small-value obj_cmp", a, b);
            res = Nullable.Compare(at, bt);
        }
        return Math.Sign(res.Value);
    }

    /// <summary>The ScValType a tag stands for (<c>Tag::get_scval_type</c>), null for non-value tags.</summary>
    public SCValType? ScValTypeOf(Val v) => Tags.FromByte(v.TagByte, Protocol) switch
    {
        Tag.False or Tag.True => SCValType.Bool,
        Tag.Void => SCValType.Void,
        Tag.Error => SCValType.Error,
        Tag.U32Val => SCValType.U32,
        Tag.I32Val => SCValType.I32,
        Tag.U64Small or Tag.U64Object => SCValType.U64,
        Tag.I64Small or Tag.I64Object => SCValType.I64,
        Tag.TimepointSmall or Tag.TimepointObject => SCValType.Timepoint,
        Tag.DurationSmall or Tag.DurationObject => SCValType.Duration,
        Tag.U128Small or Tag.U128Object => SCValType.U128,
        Tag.I128Small or Tag.I128Object => SCValType.I128,
        Tag.U256Small or Tag.U256Object => SCValType.U256,
        Tag.I256Small or Tag.I256Object => SCValType.I256,
        Tag.SymbolSmall or Tag.SymbolObject => SCValType.Symbol,
        Tag.BytesObject => SCValType.Bytes,
        Tag.StringObject => SCValType.String,
        Tag.VecObject => SCValType.Vec,
        Tag.MapObject => SCValType.Map,
        Tag.AddressObject or Tag.MuxedAddressObject => SCValType.Address,
        _ => null,
    };

    // HostObject::try_compare_to_small: an object against a small value of the same kind.
    private int? CompareObjectToSmall(HostObject obj, Val small)
    {
        var tag = small.TagByte;
        switch (obj)
        {
            case U64Object u when tag == (byte)Tag.U64Small:
                ChargeFixedCompare(DeclaredSize.U64);
                return u.Value.CompareTo(small.Body);
            case I64Object i when tag == (byte)Tag.I64Small:
                ChargeFixedCompare(DeclaredSize.U64);
                return i.Value.CompareTo(small.SignedBody);
            case TimepointObject t when tag == (byte)Tag.TimepointSmall:
                ChargeFixedCompare(DeclaredSize.U64);
                return t.Value.CompareTo(small.Body);
            case DurationObject d when tag == (byte)Tag.DurationSmall:
                ChargeFixedCompare(DeclaredSize.U64);
                return d.Value.CompareTo(small.Body);
            case U128Object u when tag == (byte)Tag.U128Small:
                ChargeFixedCompare(DeclaredSize.U128);
                return u.Value.CompareTo((UInt128)small.Body);
            case I128Object i when tag == (byte)Tag.I128Small:
                ChargeFixedCompare(DeclaredSize.U128);
                return i.Value.CompareTo((Int128)small.SignedBody);
            case U256Object u when tag == (byte)Tag.U256Small:
                ChargeFixedCompare(DeclaredSize.U256);
                return u.Value.CompareTo(small.Body);
            case I256Object i when tag == (byte)Tag.I256Small:
                ChargeFixedCompare(DeclaredSize.U256);
                return i.Value.CompareTo(small.SignedBody);
            case SymbolObject s when tag == (byte)Tag.SymbolSmall:
                return CompareBytes(s.Bytes, SymbolSmall.Decode(small));
            default:
                return null;
        }
    }

    /// <summary><c>Compare&lt;HostObject&gt;</c>, inside one level of the depth limit.</summary>
    public int CompareObjects(HostObject a, HostObject b) => WithLimitedDepth((a, b), CompareObjectsInner);

    private int CompareObjectsInner((HostObject A, HostObject B) pair)
    {
        var (a, b) = pair;
        switch (a, b)
        {
            case (U64Object x, U64Object y): ChargeFixedCompare(DeclaredSize.U64); return x.Value.CompareTo(y.Value);
            case (I64Object x, I64Object y): ChargeFixedCompare(DeclaredSize.U64); return x.Value.CompareTo(y.Value);
            case (TimepointObject x, TimepointObject y): ChargeFixedCompare(DeclaredSize.TimePoint); return x.Value.CompareTo(y.Value);
            case (DurationObject x, DurationObject y): ChargeFixedCompare(DeclaredSize.TimePoint); return x.Value.CompareTo(y.Value);
            case (U128Object x, U128Object y): ChargeFixedCompare(DeclaredSize.U128); return x.Value.CompareTo(y.Value);
            case (I128Object x, I128Object y): ChargeFixedCompare(DeclaredSize.U128); return x.Value.CompareTo(y.Value);
            case (U256Object x, U256Object y): ChargeFixedCompare(DeclaredSize.U256); return x.Value.CompareTo(y.Value);
            case (I256Object x, I256Object y): ChargeFixedCompare(DeclaredSize.U256); return x.Value.CompareTo(y.Value);
            case (VecObject x, VecObject y): return CompareVecs(x.Items, y.Items);
            case (MapObject x, MapObject y): return CompareMaps(x.Entries, y.Entries);
            case (BytesObject x, BytesObject y): return CompareBytes(x.Bytes, y.Bytes);
            case (StringObject x, StringObject y): return CompareBytes(x.Bytes, y.Bytes);
            case (SymbolObject x, SymbolObject y): return CompareBytes(x.Bytes, y.Bytes);
            case (AddressObject x, AddressObject y):
                ChargeFixedCompare(DeclaredSize.ScAddress(Protocol));
                return x.Address.ToXdr().AsSpan().SequenceCompareTo(y.Address.ToXdr());
            case (MuxedAddressObject x, MuxedAddressObject y):
                ChargeFixedCompare(DeclaredSize.ScAddress(Protocol));
                return x.Address.ToXdr().AsSpan().SequenceCompareTo(y.Address.ToXdr());
            default:
                return a.Discriminant.CompareTo(b.Discriminant);
        }
    }

    // FixedSizeOrdType: one MemCmp of the type's declared size.
    private void ChargeFixedCompare(ulong declaredSize) => Budget.Charge(ContractCostType.MemCmp, declaredSize);

    // Compare<&[u8]> for Budget: MemCmp of the shorter length, then lexicographic.
    private int CompareBytes(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        Budget.Charge(ContractCostType.MemCmp, (ulong)Math.Min(a.Length, b.Length));
        return a.SequenceCompareTo(b);
    }

    // Compare<MeteredVector<Val>>: MemCpy of the shorter length's elements (from protocol 26 also
    // a MemCmp of the same size for the per-element dispatch), then element-wise.
    private int CompareVecs(Val[] a, Val[] b)
    {
        var minBytes = DeclaredSize.Val * (ulong)Math.Min(a.Length, b.Length);
        Budget.Charge(ContractCostType.MemCpy, minBytes);
        if (Protocol >= 26)
            Budget.Charge(ContractCostType.MemCmp, minBytes);
        return CompareSequences(a, b, CompareVals);
    }

    // Compare<MeteredOrdMap>: MemCpy of the shorter length's entries, then entry-wise (key, then value).
    private int CompareMaps(MapEntry[] a, MapEntry[] b)
    {
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.ValPair * (ulong)Math.Min(a.Length, b.Length));
        return CompareSequences(a, b, (x, y) =>
        {
            var c = CompareVals(x.Key, y.Key);
            return c != 0 ? c : CompareVals(x.Value, y.Value);
        });
    }

    /// <summary>
    /// <c>Compare&lt;ScVal&gt; for Budget</c> (comparison.rs): one depth level, different kinds by
    /// discriminant (free), fixed-size values by one MemCmp of their declared size, byte strings by
    /// a MemCmp of the shorter length, vectors and maps element-wise (from protocol 26 with a MemCpy
    /// of the compared prefix first). A vec or map without body is (Value, InvalidInput).
    /// </summary>
    public int CompareScVals(SCVal a, SCVal b) => WithLimitedDepth((a, b), CompareScValsInner);

    private int CompareScValsInner((SCVal A, SCVal B) pair)
    {
        var (a, b) = pair;
        if (a is SCVal.Vec { Value: null } || b is SCVal.Vec { Value: null } || a is SCVal.Map { Value: null } || b is SCVal.Map { Value: null })
            throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "ScVal vec or map body missing");
        if (a.Type != b.Type)
            return a.Type.CompareTo(b.Type);
        switch (a, b)
        {
            case (SCVal.Vec x, SCVal.Vec y):
                {
                    if (Protocol >= 26)
                        ChargeShallowCopy((ulong)Math.Min(x.Value!.Length, y.Value!.Length), DeclaredSize.ScVal);
                    return CompareSequences(x.Value!, y.Value!, CompareScVals);
                }
            case (SCVal.Map x, SCVal.Map y):
                return CompareScMaps(x.Value!, y.Value!);
            case (SCVal.Bytes x, SCVal.Bytes y): return CompareBytes(x.Value, y.Value);
            case (SCVal.String x, SCVal.String y): return CompareBytes(x.Value.Bytes, y.Value.Bytes);
            case (SCVal.Symbol x, SCVal.Symbol y): return CompareBytes(x.Value.Bytes, y.Value.Bytes);
            case (SCVal.Void, SCVal.Void):
            case (SCVal.LedgerKeyContractInstance, SCVal.LedgerKeyContractInstance):
                return 0;
            case (SCVal.Bool x, SCVal.Bool y): ChargeFixedCompare(1); return x.Value.CompareTo(y.Value);
            case (SCVal.Error x, SCVal.Error y):
                ChargeFixedCompare(8);
                return x.Value.ToXdr().AsSpan().SequenceCompareTo(y.Value.ToXdr());
            case (SCVal.U32 x, SCVal.U32 y): ChargeFixedCompare(DeclaredSize.U32); return x.Value.CompareTo(y.Value);
            case (SCVal.I32 x, SCVal.I32 y): ChargeFixedCompare(DeclaredSize.U32); return x.Value.CompareTo(y.Value);
            case (SCVal.U64 x, SCVal.U64 y): ChargeFixedCompare(DeclaredSize.U64); return x.Value.CompareTo(y.Value);
            case (SCVal.I64 x, SCVal.I64 y): ChargeFixedCompare(DeclaredSize.U64); return x.Value.CompareTo(y.Value);
            case (SCVal.Timepoint x, SCVal.Timepoint y): ChargeFixedCompare(DeclaredSize.TimePoint); return x.Value.CompareTo(y.Value);
            case (SCVal.Duration x, SCVal.Duration y): ChargeFixedCompare(DeclaredSize.TimePoint); return x.Value.CompareTo(y.Value);
            case (SCVal.U128 x, SCVal.U128 y):
                ChargeFixedCompare(DeclaredSize.U128);
                return new UInt128(x.Value.Hi, x.Value.Lo).CompareTo(new UInt128(y.Value.Hi, y.Value.Lo));
            case (SCVal.I128 x, SCVal.I128 y):
                ChargeFixedCompare(DeclaredSize.U128);
                return ((Int128)new UInt128((ulong)x.Value.Hi, x.Value.Lo)).CompareTo((Int128)new UInt128((ulong)y.Value.Hi, y.Value.Lo));
            case (SCVal.U256 x, SCVal.U256 y):
                ChargeFixedCompare(DeclaredSize.U256);
                return FromPieces(x.Value.HiHi, x.Value.HiLo, x.Value.LoHi, x.Value.LoLo)
                    .CompareTo(FromPieces(y.Value.HiHi, y.Value.HiLo, y.Value.LoHi, y.Value.LoLo));
            case (SCVal.I256 x, SCVal.I256 y):
                ChargeFixedCompare(DeclaredSize.U256);
                return SignedFromPieces(x.Value.HiHi, x.Value.HiLo, x.Value.LoHi, x.Value.LoLo)
                    .CompareTo(SignedFromPieces(y.Value.HiHi, y.Value.HiLo, y.Value.LoHi, y.Value.LoLo));
            case (SCVal.Address x, SCVal.Address y):
                ChargeFixedCompare(DeclaredSize.ScAddress(Protocol));
                return x.Value.ToXdr().AsSpan().SequenceCompareTo(y.Value.ToXdr());
            case (SCVal.LedgerKeyNonce x, SCVal.LedgerKeyNonce y):
                ChargeFixedCompare(DeclaredSize.ScNonceKey);
                return x.Value.Nonce.CompareTo(y.Value.Nonce);
            case (SCVal.ContractInstance x, SCVal.ContractInstance y):
                {
                    // (executable, storage): a fixed-size compare, then Option<ScMap>.
                    ChargeFixedCompare(DeclaredSize.ContractExecutable);
                    var c = x.Value.Executable.ToXdr().AsSpan().SequenceCompareTo(y.Value.Executable.ToXdr());
                    if (c != 0)
                        return c;
                    return (x.Value.Storage, y.Value.Storage) switch
                    {
                        (null, null) => 0,
                        (null, _) => -1,
                        (_, null) => 1,
                        var (xs, ys) => CompareScMaps(xs, ys),
                    };
                }
            default:
                throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, $"comparison of {a.Type} values is not supported by this host");
        }
    }

    // Compare<ScMap> for Budget: from protocol 26 a copy charge of the compared prefix, then entry-wise (key, then value).
    private int CompareScMaps(SCMapEntry[] x, SCMapEntry[] y)
    {
        if (Protocol >= 26)
            ChargeShallowCopy((ulong)Math.Min(x.Length, y.Length), DeclaredSize.ScMapEntry);
        return CompareSequences(x, y, (e, f) =>
        {
            var c = CompareScVals(e.Key, f.Key);
            return c != 0 ? c : CompareScVals(e.Val, f.Val);
        });
    }

    /// <summary>
    /// <c>Compare&lt;LedgerKey&gt; for Budget</c> (comparison.rs): both keys must be of a kind the
    /// host supports ((Storage, InternalError) otherwise); different kinds order by discriminant for
    /// free; account, trustline and code keys by one fixed-size MemCmp; contract data keys as the
    /// tuple (contract, key, durability), stopping at the first difference.
    /// </summary>
    public int CompareLedgerKeys(LedgerKey a, LedgerKey b)
    {
        Replay.Soroban.Storage.StorageRules.CheckSupportedKey(a);
        Replay.Soroban.Storage.StorageRules.CheckSupportedKey(b);
        switch (a, b)
        {
            case (LedgerKey.Account x, LedgerKey.Account y):
                ChargeFixedCompare(DeclaredSize.AccountId);
                return x.Value.ToXdr().AsSpan().SequenceCompareTo(y.Value.ToXdr());
            case (LedgerKey.Trustline x, LedgerKey.Trustline y):
                ChargeFixedCompare(77);
                return x.Value.ToXdr().AsSpan().SequenceCompareTo(y.Value.ToXdr());
            case (LedgerKey.ContractCode x, LedgerKey.ContractCode y):
                ChargeFixedCompare(36);
                return x.Value.Hash.ToArray().AsSpan().SequenceCompareTo(y.Value.Hash.ToArray());
            case (LedgerKey.ContractData x, LedgerKey.ContractData y):
                {
                    ChargeFixedCompare(DeclaredSize.ScAddress(Protocol));
                    var c = x.Value.Contract.ToXdr().AsSpan().SequenceCompareTo(y.Value.Contract.ToXdr());
                    if (c != 0)
                        return c;
                    c = CompareScVals(x.Value.Key, y.Value.Key);
                    if (c != 0)
                        return c;
                    ChargeFixedCompare(4);
                    return ((int)x.Value.Durability).CompareTo((int)y.Value.Durability);
                }
            default:
                return ((int)a.Type).CompareTo((int)b.Type);
        }
    }

    // Compare<Vec<T>>: element-wise, a shorter prefix first.
    private static int CompareSequences<T>(T[] a, T[] b, Func<T, T, int> compare)
    {
        for (var i = 0; ; i++)
        {
            if (i >= a.Length)
                return i >= b.Length ? 0 : -1;
            if (i >= b.Length)
                return 1;
            var c = compare(a[i], b[i]);
            if (c != 0)
                return c;
        }
    }
}
