using System.Numerics;
using System.Runtime.CompilerServices;

namespace Replay.Soroban.Crypto;

/// <summary>A finite field's arithmetic, for code generic over prime fields and their extensions.</summary>
public interface IField<T> : IEquatable<T> where T : struct, IField<T>
{
    static abstract T Zero { get; }
    static abstract T One { get; }
    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator -(T a);
    static abstract T operator *(T a, T b);
    T Square();
    T Double();

    /// <summary>The multiplicative inverse; zero maps to zero (RFC 9380's inv0).</summary>
    T Inverse();

    bool IsZero { get; }
}

/// <summary>Fields with square roots and RFC 9380's sign (the base fields of hash-to-curve: Fp and Fp2).</summary>
public interface ISqrtField<T> : IField<T> where T : struct, ISqrtField<T>
{
    bool IsSquare();

    /// <summary>A square root when one exists (any of the two; callers fix the sign).</summary>
    bool TrySqrt(out T root);

    /// <summary>RFC 9380 section 4.1 sgn0.</summary>
    bool Sgn0 { get; }
}

/// <summary>
/// Montgomery constants of a prime field with a modulus of at most 6 × 64 bits, derived from the
/// modulus alone (R = 2^(64·limbs)).
/// </summary>
public sealed class FieldInfo
{
    public const int MaxLimbs = 6;

    public FieldInfo(BigInteger modulus)
    {
        if (modulus.Sign <= 0 || modulus.IsEven)
            throw new ArgumentException("a prime field modulus is odd and positive", nameof(modulus));
        Modulus = modulus;
        BitLength = (int)modulus.GetBitLength();
        ByteLength = (BitLength + 7) / 8;
        Limbs = (BitLength + 63) / 64;
        if (Limbs > MaxLimbs)
            throw new ArgumentException("modulus too large", nameof(modulus));
        P = ToLimbs(modulus, Limbs);
        var r = BigInteger.One << (64 * Limbs);
        R1 = ToLimbs(r % modulus, Limbs);
        R2 = ToLimbs(r * r % modulus, Limbs);
        // -p^-1 mod 2^64 by Newton iteration on the low limb.
        ulong inv = 1;
        for (var i = 0; i < 6; i++)
            inv *= 2 - P[0] * inv;
        NPrime = 0 - inv;
        PMinus2 = ToLimbs(modulus - 2, Limbs);
        PMinus1Half = ToLimbs((modulus - 1) >> 1, Limbs);
        // Tonelli-Shanks: p - 1 = q · 2^s with q odd; z the least non-residue.
        var q = modulus - 1;
        var s = 0;
        while (q.IsEven)
        {
            q >>= 1;
            s++;
        }
        TwoAdicity = s;
        SqrtQ = ToLimbs(q, Limbs);
        SqrtQPlus1Half = ToLimbs((q + 1) >> 1, Limbs);
        var z = new BigInteger(2);
        while (BigInteger.ModPow(z, (modulus - 1) >> 1, modulus) != modulus - 1)
            z++;
        NonResidue = z;
    }

    public BigInteger Modulus { get; }
    public int BitLength { get; }
    public int ByteLength { get; }
    public int Limbs { get; }
    internal ulong[] P { get; }
    internal ulong[] R1 { get; }
    internal ulong[] R2 { get; }
    internal ulong NPrime { get; }
    internal ulong[] PMinus2 { get; }
    internal ulong[] PMinus1Half { get; }
    internal int TwoAdicity { get; }
    internal ulong[] SqrtQ { get; }
    internal ulong[] SqrtQPlus1Half { get; }
    internal BigInteger NonResidue { get; }

    /// <summary>Throws unless a parameter type's literal constants are this field's.</summary>
    public FieldInfo Verify<TParams>() where TParams : struct, IPrimeFieldParams
    {
        ulong[] literal = [TParams.P0, TParams.P1, TParams.P2, TParams.P3, TParams.P4, TParams.P5];
        if (TParams.Limbs != Limbs || TParams.NPrime != NPrime || !literal.AsSpan(0, Limbs).SequenceEqual(P)
            || literal.AsSpan(Limbs).ContainsAnyExcept(0UL))
            throw new InvalidOperationException($"{typeof(TParams).Name}: literal field constants do not match the modulus");
        return this;
    }

    internal static ulong[] ToLimbs(BigInteger v, int n)
    {
        if (v.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(v));
        var limbs = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            limbs[i] = (ulong)(v & ulong.MaxValue);
            v >>= 64;
        }
        if (!v.IsZero)
            throw new ArgumentOutOfRangeException(nameof(v), "value does not fit");
        return limbs;
    }
}

/// <summary>
/// A prime field: its <see cref="FieldInfo"/>, and the Montgomery constants as literals (the
/// generic arithmetic specializes on them; <see cref="FieldInfo.Verify"/> checks them against the
/// values derived from the modulus).
/// </summary>
public interface IPrimeFieldParams
{
    static abstract FieldInfo Info { get; }

    /// <summary>4 or 6.</summary>
    static abstract int Limbs { get; }
    static abstract ulong P0 { get; }
    static abstract ulong P1 { get; }
    static abstract ulong P2 { get; }
    static abstract ulong P3 { get; }
    static abstract ulong P4 { get; }
    static abstract ulong P5 { get; }
    static abstract ulong NPrime { get; }
}

/// <summary>
/// An element of the prime field <typeparamref name="P"/> in Montgomery form: little-endian
/// 64-bit limbs L0..L5 (4 or 6 of them used), always fully reduced.
/// </summary>
public readonly struct Fp<P> : ISqrtField<Fp<P>> where P : struct, IPrimeFieldParams
{
    internal readonly ulong L0, L1, L2, L3, L4, L5;

    internal Fp(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
        L4 = l4;
        L5 = l5;
    }

    // The field's constants as static readonly fields of a generic type over a struct: the JIT
    // specializes and folds them.
    private static class M
    {
        public static readonly FieldInfo Info = P.Info;
        public static readonly Fp<P> One = FromLimbs(Info.R1);
        public static readonly Fp<P> R2 = FromLimbs(Info.R2);
        public static readonly Fp<P> RawOne = new(1, 0, 0, 0, 0, 0);
    }

    private static Fp<P> FromLimbs(ulong[] l) =>
        new(l[0], l[1], l[2], l[3], l.Length > 4 ? l[4] : 0, l.Length > 5 ? l[5] : 0);

    public static Fp<P> Zero => default;

    public static Fp<P> One => M.One;

    public bool IsZero => (L0 | L1 | L2 | L3 | L4 | L5) == 0;

    public static Fp<P> FromBigInteger(BigInteger v)
    {
        var p = M.Info.Modulus;
        v %= p;
        if (v.Sign < 0)
            v += p;
        return Mul(FromLimbs(FieldInfo.ToLimbs(v, M.Info.Limbs)), M.R2);
    }

    public static Fp<P> FromUInt64(ulong v) => FromBigInteger(v);

    /// <summary>The canonical integer in [0, p).</summary>
    public BigInteger ToBigInteger()
    {
        var c = Mul(this, M.RawOne);
        Span<byte> bytes = stackalloc byte[48];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, c.L0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], c.L1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], c.L2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], c.L3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[32..], c.L4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes[40..], c.L5);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>
    /// Reads a big-endian integer; false when it is not below the modulus.
    /// </summary>
    public static bool TryFromBytesBigEndian(ReadOnlySpan<byte> bytes, out Fp<P> value)
    {
        var v = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        if (v >= M.Info.Modulus)
        {
            value = default;
            return false;
        }
        value = FromBigInteger(v);
        return true;
    }

    /// <summary>Writes the canonical value big-endian into exactly <paramref name="dest"/>.Length bytes (zero-padded).</summary>
    public void WriteBytesBigEndian(Span<byte> dest)
    {
        var v = ToBigInteger();
        dest.Clear();
        var n = v.GetByteCount(isUnsigned: true);
        if (n > dest.Length)
            throw new ArgumentException("destination too short", nameof(dest));
        v.TryWriteBytes(dest[(dest.Length - n)..], out _, isUnsigned: true, isBigEndian: true);
    }

    public bool IsOdd => (Mul(this, M.RawOne).L0 & 1) == 1;

    public bool Sgn0 => IsOdd;

    public static Fp<P> operator +(Fp<P> a, Fp<P> b)
    {
        var r0 = AddCarry(a.L0, b.L0, out var c);
        var r1 = AddCarry3(a.L1, b.L1, c, out c);
        var r2 = AddCarry3(a.L2, b.L2, c, out c);
        var r3 = AddCarry3(a.L3, b.L3, c, out c);
        ulong r4 = 0, r5 = 0;
        if (P.Limbs == 6)
        {
            r4 = AddCarry3(a.L4, b.L4, c, out c);
            r5 = AddCarry3(a.L5, b.L5, c, out c);
        }
        return ReduceOnce(new Fp<P>(r0, r1, r2, r3, r4, r5), c);
    }

    public static Fp<P> operator -(Fp<P> a, Fp<P> b)
    {
        var r0 = SubBorrow(a.L0, b.L0, out var bw);
        var r1 = SubBorrow3(a.L1, b.L1, bw, out bw);
        var r2 = SubBorrow3(a.L2, b.L2, bw, out bw);
        var r3 = SubBorrow3(a.L3, b.L3, bw, out bw);
        ulong r4 = 0, r5 = 0;
        if (P.Limbs == 6)
        {
            r4 = SubBorrow3(a.L4, b.L4, bw, out bw);
            r5 = SubBorrow3(a.L5, b.L5, bw, out bw);
        }
        if (bw == 0)
            return new Fp<P>(r0, r1, r2, r3, r4, r5);
        r0 = AddCarry(r0, P.P0, out var c);
        r1 = AddCarry3(r1, P.P1, c, out c);
        r2 = AddCarry3(r2, P.P2, c, out c);
        r3 = AddCarry3(r3, P.P3, c, out c);
        if (P.Limbs == 6)
        {
            r4 = AddCarry3(r4, P.P4, c, out c);
            r5 = AddCarry3(r5, P.P5, c, out _);
        }
        return new Fp<P>(r0, r1, r2, r3, r4, r5);
    }

    public static Fp<P> operator -(Fp<P> a) => a.IsZero ? a : Zero - a;

    public static Fp<P> operator *(Fp<P> a, Fp<P> b) => Mul(a, b);

    public Fp<P> Square() => Mul(this, this);

    public Fp<P> Double() => this + this;

    public static bool operator ==(Fp<P> a, Fp<P> b) => a.Equals(b);

    public static bool operator !=(Fp<P> a, Fp<P> b) => !a.Equals(b);

    public bool Equals(Fp<P> other) =>
        L0 == other.L0 && L1 == other.L1 && L2 == other.L2 && L3 == other.L3 && L4 == other.L4 && L5 == other.L5;

    public override bool Equals(object? obj) => obj is Fp<P> f && Equals(f);

    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3, L4, L5);

    public override string ToString() => "0x" + ToBigInteger().ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>This element to a power given as little-endian 64-bit limbs.</summary>
    public Fp<P> Pow(ReadOnlySpan<ulong> exponent)
    {
        var result = One;
        var started = false;
        for (var i = exponent.Length - 1; i >= 0; i--)
        {
            for (var bit = 63; bit >= 0; bit--)
            {
                if (started)
                    result = result.Square();
                if (((exponent[i] >> bit) & 1) != 0)
                {
                    result = started ? result * this : this;
                    started = true;
                }
            }
        }
        return result;
    }

    public Fp<P> Pow(ulong exponent) => Pow([exponent]);

    public Fp<P> Pow(BigInteger exponent) => Pow(FieldInfo.ToLimbs(exponent, Math.Max(1, (int)((exponent.GetBitLength() + 63) / 64))));

    /// <summary>The inverse (zero for zero), by the binary extended Euclidean algorithm on the canonical value.</summary>
    public Fp<P> Inverse()
    {
        if (IsZero)
            return Zero;
        var n = P.Limbs;
        var c = Mul(this, M.RawOne);
        Span<ulong> u = stackalloc ulong[6];
        Span<ulong> v = stackalloc ulong[6];
        Span<ulong> x1 = stackalloc ulong[6];
        Span<ulong> x2 = stackalloc ulong[6];
        Span<ulong> p = stackalloc ulong[6];
        u[0] = c.L0; u[1] = c.L1; u[2] = c.L2; u[3] = c.L3; u[4] = c.L4; u[5] = c.L5;
        p[0] = P.P0; p[1] = P.P1; p[2] = P.P2; p[3] = P.P3; p[4] = P.P4; p[5] = P.P5;
        p.CopyTo(v);
        x1.Clear();
        x1[0] = 1;
        x2.Clear();
        u = u[..n];
        v = v[..n];
        x1 = x1[..n];
        x2 = x2[..n];
        p = p[..n];
        // Invariants: x1·a ≡ u, x2·a ≡ v (mod p); x1, x2 in [0, p).
        while (!IsOne(u) && !IsOne(v))
        {
            while ((u[0] & 1) == 0)
            {
                ShiftRight1(u, 0);
                HalveModP(x1, p);
            }
            while ((v[0] & 1) == 0)
            {
                ShiftRight1(v, 0);
                HalveModP(x2, p);
            }
            if (!LessThan(u, v))
            {
                SubInPlace(u, v);
                SubModP(x1, x2, p);
            }
            else
            {
                SubInPlace(v, u);
                SubModP(x2, x1, p);
            }
        }
        var r = IsOne(u) ? x1 : x2;
        var raw = new Fp<P>(r[0], r[1], r[2], r[3], n > 4 ? r[4] : 0, n > 4 ? r[5] : 0);
        return Mul(raw, M.R2);
    }

    private static bool IsOne(ReadOnlySpan<ulong> x)
    {
        if (x[0] != 1)
            return false;
        for (var i = 1; i < x.Length; i++)
        {
            if (x[i] != 0)
                return false;
        }
        return true;
    }

    private static bool LessThan(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (var i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != b[i])
                return a[i] < b[i];
        }
        return false;
    }

    private static void ShiftRight1(Span<ulong> x, ulong topBit)
    {
        for (var i = 0; i < x.Length - 1; i++)
            x[i] = (x[i] >> 1) | (x[i + 1] << 63);
        x[^1] = (x[^1] >> 1) | (topBit << 63);
    }

    private static ulong AddInPlace(Span<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong c = 0;
        for (var i = 0; i < a.Length; i++)
            a[i] = AddCarry3(a[i], b[i], c, out c);
        return c;
    }

    private static ulong SubInPlace(Span<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong bw = 0;
        for (var i = 0; i < a.Length; i++)
            a[i] = SubBorrow3(a[i], b[i], bw, out bw);
        return bw;
    }

    // x ← x/2 mod p
    private static void HalveModP(Span<ulong> x, ReadOnlySpan<ulong> p)
    {
        ulong carry = 0;
        if ((x[0] & 1) != 0)
            carry = AddInPlace(x, p);
        ShiftRight1(x, carry);
    }

    // a ← a - b mod p
    private static void SubModP(Span<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> p)
    {
        if (SubInPlace(a, b) != 0)
            AddInPlace(a, p);
    }

    /// <summary>Legendre symbol test: zero counts as a square.</summary>
    public bool IsSquare()
    {
        if (IsZero)
            return true;
        return Pow(M.Info.PMinus1Half) == One;
    }

    /// <summary>Tonelli-Shanks square root.</summary>
    public bool TrySqrt(out Fp<P> root)
    {
        if (IsZero)
        {
            root = Zero;
            return true;
        }
        if (!IsSquare())
        {
            root = Zero;
            return false;
        }
        var info = M.Info;
        var m = info.TwoAdicity;
        var c = FromBigInteger(info.NonResidue).Pow(info.SqrtQ);
        var t = Pow(info.SqrtQ);
        var r = Pow(info.SqrtQPlus1Half);
        var one = One;
        while (t != one)
        {
            var i = 0;
            var t2 = t;
            while (t2 != one)
            {
                t2 = t2.Square();
                i++;
            }
            var b = c;
            for (var j = 0; j < m - i - 1; j++)
                b = b.Square();
            m = i;
            c = b.Square();
            t *= c;
            r *= b;
        }
        root = r;
        return true;
    }

    // (carry:z) is below 2p; subtract p once when it is not below p.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp<P> ReduceOnce(Fp<P> z, ulong carry)
    {
        var r0 = SubBorrow(z.L0, P.P0, out var bw);
        var r1 = SubBorrow3(z.L1, P.P1, bw, out bw);
        var r2 = SubBorrow3(z.L2, P.P2, bw, out bw);
        var r3 = SubBorrow3(z.L3, P.P3, bw, out bw);
        ulong r4 = 0, r5 = 0;
        if (P.Limbs == 6)
        {
            r4 = SubBorrow3(z.L4, P.P4, bw, out bw);
            r5 = SubBorrow3(z.L5, P.P5, bw, out bw);
        }
        // borrow without carry means z < p: keep z.
        return bw > carry ? z : new Fp<P>(r0, r1, r2, r3, r4, r5);
    }

    private static Fp<P> Mul(in Fp<P> a, in Fp<P> b)
    {
        Fp<P> r;
        if (P.Limbs == 6)
            MontMul6(a, b, out r);
        else
            MontMul4(a, b, out r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MontMul4(in Fp<P> a, in Fp<P> b, out Fp<P> r)
    {
        ulong a0 = a.L0;
        ulong a1 = a.L1;
        ulong a2 = a.L2;
        ulong a3 = a.L3;
        ulong p0 = P.P0;
        ulong p1 = P.P1;
        ulong p2 = P.P2;
        ulong p3 = P.P3;
        ulong np = P.NPrime;
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0;
        ulong c, m, bi;
        bi = b.L0;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = AddCarry(t4, c, out t5);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = AddCarry(t4, c, out var k0);
        t4 = t5 + k0;
        bi = b.L1;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = AddCarry(t4, c, out t5);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = AddCarry(t4, c, out var k1);
        t4 = t5 + k1;
        bi = b.L2;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = AddCarry(t4, c, out t5);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = AddCarry(t4, c, out var k2);
        t4 = t5 + k2;
        bi = b.L3;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = AddCarry(t4, c, out t5);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = AddCarry(t4, c, out var k3);
        t4 = t5 + k3;
        r = new Fp<P>(t0, t1, t2, t3, 0, 0);
        r = ReduceOnce(r, t4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MontMul6(in Fp<P> a, in Fp<P> b, out Fp<P> r)
    {
        ulong a0 = a.L0;
        ulong a1 = a.L1;
        ulong a2 = a.L2;
        ulong a3 = a.L3;
        ulong a4 = a.L4;
        ulong a5 = a.L5;
        ulong p0 = P.P0;
        ulong p1 = P.P1;
        ulong p2 = P.P2;
        ulong p3 = P.P3;
        ulong p4 = P.P4;
        ulong p5 = P.P5;
        ulong np = P.NPrime;
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0;
        ulong c, m, bi;
        bi = b.L0;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = MulAdd(a4, bi, t4, ref c);
        t5 = MulAdd(a5, bi, t5, ref c);
        t6 = AddCarry(t6, c, out t7);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = MulAdd(m, p4, t4, ref c);
        t4 = MulAdd(m, p5, t5, ref c);
        t5 = AddCarry(t6, c, out var k0);
        t6 = t7 + k0;
        bi = b.L1;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = MulAdd(a4, bi, t4, ref c);
        t5 = MulAdd(a5, bi, t5, ref c);
        t6 = AddCarry(t6, c, out t7);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = MulAdd(m, p4, t4, ref c);
        t4 = MulAdd(m, p5, t5, ref c);
        t5 = AddCarry(t6, c, out var k1);
        t6 = t7 + k1;
        bi = b.L2;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = MulAdd(a4, bi, t4, ref c);
        t5 = MulAdd(a5, bi, t5, ref c);
        t6 = AddCarry(t6, c, out t7);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = MulAdd(m, p4, t4, ref c);
        t4 = MulAdd(m, p5, t5, ref c);
        t5 = AddCarry(t6, c, out var k2);
        t6 = t7 + k2;
        bi = b.L3;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = MulAdd(a4, bi, t4, ref c);
        t5 = MulAdd(a5, bi, t5, ref c);
        t6 = AddCarry(t6, c, out t7);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = MulAdd(m, p4, t4, ref c);
        t4 = MulAdd(m, p5, t5, ref c);
        t5 = AddCarry(t6, c, out var k3);
        t6 = t7 + k3;
        bi = b.L4;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = MulAdd(a4, bi, t4, ref c);
        t5 = MulAdd(a5, bi, t5, ref c);
        t6 = AddCarry(t6, c, out t7);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = MulAdd(m, p4, t4, ref c);
        t4 = MulAdd(m, p5, t5, ref c);
        t5 = AddCarry(t6, c, out var k4);
        t6 = t7 + k4;
        bi = b.L5;
        c = 0;
        t0 = MulAdd(a0, bi, t0, ref c);
        t1 = MulAdd(a1, bi, t1, ref c);
        t2 = MulAdd(a2, bi, t2, ref c);
        t3 = MulAdd(a3, bi, t3, ref c);
        t4 = MulAdd(a4, bi, t4, ref c);
        t5 = MulAdd(a5, bi, t5, ref c);
        t6 = AddCarry(t6, c, out t7);
        m = t0 * np;
        c = 0;
        MulAdd(m, p0, t0, ref c);
        t0 = MulAdd(m, p1, t1, ref c);
        t1 = MulAdd(m, p2, t2, ref c);
        t2 = MulAdd(m, p3, t3, ref c);
        t3 = MulAdd(m, p4, t4, ref c);
        t4 = MulAdd(m, p5, t5, ref c);
        t5 = AddCarry(t6, c, out var k5);
        t6 = t7 + k5;
        r = new Fp<P>(t0, t1, t2, t3, t4, t5);
        r = ReduceOnce(r, t6);
    }


    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, ref ulong carry)
    {
        var hi = Math.BigMul(a, b, out var lo);
        lo += c;
        hi += lo < c ? 1UL : 0;
        lo += carry;
        hi += lo < carry ? 1UL : 0;
        carry = hi;
        return lo;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddCarry(ulong a, ulong b, out ulong carry)
    {
        var s = a + b;
        carry = s < a ? 1UL : 0;
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddCarry3(ulong a, ulong b, ulong cin, out ulong carry)
    {
        var s = a + b;
        var c1 = s < a ? 1UL : 0;
        var t = s + cin;
        carry = c1 + (t < s ? 1UL : 0);
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubBorrow(ulong a, ulong b, out ulong borrow)
    {
        borrow = a < b ? 1UL : 0;
        return a - b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubBorrow3(ulong a, ulong b, ulong bin, out ulong borrow)
    {
        var d = a - b;
        var b1 = a < b ? 1UL : 0;
        var t = d - bin;
        borrow = b1 + (d < bin ? 1UL : 0);
        return t;
    }
}
