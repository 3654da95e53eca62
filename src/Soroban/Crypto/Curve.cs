using System.Numerics;

namespace Replay.Soroban.Crypto;

/// <summary>A curve y² = x³ + B over field <typeparamref name="F"/> (A = 0 for every pairing curve here).</summary>
public interface ICurveParams<F> where F : struct, IField<F>
{
    static abstract F B { get; }
}

/// <summary>
/// An affine point. As arkworks' <c>Affine</c>, the point at infinity carries an explicit flag
/// (with zero coordinates); a non-infinity point need not lie on the curve (decoding without
/// validation can produce such points).
/// </summary>
public readonly record struct Affine<F>(F X, F Y, bool Infinity) where F : struct, IField<F>
{
    public static Affine<F> Identity => new(F.Zero, F.Zero, true);
}

/// <summary>A point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity.</summary>
public readonly record struct Jacobian<F>(F X, F Y, F Z) where F : struct, IField<F>
{
    public bool IsInfinity => Z.IsZero;
}

/// <summary>Group operations on y² = x³ + B (A = 0) in Jacobian coordinates.</summary>
public static class Curve<F, C>
    where F : struct, IField<F>
    where C : struct, ICurveParams<F>
{
    public static Jacobian<F> Infinity => new(F.One, F.One, F.Zero);

    public static bool IsOnCurve(Affine<F> p) => p.Infinity || p.Y.Square().Equals(p.X.Square() * p.X + C.B);

    public static Jacobian<F> FromAffine(Affine<F> p) => p.Infinity ? Infinity : new(p.X, p.Y, F.One);

    public static Affine<F> ToAffine(Jacobian<F> p)
    {
        if (p.IsInfinity)
            return Affine<F>.Identity;
        var zi = p.Z.Inverse();
        var zi2 = zi.Square();
        return new(p.X * zi2, p.Y * zi2 * zi, false);
    }

    public static Affine<F> Negate(Affine<F> p) => p.Infinity ? p : p with { Y = -p.Y };

    public static Jacobian<F> Negate(Jacobian<F> p) => p with { Y = -p.Y };

    // dbl-2009-l
    public static Jacobian<F> Double(Jacobian<F> p)
    {
        if (p.IsInfinity)
            return p;
        var a = p.X.Square();
        var b = p.Y.Square();
        var c = b.Square();
        var d = ((p.X + b).Square() - a - c).Double();
        var e = a.Double() + a;
        var f = e.Square();
        var x3 = f - d.Double();
        var c8 = c.Double().Double().Double();
        var y3 = e * (d - x3) - c8;
        var z3 = (p.Y * p.Z).Double();
        return new(x3, y3, z3);
    }

    // add-2007-bl, with the doubling and inverse cases
    public static Jacobian<F> Add(Jacobian<F> p, Jacobian<F> q)
    {
        if (p.IsInfinity)
            return q;
        if (q.IsInfinity)
            return p;
        var z1z1 = p.Z.Square();
        var z2z2 = q.Z.Square();
        var u1 = p.X * z2z2;
        var u2 = q.X * z1z1;
        var s1 = p.Y * q.Z * z2z2;
        var s2 = q.Y * p.Z * z1z1;
        var h = u2 - u1;
        var r = (s2 - s1).Double();
        if (h.IsZero)
            return r.IsZero ? Double(p) : Infinity;
        var i = h.Double().Square();
        var j = h * i;
        var v = u1 * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = r * (v - x3) - (s1 * j).Double();
        var z3 = ((p.Z + q.Z).Square() - z1z1 - z2z2) * h;
        return new(x3, y3, z3);
    }

    public static Jacobian<F> Add(Jacobian<F> p, Affine<F> q) => Add(p, FromAffine(q));

    /// <summary>[k]P for a non-negative scalar, double-and-add from the top bit.</summary>
    public static Jacobian<F> Multiply(Jacobian<F> p, BigInteger k)
    {
        if (k.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(k));
        var acc = Infinity;
        if (k.IsZero || p.IsInfinity)
            return acc;
        var bytes = k.ToByteArray(isUnsigned: true, isBigEndian: true);
        var started = false;
        foreach (var b in bytes)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                if (started)
                    acc = Double(acc);
                if (((b >> bit) & 1) != 0)
                {
                    acc = started ? Add(acc, p) : p;
                    started = true;
                }
            }
        }
        return acc;
    }

    /// <summary>Σ kᵢ·Pᵢ (a plain sum of products; the result is the same group element any MSM computes).</summary>
    public static Jacobian<F> MultiScalarMultiply(ReadOnlySpan<Affine<F>> points, ReadOnlySpan<BigInteger> scalars)
    {
        if (points.Length != scalars.Length)
            throw new ArgumentException("points and scalars differ in length");
        var acc = Infinity;
        for (var i = 0; i < points.Length; i++)
            acc = Add(acc, Multiply(FromAffine(points[i]), scalars[i]));
        return acc;
    }

    /// <summary>Whether [order]P is the point at infinity.</summary>
    public static bool IsInSubgroup(Affine<F> p, BigInteger order) => Multiply(FromAffine(p), order).IsInfinity;
}
