using System.Numerics;

namespace Replay.Soroban.Crypto;

/// <summary>The BN254 (alt_bn128) base field.</summary>
public struct Bn254Fq : IPrimeFieldParams
{
    public static FieldInfo Info { get; } = new FieldInfo(Hex.Big("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47")).Verify<Bn254Fq>();
    public static int Limbs => 4;
    public static ulong P0 => 0x3c208c16d87cfd47;
    public static ulong P1 => 0x97816a916871ca8d;
    public static ulong P2 => 0xb85045b68181585d;
    public static ulong P3 => 0x30644e72e131a029;
    public static ulong P4 => 0;
    public static ulong P5 => 0;
    public static ulong NPrime => 0x87d20782e4866389;
}

/// <summary>The BN254 scalar field (the group order r).</summary>
public struct Bn254Fr : IPrimeFieldParams
{
    public static FieldInfo Info { get; } = new FieldInfo(Hex.Big("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001")).Verify<Bn254Fr>();
    public static int Limbs => 4;
    public static ulong P0 => 0x43e1f593f0000001;
    public static ulong P1 => 0x2833e84879b97091;
    public static ulong P2 => 0xb85045b68181585d;
    public static ulong P3 => 0x30644e72e131a029;
    public static ulong P4 => 0;
    public static ulong P5 => 0;
    public static ulong NPrime => 0xc2e1f593efffffff;
}

/// <summary>ξ = 9 + u.</summary>
public struct Bn254Xi : ITowerParams<Bn254Fq>
{
    public static Fp2<Bn254Fq> Xi { get; } = new(Fp<Bn254Fq>.FromUInt64(9), Fp<Bn254Fq>.One);
}

/// <summary>E: y² = x³ + 3.</summary>
public struct Bn254G1Curve : ICurveParams<Fp<Bn254Fq>>
{
    public static Fp<Bn254Fq> B { get; } = Fp<Bn254Fq>.FromUInt64(3);
}

/// <summary>E': y² = x³ + 3/(9 + u) (a D-type sextic twist).</summary>
public struct Bn254G2Curve : ICurveParams<Fp2<Bn254Fq>>
{
    public static Fp2<Bn254Fq> B { get; } = new Fp2<Bn254Fq>(Fp<Bn254Fq>.FromUInt64(3), Fp<Bn254Fq>.Zero) * Bn254Xi.Xi.Inverse();
}

/// <summary>
/// BN254 as the reference host uses it (arkworks ark-bn254 behind the Ethereum encoding of
/// EIP-196/197): coordinates big-endian 32 bytes each, Fp2 as c1 ‖ c0, the point at infinity all
/// zeros, the two top bits of the first byte reserved (must be zero). Curve facts: p, r,
/// x = 4965661367192848881 (p = 36x⁴ + 36x³ + 24x² + 6x + 1), b = 3, twist b' = 3/(9+u).
/// </summary>
public static class Bn254
{
    public const int FpSize = 32;
    public const int Fp2Size = 2 * FpSize;
    public const int G1Size = 2 * FpSize;
    public const int G2Size = 2 * Fp2Size;

    public static BigInteger P => Bn254Fq.Info.Modulus;
    public static BigInteger R => Bn254Fr.Info.Modulus;

    public static readonly BigInteger X = 4965661367192848881;

    // The ate pairing over T = t - 1 = 6x²; the hard part of the final exponentiation as
    // λ₀ + λ₁p + λ₂p² + λ₃p³ = (p⁴ - p² + 1)/r with λ₃ = 1, λ₂ = 6x² + 1,
    // λ₁ = -36x³ - 18x² - 12x + 1, λ₀ = -36x³ - 30x² - 18x - 2 (Scott et al., "On the Final
    // Exponentiation for Calculating Pairings on Ordinary Elliptic Curves", 2009).
    private static readonly PairingEngine<Bn254Fq, Bn254Xi> Engine = new(6 * X * X, TwistType.D, R, X,
        [[-2, -18, -30, -36], [1, -12, -18, -36], [1, 0, 6], [1]]);

    /// <summary>The flag rule: the two top bits of the first byte are zero. Returns whether every byte is zero (infinity).</summary>
    public static bool FlagsAreClear(ReadOnlySpan<byte> bytes) => (bytes[0] & 0b1100_0000) == 0;

    public static bool IsAllZero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);

    public static bool TryDecodeFp(ReadOnlySpan<byte> bytes, out Fp<Bn254Fq> value) => Fp<Bn254Fq>.TryFromBytesBigEndian(bytes, out value);

    public static bool TryDecodeFp2(ReadOnlySpan<byte> bytes, out Fp2<Bn254Fq> value)
    {
        value = default;
        if (!TryDecodeFp(bytes[..FpSize], out var c1) || !TryDecodeFp(bytes[FpSize..], out var c0))
            return false;
        value = new(c0, c1);
        return true;
    }

    public static byte[] EncodeG1(Affine<Fp<Bn254Fq>> p)
    {
        var buf = new byte[G1Size];
        if (p.Infinity)
            return buf;
        p.X.WriteBytesBigEndian(buf.AsSpan(0, FpSize));
        p.Y.WriteBytesBigEndian(buf.AsSpan(FpSize));
        return buf;
    }

    public static byte[] EncodeG2(Affine<Fp2<Bn254Fq>> p)
    {
        var buf = new byte[G2Size];
        if (p.Infinity)
            return buf;
        p.X.C1.WriteBytesBigEndian(buf.AsSpan(0, FpSize));
        p.X.C0.WriteBytesBigEndian(buf.AsSpan(FpSize, FpSize));
        p.Y.C1.WriteBytesBigEndian(buf.AsSpan(2 * FpSize, FpSize));
        p.Y.C0.WriteBytesBigEndian(buf.AsSpan(3 * FpSize));
        return buf;
    }

    public static bool IsOnCurveG1(Affine<Fp<Bn254Fq>> p) => Curve<Fp<Bn254Fq>, Bn254G1Curve>.IsOnCurve(p);

    public static bool IsOnCurveG2(Affine<Fp2<Bn254Fq>> p) => Curve<Fp2<Bn254Fq>, Bn254G2Curve>.IsOnCurve(p);

    public static bool IsInSubgroupG2(Affine<Fp2<Bn254Fq>> p) => Curve<Fp2<Bn254Fq>, Bn254G2Curve>.IsInSubgroup(p, R);

    public static Affine<Fp<Bn254Fq>> AddG1(Affine<Fp<Bn254Fq>> a, Affine<Fp<Bn254Fq>> b) =>
        Curve<Fp<Bn254Fq>, Bn254G1Curve>.ToAffine(Curve<Fp<Bn254Fq>, Bn254G1Curve>.Add(Curve<Fp<Bn254Fq>, Bn254G1Curve>.FromAffine(a), b));

    public static Affine<Fp<Bn254Fq>> MulG1(Affine<Fp<Bn254Fq>> p, Fp<Bn254Fr> k) =>
        Curve<Fp<Bn254Fq>, Bn254G1Curve>.ToAffine(Curve<Fp<Bn254Fq>, Bn254G1Curve>.Multiply(Curve<Fp<Bn254Fq>, Bn254G1Curve>.FromAffine(p), k.ToBigInteger()));

    public static Affine<Fp<Bn254Fq>> MsmG1(ReadOnlySpan<Affine<Fp<Bn254Fq>>> points, ReadOnlySpan<Fp<Bn254Fr>> scalars)
    {
        var ks = new BigInteger[scalars.Length];
        for (var i = 0; i < ks.Length; i++)
            ks[i] = scalars[i].ToBigInteger();
        return Curve<Fp<Bn254Fq>, Bn254G1Curve>.ToAffine(Curve<Fp<Bn254Fq>, Bn254G1Curve>.MultiScalarMultiply(points, ks));
    }

    /// <summary>Whether ∏ e(Pᵢ, Qᵢ) = 1.</summary>
    public static bool PairingProductIsOne(ReadOnlySpan<Affine<Fp<Bn254Fq>>> ps, ReadOnlySpan<Affine<Fp2<Bn254Fq>>> qs) =>
        Engine.MultiPairing(ps, qs).Equals(Fp12<Bn254Fq, Bn254Xi>.One);

    public static Fp12<Bn254Fq, Bn254Xi> Pairing(Affine<Fp<Bn254Fq>> p, Affine<Fp2<Bn254Fq>> q) => Engine.MultiPairing([p], [q]);
}
