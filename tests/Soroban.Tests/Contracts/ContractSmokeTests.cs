using Replay.Engines;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

public sealed class ContractSmokeTests
{
    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var v in EngineCatalog.Variants)
            data.Add(v.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void AddsTwoNumbers(string variant)
    {
        var ledger = new ContractLedger(22);
        var id = ledger.Deploy("smoke");
        var r = ledger.Invoke(EngineCatalog.GetVariant(variant), id, "add", [new SCVal.U32(2), new SCVal.U32(40)]);
        Assert.Null(r.Error);
        Assert.Equal(42u, Assert.IsType<SCVal.U32>(r.ReturnValue).Value);
    }
}
