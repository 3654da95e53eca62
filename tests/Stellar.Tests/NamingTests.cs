using Replay.Tools.XdrGen;

namespace Replay.Stellar.Tests;

/// <summary>The generator's naming rules, pinned to the spellings the Stellar CLI's JSON uses.</summary>
public sealed class NamingTests
{
    [Theory]
    [InlineData("ledgerVersion", "ledger_version")]
    [InlineData("signerSponsoringIDs", "signer_sponsoring_i_ds")]
    [InlineData("contractIDPreimage", "contract_id_preimage")]
    [InlineData("v1TxSet", "v1_tx_set")]
    [InlineData("sourceAccountEd25519", "source_account_ed25519")]
    [InlineData("type", "type_")]
    public void FieldsBecomeSnakeCaseAndAvoidRustKeywords(string xdr, string json) =>
        Assert.Equal(json, Naming.JsonFieldName(xdr));

    [Theory]
    [InlineData("SCV_LEDGER_KEY_NONCE", "SCV_", "LedgerKeyNonce")]
    [InlineData("txFEE_BUMP_INNER_SUCCESS", "", "TxFeeBumpInnerSuccess")]
    [InlineData("IPv4", "", "IPv4")]
    [InlineData("WasmInsnExec", "", "WasmInsnExec")]
    [InlineData("BINARY_FUSE_FILTER_8_BIT", "BINARY_FUSE_FILTER_", "B8Bit")]
    public void MembersBecomePascalCase(string member, string prefix, string expected) =>
        Assert.Equal(expected, Naming.MemberPascal(Naming.StripPrefix(member, prefix)));

    [Theory]
    [InlineData("SCVal", "ScVal")]
    [InlineData("AccountID", "AccountId")]
    [InlineData("TTLEntry", "TtlEntry")]
    [InlineData("uint256", "Uint256")]
    [InlineData("Error", "SError")]
    public void CliTypeNamesFollowRust(string xdr, string cli) =>
        Assert.Equal(cli, Naming.RustTypeName(xdr));

    [Fact]
    public void CSharpNamesJoinUnderscoreParts() => Assert.Equal("HiHi", Naming.Pascal("hi_hi"));
}
