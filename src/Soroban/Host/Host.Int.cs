using System.Numerics;
using Replay.Soroban.Budget;
using Replay.Soroban.Functions;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "i" (int): boxed 64/128/256-bit integers and 256-bit arithmetic
// (fact: host.rs obj_* / *_val_*_be_bytes / u256_* / i256_*, host/num.rs macros; the checked
// variants of protocol 26 return Void on overflow).
public sealed partial class Host
{
    private static readonly BigInteger Two256 = BigInteger.One << 256;
    private static readonly BigInteger U256Max = Two256 - 1;
    private static readonly BigInteger I256Min = -(BigInteger.One << 255);
    private static readonly BigInteger I256Max = (BigInteger.One << 255) - 1;
    private static readonly BigInteger U64Mask = ulong.MaxValue;

    internal Val ObjFromU64(ulong u) => AddObject(new U64Object(u));
    internal Val ObjFromI64(long i) => AddObject(new I64Object(i));
    internal Val TimepointObjFromU64(ulong u) => AddObject(new TimepointObject(u));
    internal Val DurationObjFromU64(ulong u) => AddObject(new DurationObject(u));

    // impl_wrapping_obj_to_num: visit, then a metered clone of the 8-byte number.
    internal ulong ObjToU64(Val o)
    {
        var v = Visit<U64Object>(o).Value;
        ChargeShallowCopy(1, DeclaredSize.U64);
        return v;
    }

    internal long ObjToI64(Val o)
    {
        var v = Visit<I64Object>(o).Value;
        ChargeShallowCopy(1, DeclaredSize.U64);
        return v;
    }

    internal ulong TimepointObjToU64(Val o)
    {
        var v = Visit<TimepointObject>(o).Value;
        ChargeShallowCopy(1, DeclaredSize.TimePoint);
        return v;
    }

    internal ulong DurationObjToU64(Val o)
    {
        var v = Visit<DurationObject>(o).Value;
        ChargeShallowCopy(1, DeclaredSize.TimePoint);
        return v;
    }

    internal Val ObjFromU128Pieces(ulong hi, ulong lo) => AddObject(new U128Object(new UInt128(hi, lo)));
    internal ulong ObjToU128Lo64(Val o) => (ulong)Visit<U128Object>(o).Value;
    internal ulong ObjToU128Hi64(Val o) => (ulong)(Visit<U128Object>(o).Value >> 64);
    internal Val ObjFromI128Pieces(long hi, ulong lo) => AddObject(new I128Object((Int128)new UInt128((ulong)hi, lo)));
    internal ulong ObjToI128Lo64(Val o) => (ulong)(UInt128)Visit<I128Object>(o).Value;
    internal long ObjToI128Hi64(Val o) => (long)(ulong)((UInt128)Visit<I128Object>(o).Value >> 64);

    internal static BigInteger FromPieces(ulong hiHi, ulong hiLo, ulong loHi, ulong loLo) =>
        (new BigInteger(hiHi) << 192) | (new BigInteger(hiLo) << 128) | (new BigInteger(loHi) << 64) | new BigInteger(loLo);

    /// <summary>The four u64 pieces of a 256-bit value (two's complement for negatives), high first.</summary>
    internal static (ulong HiHi, ulong HiLo, ulong LoHi, ulong LoLo) Pieces(BigInteger v)
    {
        var u = v.Sign < 0 ? v + Two256 : v;
        return ((ulong)((u >> 192) & U64Mask), (ulong)((u >> 128) & U64Mask), (ulong)((u >> 64) & U64Mask), (ulong)(u & U64Mask));
    }

    private static BigInteger SignedFromPieces(long hiHi, ulong hiLo, ulong loHi, ulong loLo)
    {
        var u = FromPieces((ulong)hiHi, hiLo, loHi, loLo);
        return hiHi < 0 ? u - Two256 : u;
    }

    internal Val ObjFromU256Pieces(ulong hiHi, ulong hiLo, ulong loHi, ulong loLo) =>
        AddObject(new U256Object(FromPieces(hiHi, hiLo, loHi, loLo)));

    internal Val ObjFromI256Pieces(long hiHi, ulong hiLo, ulong loHi, ulong loLo) =>
        AddObject(new I256Object(SignedFromPieces(hiHi, hiLo, loHi, loLo)));

    internal ulong ObjToU256Piece(Val o, int piece) => PieceOf(Pieces(Visit<U256Object>(o).Value), piece);

    internal ulong ObjToI256Piece(Val o, int piece) => PieceOf(Pieces(Visit<I256Object>(o).Value), piece);

    private static ulong PieceOf((ulong HiHi, ulong HiLo, ulong LoHi, ulong LoLo) p, int piece) => piece switch
    {
        0 => p.HiHi,
        1 => p.HiLo,
        2 => p.LoHi,
        _ => p.LoLo,
    };

    // ---- U256Val / I256Val conversions (through the native Env calls, as soroban-env-common's convert.rs) ----

    private ulong InvokeU64(string name, Val arg) => Invoke(HostFunctionTable.Named(name), [arg.Payload]);

    /// <summary>A U256Val's number: a small body, or the object's four pieces via obj_to_u256_* calls.</summary>
    public BigInteger U256FromVal(Val v)
    {
        if (v.TagByte == (byte)Tag.U256Small)
            return v.Body;
        if (v.TagByte != (byte)Tag.U256Object)
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "not a U256Val");
        return FromPieces(InvokeU64("obj_to_u256_hi_hi", v), InvokeU64("obj_to_u256_hi_lo", v),
            InvokeU64("obj_to_u256_lo_hi", v), InvokeU64("obj_to_u256_lo_lo", v));
    }

    public BigInteger I256FromVal(Val v)
    {
        if (v.TagByte == (byte)Tag.I256Small)
            return v.SignedBody;
        if (v.TagByte != (byte)Tag.I256Object)
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "not an I256Val");
        return SignedFromPieces((long)InvokeU64("obj_to_i256_hi_hi", v), InvokeU64("obj_to_i256_hi_lo", v),
            InvokeU64("obj_to_i256_lo_hi", v), InvokeU64("obj_to_i256_lo_lo", v));
    }

    /// <summary>A U256Val for a number: small when it fits 56 bits, else an object via obj_from_u256_pieces.</summary>
    public Val U256ToVal(BigInteger u)
    {
        if (u <= Val.MaxSmallUnsigned)
            return Val.FromSmallUnsigned((ulong)u, Tag.U256Small);
        var p = Pieces(u);
        return new Val(Invoke(HostFunctionTable.Named("obj_from_u256_pieces"), [p.HiHi, p.HiLo, p.LoHi, p.LoLo]));
    }

    public Val I256ToVal(BigInteger i)
    {
        if (i >= Val.MinSmallSigned && i <= Val.MaxSmallSigned)
            return Val.FromSmallSigned((long)i, Tag.I256Small);
        var p = Pieces(i);
        return new Val(Invoke(HostFunctionTable.Named("obj_from_i256_pieces"), [p.HiHi, p.HiLo, p.LoHi, p.LoLo]));
    }

    internal Val U256ValFromBeBytes(Val bytes)
    {
        var b = Visit<BytesObject>(bytes).Bytes;
        var n = FixedLengthBytes(b, 32);
        return U256ToVal(new BigInteger(n, isUnsigned: true, isBigEndian: true));
    }

    internal Val I256ValFromBeBytes(Val bytes)
    {
        var b = Visit<BytesObject>(bytes).Bytes;
        var n = FixedLengthBytes(b, 32);
        return I256ToVal(new BigInteger(n, isUnsigned: false, isBigEndian: true));
    }

    // fixed_length_bytes_from_slice: wrong length (Object, UnexpectedSize); else MemCpy of N. The
    // error's arguments are the input's name, N and the length; every caller runs inside a visit of
    // the bytes object, where the reference cannot make the name's string object, so that argument
    // is its placeholder (Events, InternalError).
    private byte[] FixedLengthBytes(byte[] b, int n)
    {
        if (b.Length != n)
            throw Err(SCErrorType.Object, SCErrorCode.UnexpectedSize, "expected fixed-length bytes slice, got slice with different size",
                Val.FromError(SCErrorType.Events, (uint)SCErrorCode.InternalError), Val.FromU32((uint)n), Val.FromU32((uint)b.Length));
        Budget.Charge(ContractCostType.MemCpy, (ulong)n);
        return b;
    }

    internal Val U256ValToBeBytes(Val v)
    {
        BigInteger n = v.TagByte == (byte)Tag.U256Small ? v.Body : Visit<U256Object>(v).Value;
        return BytesFromSlice(Be32(n));
    }

    internal Val I256ValToBeBytes(Val v)
    {
        BigInteger n = v.TagByte == (byte)Tag.I256Small ? v.SignedBody : Visit<I256Object>(v).Value;
        return BytesFromSlice(Be32(n));
    }

    private static byte[] Be32(BigInteger n)
    {
        var p = Pieces(n);
        var bytes = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(0), p.HiHi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8), p.HiLo);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(16), p.LoHi);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(24), p.LoLo);
        return bytes;
    }

    // ---- 256-bit arithmetic (ethnum's checked_* semantics) ----

    internal enum BigOp
    {
        Add,
        Sub,
        Mul,
        Div,
        RemEuclid,
        Pow,
        Shl,
        Shr,
    }

    private static ContractCostType CostOf(BigOp op) => op switch
    {
        BigOp.Add or BigOp.Sub => ContractCostType.Int256AddSub,
        BigOp.Mul => ContractCostType.Int256Mul,
        BigOp.Div or BigOp.RemEuclid => ContractCostType.Int256Div,
        BigOp.Pow => ContractCostType.Int256Pow,
        _ => ContractCostType.Int256Shift,
    };

    /// <summary>
    /// One u256_*/i256_* host function: charge, convert both operands (the right one is a U32Val
    /// for pow/shl/shr), apply the checked operation; on overflow (Object, ArithDomain), or Void
    /// for the protocol-26 <c>*_checked_*</c> variants.
    /// </summary>
    internal Val BigArith(BigOp op, bool signed, Val lhs, Val rhs, bool voidOnOverflow)
    {
        Budget.Charge(CostOf(op), null);
        var a = signed ? I256FromVal(lhs) : U256FromVal(lhs);
        BigInteger? result;
        if (op is BigOp.Pow or BigOp.Shl or BigOp.Shr)
        {
            result = Checked(op, signed, a, rhs.AsU32);
        }
        else
        {
            var b = signed ? I256FromVal(rhs) : U256FromVal(rhs);
            result = Checked(op, signed, a, b);
        }
        if (result is not { } r)
        {
            if (voidOnOverflow)
                return Val.Void;
            throw Err(SCErrorType.Object, SCErrorCode.ArithDomain, "overflow has occurred", lhs, rhs);
        }
        return signed ? I256ToVal(r) : U256ToVal(r);
    }

    private static bool InRange(BigInteger v, bool signed) =>
        signed ? v >= I256Min && v <= I256Max : v.Sign >= 0 && v <= U256Max;

    private static BigInteger? Checked(BigOp op, bool signed, BigInteger a, BigInteger b)
    {
        BigInteger r;
        switch (op)
        {
            case BigOp.Add: r = a + b; break;
            case BigOp.Sub: r = a - b; break;
            case BigOp.Mul: r = a * b; break;
            case BigOp.Div:
                if (b.IsZero)
                    return null;
                r = BigInteger.Divide(a, b);
                break;
            case BigOp.RemEuclid:
                if (b.IsZero)
                    return null;
                if (signed && a == I256Min && b == BigInteger.MinusOne)
                    return null;
                r = BigInteger.Remainder(a, b);
                if (r.Sign < 0)
                    r += BigInteger.Abs(b);
                break;
            case BigOp.Pow:
                {
                    // Exponentiation by squaring with an overflow check at every step.
                    var exp = (uint)b;
                    BigInteger acc = BigInteger.One, basis = a;
                    while (exp > 0)
                    {
                        if ((exp & 1) != 0)
                        {
                            acc *= basis;
                            if (!InRange(acc, signed))
                                return null;
                        }
                        exp >>= 1;
                        if (exp > 0)
                        {
                            basis *= basis;
                            if (!InRange(basis, signed))
                                return null;
                        }
                    }
                    r = acc;
                    break;
                }
            case BigOp.Shl:
                {
                    if (b >= 256)
                        return null;
                    var shifted = (Pieces(a) is var p ? FromPieces(p.HiHi, p.HiLo, p.LoHi, p.LoLo) : a) << (int)b;
                    shifted &= U256Max;
                    r = signed && shifted > I256Max ? shifted - Two256 : shifted;
                    return r;
                }
            case BigOp.Shr:
                if (b >= 256)
                    return null;
                r = a >> (int)b;
                return r;
            default:
                return null;
        }
        return InRange(r, signed) ? r : null;
    }
}
