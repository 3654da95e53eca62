using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Replay.Soroban.Crypto;

/// <summary>
/// ECDSA over secp256k1 (key recovery) and secp256r1 (verification of a prehashed message) with
/// the acceptance rules of the RustCrypto crates the reference host uses (k256 / p256 0.13,
/// ecdsa 0.16), the curve arithmetic done by BouncyCastle.
/// </summary>
public static class Ecdsa
{
    public const int SignatureSize = 64;

    public static readonly X9ECParameters Secp256k1 = CustomNamedCurves.GetByName("secp256k1");
    public static readonly X9ECParameters Secp256r1 = CustomNamedCurves.GetByName("secp256r1");

    /// <summary>
    /// <c>Signature::try_from(&amp;[u8])</c>: exactly 64 bytes, r ‖ s big-endian, each in [1, n).
    /// </summary>
    public static bool TryParseSignature(X9ECParameters curve, ReadOnlySpan<byte> bytes, out BigInteger r, out BigInteger s)
    {
        r = s = BigInteger.Zero;
        if (bytes.Length != SignatureSize)
            return false;
        r = new BigInteger(1, bytes[..32]);
        s = new BigInteger(1, bytes[32..]);
        var n = curve.N;
        return r.SignValue > 0 && r.CompareTo(n) < 0 && s.SignValue > 0 && s.CompareTo(n) < 0;
    }

    /// <summary>elliptic-curve's <c>IsHigh</c>: s &gt; ⌊n/2⌋.</summary>
    public static bool IsHighS(X9ECParameters curve, BigInteger s) => s.CompareTo(curve.N.ShiftRight(1)) > 0;

    /// <summary>
    /// k256's <c>VerifyingKey::recover_from_prehash</c>: R from x = r (+ n when bit 1 of the
    /// recovery id is set; that sum must stay below 2²⁵⁶ and below p) and the parity bit 0;
    /// Q = r⁻¹(s·R - z·G) with z the digest modulo n; the identity fails. Returns the SEC1
    /// uncompressed encoding (65 bytes).
    /// </summary>
    public static bool TryRecoverSecp256k1(ReadOnlySpan<byte> digest32, BigInteger r, BigInteger s, int recoveryId, out byte[] publicKey)
    {
        publicKey = [];
        var curve = Secp256k1;
        var n = curve.N;
        var x = r;
        if ((recoveryId & 2) != 0)
        {
            x = r.Add(n);
            if (x.BitLength > 256)
                return false;
        }
        var p = curve.Curve.Field.Characteristic;
        if (x.CompareTo(p) >= 0)
            return false;
        ECPoint bigR;
        try
        {
            var enc = new byte[33];
            enc[0] = (byte)((recoveryId & 1) != 0 ? 0x03 : 0x02);
            var xb = x.ToByteArrayUnsigned();
            xb.CopyTo(enc, 33 - xb.Length);
            bigR = curve.Curve.DecodePoint(enc);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var z = new BigInteger(1, digest32).Mod(n);
        var rInv = r.ModInverse(n);
        var u1 = z.Multiply(rInv).Negate().Mod(n);
        var u2 = s.Multiply(rInv).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(curve.G, u1, bigR, u2).Normalize();
        if (q.IsInfinity)
            return false;
        // k256 then verifies the signature against the recovered key; by construction that
        // verification succeeds (the host has already rejected high-S signatures).
        if (!Verify(curve, q, digest32, r, s))
            return false;
        publicKey = q.GetEncoded(false);
        return true;
    }

    /// <summary>
    /// p256's <c>VerifyingKey::from_sec1_bytes</c> for an uncompressed encoding: 65 bytes,
    /// tag 0x04, coordinates below p, the point on the curve.
    /// </summary>
    public static bool TryDecodeUncompressedSecp256r1(ReadOnlySpan<byte> bytes, out ECPoint point)
    {
        point = Secp256r1.Curve.Infinity;
        if (bytes.Length != 65 || bytes[0] != 0x04)
            return false;
        var p = Secp256r1.Curve.Field.Characteristic;
        var x = new BigInteger(1, bytes[1..33]);
        var y = new BigInteger(1, bytes[33..]);
        if (x.CompareTo(p) >= 0 || y.CompareTo(p) >= 0)
            return false;
        try
        {
            point = Secp256r1.Curve.CreatePoint(x, y);
        }
        catch (ArgumentException)
        {
            return false;
        }
        return point.IsValid();
    }

    /// <summary>ECDSA verification of a 32-byte digest (x([z/s]G + [r/s]Q) mod n = r).</summary>
    public static bool Verify(X9ECParameters curve, ECPoint q, ReadOnlySpan<byte> digest32, BigInteger r, BigInteger s)
    {
        var signer = new ECDsaSigner();
        signer.Init(false, new ECPublicKeyParameters(q, new ECDomainParameters(curve)));
        return signer.VerifySignature(digest32.ToArray(), r, s);
    }
}
