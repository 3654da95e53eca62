using System.Globalization;
using System.Numerics;

namespace Replay.Soroban.Crypto;

/// <summary>The BLS12-381 base field Fq (the curve's p).</summary>
public struct Bls12381Fq : IPrimeFieldParams
{
    public static FieldInfo Info { get; } = new FieldInfo(Hex.Big("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab")).Verify<Bls12381Fq>();
    public static int Limbs => 6;
    public static ulong P0 => 0xb9feffffffffaaab;
    public static ulong P1 => 0x1eabfffeb153ffff;
    public static ulong P2 => 0x6730d2a0f6b0f624;
    public static ulong P3 => 0x64774b84f38512bf;
    public static ulong P4 => 0x4b1ba7b6434bacd7;
    public static ulong P5 => 0x1a0111ea397fe69a;
    public static ulong NPrime => 0x89f3fffcfffcfffd;
}

/// <summary>The BLS12-381 scalar field Fr (the group order r).</summary>
public struct Bls12381Fr : IPrimeFieldParams
{
    public static FieldInfo Info { get; } = new FieldInfo(Hex.Big("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001")).Verify<Bls12381Fr>();
    public static int Limbs => 4;
    public static ulong P0 => 0xffffffff00000001;
    public static ulong P1 => 0x53bda402fffe5bfe;
    public static ulong P2 => 0x3339d80809a1d805;
    public static ulong P3 => 0x73eda753299d7d48;
    public static ulong P4 => 0;
    public static ulong P5 => 0;
    public static ulong NPrime => 0xfffffffeffffffff;
}

/// <summary>ξ = 1 + u.</summary>
public struct Bls12381Xi : ITowerParams<Bls12381Fq>
{
    public static Fp2<Bls12381Fq> Xi { get; } = new(Fp<Bls12381Fq>.One, Fp<Bls12381Fq>.One);
}

/// <summary>E: y² = x³ + 4.</summary>
public struct Bls12381G1Curve : ICurveParams<Fp<Bls12381Fq>>
{
    public static Fp<Bls12381Fq> B { get; } = Fp<Bls12381Fq>.FromUInt64(4);
}

/// <summary>E': y² = x³ + 4(1 + u) (an M-type sextic twist).</summary>
public struct Bls12381G2Curve : ICurveParams<Fp2<Bls12381Fq>>
{
    public static Fp2<Bls12381Fq> B { get; } = new(Fp<Bls12381Fq>.FromUInt64(4), Fp<Bls12381Fq>.FromUInt64(4));
}

/// <summary>
/// BLS12-381 as the reference host (arkworks ark-bls12-381) uses it: the zcash serialization
/// (big-endian coordinates, flags in the three top bits of the first byte, Fp2 as c1 ‖ c0),
/// curve and subgroup checks, group operations, RFC 9380 map-to-curve and hash-to-curve
/// (suites BLS12381G1_XMD:SHA-256_SSWU_RO_ and BLS12381G2_XMD:SHA-256_SSWU_RO_) and the pairing.
/// Curve facts: the BLS12-381 definition (p, r, x = -0xd201000000010000, b = 4, twist b' = 4(1+u)).
/// </summary>
public static class Bls12381
{
    public const int FpSize = 48;
    public const int Fp2Size = 2 * FpSize;
    public const int G1Size = 2 * FpSize;
    public const int G2Size = 2 * Fp2Size;
    public const int FrSize = 32;

    public static BigInteger P => Bls12381Fq.Info.Modulus;
    public static BigInteger R => Bls12381Fr.Info.Modulus;

    /// <summary>The curve parameter x (negative).</summary>
    public static readonly BigInteger X = -Hex.Big("d201000000010000");

    // Hard part of the final exponentiation: 3·(p⁴ - p² + 1)/r = (x - 1)²·(x + p)·(x² + p² - 1) + 3
    // (Hayashida, Hayasaka and Teruya, "Efficient Final Exponentiation via Cyclotomic Structure
    // for Pairings over Families of Elliptic Curves", 2020), expanded in powers of p.
    private static readonly PairingEngine<Bls12381Fq, Bls12381Xi> Engine = new(X, TwistType.M, R, X,
        [[3, -1, 2, 0, -2, 1], [-1, 2, 0, -2, 1], [0, 1, -2, 1], [1, -2, 1]]);

    // ---- encoding (zcash format) ----

    /// <summary>
    /// The host's flag rule for an uncompressed point (fact: bls12_381.rs validate_point_encoding):
    /// flags (top three bits) 000, or 010 with every other bit zero (the point at infinity).
    /// </summary>
    public static bool HasValidUncompressedFlags(ReadOnlySpan<byte> bytes)
    {
        var flags = bytes[0] & 0b1110_0000;
        return flags switch
        {
            0b0100_0000 => bytes[0] == 0b0100_0000 && !bytes[1..].ContainsAnyExcept((byte)0),
            0 => true,
            _ => false,
        };
    }

    /// <summary>Decodes x ‖ y (no curve check); false when a coordinate is not below p. Flags must already be valid.</summary>
    public static bool TryDecodeG1(ReadOnlySpan<byte> bytes, out Affine<Fp<Bls12381Fq>> point)
    {
        if ((bytes[0] & 0b0100_0000) != 0)
        {
            point = Affine<Fp<Bls12381Fq>>.Identity;
            return true;
        }
        point = default;
        if (!TryDecodeFp(bytes[..FpSize], out var x) || !TryDecodeFp(bytes[FpSize..], out var y))
            return false;
        point = new(x, y, false);
        return true;
    }

    public static bool TryDecodeG2(ReadOnlySpan<byte> bytes, out Affine<Fp2<Bls12381Fq>> point)
    {
        if ((bytes[0] & 0b0100_0000) != 0)
        {
            point = Affine<Fp2<Bls12381Fq>>.Identity;
            return true;
        }
        point = default;
        if (!TryDecodeFp2(bytes[..Fp2Size], out var x) || !TryDecodeFp2(bytes[Fp2Size..], out var y))
            return false;
        point = new(x, y, false);
        return true;
    }

    /// <summary>A big-endian 48-byte integer below p.</summary>
    public static bool TryDecodeFp(ReadOnlySpan<byte> bytes, out Fp<Bls12381Fq> value) => Fp<Bls12381Fq>.TryFromBytesBigEndian(bytes, out value);

    /// <summary>c1 ‖ c0, each a big-endian 48-byte integer below p.</summary>
    public static bool TryDecodeFp2(ReadOnlySpan<byte> bytes, out Fp2<Bls12381Fq> value)
    {
        value = default;
        if (!TryDecodeFp(bytes[..FpSize], out var c1) || !TryDecodeFp(bytes[FpSize..], out var c0))
            return false;
        value = new(c0, c1);
        return true;
    }

    public static byte[] EncodeG1(Affine<Fp<Bls12381Fq>> p)
    {
        var buf = new byte[G1Size];
        if (p.Infinity)
        {
            buf[0] = 0b0100_0000;
            return buf;
        }
        p.X.WriteBytesBigEndian(buf.AsSpan(0, FpSize));
        p.Y.WriteBytesBigEndian(buf.AsSpan(FpSize));
        return buf;
    }

    public static byte[] EncodeG2(Affine<Fp2<Bls12381Fq>> p)
    {
        var buf = new byte[G2Size];
        if (p.Infinity)
        {
            buf[0] = 0b0100_0000;
            return buf;
        }
        WriteFp2(p.X, buf.AsSpan(0, Fp2Size));
        WriteFp2(p.Y, buf.AsSpan(Fp2Size));
        return buf;
    }

    public static byte[] EncodeFp(Fp<Bls12381Fq> v)
    {
        var buf = new byte[FpSize];
        v.WriteBytesBigEndian(buf);
        return buf;
    }

    public static byte[] EncodeFp2(Fp2<Bls12381Fq> v)
    {
        var buf = new byte[Fp2Size];
        WriteFp2(v, buf);
        return buf;
    }

    private static void WriteFp2(Fp2<Bls12381Fq> v, Span<byte> dest)
    {
        v.C1.WriteBytesBigEndian(dest[..FpSize]);
        v.C0.WriteBytesBigEndian(dest[FpSize..]);
    }

    // ---- checks and group operations ----

    public static bool IsOnCurveG1(Affine<Fp<Bls12381Fq>> p) => Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.IsOnCurve(p);

    public static bool IsOnCurveG2(Affine<Fp2<Bls12381Fq>> p) => Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.IsOnCurve(p);

    /// <summary>Whether an on-curve point lies in the order-r subgroup.</summary>
    public static bool IsInSubgroupG1(Affine<Fp<Bls12381Fq>> p) => Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.IsInSubgroup(p, R);

    public static bool IsInSubgroupG2(Affine<Fp2<Bls12381Fq>> p) => Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.IsInSubgroup(p, R);

    public static Affine<Fp<Bls12381Fq>> AddG1(Affine<Fp<Bls12381Fq>> a, Affine<Fp<Bls12381Fq>> b)
    {
        var c = Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.Add(Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.FromAffine(a), b);
        return Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.ToAffine(c);
    }

    public static Affine<Fp2<Bls12381Fq>> AddG2(Affine<Fp2<Bls12381Fq>> a, Affine<Fp2<Bls12381Fq>> b)
    {
        var c = Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.Add(Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.FromAffine(a), b);
        return Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.ToAffine(c);
    }

    public static Affine<Fp<Bls12381Fq>> MulG1(Affine<Fp<Bls12381Fq>> p, Fp<Bls12381Fr> k) =>
        Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.ToAffine(
            Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.Multiply(Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.FromAffine(p), k.ToBigInteger()));

    public static Affine<Fp2<Bls12381Fq>> MulG2(Affine<Fp2<Bls12381Fq>> p, Fp<Bls12381Fr> k) =>
        Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.ToAffine(
            Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.Multiply(Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.FromAffine(p), k.ToBigInteger()));

    public static Affine<Fp<Bls12381Fq>> MsmG1(ReadOnlySpan<Affine<Fp<Bls12381Fq>>> points, ReadOnlySpan<Fp<Bls12381Fr>> scalars) =>
        Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.ToAffine(Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.MultiScalarMultiply(points, ToIntegers(scalars)));

    public static Affine<Fp2<Bls12381Fq>> MsmG2(ReadOnlySpan<Affine<Fp2<Bls12381Fq>>> points, ReadOnlySpan<Fp<Bls12381Fr>> scalars) =>
        Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.ToAffine(Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.MultiScalarMultiply(points, ToIntegers(scalars)));

    private static BigInteger[] ToIntegers(ReadOnlySpan<Fp<Bls12381Fr>> scalars)
    {
        var result = new BigInteger[scalars.Length];
        for (var i = 0; i < scalars.Length; i++)
            result[i] = scalars[i].ToBigInteger();
        return result;
    }

    /// <summary>Whether ∏ e(Pᵢ, Qᵢ) = 1.</summary>
    public static bool PairingProductIsOne(ReadOnlySpan<Affine<Fp<Bls12381Fq>>> ps, ReadOnlySpan<Affine<Fp2<Bls12381Fq>>> qs) =>
        Engine.MultiPairing(ps, qs).Equals(Fp12<Bls12381Fq, Bls12381Xi>.One);

    public static Fp12<Bls12381Fq, Bls12381Xi> Pairing(Affine<Fp<Bls12381Fq>> p, Affine<Fp2<Bls12381Fq>> q) =>
        Engine.MultiPairing([p], [q]);

    // ---- RFC 9380 ----

    // Suite constants (RFC 9380 section 8.8.1 and 8.8.2): L = 64, Z and the isogenous curves E'.
    private const int HashL = 64;
    private static readonly Fp<Bls12381Fq> G1IsoA = Fp<Bls12381Fq>.FromBigInteger(Hex.Big("144698a3b8e9433d693a02c96d4982b0ea985383ee66a8d8e8981aefd881ac98936f8da0e0f97f5cf428082d584c1d"));
    private static readonly Fp<Bls12381Fq> G1IsoB = Fp<Bls12381Fq>.FromBigInteger(Hex.Big("12e2908d11688030018b12e8753eee3b2016c1f0f24f4070a0b9c14fcef35ef55a23215a316ceaa5d1cc48e98e172be0"));
    private static readonly Fp<Bls12381Fq> G1Z = Fp<Bls12381Fq>.FromUInt64(11);
    private static readonly Fp2<Bls12381Fq> G2IsoA = new(Fp<Bls12381Fq>.Zero, Fp<Bls12381Fq>.FromUInt64(240));
    private static readonly Fp2<Bls12381Fq> G2IsoB = new(Fp<Bls12381Fq>.FromUInt64(1012), Fp<Bls12381Fq>.FromUInt64(1012));
    private static readonly Fp2<Bls12381Fq> G2Z = new(-Fp<Bls12381Fq>.FromUInt64(2), -Fp<Bls12381Fq>.One);

    /// <summary>h_eff of the G1 suite: 1 - x.</summary>
    public static readonly BigInteger G1HEff = Hex.Big("d201000000010001");

    /// <summary>h_eff of the G2 suite (RFC 9380 section 8.8.2).</summary>
    public static readonly BigInteger G2HEff = Hex.Big("bc69f08f2ee75b3584c6a0ea91b352888e2a8e9145ad7689986ff031508ffe1329c2f178731db956d82bf015d1212b02ec0ec69d7477c1ae954cbc06689f6a359894c0adebbf6b4e8020005aaa95551");

    /// <summary>map_to_curve for G1: simplified SWU onto E', then the 11-isogeny to E (no cofactor clearing).</summary>
    public static Affine<Fp<Bls12381Fq>> MapToG1(Fp<Bls12381Fq> u)
    {
        var (x, y) = HashToCurve.SimplifiedSwu(u, G1IsoA, G1IsoB, G1Z);
        var (ix, iy) = HashToCurve.IsogenyMap(x, y, IsoG1.XNum, IsoG1.XDen, IsoG1.YNum, IsoG1.YDen);
        return new(ix, iy, false);
    }

    /// <summary>map_to_curve for G2: simplified SWU onto E', then the 3-isogeny to E (no cofactor clearing).</summary>
    public static Affine<Fp2<Bls12381Fq>> MapToG2(Fp2<Bls12381Fq> u)
    {
        var (x, y) = HashToCurve.SimplifiedSwu(u, G2IsoA, G2IsoB, G2Z);
        var (ix, iy) = HashToCurve.IsogenyMap(x, y, IsoG2.XNum, IsoG2.XDen, IsoG2.YNum, IsoG2.YDen);
        return new(ix, iy, false);
    }

    /// <summary>hash_to_curve, BLS12381G1_XMD:SHA-256_SSWU_RO_ with the caller's DST (at most 255 bytes).</summary>
    public static Affine<Fp<Bls12381Fq>> HashToG1(ReadOnlySpan<byte> msg, ReadOnlySpan<byte> dst)
    {
        var u = HashToCurve.HashToFp<Bls12381Fq>(msg, dst, 2, HashL);
        var sum = AddG1(MapToG1(u[0]), MapToG1(u[1]));
        return Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.ToAffine(
            Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.Multiply(Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.FromAffine(sum), G1HEff));
    }

    /// <summary>hash_to_curve, BLS12381G2_XMD:SHA-256_SSWU_RO_ with the caller's DST (at most 255 bytes).</summary>
    public static Affine<Fp2<Bls12381Fq>> HashToG2(ReadOnlySpan<byte> msg, ReadOnlySpan<byte> dst)
    {
        var u = HashToCurve.HashToFp2<Bls12381Fq>(msg, dst, 2, HashL);
        var sum = AddG2(MapToG2(u[0]), MapToG2(u[1]));
        return Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.ToAffine(
            Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.Multiply(Curve<Fp2<Bls12381Fq>, Bls12381G2Curve>.FromAffine(sum), G2HEff));
    }

    // The isogeny maps of RFC 9380 appendix E.2 (G1, 11-isogeny) and E.3 (G2, 3-isogeny):
    // coefficients in increasing degree; the denominators are monic.
    private static class IsoG1
    {
        public static readonly Fp<Bls12381Fq>[] XNum = Parse(G1IsoXNum);
        public static readonly Fp<Bls12381Fq>[] XDen = Parse(G1IsoXDen);
        public static readonly Fp<Bls12381Fq>[] YNum = Parse(G1IsoYNum);
        public static readonly Fp<Bls12381Fq>[] YDen = Parse(G1IsoYDen);

        private static Fp<Bls12381Fq>[] Parse(string[] hex) => [.. hex.Select(h => Fp<Bls12381Fq>.FromBigInteger(Hex.Big(h)))];
    }

    private static class IsoG2
    {
        public static readonly Fp2<Bls12381Fq>[] XNum = Parse(G2IsoXNum);
        public static readonly Fp2<Bls12381Fq>[] XDen = Parse(G2IsoXDen);
        public static readonly Fp2<Bls12381Fq>[] YNum = Parse(G2IsoYNum);
        public static readonly Fp2<Bls12381Fq>[] YDen = Parse(G2IsoYDen);

        private static Fp2<Bls12381Fq>[] Parse((string C0, string C1)[] hex) =>
            [.. hex.Select(h => new Fp2<Bls12381Fq>(Fp<Bls12381Fq>.FromBigInteger(Hex.Big(h.C0)), Fp<Bls12381Fq>.FromBigInteger(Hex.Big(h.C1))))];
    }

    private static readonly string[] G1IsoXNum =
    [
        "11a05f2b1e833340b809101dd99815856b303e88a2d7005ff2627b56cdb4e2c85610c2d5f2e62d6eaeac1662734649b7",
        "17294ed3e943ab2f0588bab22147a81c7c17e75b2f6a8417f565e33c70d1e86b4838f2a6f318c356e834eef1b3cb83bb",
        "d54005db97678ec1d1048c5d10a9a1bce032473295983e56878e501ec68e25c958c3e3d2a09729fe0179f9dac9edcb0",
        "1778e7166fcc6db74e0609d307e55412d7f5e4656a8dbf25f1b33289f1b330835336e25ce3107193c5b388641d9b6861",
        "e99726a3199f4436642b4b3e4118e5499db995a1257fb3f086eeb65982fac18985a286f301e77c451154ce9ac8895d9",
        "1630c3250d7313ff01d1201bf7a74ab5db3cb17dd952799b9ed3ab9097e68f90a0870d2dcae73d19cd13c1c66f652983",
        "d6ed6553fe44d296a3726c38ae652bfb11586264f0f8ce19008e218f9c86b2a8da25128c1052ecaddd7f225a139ed84",
        "17b81e7701abdbe2e8743884d1117e53356de5ab275b4db1a682c62ef0f2753339b7c8f8c8f475af9ccb5618e3f0c88e",
        "80d3cf1f9a78fc47b90b33563be990dc43b756ce79f5574a2c596c928c5d1de4fa295f296b74e956d71986a8497e317",
        "169b1f8e1bcfa7c42e0c37515d138f22dd2ecb803a0c5c99676314baf4bb1b7fa3190b2edc0327797f241067be390c9e",
        "10321da079ce07e272d8ec09d2565b0dfa7dccdde6787f96d50af36003b14866f69b771f8c285decca67df3f1605fb7b",
        "6e08c248e260e70bd1e962381edee3d31d79d7e22c837bc23c0bf1bc24c6b68c24b1b80b64d391fa9c8ba2e8ba2d229",
    ];

    private static readonly string[] G1IsoXDen =
    [
        "8ca8d548cff19ae18b2e62f4bd3fa6f01d5ef4ba35b48ba9c9588617fc8ac62b558d681be343df8993cf9fa40d21b1c",
        "12561a5deb559c4348b4711298e536367041e8ca0cf0800c0126c2588c48bf5713daa8846cb026e9e5c8276ec82b3bff",
        "b2962fe57a3225e8137e629bff2991f6f89416f5a718cd1fca64e00b11aceacd6a3d0967c94fedcfcc239ba5cb83e19",
        "3425581a58ae2fec83aafef7c40eb545b08243f16b1655154cca8abc28d6fd04976d5243eecf5c4130de8938dc62cd8",
        "13a8e162022914a80a6f1d5f43e7a07dffdfc759a12062bb8d6b44e833b306da9bd29ba81f35781d539d395b3532a21e",
        "e7355f8e4e667b955390f7f0506c6e9395735e9ce9cad4d0a43bcef24b8982f7400d24bc4228f11c02df9a29f6304a5",
        "772caacf16936190f3e0c63e0596721570f5799af53a1894e2e073062aede9cea73b3538f0de06cec2574496ee84a3a",
        "14a7ac2a9d64a8b230b3f5b074cf01996e7f63c21bca68a81996e1cdf9822c580fa5b9489d11e2d311f7d99bbdcc5a5e",
        "a10ecf6ada54f825e920b3dafc7a3cce07f8d1d7161366b74100da67f39883503826692abba43704776ec3a79a1d641",
        "95fc13ab9e92ad4476d6e3eb3a56680f682b4ee96f7d03776df533978f31c1593174e4b4b7865002d6384d168ecdd0a",
        "1",
    ];

    private static readonly string[] G1IsoYNum =
    [
        "90d97c81ba24ee0259d1f094980dcfa11ad138e48a869522b52af6c956543d3cd0c7aee9b3ba3c2be9845719707bb33",
        "134996a104ee5811d51036d776fb46831223e96c254f383d0f906343eb67ad34d6c56711962fa8bfe097e75a2e41c696",
        "cc786baa966e66f4a384c86a3b49942552e2d658a31ce2c344be4b91400da7d26d521628b00523b8dfe240c72de1f6",
        "1f86376e8981c217898751ad8746757d42aa7b90eeb791c09e4a3ec03251cf9de405aba9ec61deca6355c77b0e5f4cb",
        "8cc03fdefe0ff135caf4fe2a21529c4195536fbe3ce50b879833fd221351adc2ee7f8dc099040a841b6daecf2e8fedb",
        "16603fca40634b6a2211e11db8f0a6a074a7d0d4afadb7bd76505c3d3ad5544e203f6326c95a807299b23ab13633a5f0",
        "4ab0b9bcfac1bbcb2c977d027796b3ce75bb8ca2be184cb5231413c4d634f3747a87ac2460f415ec961f8855fe9d6f2",
        "987c8d5333ab86fde9926bd2ca6c674170a05bfe3bdd81ffd038da6c26c842642f64550fedfe935a15e4ca31870fb29",
        "9fc4018bd96684be88c9e221e4da1bb8f3abd16679dc26c1e8b6e6a1f20cabe69d65201c78607a360370e577bdba587",
        "e1bba7a1186bdb5223abde7ada14a23c42a0ca7915af6fe06985e7ed1e4d43b9b3f7055dd4eba6f2bafaaebca731c30",
        "19713e47937cd1be0dfd0b8f1d43fb93cd2fcbcb6caf493fd1183e416389e61031bf3a5cce3fbafce813711ad011c132",
        "18b46a908f36f6deb918c143fed2edcc523559b8aaf0c2462e6bfe7f911f643249d9cdf41b44d606ce07c8a4d0074d8e",
        "b182cac101b9399d155096004f53f447aa7b12a3426b08ec02710e807b4633f06c851c1919211f20d4c04f00b971ef8",
        "245a394ad1eca9b72fc00ae7be315dc757b3b080d4c158013e6632d3c40659cc6cf90ad1c232a6442d9d3f5db980133",
        "5c129645e44cf1102a159f748c4a3fc5e673d81d7e86568d9ab0f5d396a7ce46ba1049b6579afb7866b1e715475224b",
        "15e6be4e990f03ce4ea50b3b42df2eb5cb181d8f84965a3957add4fa95af01b2b665027efec01c7704b456be69c8b604",
    ];

    private static readonly string[] G1IsoYDen =
    [
        "16112c4c3a9c98b252181140fad0eae9601a6de578980be6eec3232b5be72e7a07f3688ef60c206d01479253b03663c1",
        "1962d75c2381201e1a0cbd6c43c348b885c84ff731c4d59ca4a10356f453e01f78a4260763529e3532f6102c2e49a03d",
        "58df3306640da276faaae7d6e8eb15778c4855551ae7f310c35a5dd279cd2eca6757cd636f96f891e2538b53dbf67f2",
        "16b7d288798e5395f20d23bf89edb4d1d115c5dbddbcd30e123da489e726af41727364f2c28297ada8d26d98445f5416",
        "be0e079545f43e4b00cc912f8228ddcc6d19c9f0f69bbb0542eda0fc9dec916a20b15dc0fd2ededda39142311a5001d",
        "8d9e5297186db2d9fb266eaac783182b70152c65550d881c5ecd87b6f0f5a6449f38db9dfa9cce202c6477faaf9b7ac",
        "166007c08a99db2fc3ba8734ace9824b5eecfdfa8d0cf8ef5dd365bc400a0051d5fa9c01a58b1fb93d1a1399126a775c",
        "16a3ef08be3ea7ea03bcddfabba6ff6ee5a4375efa1f4fd7feb34fd206357132b920f5b00801dee460ee415a15812ed9",
        "1866c8ed336c61231a1be54fd1d74cc4f9fb0ce4c6af5920abc5750c4bf39b4852cfe2f7bb9248836b233d9d55535d4a",
        "167a55cda70a6e1cea820597d94a84903216f763e13d87bb5308592e7ea7d4fbc7385ea3d529b35e346ef48bb8913f55",
        "4d2f259eea405bd48f010a01ad2911d9c6dd039bb61a6290e591b36e636a5c871a5c29f4f83060400f8b49cba8f6aa8",
        "accbb67481d033ff5852c1e48c50c477f94ff8aefce42d28c0f9a88cea7913516f968986f7ebbea9684b529e2561092",
        "ad6b9514c767fe3c3613144b45f1496543346d98adf02267d5ceef9a00d9b8693000763e3b90ac11e99b138573345cc",
        "2660400eb2e4f3b628bdd0d53cd76f2bf565b94e72927c1cb748df27942480e420517bd8714cc80d1fadc1326ed06f7",
        "e0fa1d816ddc03e6b24255e0d7819c171c40f65e273b853324efcd6356caa205ca2f570f13497804415473a1d634b8f",
        "1",
    ];

    private static readonly (string C0, string C1)[] G2IsoXNum =
    [
        ("5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6", "5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6"),
        ("0", "11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71a"),
        ("11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71e", "8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38d"),
        ("171d6541fa38ccfaed6dea691f5fb614cb14b4e7f4e810aa22d6108f142b85757098e38d0f671c7188e2aaaaaaaa5ed1", "0"),
    ];

    private static readonly (string C0, string C1)[] G2IsoXDen =
    [
        ("0", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa63"),
        ("c", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa9f"),
        ("1", "0"),
    ];

    private static readonly (string C0, string C1)[] G2IsoYNum =
    [
        ("1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706", "1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706"),
        ("0", "5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97be"),
        ("11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71c", "8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38f"),
        ("124c9ad43b6cf79bfbf7043de3811ad0761b0f37a1e26286b0e977c69aa274524e79097a56dc4bd9e1b371c71c718b10", "0"),
    ];

    private static readonly (string C0, string C1)[] G2IsoYDen =
    [
        ("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb"),
        ("0", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa9d3"),
        ("12", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa99"),
        ("1", "0"),
    ];
}

/// <summary>Hex parsing for curve constants.</summary>
public static class Hex
{
    /// <summary>A non-negative integer from hex digits (no prefix).</summary>
    public static BigInteger Big(string hex) => BigInteger.Parse("0" + hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex);
}
