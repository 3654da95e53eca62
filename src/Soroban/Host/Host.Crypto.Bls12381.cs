using System.Numerics;
using Replay.Soroban.Budget;
using Replay.Soroban.Crypto;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

using BlsFr = Fp<Bls12381Fr>;
using G1 = Affine<Fp<Bls12381Fq>>;
using G2 = Affine<Fp2<Bls12381Fq>>;

/// <summary>How a host function validates a decoded curve point (the reference's PointValidationMode, p26 on; before, a subgroup flag with the curve check always on).</summary>
public enum PointCheck
{
    None,
    OnCurve,
    OnCurveAndInSubgroup,
}

// Module "c": BLS12-381 (fact: crypto/bls12_381.rs and host.rs at 1cd8b8dc (p22) through b03d2563 (p27)).
// Charges per step: a point decode is VisitObject, the encoding checks, DecodeFp per 48 bytes,
// then the curve / subgroup checks each charged before they run; an encode is EncodeFp per 48
// bytes (plus ProjectiveToAffine for results of group operations) and a bytes object.
public sealed partial class Host
{
    private static HostError CryptoInvalidInput(string what) => new(SCErrorType.Crypto, SCErrorCode.InvalidInput, what);

    // ---- decoding ----

    private T DeserializePointBytes<T>(Val bytesObj, int size, string tag, Func<byte[], (bool Ok, T Point)> decode)
    {
        var bytes = Visit<BytesObject>(bytesObj).Bytes;
        if (bytes.Length != size)
            throw CryptoInvalidInput($"bls12-381 {tag}: invalid input length to deserialize");
        if (!Bls12381.HasValidUncompressedFlags(bytes))
            throw CryptoInvalidInput($"bls12-381 {tag} deserialize: invalid flags for an uncompressed point");
        Budget.BulkCharge(ContractCostType.Bls12381DecodeFp, (ulong)(size / Bls12381.FpSize), null);
        var (ok, point) = decode(bytes);
        return ok ? point : throw CryptoInvalidInput($"bls12-381: unable to deserialize {tag}");
    }

    public G1 Bls12381G1Deserialize(Val bytesObj, PointCheck check)
    {
        var p = DeserializePointBytes(bytesObj, Bls12381.G1Size, "G1", b => (Bls12381.TryDecodeG1(b, out var pt), pt));
        if (check != PointCheck.None && !Bls12381CheckOnCurve(p))
            throw CryptoInvalidInput("bls12-381 G1: point not on curve");
        if (check == PointCheck.OnCurveAndInSubgroup && !Bls12381CheckInSubgroup(p))
            throw CryptoInvalidInput("bls12-381 G1: point not in the correct subgroup");
        return p;
    }

    public G2 Bls12381G2Deserialize(Val bytesObj, PointCheck check)
    {
        var p = DeserializePointBytes(bytesObj, Bls12381.G2Size, "G2", b => (Bls12381.TryDecodeG2(b, out var pt), pt));
        if (check != PointCheck.None && !Bls12381CheckOnCurve(p))
            throw CryptoInvalidInput("bls12-381 G2: point not on curve");
        if (check == PointCheck.OnCurveAndInSubgroup && !Bls12381CheckInSubgroup(p))
            throw CryptoInvalidInput("bls12-381 G2: point not in the correct subgroup");
        return p;
    }

    private bool Bls12381CheckOnCurve(G1 p)
    {
        Budget.Charge(ContractCostType.Bls12381G1CheckPointOnCurve, null);
        return Bls12381.IsOnCurveG1(p);
    }

    private bool Bls12381CheckOnCurve(G2 p)
    {
        Budget.Charge(ContractCostType.Bls12381G2CheckPointOnCurve, null);
        return Bls12381.IsOnCurveG2(p);
    }

    private bool Bls12381CheckInSubgroup(G1 p)
    {
        Budget.Charge(ContractCostType.Bls12381G1CheckPointInSubgroup, null);
        return Bls12381.IsInSubgroupG1(p);
    }

    private bool Bls12381CheckInSubgroup(G2 p)
    {
        Budget.Charge(ContractCostType.Bls12381G2CheckPointInSubgroup, null);
        return Bls12381.IsInSubgroupG2(p);
    }

    /// <summary>
    /// <c>field_element_deserialize</c>: visit, exact length, a MemCpy of the element's size (a
    /// plain charge up to p25, <c>metered_copy_byte_slice</c> from p26: the same figures), then
    /// DecodeFp per 48 bytes and the range check (each Fp below p).
    /// </summary>
    private byte[] Bls12381FieldElementBytes(Val bytesObj, int size, string tag)
    {
        var bytes = Visit<BytesObject>(bytesObj).Bytes;
        if (bytes.Length != size)
            throw CryptoInvalidInput($"bls12-381 field element {tag}: invalid input length to deserialize");
        Budget.Charge(ContractCostType.MemCpy, (ulong)size);
        Budget.BulkCharge(ContractCostType.Bls12381DecodeFp, (ulong)(size / Bls12381.FpSize), null);
        return bytes;
    }

    // ---- encoding ----

    /// <summary>
    /// <c>serialize_uncompressed_into_slice</c>'s charge for a buffer of <paramref name="size"/>
    /// bytes: EncodeFp per started 48 bytes.
    /// </summary>
    public void Bls12381ChargeEncode(int size) =>
        Budget.BulkCharge(ContractCostType.Bls12381EncodeFp, (ulong)((size + Bls12381.FpSize - 1) / Bls12381.FpSize), null);

    /// <summary><c>g1_affine_serialize_uncompressed</c>: an affine G1 point to a new bytes object (EncodeFp × 2, then the object; untraced).</summary>
    public Val Bls12381G1Serialize(G1 p)
    {
        Bls12381ChargeEncode(Bls12381.G1Size);
        return BytesFromSlice(Bls12381.EncodeG1(p));
    }

    /// <summary><c>g2_affine_serialize_uncompressed</c> (EncodeFp × 4, then the object; untraced).</summary>
    public Val Bls12381G2Serialize(G2 p)
    {
        Bls12381ChargeEncode(Bls12381.G2Size);
        return BytesFromSlice(Bls12381.EncodeG2(p));
    }

    /// <summary>An Fp element to a new bytes object (EncodeFp, then the object; the reference's test helper fp_serialize_into_bytesobj).</summary>
    public Val Bls12381FpSerialize(Fp<Bls12381Fq> v)
    {
        Bls12381ChargeEncode(Bls12381.FpSize);
        return BytesFromSlice(Bls12381.EncodeFp(v));
    }

    /// <summary>An Fp2 element to a new bytes object (EncodeFp × 2, then the object).</summary>
    public Val Bls12381Fp2Serialize(Fp2<Bls12381Fq> v)
    {
        Bls12381ChargeEncode(Bls12381.Fp2Size);
        return BytesFromSlice(Bls12381.EncodeFp2(v));
    }

    // A group operation's (projective) result: ProjectiveToAffine, then the affine encoding.
    private Val Bls12381G1SerializeProjective(Func<G1> result)
    {
        Budget.Charge(ContractCostType.Bls12381G1ProjectiveToAffine, null);
        return Bls12381G1Serialize(result());
    }

    private Val Bls12381G2SerializeProjective(Func<G2> result)
    {
        Budget.Charge(ContractCostType.Bls12381G2ProjectiveToAffine, null);
        return Bls12381G2Serialize(result());
    }

    // ---- scalars ----

    /// <summary>The integer of a U256Val as the scalar conversions read it: a small body, or the object visited directly.</summary>
    private BigInteger U256ValueVisited(Val v) =>
        v.TagByte == (byte)Tag.U256Small ? v.Body : Visit<U256Object>(v).Value;

    /// <summary><c>Fr::from_u256val</c>: FrFromU256, then the value reduced modulo r.</summary>
    internal BlsFr Bls12381FrFromU256Val(Val v) => ScalarFromU256<Bls12381Fr>(v, ScalarCosts.Bls12381);

    /// <summary><c>u64::try_from_val(U64Val)</c>: a small body, else the native obj_to_u64 call.</summary>
    private ulong U64FromU64Val(Val v) => v.TagByte == (byte)Tag.U64Small ? v.Body : Invoke("obj_to_u64", v).Payload;

    /// <summary>The length of a vector through the native (traced) vec_len call, as the crypto helpers ask it.</summary>
    private uint VecLenNative(Val vec) => Invoke("vec_len", vec).AsU32;

    /// <summary>A Val of a vector read as <typeparamref name="T"/>'s wrapper: a tag mismatch is a conversion error (Value, UnexpectedType).</summary>
    private static Val ExpectTag(Val v, Tag tag, string what) =>
        v.TagByte == (byte)tag ? v : throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, $"vector element is not a {what}");

    private static Val ExpectU256(Val v) =>
        v.TagByte is (byte)Tag.U256Small or (byte)Tag.U256Object ? v : throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "vector element is not a U256Val");

    /// <summary><c>fr_vec_from_vecobj</c> (both curves): native vec_len, MemAlloc of len × 32, then each element converted.</summary>
    private Fp<P>[] FrVec<P>(Val vs, ScalarCosts c) where P : struct, IPrimeFieldParams
    {
        var len = VecLenNative(vs);
        Budget.Charge(ContractCostType.MemAlloc, (ulong)len * Bls12381.FrSize);
        var items = Visit<VecObject>(vs).Items;
        var result = new Fp<P>[items.Length];
        for (var i = 0; i < items.Length; i++)
            result[i] = ScalarFromU256<P>(ExpectU256(items[i]), c);
        return result;
    }

    /// <summary><c>checked_g{1,2}_vec_from_vecobj</c>: native vec_len, MemAlloc of len × point size, each point fully checked.</summary>
    private T[] CheckedPointVec<T>(Val vp, int pointSize, Func<Val, T> decode)
    {
        var len = VecLenNative(vp);
        Budget.Charge(ContractCostType.MemAlloc, (ulong)len * (ulong)pointSize);
        var items = Visit<VecObject>(vp).Items;
        var result = new T[items.Length];
        for (var i = 0; i < items.Length; i++)
            result[i] = decode(ExpectTag(items[i], Tag.BytesObject, "BytesObject"));
        return result;
    }

    private G1[] Bls12381CheckedG1Vec(Val vp) =>
        CheckedPointVec(vp, Bls12381.G1Size, v => Bls12381G1Deserialize(v, PointCheck.OnCurveAndInSubgroup));

    private G2[] Bls12381CheckedG2Vec(Val vp) =>
        CheckedPointVec(vp, Bls12381.G2Size, v => Bls12381G2Deserialize(v, PointCheck.OnCurveAndInSubgroup));

    // ---- host functions ----

    internal Val Bls12381CheckG1IsInSubgroup(Val point) =>
        Val.FromBool(Bls12381CheckInSubgroup(Bls12381G1Deserialize(point, PointCheck.OnCurve)));

    internal Val Bls12381CheckG2IsInSubgroup(Val point) =>
        Val.FromBool(Bls12381CheckInSubgroup(Bls12381G2Deserialize(point, PointCheck.OnCurve)));

    internal Val Bls12381G1IsOnCurve(Val point) =>
        Val.FromBool(Bls12381CheckOnCurve(Bls12381G1Deserialize(point, PointCheck.None)));

    internal Val Bls12381G2IsOnCurve(Val point) =>
        Val.FromBool(Bls12381CheckOnCurve(Bls12381G2Deserialize(point, PointCheck.None)));

    internal Val Bls12381G1Add(Val a, Val b)
    {
        var p0 = Bls12381G1Deserialize(a, PointCheck.OnCurve);
        var p1 = Bls12381G1Deserialize(b, PointCheck.OnCurve);
        Budget.Charge(ContractCostType.Bls12381G1Add, null);
        return Bls12381G1SerializeProjective(() => Bls12381.AddG1(p0, p1));
    }

    internal Val Bls12381G2Add(Val a, Val b)
    {
        var p0 = Bls12381G2Deserialize(a, PointCheck.OnCurve);
        var p1 = Bls12381G2Deserialize(b, PointCheck.OnCurve);
        Budget.Charge(ContractCostType.Bls12381G2Add, null);
        return Bls12381G2SerializeProjective(() => Bls12381.AddG2(p0, p1));
    }

    internal Val Bls12381G1Mul(Val point, Val scalar)
    {
        var p0 = Bls12381G1Deserialize(point, PointCheck.OnCurveAndInSubgroup);
        var k = Bls12381FrFromU256Val(scalar);
        Budget.Charge(ContractCostType.Bls12381G1Mul, null);
        return Bls12381G1SerializeProjective(() => Bls12381.MulG1(p0, k));
    }

    internal Val Bls12381G2Mul(Val point, Val scalar)
    {
        var p0 = Bls12381G2Deserialize(point, PointCheck.OnCurveAndInSubgroup);
        var k = Bls12381FrFromU256Val(scalar);
        Budget.Charge(ContractCostType.Bls12381G2Mul, null);
        return Bls12381G2SerializeProjective(() => Bls12381.MulG2(p0, k));
    }

    /// <summary><c>msm_internal</c>: charged by the point count before the length checks.</summary>
    private void MsmCharge(ContractCostType type, int points, int scalars, string tag)
    {
        Budget.Charge(type, (ulong)points);
        if (points != scalars || points == 0)
            throw CryptoInvalidInput($"{tag} msm: invalid input vector lengths ({points}, {scalars})");
    }

    internal Val Bls12381G1Msm(Val vp, Val vs)
    {
        var points = Bls12381CheckedG1Vec(vp);
        var scalars = FrVec<Bls12381Fr>(vs, ScalarCosts.Bls12381);
        MsmCharge(ContractCostType.Bls12381G1Msm, points.Length, scalars.Length, "G1");
        return Bls12381G1SerializeProjective(() => Bls12381.MsmG1(points, scalars));
    }

    internal Val Bls12381G2Msm(Val vp, Val vs)
    {
        var points = Bls12381CheckedG2Vec(vp);
        var scalars = FrVec<Bls12381Fr>(vs, ScalarCosts.Bls12381);
        MsmCharge(ContractCostType.Bls12381G2Msm, points.Length, scalars.Length, "G2");
        return Bls12381G2SerializeProjective(() => Bls12381.MsmG2(points, scalars));
    }

    internal Val Bls12381MapFpToG1(Val fp)
    {
        var bytes = Bls12381FieldElementBytes(fp, Bls12381.FpSize, "Fp");
        if (!Bls12381.TryDecodeFp(bytes, out var u))
            throw CryptoInvalidInput("bls12-381: unable to deserialize Fp");
        Budget.Charge(ContractCostType.Bls12381MapFpToG1, null);
        return Bls12381G1Serialize(Bls12381.MapToG1(u));
    }

    internal Val Bls12381MapFp2ToG2(Val fp2)
    {
        var bytes = Bls12381FieldElementBytes(fp2, Bls12381.Fp2Size, "Fp2");
        if (!Bls12381.TryDecodeFp2(bytes, out var u))
            throw CryptoInvalidInput("bls12-381: unable to deserialize Fp2");
        Budget.Charge(ContractCostType.Bls12381MapFp2ToG2, null);
        return Bls12381G2Serialize(Bls12381.MapToG2(u));
    }

    /// <summary><c>hash_to_curve</c>: visits msg then dst, charges by the message length, then checks 0 &lt; |dst| ≤ 255.</summary>
    private (byte[] Msg, byte[] Dst) HashToCurveInputs(Val msg, Val dst, ContractCostType type)
    {
        var m = Visit<BytesObject>(msg).Bytes;
        var d = Visit<BytesObject>(dst).Bytes;
        Budget.Charge(type, (ulong)m.Length);
        if (d.Length is 0 or > 255)
            throw CryptoInvalidInput($"hash_to_curve: invalid input dst length {d.Length}, must be > 0 and < 256");
        return (m, d);
    }

    internal Val Bls12381HashToG1(Val msg, Val dst)
    {
        var (m, d) = HashToCurveInputs(msg, dst, ContractCostType.Bls12381HashToG1);
        return Bls12381G1Serialize(Bls12381.HashToG1(m, d));
    }

    internal Val Bls12381HashToG2(Val msg, Val dst)
    {
        var (m, d) = HashToCurveInputs(msg, dst, ContractCostType.Bls12381HashToG2);
        return Bls12381G2Serialize(Bls12381.HashToG2(m, d));
    }

    /// <summary>
    /// The pairing check's up-front length test: both lengths read directly (the host function's
    /// own <c>vec_len</c>, a VisitObject each, untraced), equal and non-zero.
    /// </summary>
    private void PairingCheckLengths(Val vp1, Val vp2)
    {
        var l1 = Visit<VecObject>(vp1).Items.Length;
        var l2 = Visit<VecObject>(vp2).Items.Length;
        if (l1 != l2 || l1 == 0)
            throw CryptoInvalidInput($"multi-pairing-check: invalid input vector lengths {l1} and {l2}");
    }

    /// <summary>
    /// <c>multi_pairing_check</c>: the length test, the checked point vectors, Pairing charged by
    /// the pair count, then a MemCmp of an Fp12's encoded size (12 × <paramref name="fpSize"/>) for
    /// the comparison with one.
    /// </summary>
    private Val MultiPairingCheck<TG1, TG2>(Val vp1, Val vp2, Func<Val, TG1[]> g1s, Func<Val, TG2[]> g2s,
        ContractCostType pairing, int fpSize, Func<TG1[], TG2[], bool> productIsOne)
    {
        PairingCheckLengths(vp1, vp2);
        var ps = g1s(vp1);
        var qs = g2s(vp2);
        Budget.Charge(pairing, (ulong)ps.Length);
        if (ps.Length != qs.Length || ps.Length == 0)
            throw CryptoInvalidInput($"pairing: invalid input vector lengths ({ps.Length}, {qs.Length})");
        var isOne = productIsOne(ps, qs);
        Budget.Charge(ContractCostType.MemCmp, 12 * (ulong)fpSize);
        return Val.FromBool(isOne);
    }

    internal Val Bls12381MultiPairingCheck(Val vp1, Val vp2) =>
        MultiPairingCheck(vp1, vp2, Bls12381CheckedG1Vec, Bls12381CheckedG2Vec, ContractCostType.Bls12381Pairing, Bls12381.FpSize,
            static (ps, qs) => Bls12381.PairingProductIsOne(ps, qs));

    // ---- Fr arithmetic (the shared metered scalar operations, Host.Crypto.Scalars.cs) ----

    internal Val Bls12381FrAdd(Val lhs, Val rhs) => FrBinary<Bls12381Fr>(lhs, rhs, ScalarCosts.Bls12381, add: true, static (a, b) => a + b);

    internal Val Bls12381FrSub(Val lhs, Val rhs) => FrBinary<Bls12381Fr>(lhs, rhs, ScalarCosts.Bls12381, add: true, static (a, b) => a - b);

    internal Val Bls12381FrMul(Val lhs, Val rhs) => FrBinary<Bls12381Fr>(lhs, rhs, ScalarCosts.Bls12381, add: false, static (a, b) => a * b);

    internal Val Bls12381FrPow(Val lhs, Val rhs) => FrPow<Bls12381Fr>(lhs, rhs, ScalarCosts.Bls12381);

    internal Val Bls12381FrInv(Val lhs) => FrInv<Bls12381Fr>(lhs, ScalarCosts.Bls12381, "scalar inversion input is zero");
}
