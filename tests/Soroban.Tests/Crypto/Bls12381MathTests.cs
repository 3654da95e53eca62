using System.Diagnostics;
using System.Numerics;
using System.Text;
using Replay.Soroban.Crypto;
using Xunit;

namespace Replay.Soroban.Tests.Crypto;

using G1 = Affine<Fp<Bls12381Fq>>;
using G2 = Affine<Fp2<Bls12381Fq>>;

/// <summary>The BLS12-381 arithmetic against RFC 9380's published vectors and the pairing's defining properties.</summary>
public class Bls12381MathTests
{
    internal static Fp<Bls12381Fq> Fq(string hex) => Fp<Bls12381Fq>.FromBigInteger(Hex.Big(hex));

    internal static Fp2<Bls12381Fq> Fq2(string pair)
    {
        var parts = pair.Split(',');
        return new(Fq(parts[0]), Fq(parts[1]));
    }

    [Fact]
    public void ExpandMessageXmdMatchesRfc9380()
    {
        foreach (var v in Rfc9380Vectors.ExpandMessageXmd)
        {
            var output = HashToCurve.ExpandMessageXmd(Encoding.ASCII.GetBytes(v.Msg), Encoding.ASCII.GetBytes(v.Dst), v.Length);
            Assert.Equal(v.UniformBytes, Convert.ToHexStringLower(output));
        }
    }

    [Fact]
    public void G1HashToFieldMapAndHashMatchRfc9380()
    {
        var dst = Encoding.ASCII.GetBytes(Rfc9380Vectors.G1Dst);
        foreach (var v in Rfc9380Vectors.G1)
        {
            var msg = Encoding.ASCII.GetBytes(v.Msg);
            var u = HashToCurve.HashToFp<Bls12381Fq>(msg, dst, 2, 64);
            Assert.Equal(Fq(v.U0), u[0]);
            Assert.Equal(Fq(v.U1), u[1]);
            Assert.Equal(new G1(Fq(v.Q0X), Fq(v.Q0Y), false), Bls12381.MapToG1(u[0]));
            Assert.Equal(new G1(Fq(v.Q1X), Fq(v.Q1Y), false), Bls12381.MapToG1(u[1]));
            var p = Bls12381.HashToG1(msg, dst);
            Assert.Equal(new G1(Fq(v.PX), Fq(v.PY), false), p);
            Assert.True(Bls12381.IsOnCurveG1(p));
            Assert.True(Bls12381.IsInSubgroupG1(p));
        }
    }

    [Fact]
    public void G2HashToFieldMapAndHashMatchRfc9380()
    {
        var dst = Encoding.ASCII.GetBytes(Rfc9380Vectors.G2Dst);
        foreach (var v in Rfc9380Vectors.G2)
        {
            var msg = Encoding.ASCII.GetBytes(v.Msg);
            var u = HashToCurve.HashToFp2<Bls12381Fq>(msg, dst, 2, 64);
            Assert.Equal(Fq2(v.U0), u[0]);
            Assert.Equal(Fq2(v.U1), u[1]);
            Assert.Equal(new G2(Fq2(v.Q0X), Fq2(v.Q0Y), false), Bls12381.MapToG2(u[0]));
            Assert.Equal(new G2(Fq2(v.Q1X), Fq2(v.Q1Y), false), Bls12381.MapToG2(u[1]));
            var p = Bls12381.HashToG2(msg, dst);
            Assert.Equal(new G2(Fq2(v.PX), Fq2(v.PY), false), p);
            Assert.True(Bls12381.IsOnCurveG2(p));
            Assert.True(Bls12381.IsInSubgroupG2(p));
        }
    }

    [Fact]
    public void PairingIsBilinearAndNonDegenerate()
    {
        var sw = Stopwatch.StartNew();
        var p = Bls12381.HashToG1("p"u8, "DST"u8);
        var q = Bls12381.HashToG2("q"u8, "DST"u8);
        var a = Fp<Bls12381Fr>.FromUInt64(123456789);
        var b = Fp<Bls12381Fr>.FromBigInteger(Hex.Big("1234567890abcdef1234567890abcdef"));
        var e = Bls12381.Pairing(p, q);
        Assert.NotEqual(Fp12<Bls12381Fq, Bls12381Xi>.One, e);
        // e(aP, bQ) = e(P, Q)^(ab): checked as e(aP, bQ)·e(-abP, Q) = 1.
        var ab = a * b;
        Assert.True(Bls12381.PairingProductIsOne(
            [Bls12381.MulG1(p, a), Bls12381.MulG1(p, ab) with { Y = -Bls12381.MulG1(p, ab).Y }],
            [Bls12381.MulG2(q, b), q]));
        Assert.False(Bls12381.PairingProductIsOne([Bls12381.MulG1(p, a)], [Bls12381.MulG2(q, b)]));
        Assert.True(Bls12381.PairingProductIsOne([G1.Identity], [q]));
        Console.WriteLine($"pairing test {sw.ElapsedMilliseconds} ms");
    }
}
