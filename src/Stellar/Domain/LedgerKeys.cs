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
}
