using System.Numerics;
using Replay.Soroban.Budget;
using Replay.Soroban.Crypto;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

using BnFr = Fp<Bn254Fr>;
using BnG1 = Affine<Fp<Bn254Fq>>;
using BnG2 = Affine<Fp2<Bn254Fq>>;

// Module "c": BN254 (fact: crypto/bn254.rs and host.rs at 6323c1fc (p25), b351f88a (p26) and
// b03d2563 (p27)). Differences: from p26 the split of a point's bytes into its two coordinates is
// a metered copy (MemCpy of each half), g1 decoding can skip the curve check (is_on_curve), and
// the Fr arithmetic, is_on_curve and msm host functions exist.
public sealed partial class Host
{
    /// <summary>
    /// <c>bn254_field_element_deserialize</c>: MemCpy of the element, DecodeFp per 32 bytes, then
    /// each Fp must be below p.
    /// </summary>
    private void Bn254ChargeFieldElement(int size)
    {
        Budget.Charge(ContractCostType.MemCpy, (ulong)size);
        Budget.BulkCharge(ContractCostType.Bn254DecodeFp, (ulong)(size / Bn254.FpSize), null);
    }

    /// <summary>The length and flag checks; true for the all-zero encoding of the point at infinity.</summary>
    private bool Bn254CheckEncoding(byte[] bytes, int size, string tag)
    {
        if (bytes.Length != size)
            throw CryptoInvalidInput($"bn254 {tag}: invalid input length to deserialize");
        if (!Bn254.FlagsAreClear(bytes))
            throw CryptoInvalidInput($"bn254 {tag} deserialize: the two flag bits must be unset");
        return Bn254.IsAllZero(bytes);
    }

    private void Bn254ChargeCoordinateSplit(int coordinateSize)
    {
        if (Protocol >= 26)
        {
            Budget.Charge(ContractCostType.MemCpy, (ulong)coordinateSize);
            Budget.Charge(ContractCostType.MemCpy, (ulong)coordinateSize);
        }
    }

    /// <summary><c>bn254_g1_affine_deserialize</c> (the curve check is skipped only for <see cref="PointCheck.None"/>; G1 has no subgroup check).</summary>
    public BnG1 Bn254G1Deserialize(Val bytesObj, PointCheck check)
    {
        var bytes = Visit<BytesObject>(bytesObj).Bytes;
        if (Bn254CheckEncoding(bytes, Bn254.G1Size, "G1"))
            return BnG1.Identity;
        Bn254ChargeCoordinateSplit(Bn254.FpSize);
        Bn254ChargeFieldElement(Bn254.FpSize);
        if (!Bn254.TryDecodeFp(bytes.AsSpan(0, Bn254.FpSize), out var x))
            throw CryptoInvalidInput("bn254: unable to deserialize bn254 Fp");
        Bn254ChargeFieldElement(Bn254.FpSize);
        if (!Bn254.TryDecodeFp(bytes.AsSpan(Bn254.FpSize), out var y))
            throw CryptoInvalidInput("bn254: unable to deserialize bn254 Fp");
        var p = new BnG1(x, y, false);
        if ((Protocol < 26 || check != PointCheck.None) && !Bn254CheckOnCurve(p))
            throw CryptoInvalidInput("bn254 G1: point not on curve");
        return p;
    }

    /// <summary><c>bn254_g2_affine_deserialize</c>: always the curve and subgroup checks.</summary>
    public BnG2 Bn254G2Deserialize(Val bytesObj)
    {
        var bytes = Visit<BytesObject>(bytesObj).Bytes;
        if (Bn254CheckEncoding(bytes, Bn254.G2Size, "G2"))
            return BnG2.Identity;
        Bn254ChargeCoordinateSplit(Bn254.Fp2Size);
        Bn254ChargeFieldElement(Bn254.Fp2Size);
        if (!Bn254.TryDecodeFp2(bytes.AsSpan(0, Bn254.Fp2Size), out var x))
            throw CryptoInvalidInput("bn254: unable to deserialize bn254 Fp2");
        Bn254ChargeFieldElement(Bn254.Fp2Size);
        if (!Bn254.TryDecodeFp2(bytes.AsSpan(Bn254.Fp2Size), out var y))
            throw CryptoInvalidInput("bn254: unable to deserialize bn254 Fp2");
        var p = new BnG2(x, y, false);
        Budget.Charge(ContractCostType.Bn254G2CheckPointOnCurve, null);
        if (!Bn254.IsOnCurveG2(p))
            throw CryptoInvalidInput("bn254 G2: point not on curve");
        Budget.Charge(ContractCostType.Bn254G2CheckPointInSubgroup, null);
        if (!Bn254.IsInSubgroupG2(p))
            throw CryptoInvalidInput("bn254 G2: point not in the correct subgroup");
        return p;
    }

    private bool Bn254CheckOnCurve(BnG1 p)
    {
        Budget.Charge(ContractCostType.Bn254G1CheckPointOnCurve, null);
        return Bn254.IsOnCurveG1(p);
    }

    /// <summary>
    /// <c>bn254_g1_affine_serialize_uncompressed</c>: EncodeFp for each coordinate, then the bytes
    /// object through the native (traced) bytes_new_from_slice.
    /// </summary>
    public Val Bn254G1Serialize(BnG1 p)
    {
        Budget.BulkCharge(ContractCostType.Bn254EncodeFp, 1, null);
        Budget.BulkCharge(ContractCostType.Bn254EncodeFp, 1, null);
        return BytesNewFromSlice(Bn254.EncodeG1(p));
    }

    /// <summary>The reference's (test) helper <c>bn254_g2_affine_serialize_uncompressed</c>: EncodeFp × 2 per coordinate, then the traced bytes_new_from_slice.</summary>
    public Val Bn254G2Serialize(BnG2 p)
    {
        Budget.BulkCharge(ContractCostType.Bn254EncodeFp, 2, null);
        Budget.BulkCharge(ContractCostType.Bn254EncodeFp, 2, null);
        return BytesNewFromSlice(Bn254.EncodeG2(p));
    }

    private Val Bn254G1SerializeProjective(Func<BnG1> result)
    {
        Budget.Charge(ContractCostType.Bn254G1ProjectiveToAffine, null);
        return Bn254G1Serialize(result());
    }

    /// <summary><c>bn254_fr_from_u256val</c>: FrFromU256, then the value modulo r.</summary>
    public BnFr Bn254FrFromU256Val(Val v) => ScalarFromU256<Bn254Fr>(v, ScalarCosts.Bn254);

    internal Val Bn254G1Add(Val a, Val b)
    {
        var p0 = Bn254G1Deserialize(a, PointCheck.OnCurve);
        var p1 = Bn254G1Deserialize(b, PointCheck.OnCurve);
        Budget.Charge(ContractCostType.Bn254G1Add, null);
        return Bn254G1SerializeProjective(() => Bn254.AddG1(p0, p1));
    }

    internal Val Bn254G1Mul(Val point, Val scalar)
    {
        var p0 = Bn254G1Deserialize(point, PointCheck.OnCurve);
        var k = Bn254FrFromU256Val(scalar);
        Budget.Charge(ContractCostType.Bn254G1Mul, null);
        return Bn254G1SerializeProjective(() => Bn254.MulG1(p0, k));
    }

    internal Val Bn254G1IsOnCurve(Val point) => Val.FromBool(Bn254CheckOnCurve(Bn254G1Deserialize(point, PointCheck.None)));

    private BnG1[] Bn254CheckedG1Vec(Val vp) =>
        CheckedPointVec(vp, Bn254.G1Size, v => Bn254G1Deserialize(v, PointCheck.OnCurveAndInSubgroup));

    private BnG2[] Bn254CheckedG2Vec(Val vp) => CheckedPointVec(vp, Bn254.G2Size, Bn254G2Deserialize);

    internal Val Bn254G1Msm(Val vp, Val vs)
    {
        var points = Bn254CheckedG1Vec(vp);
        var scalars = FrVec<Bn254Fr>(vs, ScalarCosts.Bn254);
        MsmCharge(ContractCostType.Bn254G1Msm, points.Length, scalars.Length, "BN254 G1");
        return Bn254G1SerializeProjective(() => Bn254.MsmG1(points, scalars));
    }

    internal Val Bn254MultiPairingCheck(Val vp1, Val vp2) =>
        MultiPairingCheck(vp1, vp2, Bn254CheckedG1Vec, Bn254CheckedG2Vec, ContractCostType.Bn254Pairing, Bn254.FpSize,
            static (ps, qs) => Bn254.PairingProductIsOne(ps, qs));

    internal Val Bn254FrAdd(Val lhs, Val rhs) => FrBinary<Bn254Fr>(lhs, rhs, ScalarCosts.Bn254, add: true, static (a, b) => a + b);

    internal Val Bn254FrSub(Val lhs, Val rhs) => FrBinary<Bn254Fr>(lhs, rhs, ScalarCosts.Bn254, add: true, static (a, b) => a - b);

    internal Val Bn254FrMul(Val lhs, Val rhs) => FrBinary<Bn254Fr>(lhs, rhs, ScalarCosts.Bn254, add: false, static (a, b) => a * b);

    internal Val Bn254FrPow(Val lhs, Val rhs) => FrPow<Bn254Fr>(lhs, rhs, ScalarCosts.Bn254);

    internal Val Bn254FrInv(Val lhs) => FrInv<Bn254Fr>(lhs, ScalarCosts.Bn254, "bn254 scalar inversion input is zero");
}
