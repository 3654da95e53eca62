using System.Numerics;
using System.Text;
using Replay.Soroban.Budget;
using Replay.Soroban.Crypto;
using Replay.Soroban.Functions;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using Xunit;
using static Replay.Soroban.Tests.TestHosts;

namespace Replay.Soroban.Tests.Crypto;

/// <summary>Module "c" through the host: results, error codes, availability and the per-protocol charge differences.</summary>
public class CryptoHostTests
{
    private static Host.Host NewHost(int protocol) =>
        new(protocol, Budget.Budget.HostDefault(protocol >= 25 ? DefaultCostParams.B03d2563 : DefaultCostParams.V22));

    private static byte[] Bytes(Host.Host h, Val v) => ((BytesObject)h.PeekObject(v)).Bytes;

    private static Val B(Host.Host h, byte[] bytes) => h.BytesNewFromSlice(bytes);

    [Fact]
    public void EveryModuleCFunctionIsImplemented()
    {
        var c = HostFunctionTable.All.Where(f => f.Module == "c").ToList();
        Assert.Equal(37, c.Count);
        Assert.All(c, f => Assert.NotNull(HostFunctionImpls.Find(f.Name)));
    }

    [Theory]
    [InlineData("verify_sig_ecdsa_secp256r1", 20)]
    [InlineData("bls12_381_g1_add", 21)]
    [InlineData("bn254_g1_add", 24)]
    [InlineData("bn254_fr_add", 25)]
    [InlineData("bls12_381_g1_is_on_curve", 25)]
    public void FunctionsFailBeforeTheirMinimumProtocol(string name, int protocol)
    {
        var h = NewHost(protocol);
        var f = HostFunctionTable.Named(name);
        var args = new ulong[f.Args.Count];
        Throws(SCErrorType.Context, SCErrorCode.IndexBounds, () => h.Invoke(f, args));
    }

    [Fact]
    public void Bls12381MapAndHashMatchRfc9380ThroughTheHost()
    {
        var h = NewHost(22);
        var v = Rfc9380Vectors.G1[1];
        var q0 = h.Invoke("bls12_381_map_fp_to_g1", B(h, Hex.Bytes(v.U0)));
        Assert.Equal(v.Q0X + v.Q0Y, Convert.ToHexStringLower(Bytes(h, q0)));
        var p = h.Invoke("bls12_381_hash_to_g1", B(h, Encoding.ASCII.GetBytes(v.Msg)), B(h, Encoding.ASCII.GetBytes(Rfc9380Vectors.G1Dst)));
        Assert.Equal(v.PX + v.PY, Convert.ToHexStringLower(Bytes(h, p)));
        var w = Rfc9380Vectors.G2[0];
        var g2 = h.Invoke("bls12_381_hash_to_g2", B(h, Encoding.ASCII.GetBytes(w.Msg)), B(h, Encoding.ASCII.GetBytes(Rfc9380Vectors.G2Dst)));
        string Fp2Hex(string pair) => pair.Split(',')[1] + pair.Split(',')[0];
        Assert.Equal(Fp2Hex(w.PX) + Fp2Hex(w.PY), Convert.ToHexStringLower(Bytes(h, g2)));
        // The point at infinity encodes as the flag 0x40 and zeros.
        var inf = new byte[96];
        inf[0] = 0x40;
        Assert.True(h.Invoke("bls12_381_check_g1_is_in_subgroup", B(h, inf)).IsTrue);
        // An uncleared map output is on the curve but (here) outside the subgroup.
        Assert.False(h.Invoke("bls12_381_check_g1_is_in_subgroup", q0).IsTrue);
        // Adding P to -P gives infinity.
        var pb = Bytes(h, p);
        var neg = Bls12381.EncodeG1(Curve<Fp<Bls12381Fq>, Bls12381G1Curve>.Negate(new Affine<Fp<Bls12381Fq>>(Bls12381MathTests.Fq(v.PX), Bls12381MathTests.Fq(v.PY), false)));
        Assert.Equal(inf, Bytes(h, h.Invoke("bls12_381_g1_add", B(h, pb), B(h, neg))));
    }

    [Fact]
    public void Bls12381DecodingErrors()
    {
        var h = NewHost(22);
        var good = Bytes(h, h.Invoke("bls12_381_hash_to_g1", B(h, [1]), B(h, [2])));
        byte[] With(Action<byte[]> edit)
        {
            var b = (byte[])good.Clone();
            edit(b);
            return b;
        }
        foreach (var bad in new[]
        {
            good[..95], [.. good, 0], With(b => b[0] |= 0x80), With(b => b[0] |= 0x20), With(b => b[0] |= 0x40),
            With(b => b[95] ^= 1), // off the curve
            [.. Hex.Bytes("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"), .. good[48..]],
        })
            Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("bls12_381_g1_add", B(h, bad), B(h, good)));
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("bls12_381_hash_to_g1", B(h, [1]), B(h, [])));
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("bls12_381_hash_to_g1", B(h, [1]), B(h, new byte[256])));
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("bls12_381_map_fp_to_g1", B(h, new byte[47])));
        // msm: empty, unequal, a vector element of the wrong type.
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("bls12_381_g1_msm", h.VecNewFromSlice([]), h.VecNewFromSlice([])));
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("bls12_381_g1_msm", h.VecNewFromSlice([B(h, good)]), h.VecNewFromSlice([])));
        Throws(SCErrorType.Value, SCErrorCode.UnexpectedType, () => h.Invoke("bls12_381_g1_msm", h.VecNewFromSlice([U32(1)]), h.VecNewFromSlice([])));
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("bls12_381_multi_pairing_check", h.VecNewFromSlice([B(h, good)]), h.VecNewFromSlice([])));
    }

    [Fact]
    public void FrArithmeticValuesAndErrors()
    {
        foreach (var (prefix, r, protocol) in new[] { ("bls12_381", Bls12381.R, 22), ("bn254", Bn254.R, 26) })
        {
            var h = NewHost(protocol);
            BigInteger Call(string op, params Val[] args) => h.U256FromVal(h.Invoke($"{prefix}_fr_{op}", args));
            Assert.Equal(1, Call("add", h.U256ToVal(r - 1), h.U256ToVal(2)));
            Assert.Equal(r - 1, Call("sub", h.U256ToVal(0), h.U256ToVal(1)));
            Assert.Equal(1024, Call("pow", h.U256ToVal(2), Val.FromSmallUnsigned(10, Tag.U64Small)));
            Assert.Equal(1, Call("pow", h.U256ToVal(7), Val.FromSmallUnsigned(0, Tag.U64Small)));
            // Inputs are reduced modulo r (here r + 5 is 5).
            Assert.Equal(25, Call("mul", h.U256ToVal(r + 5), h.U256ToVal(5)));
            Assert.Equal((r + 1) / 2, Call("inv", h.U256ToVal(2)));
            Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke($"{prefix}_fr_inv", h.U256ToVal(r)));
            // The zero check comes before the FrInv charge: only FrFromU256 (and the U256 visit) were charged.
            var inv = prefix == "bn254" ? ContractCostType.Bn254FrInv : ContractCostType.Bls12381FrInv;
            Assert.Equal(1UL, h.Budget.Tracker(inv).Iterations);
        }
    }

    [Fact]
    public void Bn254MatchesEthereumVectorsThroughTheHost()
    {
        var h = NewHost(26);
        foreach (var v in Bn254Vectors.Add)
        {
            var input = Convert.FromHexString(v.Input);
            var sum = h.Invoke("bn254_g1_add", B(h, input[..64]), B(h, input[64..]));
            Assert.Equal(v.Expected, Convert.ToHexStringLower(Bytes(h, sum)));
        }
        foreach (var v in Bn254Vectors.Pairing.Where(v => v.Input.Length > 0))
        {
            h.Budget.ResetConsumption();
            var input = Convert.FromHexString(v.Input);
            var ps = new List<Val>();
            var qs = new List<Val>();
            for (var i = 0; i < input.Length; i += 192)
            {
                ps.Add(B(h, input[i..(i + 64)]));
                qs.Add(B(h, input[(i + 64)..(i + 192)]));
            }
            var ok = h.Invoke("bn254_multi_pairing_check", h.VecNewFromSlice([.. ps]), h.VecNewFromSlice([.. qs]));
            Assert.Equal(v.Expected.EndsWith('1'), ok.IsTrue);
        }
        // Flags in the top two bits are rejected, all zeros is the point at infinity.
        var g = Convert.FromHexString(Bn254Vectors.Add[0].Input)[..64];
        g[0] |= 0x40;
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("bn254_g1_is_on_curve", B(h, g)));
        Assert.True(h.Invoke("bn254_g1_is_on_curve", B(h, new byte[64])).IsTrue);
    }

    [Fact]
    public void Bn254CoordinateSplitIsMeteredFromProtocol26()
    {
        var input = Convert.FromHexString(Bn254Vectors.Add[0].Input);
        ulong Cost(int protocol)
        {
            var h = NewHost(protocol);
            var a = B(h, input[..64]);
            var b = B(h, input[64..]);
            var before = h.Budget.CpuConsumed;
            h.Invoke("bn254_g1_add", a, b);
            return h.Budget.CpuConsumed - before;
        }
        // Two points, each split into two 32-byte coordinates: four MemCpy(32) of 42 + 32·16/128 = 46.
        Assert.Equal(4UL * 46, Cost(26) - Cost(25));
    }

    [Fact]
    public void PoseidonRoundCountOverflowDependsOnProtocol()
    {
        foreach (var (protocol, type, code) in new[] { (25, SCErrorType.Context, SCErrorCode.InternalError), (26, SCErrorType.Value, SCErrorCode.ArithDomain) })
        {
            var h = NewHost(protocol);
            var v = h.VecNewFromSlice([]);
            Throws(type, code, () => h.Invoke("poseidon_permutation", v, SymbolSmall.TryFromBytes("BN254"u8, out var f) ? f : default,
                U32(0), U32(5), U32(2), U32(uint.MaxValue), v, v));
        }
    }

    [Fact]
    public void SignatureFunctionsThroughTheHost()
    {
        var h = NewHost(22);
        // RFC 8032 7.1 TEST 2
        var key = Hex.Bytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        var sig = Hex.Bytes("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        Assert.True(h.Invoke("verify_sig_ed25519", B(h, key), B(h, [0x72]), B(h, sig)).IsVoid);
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("verify_sig_ed25519", B(h, key), B(h, [0x73]), B(h, sig)));
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("verify_sig_ed25519", B(h, key[..31]), B(h, [0x72]), B(h, sig)));
        Throws(SCErrorType.Object, SCErrorCode.UnexpectedSize, () => h.Invoke("verify_sig_ed25519", B(h, key), B(h, [0x72]), B(h, [.. sig, 0])));

        var curve = Ecdsa.Secp256k1;
        var d = new Org.BouncyCastle.Math.BigInteger("5", 16);
        var digest = System.Security.Cryptography.SHA256.HashData("soroban"u8);
        var signer = new Org.BouncyCastle.Crypto.Signers.ECDsaSigner(new Org.BouncyCastle.Crypto.Signers.HMacDsaKCalculator(new Org.BouncyCastle.Crypto.Digests.Sha256Digest()));
        signer.Init(true, new Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters(d, new Org.BouncyCastle.Crypto.Parameters.ECDomainParameters(curve)));
        var rs = signer.GenerateSignature(digest);
        var s = Ecdsa.IsHighS(curve, rs[1]) ? curve.N.Subtract(rs[1]) : rs[1];
        var raw = new byte[64];
        rs[0].ToByteArrayUnsigned().CopyTo(raw, 32 - rs[0].ToByteArrayUnsigned().Length);
        s.ToByteArrayUnsigned().CopyTo(raw, 64 - s.ToByteArrayUnsigned().Length);
        var pub = curve.G.Multiply(d).Normalize().GetEncoded(false);
        var found = Enumerable.Range(0, 2).Count(id => Bytes(h, h.Invoke("recover_key_ecdsa_secp256k1", B(h, digest), B(h, raw), U32((uint)id))).AsSpan().SequenceEqual(pub));
        Assert.Equal(1, found);
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("recover_key_ecdsa_secp256k1", B(h, digest), B(h, raw), U32(4)));
        Throws(SCErrorType.Object, SCErrorCode.UnexpectedSize, () => h.Invoke("recover_key_ecdsa_secp256k1", B(h, digest[..31]), B(h, raw), U32(0)));
        // The same signature with s replaced by n - s (high) is rejected before recovery.
        var high = (byte[])raw.Clone();
        var hs = curve.N.Subtract(s).ToByteArrayUnsigned();
        Array.Clear(high, 32, 32);
        hs.CopyTo(high, 64 - hs.Length);
        Throws(SCErrorType.Crypto, SCErrorCode.InvalidInput, () => h.Invoke("recover_key_ecdsa_secp256k1", B(h, digest), B(h, high), U32(0)));
    }
}
