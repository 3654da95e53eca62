using System.Security.Cryptography;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Domain;

/// <summary>Contract ids: SHA-256 of the HashIDPreimage (ENVELOPE_TYPE_CONTRACT_ID, network id, preimage).</summary>
public static class ContractId
{
    public static Hash FromPreimage(ContractIDPreimage preimage, Hash networkId)
    {
        ArgumentNullException.ThrowIfNull(preimage);
        var full = new HashIDPreimage.ContractId(new HashIDPreimageContractId
        {
            NetworkID = networkId,
            ContractIDPreimage = preimage,
        });
        return Hash.FromBytes(SHA256.HashData(full.ToXdr()));
    }
}
