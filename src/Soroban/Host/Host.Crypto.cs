using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Replay.Soroban.Budget;
using Replay.Soroban.Crypto;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "c" (crypto), the hash and signature functions (fact: crypto/mod.rs at every linked
// commit (host/crypto.rs at 7eeddd89), host.rs compute_hash_*, verify_sig_*, recover_key_*).
public sealed partial class Host
{
    /// <summary>SHA-256 as the host charges it: bulk init copy of the 32-byte result, then ComputeSha256Hash of the input length.</summary>
    internal byte[] Sha256Metered(ReadOnlySpan<byte> input)
    {
        ChargeBulkInitCopy(32, DeclaredSize.U8);
        Budget.Charge(ContractCostType.ComputeSha256Hash, (ulong)input.Length);
        return SHA256.HashData(input);
    }

    /// <summary><c>sha256_hash_from_bytes_raw</c>: ComputeSha256Hash of the input length only (the result is an array, not a vector).</summary>
    internal byte[] Sha256Raw(ReadOnlySpan<byte> input)
    {
        Budget.Charge(ContractCostType.ComputeSha256Hash, (ulong)input.Length);
        return SHA256.HashData(input);
    }

    /// <summary>Keccak-256 (the original Keccak padding, as sha3's Keccak256) with the host's charges.</summary>
    internal byte[] Keccak256Metered(ReadOnlySpan<byte> input)
    {
        ChargeBulkInitCopy(32, DeclaredSize.U8);
        Budget.Charge(ContractCostType.ComputeKeccak256Hash, (ulong)input.Length);
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(input);
        var output = new byte[32];
        digest.DoFinal(output);
        return output;
    }

    /// <summary><c>hash_from_bytesobj_input</c>: a 32-byte bytes object read as a hash (visit, then MemCpy of 32).</summary>
    public byte[] HashFromBytesObjInput(Val hash) => FixedLengthBytesFromBytesObjInput(hash, 32);

    /// <summary><c>fixed_length_bytes_from_bytesobj_input</c>: visit, then exactly <paramref name="n"/> bytes ((Object, UnexpectedSize) otherwise) and a MemCpy of n.</summary>
    public byte[] FixedLengthBytesFromBytesObjInput(Val obj, int n) => (byte[])FixedLengthBytes(Visit<BytesObject>(obj).Bytes, n).Clone();

    /// <summary><c>add_host_object(scbytes_from_slice(..))</c>: a bytes object made by host-internal code (untraced; the copy and the object charged).</summary>
    public Val BytesObjectFromSliceUntraced(ReadOnlySpan<byte> bytes) => BytesFromSlice(bytes);

    internal Val ComputeHashSha256(Val x) => AddObject(new BytesObject(Sha256Metered(Visit<BytesObject>(x).Bytes)));

    internal Val ComputeHashKeccak256(Val x) => AddObject(new BytesObject(Keccak256Metered(Visit<BytesObject>(x).Bytes)));

    // ---- signatures ----

    /// <summary>
    /// verify_sig_ed25519: the key (visit, ComputeEd25519PubKey, 32 bytes, decompression), the
    /// signature (fixed 64 bytes: (Object, UnexpectedSize) otherwise, MemCpy 64), then the payload
    /// (visit, VerifyEd25519Sig by its length, verify_strict). Failures are (Crypto, InvalidInput),
    /// with the reference's error events.
    /// </summary>
    internal Val VerifySigEd25519(Val k, Val x, Val s)
    {
        var key = Visit<BytesObject>(k).Bytes;
        Budget.Charge(ContractCostType.ComputeEd25519PubKey, null);
        if (key.Length != Ed25519.PublicKeySize)
            throw Err(SCErrorType.Crypto, SCErrorCode.InvalidInput, "invalid length of ed25519 public key", Val.FromU32((uint)key.Length));
        if (!Ed25519.TryDecodePublicKey(key, out var a))
            throw ErrWithDebugArgs(SCErrorType.Crypto, SCErrorCode.InvalidInput, "invalid ed25519 public key", () => [BytesObjectFromSliceUntraced(key)]);
        var sig = FixedLengthBytes(Visit<BytesObject>(s).Bytes, Ed25519.SignatureSize);
        var payload = Visit<BytesObject>(x).Bytes;
        Budget.Charge(ContractCostType.VerifyEd25519Sig, (ulong)payload.Length);
        if (!Ed25519.VerifyStrict(key, a, payload, sig))
            throw Err(SCErrorType.Crypto, SCErrorCode.InvalidInput, "failed ED25519 verification");
        return Val.Void;
    }

    /// <summary>
    /// <c>ecdsa_signature_from_bytesobj_input</c>: visit, DecodeEcdsaCurve256Sig, 64 bytes with r
    /// and s in [1, n), then s must be low (s ≤ ⌊n/2⌋).
    /// </summary>
    private (Org.BouncyCastle.Math.BigInteger R, Org.BouncyCastle.Math.BigInteger S) EcdsaSignature(Val sig, Org.BouncyCastle.Asn1.X9.X9ECParameters curve)
    {
        var bytes = Visit<BytesObject>(sig).Bytes;
        Budget.Charge(ContractCostType.DecodeEcdsaCurve256Sig, null);
        if (!Ecdsa.TryParseSignature(curve, bytes, out var r, out var sv))
            throw CryptoInvalidInput("invalid ECDSA signature");
        if (Ecdsa.IsHighS(curve, sv))
            throw CryptoInvalidInput("ECDSA signature 's' part is not normalized to low form");
        return (r, sv);
    }

    /// <summary>
    /// recover_key_ecdsa_secp256k1: the signature, the recovery id (0..3, no charge), the 32-byte
    /// digest (visit, MemCpy 32), RecoverEcdsaSecp256k1Key, recovery; the 65-byte SEC1 key becomes
    /// a bytes object without a copy charge (only the object's allocation).
    /// </summary>
    internal Val RecoverKeyEcdsaSecp256k1(Val msgDigest, Val signature, Val recoveryId)
    {
        var (r, sv) = EcdsaSignature(signature, Ecdsa.Secp256k1);
        var rid = recoveryId.AsU32;
        if (rid > 3)
            throw CryptoInvalidInput("invalid ECDSA-secp256k1 recovery ID");
        var hash = HashFromBytesObjInput(msgDigest);
        Budget.Charge(ContractCostType.RecoverEcdsaSecp256k1Key, null);
        if (!Ecdsa.TryRecoverSecp256k1(hash, r, sv, (int)rid, out var key))
            throw CryptoInvalidInput("ECDSA-secp256k1 signature recovery failed");
        return AddObject(new BytesObject(key));
    }

    /// <summary>
    /// verify_sig_ecdsa_secp256r1: the key (visit, Sec1DecodePointUncompressed, tag 0x04 and a
    /// valid point), the signature, the 32-byte digest, then VerifyEcdsaSecp256r1Sig and the check.
    /// </summary>
    internal Val VerifySigEcdsaSecp256r1(Val publicKey, Val msgDigest, Val signature)
    {
        var keyBytes = Visit<BytesObject>(publicKey).Bytes;
        Budget.Charge(ContractCostType.Sec1DecodePointUncompressed, null);
        if (!Ecdsa.TryDecodeUncompressedSecp256r1(keyBytes, out var q))
            throw CryptoInvalidInput("invalid ECDSA public key");
        var (r, sv) = EcdsaSignature(signature, Ecdsa.Secp256r1);
        var hash = HashFromBytesObjInput(msgDigest);
        Budget.Charge(ContractCostType.VerifyEcdsaSecp256r1Sig, null);
        if (!Ecdsa.Verify(Ecdsa.Secp256r1, q, hash, r, sv))
            throw CryptoInvalidInput("failed secp256r1 verification");
        return Val.Void;
    }
}
