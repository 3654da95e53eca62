namespace Replay.Soroban.Crypto;

/// <summary>
/// The quadratic extension F[u]/(u² + 1) of a prime field with p ≡ 3 (mod 4) (both pairing
/// curves here build their Fp2 this way). An element is C0 + C1·u.
/// </summary>
public readonly struct Fp2<P> : ISqrtField<Fp2<P>> where P : struct, IPrimeFieldParams
{
    public Fp2(Fp<P> c0, Fp<P> c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public Fp<P> C0 { get; }
    public Fp<P> C1 { get; }

    public static Fp2<P> Zero => default;
    public static Fp2<P> One => new(Fp<P>.One, Fp<P>.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero;

    public static Fp2<P> operator +(Fp2<P> a, Fp2<P> b) => new(a.C0 + b.C0, a.C1 + b.C1);
    public static Fp2<P> operator -(Fp2<P> a, Fp2<P> b) => new(a.C0 - b.C0, a.C1 - b.C1);
    public static Fp2<P> operator -(Fp2<P> a) => new(-a.C0, -a.C1);

    public static Fp2<P> operator *(Fp2<P> a, Fp2<P> b)
    {
        var v0 = a.C0 * b.C0;
        var v1 = a.C1 * b.C1;
        var m = (a.C0 + a.C1) * (b.C0 + b.C1);
        return new(v0 - v1, m - v0 - v1);
    }

    public static Fp2<P> operator *(Fp2<P> a, Fp<P> k) => new(a.C0 * k, a.C1 * k);

    public Fp2<P> Square()
    {
        var a = (C0 + C1) * (C0 - C1);
        var b = C0 * C1;
        return new(a, b.Double());
    }

    public Fp2<P> Double() => new(C0.Double(), C1.Double());

    public Fp2<P> Conjugate() => new(C0, -C1);

    public Fp<P> Norm => C0.Square() + C1.Square();

    public Fp2<P> Inverse()
    {
        var t = Norm.Inverse();
        return new(C0 * t, -(C1 * t));
    }

    public Fp2<P> Pow(System.Numerics.BigInteger e)
    {
        var result = One;
        for (var i = (int)e.GetBitLength() - 1; i >= 0; i--)
        {
            result = result.Square();
            if (!(e >> i).IsEven)
                result *= this;
        }
        return result;
    }

    public bool IsSquare() => Norm.IsSquare();

    /// <summary>Square root via the norm (u² = -1): any root, or false when none exists.</summary>
    public bool TrySqrt(out Fp2<P> root)
    {
        if (C1.IsZero)
        {
            if (C0.TrySqrt(out var r0))
            {
                root = new(r0, Fp<P>.Zero);
                return true;
            }
            // C0 is a non-residue: (r·u)² = -r², so r = sqrt(-C0).
            if ((-C0).TrySqrt(out var r1))
            {
                root = new(Fp<P>.Zero, r1);
                return true;
            }
            root = default;
            return false;
        }
        if (!Norm.TrySqrt(out var alpha))
        {
            root = default;
            return false;
        }
        var half = Fp<P>.FromUInt64(2).Inverse();
        var delta = (C0 + alpha) * half;
        if (!delta.TrySqrt(out var x0))
        {
            delta = (C0 - alpha) * half;
            if (!delta.TrySqrt(out x0))
            {
                root = default;
                return false;
            }
        }
        var x1 = C1 * x0.Double().Inverse();
        root = new(x0, x1);
        return true;
    }

    /// <summary>RFC 9380 sgn0 for m = 2.</summary>
    public bool Sgn0 => C0.IsOdd || (C0.IsZero && C1.IsOdd);

    public bool Equals(Fp2<P> other) => C0 == other.C0 && C1 == other.C1;
    public override bool Equals(object? obj) => obj is Fp2<P> f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
    public static bool operator ==(Fp2<P> a, Fp2<P> b) => a.Equals(b);
    public static bool operator !=(Fp2<P> a, Fp2<P> b) => !a.Equals(b);
    public override string ToString() => $"({C0}, {C1})";
}

/// <summary>The sextic non-residue ξ of a pairing tower: Fp6 = Fp2[v]/(v³ - ξ), Fp12 = Fp6[w]/(w² - v).</summary>
public interface ITowerParams<P> where P : struct, IPrimeFieldParams
{
    static abstract Fp2<P> Xi { get; }
}

/// <summary>Fp6 = Fp2[v]/(v³ - ξ): C0 + C1·v + C2·v².</summary>
public readonly struct Fp6<P, X> : IField<Fp6<P, X>>
    where P : struct, IPrimeFieldParams
    where X : struct, ITowerParams<P>
{
    public Fp6(Fp2<P> c0, Fp2<P> c1, Fp2<P> c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public Fp2<P> C0 { get; }
    public Fp2<P> C1 { get; }
    public Fp2<P> C2 { get; }

    public static Fp6<P, X> Zero => default;
    public static Fp6<P, X> One => new(Fp2<P>.One, Fp2<P>.Zero, Fp2<P>.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static Fp6<P, X> operator +(Fp6<P, X> a, Fp6<P, X> b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);
    public static Fp6<P, X> operator -(Fp6<P, X> a, Fp6<P, X> b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);
    public static Fp6<P, X> operator -(Fp6<P, X> a) => new(-a.C0, -a.C1, -a.C2);

    public static Fp6<P, X> operator *(Fp6<P, X> a, Fp6<P, X> b)
    {
        var xi = X.Xi;
        var t0 = a.C0 * b.C0;
        var t1 = a.C1 * b.C1;
        var t2 = a.C2 * b.C2;
        var c0 = t0 + xi * ((a.C1 + a.C2) * (b.C1 + b.C2) - t1 - t2);
        var c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1 + xi * t2;
        var c2 = (a.C0 + a.C2) * (b.C0 + b.C2) - t0 - t2 + t1;
        return new(c0, c1, c2);
    }

    /// <summary>Multiplication by v: (c0, c1, c2)·v = (ξ·c2, c0, c1).</summary>
    public Fp6<P, X> MulByV() => new(X.Xi * C2, C0, C1);

    public Fp6<P, X> Square() => this * this;

    public Fp6<P, X> Double() => this + this;

    public Fp6<P, X> Inverse()
    {
        var xi = X.Xi;
        var c0 = C0.Square() - xi * (C1 * C2);
        var c1 = xi * C2.Square() - C0 * C1;
        var c2 = C1.Square() - C0 * C2;
        var t = (C0 * c0 + xi * (C2 * c1 + C1 * c2)).Inverse();
        return new(c0 * t, c1 * t, c2 * t);
    }

    public bool Equals(Fp6<P, X> other) => C0 == other.C0 && C1 == other.C1 && C2 == other.C2;
    public override bool Equals(object? obj) => obj is Fp6<P, X> f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
}

/// <summary>
/// Fp12 = Fp6[w]/(w² - v): C0 + C1·w. In powers of w (w⁶ = ξ) the six Fp2 coefficients are
/// C0 = (w⁰, w², w⁴) and C1 = (w¹, w³, w⁵).
/// </summary>
public readonly struct Fp12<P, X> : IField<Fp12<P, X>>
    where P : struct, IPrimeFieldParams
    where X : struct, ITowerParams<P>
{
    public Fp12(Fp6<P, X> c0, Fp6<P, X> c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public Fp6<P, X> C0 { get; }
    public Fp6<P, X> C1 { get; }

    public static Fp12<P, X> Zero => default;
    public static Fp12<P, X> One => new(Fp6<P, X>.One, Fp6<P, X>.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero;

    public static Fp12<P, X> operator +(Fp12<P, X> a, Fp12<P, X> b) => new(a.C0 + b.C0, a.C1 + b.C1);
    public static Fp12<P, X> operator -(Fp12<P, X> a, Fp12<P, X> b) => new(a.C0 - b.C0, a.C1 - b.C1);
    public static Fp12<P, X> operator -(Fp12<P, X> a) => new(-a.C0, -a.C1);

    public static Fp12<P, X> operator *(Fp12<P, X> a, Fp12<P, X> b)
    {
        var t0 = a.C0 * b.C0;
        var t1 = a.C1 * b.C1;
        var c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1;
        return new(t0 + t1.MulByV(), c1);
    }

    public Fp12<P, X> Square()
    {
        // (a + bw)² = a² + b²v + 2ab·w, with a² + b²v = (a + b)(a + bv) - ab - ab·v.
        var ab = C0 * C1;
        var c0 = (C0 + C1) * (C0 + C1.MulByV()) - ab - ab.MulByV();
        return new(c0, ab.Double());
    }

    public Fp12<P, X> Double() => this + this;

    public Fp12<P, X> Conjugate() => new(C0, -C1);

    public Fp12<P, X> Inverse()
    {
        var t = (C0.Square() - C1.Square().MulByV()).Inverse();
        return new(C0 * t, -(C1 * t));
    }

    /// <summary>
    /// The p-power Frobenius: the coefficient of w^j is conjugated and multiplied by γ^j, where
    /// γ = ξ^((p-1)/6) (w^p = w·γ); <paramref name="gamma"/> holds γ^0..γ^5.
    /// </summary>
    public Fp12<P, X> Frobenius(ReadOnlySpan<Fp2<P>> gamma) =>
        new(new Fp6<P, X>(C0.C0.Conjugate() * gamma[0], C0.C1.Conjugate() * gamma[2], C0.C2.Conjugate() * gamma[4]),
            new Fp6<P, X>(C1.C0.Conjugate() * gamma[1], C1.C1.Conjugate() * gamma[3], C1.C2.Conjugate() * gamma[5]));

    public Fp12<P, X> Pow(ReadOnlySpan<bool> bitsMsbFirst)
    {
        var result = One;
        foreach (var bit in bitsMsbFirst)
        {
            result = result.Square();
            if (bit)
                result *= this;
        }
        return result;
    }

    public bool Equals(Fp12<P, X> other) => C0.Equals(other.C0) && C1.Equals(other.C1);
    public override bool Equals(object? obj) => obj is Fp12<P, X> f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
}
