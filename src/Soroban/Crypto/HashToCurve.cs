using System.Numerics;
using System.Security.Cryptography;

namespace Replay.Soroban.Crypto;

/// <summary>
/// RFC 9380 (Hashing to Elliptic Curves) building blocks for the SHA-256 XMD suites:
/// expand_message_xmd (section 5.3.1), hash_to_field (section 5.2), the simplified SWU map for
/// curves with A·B ≠ 0 (section 6.6.2) and rational isogeny maps (appendix E).
/// </summary>
public static class HashToCurve
{
    private const int HashBytes = 32; // b_in_bytes for SHA-256
    private const int BlockBytes = 64; // s_in_bytes for SHA-256

    /// <summary>expand_message_xmd with SHA-256. The DST must be at most 255 bytes (callers check).</summary>
    public static byte[] ExpandMessageXmd(ReadOnlySpan<byte> msg, ReadOnlySpan<byte> dst, int lenInBytes)
    {
        if (dst.Length > 255)
            throw new ArgumentException("DST longer than 255 bytes", nameof(dst));
        var ell = (lenInBytes + HashBytes - 1) / HashBytes;
        if (ell > 255 || lenInBytes > ushort.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(lenInBytes));
        var dstPrime = new byte[dst.Length + 1];
        dst.CopyTo(dstPrime);
        dstPrime[^1] = (byte)dst.Length;

        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData(new byte[BlockBytes]); // Z_pad
        h.AppendData(msg);
        h.AppendData([(byte)(lenInBytes >> 8), (byte)lenInBytes, 0]); // l_i_b_str || I2OSP(0, 1)
        h.AppendData(dstPrime);
        var b0 = h.GetHashAndReset();

        var output = new byte[ell * HashBytes];
        h.AppendData(b0);
        h.AppendData([1]);
        h.AppendData(dstPrime);
        var bi = h.GetHashAndReset();
        bi.CopyTo(output, 0);
        for (var i = 2; i <= ell; i++)
        {
            var x = new byte[HashBytes];
            for (var j = 0; j < HashBytes; j++)
                x[j] = (byte)(b0[j] ^ bi[j]);
            h.AppendData(x);
            h.AppendData([(byte)i]);
            h.AppendData(dstPrime);
            bi = h.GetHashAndReset();
            bi.CopyTo(output, (i - 1) * HashBytes);
        }
        return output[..lenInBytes];
    }

    /// <summary>hash_to_field for m = 1: count elements of Fp, each from L bytes reduced modulo p.</summary>
    public static Fp<P>[] HashToFp<P>(ReadOnlySpan<byte> msg, ReadOnlySpan<byte> dst, int count, int l)
        where P : struct, IPrimeFieldParams
    {
        var uniform = ExpandMessageXmd(msg, dst, count * l);
        var result = new Fp<P>[count];
        for (var i = 0; i < count; i++)
            result[i] = Fp<P>.FromBigInteger(new BigInteger(uniform.AsSpan(i * l, l), isUnsigned: true, isBigEndian: true));
        return result;
    }

    /// <summary>hash_to_field for m = 2: each Fp2 element takes two L-byte chunks (c0, then c1).</summary>
    public static Fp2<P>[] HashToFp2<P>(ReadOnlySpan<byte> msg, ReadOnlySpan<byte> dst, int count, int l)
        where P : struct, IPrimeFieldParams
    {
        var uniform = ExpandMessageXmd(msg, dst, count * 2 * l);
        var result = new Fp2<P>[count];
        for (var i = 0; i < count; i++)
        {
            var c0 = Fp<P>.FromBigInteger(new BigInteger(uniform.AsSpan((2 * i) * l, l), isUnsigned: true, isBigEndian: true));
            var c1 = Fp<P>.FromBigInteger(new BigInteger(uniform.AsSpan((2 * i + 1) * l, l), isUnsigned: true, isBigEndian: true));
            result[i] = new Fp2<P>(c0, c1);
        }
        return result;
    }

    /// <summary>
    /// The simplified SWU map to y² = x³ + A·x + B (A·B ≠ 0) with non-square Z, as the RFC's
    /// section 6.6.2 states it: x1 = (-B/A)(1 + 1/(Z²u⁴ + Zu²)) (B/(Z·A) when that denominator is
    /// zero); x = x1 when g(x1) is square, else x = Z·u²·x1; y = ±sqrt(g(x)) with sgn0(y) = sgn0(u).
    /// </summary>
    public static (F X, F Y) SimplifiedSwu<F>(F u, F a, F b, F z) where F : struct, ISqrtField<F>
    {
        var zu2 = z * u.Square();
        var tv1 = (zu2.Square() + zu2).Inverse();
        var x1 = tv1.IsZero ? b * (z * a).Inverse() : -b * a.Inverse() * (F.One + tv1);
        var gx1 = (x1.Square() + a) * x1 + b;
        F x, y;
        if (gx1.TrySqrt(out var y1))
        {
            x = x1;
            y = y1;
        }
        else
        {
            x = zu2 * x1;
            var gx2 = (x.Square() + a) * x + b;
            if (!gx2.TrySqrt(out y))
                throw new InvalidOperationException("simplified SWU: neither g(x1) nor g(x2) is square (bad curve constants)");
        }
        if (u.Sgn0 != y.Sgn0)
            y = -y;
        return (x, y);
    }

    /// <summary>
    /// A rational map x = x_num(x')/x_den(x'), y = y'·y_num(x')/y_den(x') with coefficient lists
    /// in increasing degree. A zero denominator maps to a zero coordinate (inv0), as arkworks'
    /// batch inversion leaves zeros.
    /// </summary>
    public static (F X, F Y) IsogenyMap<F>(F x, F y, F[] xNum, F[] xDen, F[] yNum, F[] yDen) where F : struct, IField<F>
    {
        var xn = Horner(xNum, x);
        var xd = Horner(xDen, x);
        var yn = Horner(yNum, x);
        var yd = Horner(yDen, x);
        return (xn * xd.Inverse(), y * yn * yd.Inverse());
    }

    private static F Horner<F>(F[] coefficients, F x) where F : struct, IField<F>
    {
        var acc = F.Zero;
        for (var i = coefficients.Length - 1; i >= 0; i--)
            acc = acc * x + coefficients[i];
        return acc;
    }
}
