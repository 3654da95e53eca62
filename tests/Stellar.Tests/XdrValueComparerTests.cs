using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

public sealed class XdrValueComparerTests
{
    [Fact]
    public void EqualEncodingsAreEqualKeys()
    {
        var hash = Hash.FromBytes(new byte[32]);
        LedgerKey a = new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = hash });
        LedgerKey b = new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = hash });
        LedgerKey c = new LedgerKey.Ttl(new LedgerKeyTtl { KeyHash = hash });
        var set = new HashSet<LedgerKey>(XdrValueComparer<LedgerKey>.Instance) { a };
        Assert.Contains(b, set);
        Assert.DoesNotContain(c, set);
        Assert.False(XdrValueComparer<LedgerKey>.Instance.Equals(a, null));
    }
}
