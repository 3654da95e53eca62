using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "c" (crypto), the hash functions (fact: crypto/mod.rs sha256_hash_from_bytes,
// keccak256_hash_from_bytes; host.rs compute_hash_*).
public sealed partial class Host
{
    /// <summary>SHA-256 as the host charges it: bulk init copy of the 32-byte result, then ComputeSha256Hash of the input length.</summary>
    internal byte[] Sha256Metered(ReadOnlySpan<byte> input)
    {
        ChargeBulkInitCopy(32, DeclaredSize.U8);
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
    public byte[] HashFromBytesObjInput(Val hash) => (byte[])FixedLengthBytes(Visit<BytesObject>(hash).Bytes, 32).Clone();

    internal Val ComputeHashSha256(Val x) => AddObject(new BytesObject(Sha256Metered(Visit<BytesObject>(x).Bytes)));

    internal Val ComputeHashKeccak256(Val x) => AddObject(new BytesObject(Keccak256Metered(Visit<BytesObject>(x).Bytes)));
}
