using System.Security.Cryptography;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Domain;

/// <summary>The LedgerKey that identifies a LedgerEntry (the fields stellar-core keys its ledger state by).</summary>
public static class LedgerKeys
{
    public static LedgerKey KeyOf(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return KeyOf(entry.Data);
    }

    public static LedgerKey KeyOf(LedgerEntryData data) => data switch
    {
        LedgerEntryData.Account a => new LedgerKey.Account(new LedgerKeyAccount { AccountID = a.Value.AccountID }),
        LedgerEntryData.Trustline t => new LedgerKey.Trustline(new LedgerKeyTrustLine { AccountID = t.Value.AccountID, Asset = t.Value.Asset }),
        LedgerEntryData.Offer o => new LedgerKey.Offer(new LedgerKeyOffer { SellerID = o.Value.SellerID, OfferID = o.Value.OfferID }),
        LedgerEntryData.Data d => new LedgerKey.Data(new LedgerKeyData { AccountID = d.Value.AccountID, DataName = d.Value.DataName }),
        LedgerEntryData.ClaimableBalance c => new LedgerKey.ClaimableBalance(new LedgerKeyClaimableBalance { BalanceID = c.Value.BalanceID }),
        LedgerEntryData.LiquidityPool p => new LedgerKey.LiquidityPool(new LedgerKeyLiquidityPool { LiquidityPoolID = p.Value.LiquidityPoolID }),
        LedgerEntryData.ContractData cd => new LedgerKey.ContractData(new LedgerKeyContractData
        {
            Contract = cd.Value.Contract,
            Key = cd.Value.Key,
            Durability = cd.Value.Durability,
        }),
        LedgerEntryData.ContractCode cc => new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = cc.Value.Hash }),
        LedgerEntryData.ConfigSetting cs => new LedgerKey.ConfigSetting(new LedgerKeyConfigSetting { ConfigSettingID = cs.Value.ConfigSettingID }),
        LedgerEntryData.Ttl ttl => new LedgerKey.Ttl(new LedgerKeyTtl { KeyHash = ttl.Value.KeyHash }),
        null => throw new ArgumentNullException(nameof(data)),
        _ => throw new ArgumentException($"no ledger key for {data.GetType().Name}", nameof(data)),
    };

    /// <summary>Contract data or contract code: the entries that have a TTL.</summary>
    public static bool IsSoroban(LedgerKey key) => key is LedgerKey.ContractData or LedgerKey.ContractCode;

    /// <summary>Temporary contract data: deleted, never archived, when its TTL passes.</summary>
    public static bool IsTemporary(LedgerKey key) =>
        key is LedgerKey.ContractData { Value.Durability: ContractDataDurability.Temporary };

    /// <summary>Contract code or persistent contract data: archived when its TTL passes.</summary>
    public static bool IsPersistent(LedgerKey key) =>
        key is LedgerKey.ContractCode or LedgerKey.ContractData { Value.Durability: ContractDataDurability.Persistent };

    /// <summary>The key of a Soroban entry's TTL entry: SHA-256 of the entry key's XDR.</summary>
    public static LedgerKey TtlKeyOf(LedgerKey key)
    {
        if (!IsSoroban(key))
            throw new ArgumentException($"only contract data and code have TTLs, not {key?.GetType().Name}", nameof(key));
        return new LedgerKey.Ttl(new LedgerKeyTtl { KeyHash = TtlKeyHashOf(key) });
    }

    /// <summary>SHA-256 of the key's XDR: the TTL entry's keyHash.</summary>
    public static Hash TtlKeyHashOf(LedgerKey key) => Hash.FromBytes(SHA256.HashData(XdrCodec.Encode(key)));
}
