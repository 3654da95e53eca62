using System.Buffers;
using System.Security.Cryptography;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Domain;

/// <summary>
/// Transaction hashes as stellar-core computes them: SHA-256 over the signature payload
/// (network id, envelope type, transaction). A v0 envelope is hashed as the v1 transaction it
/// converts to, whose encoding is the v0 encoding prefixed by the ed25519 key type.
/// </summary>
public static class TransactionHash
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    public static Hash Of(TransactionEnvelope envelope, Hash networkId)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var w = new XdrWriter(buffer);
        networkId.Encode(ref w);
        switch (envelope)
        {
            case TransactionEnvelope.TxV0 v0:
                w.WriteInt32((int)EnvelopeType.Tx);
                w.WriteInt32((int)CryptoKeyType.Ed25519);
                v0.Value.Tx.Encode(ref w);
                break;
            case TransactionEnvelope.Tx v1:
                w.WriteInt32((int)EnvelopeType.Tx);
                v1.Value.Tx.Encode(ref w);
                break;
            case TransactionEnvelope.TxFeeBump feeBump:
                w.WriteInt32((int)EnvelopeType.TxFeeBump);
                feeBump.Value.Tx.Encode(ref w);
                break;
            default:
                throw new ArgumentException($"unknown envelope kind {envelope.GetType().Name}", nameof(envelope));
        }
        w.Flush();
        return Hash.FromBytes(SHA256.HashData(buffer.WrittenSpan));
    }
}
