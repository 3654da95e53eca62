using System.Numerics;

namespace Replay.Soroban.Crypto;

/// <summary>How G2 (on the sextic twist E' over Fp2) embeds in E(Fp12), w⁶ = ξ.</summary>
public enum TwistType
{
    /// <summary>E': y² = x³ + b/ξ, ψ(x, y) = (x·w², y·w³) (BN254).</summary>
    D,

    /// <summary>E': y² = x³ + b·ξ, ψ(x, y) = (x·w⁻², y·w⁻³) (BLS12-381).</summary>
    M,
}

/// <summary>
/// A reduced pairing for a curve with embedding degree 12 and a sextic twist: the ate Miller
/// loop f_{T,Q}(P) over a loop scalar T ≡ p (mod r) with affine line functions, followed by the
/// final exponentiation to the power (p¹² - 1)/r. The host only ever asks whether a product of
/// pairings is 1; every non-degenerate bilinear pairing on G1 × G2 is a fixed power (coprime to
/// r) of every other, so that answer does not depend on which one is computed.
/// </summary>
public sealed class PairingEngine<P, X>
    where P : struct, IPrimeFieldParams
    where X : struct, ITowerParams<P>
{
    private readonly bool[] _loopBits; // |T|, most significant first, leading 1 excluded
    private readonly bool _loopNegative;
    private readonly TwistType _twist;
    private readonly Fp2<P>[] _gamma = new Fp2<P>[6];
    private readonly BigInteger _x;
    private readonly bool[] _xBits; // |x|, most significant first
    private readonly int[][] _hardCoefficients;

    /// <param name="loopScalar">T (signed); the loop runs over |T| and conjugates for a negative T.</param>
    /// <param name="order">r, the prime order of G1 and G2.</param>
    /// <param name="x">The curve family parameter.</param>
    /// <param name="hardCoefficients">
    /// λ₀..λ₃ as integer polynomials in x (coefficients by increasing degree) with
    /// Σ λᵢ(x)·pⁱ = m·(p⁴ - p² + 1)/r for an m coprime to r: the hard part of the final
    /// exponentiation is computed as ∏ (f^λᵢ(x))^(pⁱ). Checked here.
    /// </param>
    public PairingEngine(BigInteger loopScalar, TwistType twist, BigInteger order, BigInteger x, int[][] hardCoefficients)
    {
        _loopNegative = loopScalar.Sign < 0;
        var t = BigInteger.Abs(loopScalar);
        _loopBits = BitsMsbFirst(t)[1..];
        _twist = twist;
        var p = P.Info.Modulus;
        var g = X.Xi.Pow((p - 1) / 6);
        _gamma[0] = Fp2<P>.One;
        for (var i = 1; i < 6; i++)
            _gamma[i] = _gamma[i - 1] * g;
        if (!(((p - loopScalar) % order + order) % order).IsZero)
            throw new ArgumentException("the loop scalar is not p modulo r", nameof(loopScalar));
        var p2 = p * p;
        var hard = p2 * p2 - p2 + 1;
        if (!(hard % order).IsZero)
            throw new ArgumentException("r does not divide p⁴ - p² + 1", nameof(order));
        BigInteger sum = 0, pi = 1;
        foreach (var lambda in hardCoefficients)
        {
            BigInteger li = 0, xj = 1;
            foreach (var c in lambda)
            {
                li += c * xj;
                xj *= x;
            }
            sum += li * pi;
            pi *= p;
        }
        var h = hard / order;
        if (hardCoefficients.Length != 4 || sum.Sign <= 0 || !(sum % h).IsZero || BigInteger.GreatestCommonDivisor(sum / h, order) != 1)
            throw new ArgumentException("the hard-part decomposition is not a multiple of (p⁴ - p² + 1)/r coprime to r", nameof(hardCoefficients));
        _x = x;
        _xBits = BitsMsbFirst(BigInteger.Abs(x));
        _hardCoefficients = hardCoefficients;
    }

    private static bool[] BitsMsbFirst(BigInteger v)
    {
        var n = (int)v.GetBitLength();
        var bits = new bool[n];
        var bytes = v.ToByteArray(isUnsigned: true, isBigEndian: false);
        for (var i = 0; i < n; i++)
            bits[n - 1 - i] = ((bytes[i >> 3] >> (i & 7)) & 1) != 0;
        return bits;
    }

    /// <summary>
    /// ∏ e(Pᵢ, Qᵢ) for G1 points <paramref name="ps"/> (over Fp) and G2 points <paramref name="qs"/>
    /// (over Fp2, on the twist). Pairs with a point at infinity contribute 1.
    /// </summary>
    public Fp12<P, X> MultiPairing(ReadOnlySpan<Affine<Fp<P>>> ps, ReadOnlySpan<Affine<Fp2<P>>> qs) =>
        FinalExponentiation(MultiMillerLoop(ps, qs));

    public Fp12<P, X> MultiMillerLoop(ReadOnlySpan<Affine<Fp<P>>> ps, ReadOnlySpan<Affine<Fp2<P>>> qs)
    {
        if (ps.Length != qs.Length)
            throw new ArgumentException("pairing inputs differ in length");
        var pairs = new List<(Affine<Fp<P>> P, Affine<Fp2<P>> Q)>();
        for (var i = 0; i < ps.Length; i++)
        {
            if (!ps[i].Infinity && !qs[i].Infinity)
                pairs.Add((ps[i], qs[i]));
        }
        var f = Fp12<P, X>.One;
        var r = new (Fp2<P> X, Fp2<P> Y)[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
            r[i] = (pairs[i].Q.X, pairs[i].Q.Y);
        foreach (var bit in _loopBits)
        {
            f = f.Square();
            for (var i = 0; i < pairs.Count; i++)
            {
                var (xr, yr) = r[i];
                var xr2 = xr.Square();
                var lambda = (xr2.Double() + xr2) * yr.Double().Inverse();
                f *= Line(lambda, xr, yr, pairs[i].P);
                var x3 = lambda.Square() - xr.Double();
                var y3 = lambda * (xr - x3) - yr;
                r[i] = (x3, y3);
            }
            if (!bit)
                continue;
            for (var i = 0; i < pairs.Count; i++)
            {
                var (xr, yr) = r[i];
                var q = pairs[i].Q;
                var lambda = (q.Y - yr) * (q.X - xr).Inverse();
                f *= Line(lambda, xr, yr, pairs[i].P);
                var x3 = lambda.Square() - xr - q.X;
                var y3 = lambda * (xr - x3) - yr;
                r[i] = (x3, y3);
            }
        }
        return _loopNegative ? f.Conjugate() : f;
    }

    // The line through R with slope λ (on the twist), evaluated at P after untwisting, up to
    // factors that the final exponentiation removes (powers of w and elements of Fp6).
    private Fp12<P, X> Line(Fp2<P> lambda, Fp2<P> xr, Fp2<P> yr, Affine<Fp<P>> p)
    {
        var yp = new Fp2<P>(p.Y, Fp<P>.Zero);
        var lxp = -(lambda * p.X);
        var c = lambda * xr - yr;
        return _twist switch
        {
            // y_P - λ·x_P·w + (λ·x_R - y_R)·w³
            TwistType.D => new(new Fp6<P, X>(yp, Fp2<P>.Zero, Fp2<P>.Zero), new Fp6<P, X>(lxp, c, Fp2<P>.Zero)),
            // w³·(y_P - λ·x_P·w⁻¹ + (λ·x_R - y_R)·w⁻³) = (λ·x_R - y_R) - λ·x_P·w² + y_P·w³
            _ => new(new Fp6<P, X>(c, lxp, Fp2<P>.Zero), new Fp6<P, X>(Fp2<P>.Zero, yp, Fp2<P>.Zero)),
        };
    }

    /// <summary>f^((p¹² - 1)/r): the easy part (p⁶ - 1)(p² + 1) by conjugation and Frobenius, then the hard part.</summary>
    public Fp12<P, X> FinalExponentiation(Fp12<P, X> f)
    {
        if (f.IsZero)
            throw new ArgumentException("the Miller loop produced zero", nameof(f));
        var t = f.Conjugate() * f.Inverse();
        t = t.Frobenius(_gamma).Frobenius(_gamma) * t;
        // t is now in the cyclotomic subgroup, where inversion is conjugation.
        var degree = 0;
        foreach (var lambda in _hardCoefficients)
            degree = Math.Max(degree, lambda.Length);
        var powers = new Fp12<P, X>[degree];
        powers[0] = t;
        for (var j = 1; j < degree; j++)
        {
            var y = powers[j - 1].Pow(_xBits);
            powers[j] = _x.Sign < 0 ? y.Conjugate() : y;
        }
        var result = Fp12<P, X>.One;
        for (var i = _hardCoefficients.Length - 1; i >= 0; i--)
        {
            // result ← result^p · f^λᵢ(x), so λ₃ ends up raised to p³.
            if (i < _hardCoefficients.Length - 1)
                result = result.Frobenius(_gamma);
            var lambda = _hardCoefficients[i];
            for (var j = 0; j < lambda.Length; j++)
            {
                var c = lambda[j];
                if (c == 0)
                    continue;
                var b = c < 0 ? powers[j].Conjugate() : powers[j];
                result *= b.Pow(BitsMsbFirst(Math.Abs(c)));
            }
        }
        return result;
    }
}
