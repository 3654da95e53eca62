using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;
using Xunit.Abstractions;

namespace Replay.Stellar.Tests;

public sealed class JsonViewTests(ITestOutputHelper output)
{
    private static string ToJson(XdrTypeInfo type, byte[] xdr)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            type.WriteJson(xdr, writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Our JSON equals the Stellar CLI's for a few hundred corpus values, and both parse back to the same bytes.</summary>
    [StellarJsonFact]
    public void JsonMatchesTheStellarCliOnCorpusValues()
    {
        var samples = JsonSamples.Collect(perType: 40);
        Assert.Equal(366, samples.Count);
        var requests = samples.Select(s => XdrTypes.Find(s.Type)!.CliName + " " + Convert.ToBase64String(s.Xdr)).ToList();
        var answers = StellarXdrJsonTool.Run(requests);
        var mismatches = new List<string>();
        for (var i = 0; i < samples.Count; i++)
        {
            var (typeName, xdr) = samples[i];
            var type = XdrTypes.Find(typeName)!;
            Assert.StartsWith("OK ", answers[i], StringComparison.Ordinal);
            var theirs = answers[i][3..];
            var ours = ToJson(type, xdr);
            if (!JsonNode.DeepEquals(JsonNode.Parse(ours), JsonNode.Parse(theirs)))
                mismatches.Add($"{typeName}: ours {ours[..Math.Min(300, ours.Length)]} theirs {theirs[..Math.Min(300, theirs.Length)]}");
            // Their JSON, read by us, must encode to the original bytes.
            using var doc = JsonDocument.Parse(theirs);
            Assert.Equal(xdr, type.ReadJson(doc.RootElement));
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {samples.Count} differ; first: {mismatches.FirstOrDefault()}");
        output.WriteLine($"{samples.Count} values compared: " + string.Join(", ", samples.GroupBy(s => s.Type).Select(g => $"{g.Key} {g.Count()}")));
    }

    [Fact]
    public void EveryScValKindRoundTripsThroughJson()
    {
        var hash = Hash.FromBytes([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
        SCVal[] values =
        [
            new SCVal.Bool(true), SCVal.Void.Instance, new SCVal.U32(7), new SCVal.I32(-7), new SCVal.U64(ulong.MaxValue),
            new SCVal.I64(long.MinValue), new SCVal.Timepoint(1), new SCVal.Duration(2),
            new SCVal.U128(new UInt128Parts { Hi = 1, Lo = 2 }), new SCVal.I128(new Int128Parts { Hi = -1, Lo = 2 }),
            new SCVal.U256(new UInt256Parts { HiHi = ulong.MaxValue, HiLo = 1, LoHi = 2, LoLo = 3 }),
            new SCVal.I256(new Int256Parts { HiHi = long.MinValue, HiLo = 1, LoHi = 2, LoLo = 3 }),
            new SCVal.Bytes([0, 255]), new SCVal.String(new XdrString([0x41, 0x5c, 0, 0xff, 0x0a])), new SCVal.Symbol("sym_1"),
            new SCVal.Vec([new SCVal.U32(1)]), new SCVal.Vec(null), new SCVal.Map([new SCMapEntry { Key = new SCVal.U32(1), Val = SCVal.Void.Instance }]),
            new SCVal.Address(new SCAddress.Contract(hash)), new SCVal.Address(new SCAddress.LiquidityPool(hash)),
            new SCVal.Address(new SCAddress.ClaimableBalance(new ClaimableBalanceID.ClaimableBalanceIdTypeV0(hash))),
            new SCVal.Address(new SCAddress.MuxedAccount(new MuxedEd25519Account { Id = 9, Ed25519 = Uint256.FromBytes(hash.ToArray()) })),
            new SCVal.Error(new SCError.Contract(5)), new SCVal.Error(new SCError.Budget(SCErrorCode.ExceededLimit)),
            SCVal.LedgerKeyContractInstance.Instance, new SCVal.LedgerKeyNonce(new SCNonceKey { Nonce = -3 }),
        ];
        var type = XdrTypes.Find("ScVal")!;
        foreach (var value in values)
        {
            var xdr = value.ToXdr();
            using var doc = JsonDocument.Parse(ToJson(type, xdr));
            Assert.Equal(xdr, type.ReadJson(doc.RootElement));
        }
    }

    [Fact]
    public void BadJsonNamesWhereItIsWrong()
    {
        var type = XdrTypes.Find("TransactionResult")!;
        using var doc = JsonDocument.Parse("""{"fee_charged":"1","result":{"tx_success":[{"op_inner":{"payment":"nope"}}]},"ext":"v0"}""");
        var e = Assert.Throws<XdrJsonException>(() => type.ReadJson(doc.RootElement));
        Assert.Equal("TransactionResult.result.results[0].tr.paymentResult", e.Path);
        Assert.Contains("'nope' is not a PaymentResult case", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypesAreFoundByXdrAndCliNames()
    {
        Assert.Same(XdrTypes.Find("SCVal"), XdrTypes.Find("ScVal"));
        Assert.Equal("SError", XdrTypes.Find("Error")!.CliName);
        Assert.NotNull(XdrTypes.Find("LedgerEntryChanges"));
        Assert.Null(XdrTypes.Find("NoSuchType"));
        Assert.Equal(471, XdrTypes.All.Count);
    }
}
