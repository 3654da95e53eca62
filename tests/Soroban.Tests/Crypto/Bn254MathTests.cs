using Replay.Soroban.Crypto;
using Xunit;

namespace Replay.Soroban.Tests.Crypto;

using G1 = Affine<Fp<Bn254Fq>>;
using G2 = Affine<Fp2<Bn254Fq>>;

/// <summary>BN254 arithmetic against the Ethereum precompile vectors (<see cref="Bn254Vectors"/>).</summary>
public class Bn254MathTests
{
    internal static G1 DecodeG1(ReadOnlySpan<byte> b)
    {
        if (Bn254.IsAllZero(b))
            return G1.Identity;
        Assert.True(Bn254.TryDecodeFp(b[..32], out var x));
        Assert.True(Bn254.TryDecodeFp(b[32..64], out var y));
        return new(x, y, false);
    }

    internal static G2 DecodeG2(ReadOnlySpan<byte> b)
    {
        if (Bn254.IsAllZero(b))
            return G2.Identity;
        Assert.True(Bn254.TryDecodeFp2(b[..64], out var x));
        Assert.True(Bn254.TryDecodeFp2(b[64..128], out var y));
        return new(x, y, false);
    }

    [Fact]
    public void AddMatchesEip196Vectors()
    {
        foreach (var v in Bn254Vectors.Add)
        {
            var input = Convert.FromHexString(v.Input);
            var a = DecodeG1(input.AsSpan(0, 64));
            var b = DecodeG1(input.AsSpan(64, 64));
            Assert.True(Bn254.IsOnCurveG1(a) && Bn254.IsOnCurveG1(b), v.Name);
            Assert.Equal(v.Expected, Convert.ToHexStringLower(Bn254.EncodeG1(Bn254.AddG1(a, b))));
        }
    }

    [Fact]
    public void MulMatchesEip196Vectors()
    {
        foreach (var v in Bn254Vectors.Mul)
        {
            var input = Convert.FromHexString(v.Input);
            var p = DecodeG1(input.AsSpan(0, 64));
            var k = Fp<Bn254Fr>.FromBigInteger(new System.Numerics.BigInteger(input.AsSpan(64, 32), isUnsigned: true, isBigEndian: true));
            Assert.Equal(v.Expected, Convert.ToHexStringLower(Bn254.EncodeG1(Bn254.MulG1(p, k))));
        }
    }

    [Fact]
    public void PairingCheckMatchesEip197Vectors()
    {
        foreach (var v in Bn254Vectors.Pairing)
        {
            var input = Convert.FromHexString(v.Input);
            var n = input.Length / 192;
            var ps = new G1[n];
            var qs = new G2[n];
            for (var i = 0; i < n; i++)
            {
                ps[i] = DecodeG1(input.AsSpan(i * 192, 64));
                qs[i] = DecodeG2(input.AsSpan(i * 192 + 64, 128));
                Assert.True(Bn254.IsOnCurveG1(ps[i]) && Bn254.IsOnCurveG2(qs[i]) && Bn254.IsInSubgroupG2(qs[i]), v.Name);
            }
            Assert.True(v.Expected.EndsWith('1') == Bn254.PairingProductIsOne(ps, qs), v.Name);
        }
    }
}
