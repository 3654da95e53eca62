using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Replay.Soroban.Crypto;
using Xunit;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Replay.Soroban.Tests.Crypto;

/// <summary>Ed25519 and ECDSA acceptance rules.</summary>
public class SignatureMathTests
{
    private static bool Verify(string key, string msg, string sig)
    {
        var k = Convert.FromHexString(key);
        return Ed25519.TryDecodePublicKey(k, out var a) && Ed25519.VerifyStrict(k, a, Convert.FromHexString(msg), Convert.FromHexString(sig));
    }

    // RFC 8032 section 7.1, TEST 1, TEST 2 and TEST 3.
    [Theory]
    [InlineData("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "", "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72", "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [InlineData("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82", "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Rfc8032VectorsVerify(string key, string msg, string sig)
    {
        Assert.True(Verify(key, msg, sig));
        // Any change to message or signature fails.
        Assert.False(Verify(key, msg + "00", sig));
        var bad = Convert.FromHexString(sig);
        bad[5] ^= 1;
        Assert.False(Verify(key, msg, Convert.ToHexString(bad)));
    }

    [Fact]
    public void AgreesWithBouncyCastleOnOrdinarySignatures()
    {
        for (byte i = 0; i < 16; i++)
        {
            var seed = Enumerable.Repeat(i, 32).ToArray();
            var pk = new byte[32];
            BcEd25519.GeneratePublicKey(seed, 0, pk, 0);
            var msg = Enumerable.Range(0, i * 7).Select(b => (byte)b).ToArray();
            var sig = new byte[64];
            BcEd25519.Sign(seed, 0, msg, 0, msg.Length, sig, 0);
            Assert.True(Ed25519.TryDecodePublicKey(pk, out var a));
            Assert.True(Ed25519.VerifyStrict(pk, a, msg, sig));
        }
    }

    /// <summary>
    /// Results are remembered by the bytes checked (the pipeline verifies each case on both
    /// engines): a remembered answer must belong to exactly that key, message and signature.
    /// </summary>
    [Fact]
    public void RememberedResultsBelongToTheirExactBytes()
    {
        const string key = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
        const string sig = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";
        for (var round = 0; round < 3; round++)
        {
            Assert.True(Verify(key, "72", sig));
            // The same bytes split differently between message and signature are another question.
            Assert.False(Verify(key, "7292", sig[2..] + "00"));
            Assert.False(Verify(key, "73", sig));
            Assert.False(Verify(key, "", sig));
            var bad = Convert.FromHexString(sig);
            bad[63] ^= 0x01;
            Assert.False(Verify(key, "72", Convert.ToHexString(bad)));
            var otherKey = Convert.FromHexString(key);
            otherKey[0] ^= 0x01;
            Assert.False(Verify(Convert.ToHexString(otherKey), "72", sig));
        }
        // Decoding is remembered too: an invalid key stays invalid, a valid one decodes to the same point.
        var two = new byte[32];
        two[0] = 2;
        Assert.False(Ed25519.TryDecodePublicKey(two, out _));
        Assert.False(Ed25519.TryDecodePublicKey(two, out _));
        Assert.True(Ed25519.TryDecodePublicKey(Convert.FromHexString(key), out var first));
        Assert.True(Ed25519.TryDecodePublicKey(Convert.FromHexString(key), out var again));
        Assert.Equal(first, again);
        Assert.True(Ed25519.TryDecompress(Convert.FromHexString(key), out var fresh));
        Assert.Equal(fresh, first);
    }

    [Fact]
    public void StrictRulesRejectSmallOrderAndNonCanonicalS()
    {
        var key = Convert.FromHexString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        var sig = Convert.FromHexString("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        Assert.True(Ed25519.TryDecodePublicKey(key, out var a));
        // S + L is the same scalar but not canonical: rejected.
        var s = new System.Numerics.BigInteger(sig.AsSpan(32), isUnsigned: true) + Ed25519.L;
        var sPlusL = (byte[])sig.Clone();
        s.TryWriteBytes(sPlusL.AsSpan(32), out _, isUnsigned: true);
        Assert.False(Ed25519.VerifyStrict(key, a, [0x72], sPlusL));
        // The identity (y = 1) decodes but is of small order: as a key it never verifies.
        var identity = new byte[32];
        identity[0] = 1;
        Assert.True(Ed25519.TryDecodePublicKey(identity, out var id));
        Assert.True(Ed25519.IsSmallOrder(id));
        Assert.False(Ed25519.VerifyStrict(identity, id, [], [.. identity, .. new byte[32]]));
        // y = 2 is not on the curve (x² = 3/(4d + 1) is not a square).
        var two = new byte[32];
        two[0] = 2;
        Assert.False(Ed25519.TryDecodePublicKey(two, out _));
        // x = 0 with the sign bit set decodes (dalek keeps x = 0), as (0, -1) of order 2.
        var minusOne = ((System.Numerics.BigInteger.One << 255) - 20).ToByteArray(isUnsigned: true);
        minusOne[31] |= 0x80;
        Assert.True(Ed25519.TryDecodePublicKey(minusOne, out var m1));
        Assert.True(Ed25519.IsSmallOrder(m1));
    }

    private static (byte[] Digest, BigInteger R, BigInteger S, byte[] Pub) Sign(Org.BouncyCastle.Asn1.X9.X9ECParameters curve, string text)
    {
        var digest = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(text));
        var d = new BigInteger("c0ffee0123456789abcdef0123456789abcdef0123456789abcdef0123456789", 16);
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, new ECPrivateKeyParameters(d, new ECDomainParameters(curve)));
        var rs = signer.GenerateSignature(digest);
        return (digest, rs[0], rs[1], curve.G.Multiply(d).Normalize().GetEncoded(false));
    }

    [Fact]
    public void Secp256k1RecoveryFindsTheSigningKeyForExactlyOneParity()
    {
        for (var i = 0; i < 8; i++)
        {
            var (digest, r, s, pub) = Sign(Ecdsa.Secp256k1, "message " + i);
            if (Ecdsa.IsHighS(Ecdsa.Secp256k1, s))
                s = Ecdsa.Secp256k1.N.Subtract(s);
            var matches = 0;
            for (var id = 0; id < 2; id++)
            {
                Assert.True(Ecdsa.TryRecoverSecp256k1(digest, r, s, id, out var key));
                Assert.Equal(65, key.Length);
                if (key.AsSpan().SequenceEqual(pub))
                    matches++;
            }
            Assert.Equal(1, matches);
            // x-reduced ids need r + n < p, which a random r never meets.
            Assert.False(Ecdsa.TryRecoverSecp256k1(digest, r, s, 2, out _));
        }
    }

    [Fact]
    public void Secp256r1VerifiesAndRejects()
    {
        var (digest, r, s, pub) = Sign(Ecdsa.Secp256r1, "p256");
        Assert.True(Ecdsa.TryDecodeUncompressedSecp256r1(pub, out var q));
        Assert.True(Ecdsa.Verify(Ecdsa.Secp256r1, q, digest, r, s));
        digest[0] ^= 1;
        Assert.False(Ecdsa.Verify(Ecdsa.Secp256r1, q, digest, r, s));
        var off = (byte[])pub.Clone();
        off[^1] ^= 1;
        Assert.False(Ecdsa.TryDecodeUncompressedSecp256r1(off, out _));
        Assert.False(Ecdsa.TryDecodeUncompressedSecp256r1(pub[..33], out _));
        var sig = new byte[64];
        Assert.False(Ecdsa.TryParseSignature(Ecdsa.Secp256r1, sig, out _, out _));
        var n = Ecdsa.Secp256r1.N;
        Assert.True(Ecdsa.IsHighS(Ecdsa.Secp256r1, n.ShiftRight(1).Add(BigInteger.One)));
        Assert.False(Ecdsa.IsHighS(Ecdsa.Secp256r1, n.ShiftRight(1)));
    }
}
