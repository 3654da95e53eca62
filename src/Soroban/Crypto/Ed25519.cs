using System.Numerics;
using System.Security.Cryptography;

namespace Replay.Soroban.Crypto;

/// <summary>GF(2²⁵⁵ - 19).</summary>
public struct Ed25519Fq : IPrimeFieldParams
{
    public static FieldInfo Info { get; } = new FieldInfo((BigInteger.One << 255) - 19).Verify<Ed25519Fq>();
    public static int Limbs => 4;
    public static ulong P0 => 0xffffffffffffffed;
    public static ulong P1 => 0xffffffffffffffff;
    public static ulong P2 => 0xffffffffffffffff;
    public static ulong P3 => 0x7fffffffffffffff;
    public static ulong P4 => 0;
    public static ulong P5 => 0;
    public static ulong NPrime => 0x86bca1af286bca1b;
}

/// <summary>
/// Ed25519 signature verification with ed25519-dalek 2.x <c>VerifyingKey::verify_strict</c>
/// acceptance rules, as the reference host verifies (crypto/mod.rs verify_sig_ed25519_internal):
/// <list type="bullet">
/// <item>the public key decompresses (y is read from 255 bits and taken modulo p, so the
/// non-canonical encodings y ≥ p are accepted; x = 0 with the sign bit set is accepted) and is
/// not of small order (a point P with [8]P = O);</item>
/// <item>S is canonical (S &lt; L);</item>
/// <item>R decompresses by the same rule and is not of small order;</item>
/// <item>compress([S]B - [k]A) equals R's 32 bytes exactly, with k = SHA-512(R ‖ A ‖ M) mod L
/// over the key and R bytes as given (so a non-canonical R never verifies).</item>
/// </list>
/// The curve is RFC 8032's edwards25519: -x² + y² = 1 + d·x²·y², d = -121665/121666.
/// </summary>
public static class Ed25519
{
    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;

    /// <summary>L, the prime order of the base point.</summary>
    public static readonly BigInteger L = (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Fp<Ed25519Fq> D = -Fp<Ed25519Fq>.FromUInt64(121665) * Fp<Ed25519Fq>.FromUInt64(121666).Inverse();
    private static readonly Fp<Ed25519Fq> D2 = D.Double();

    /// <summary>The base point: y = 4/5, x even.</summary>
    private static readonly Point B = BasePoint();

    /// <summary>A point in extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, x·y = T/Z.</summary>
    public readonly record struct Point(Fp<Ed25519Fq> X, Fp<Ed25519Fq> Y, Fp<Ed25519Fq> Z, Fp<Ed25519Fq> T)
    {
        public static Point Identity => new(Fp<Ed25519Fq>.Zero, Fp<Ed25519Fq>.One, Fp<Ed25519Fq>.One, Fp<Ed25519Fq>.Zero);

        public bool IsIdentity => X.IsZero && Y == Z;
    }

    private static Point BasePoint()
    {
        var y = Fp<Ed25519Fq>.FromUInt64(4) * Fp<Ed25519Fq>.FromUInt64(5).Inverse();
        var bytes = new byte[32];
        var yb = y.ToBigInteger().ToByteArray(isUnsigned: true, isBigEndian: false);
        yb.CopyTo(bytes, 0);
        return TryDecompress(bytes, out var b) ? b : throw new InvalidOperationException("ed25519 base point");
    }

    /// <summary>curve25519-dalek's <c>CompressedEdwardsY::decompress</c>.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> encoded, out Point point)
    {
        point = default;
        if (encoded.Length != 32)
            return false;
        Span<byte> le = stackalloc byte[32];
        encoded.CopyTo(le);
        var sign = (le[31] & 0x80) != 0;
        le[31] &= 0x7f;
        var y = Fp<Ed25519Fq>.FromBigInteger(new BigInteger(le, isUnsigned: true, isBigEndian: false));
        var yy = y.Square();
        var u = yy - Fp<Ed25519Fq>.One;
        var v = D * yy + Fp<Ed25519Fq>.One;
        if (v.IsZero)
        {
            if (!u.IsZero)
                return false;
        }
        if (!(u * v.Inverse()).TrySqrt(out var x))
            return false;
        if (x.IsOdd != sign)
            x = -x;
        point = new Point(x, y, Fp<Ed25519Fq>.One, x * y);
        return true;
    }

    public static byte[] Compress(Point p)
    {
        var zi = p.Z.Inverse();
        var x = p.X * zi;
        var y = p.Y * zi;
        var bytes = new byte[32];
        y.ToBigInteger().TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        if (x.IsOdd)
            bytes[31] |= 0x80;
        return bytes;
    }

    // The unified addition law for a = -1 (add-2008-hwcd-3), also valid for doubling.
    public static Point Add(Point p, Point q)
    {
        var a = (p.Y - p.X) * (q.Y - q.X);
        var b = (p.Y + p.X) * (q.Y + q.X);
        var c = p.T * D2 * q.T;
        var d = (p.Z * q.Z).Double();
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(e * f, g * h, f * g, e * h);
    }

    public static Point Negate(Point p) => new(-p.X, p.Y, p.Z, -p.T);

    public static Point Multiply(Point p, BigInteger k)
    {
        var acc = Point.Identity;
        foreach (var b in k.ToByteArray(isUnsigned: true, isBigEndian: true))
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                acc = Add(acc, acc);
                if (((b >> bit) & 1) != 0)
                    acc = Add(acc, p);
            }
        }
        return acc;
    }

    /// <summary>Whether [8]P is the identity.</summary>
    public static bool IsSmallOrder(Point p)
    {
        var q = Add(p, p);
        q = Add(q, q);
        q = Add(q, q);
        return q.IsIdentity;
    }

    private static readonly ByteKeyedMemo<(bool Valid, Point Point)> s_decodedKeys = new(4096);
    private static readonly ByteKeyedMemo<bool> s_verified = new(16384);

    /// <summary>Decodes a verifying key as ed25519-dalek's <c>VerifyingKey::from_bytes</c> (decompression only).</summary>
    public static bool TryDecodePublicKey(ReadOnlySpan<byte> key, out Point point)
    {
        var keyCopy = key.ToArray();
        (var valid, point) = s_decodedKeys.GetOrCompute(key, [], [], () => (TryDecompress(keyCopy, out var p), p));
        return valid;
    }

    /// <summary><c>verify_strict</c> with an already decoded key (see the type's summary).</summary>
    public static bool VerifyStrict(ReadOnlySpan<byte> publicKey, Point a, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureSize)
            return false;
        // The point is the key's decoding: the key's bytes stand for it.
        var key = publicKey.ToArray();
        var sig = signature.ToArray();
        var msg = message.ToArray();
        return s_verified.GetOrCompute(key, sig, msg, () => Verify(key, a, msg, sig));
    }

    private static bool Verify(ReadOnlySpan<byte> publicKey, Point a, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var rBytes = signature[..32];
        var s = new BigInteger(signature[32..], isUnsigned: true, isBigEndian: false);
        if (s >= L)
            return false;
        if (!TryDecompress(rBytes, out var r))
            return false;
        if (IsSmallOrder(r) || IsSmallOrder(a))
            return false;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        sha.AppendData(rBytes);
        sha.AppendData(publicKey);
        sha.AppendData(message);
        var k = new BigInteger(sha.GetHashAndReset(), isUnsigned: true, isBigEndian: false) % L;
        var expected = Add(Multiply(B, s), Multiply(Negate(a), k));
        return Compress(expected).AsSpan().SequenceEqual(rBytes);
    }
}
