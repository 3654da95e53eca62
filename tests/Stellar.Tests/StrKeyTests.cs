using Replay.Stellar.Domain;

namespace Replay.Stellar.Tests;

public sealed class StrKeyTests
{
    private static readonly byte[] Counting = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    // Expected strings were produced by the Stellar CLI's JSON library (rs-stellar-strkey) for bytes 1..32.
    [Theory]
    [InlineData(StrKeyKind.AccountId, "GAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSABOV")]
    [InlineData(StrKeyKind.Contract, "CAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSBFLM")]
    [InlineData(StrKeyKind.LiquidityPool, "LAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSB4BB")]
    [InlineData(StrKeyKind.PreAuthTx, "TAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSB44E")]
    [InlineData(StrKeyKind.Sha256Hash, "XAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSAYZ5")]
    public void ThirtyTwoByteKeysMatchTheReference(StrKeyKind kind, string expected)
    {
        Assert.Equal(expected, StrKey.Encode(kind, Counting));
        Assert.Equal(Counting, StrKey.Decode(kind, expected));
    }

    [Fact]
    public void MuxedClaimableBalanceAndSignedPayloadKeysMatchTheReference()
    {
        byte[] muxed = [.. Counting, 0, 0, 0, 0, 0, 0, 0, 5];
        Assert.Equal("MAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSAAAAAAAAAAAAAWPJK", StrKey.Encode(StrKeyKind.MuxedAccount, muxed));
        byte[] balance = [0, .. Counting];
        Assert.Equal("BAAACAQDAQCQMBYIBEFAWDANBYHRAEISCMKBKFQXDAMRUGY4DUPB6IHRSE", StrKey.Encode(StrKeyKind.ClaimableBalance, balance));
        byte[] signedPayload = [.. Counting, 0, 0, 0, 3, 1, 2, 3, 0];
        var p = StrKey.Encode(StrKeyKind.SignedPayload, signedPayload);
        Assert.Equal("PAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSAAAAAABQCAQDACQM4", p);
        Assert.Equal(signedPayload, StrKey.Decode(StrKeyKind.SignedPayload, p));
    }

    [Fact]
    public void AnEmptySignedPayloadEncodesAsTheCliPrintsItButDoesNotDecode()
    {
        // XDR allows opaque<64> of length 0; the Stellar CLI prints such a signer and refuses to read it back.
        byte[] empty = [.. Enumerable.Range(0, 32).Select(i => (byte)i), 0, 0, 0, 0];
        var p = StrKey.Encode(StrKeyKind.SignedPayload, empty);
        Assert.Equal("PAAACAQDAQCQMBYIBEFAWDANBYHRAEISCMKBKFQXDAMRUGY4DUPB6AAAAAAESYQ", p);
        Assert.Throws<FormatException>(() => StrKey.Decode(p));
        Assert.Throws<ArgumentException>(() => StrKey.Encode(StrKeyKind.SignedPayload, [.. empty[..32], 0, 0, 0, 65, .. new byte[68]]));
    }

    [Fact]
    public void AHugeStrKeyIsRefusedWithoutEchoingIt()
    {
        var e = Assert.Throws<FormatException>(() => StrKey.Decode(new string('G', 1_000_000)));
        Assert.True(e.Message.Length < 200, e.Message);
    }

    [Fact]
    public void Sep23ExampleAccountDecodes()
    {
        var key = StrKey.Decode(StrKeyKind.AccountId, "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ");
        Assert.Equal("3f0c34bf93ad0d9971d04ccc90f705511c838aad9734a4a2fb0d7a03fc7fe89a", Convert.ToHexStringLower(key));
    }

    [Theory]
    [InlineData("GAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSABOW")] // checksum
    [InlineData("GAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSABO")] // length
    [InlineData("gaaqeayeaudaocajbifqydiob4ibceqtcqkrmfyydenbwha5dypsabov")] // lower case
    [InlineData("GAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSABOV=")] // padding
    [InlineData("MAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSAAAAAAAAAAAAAWPJL")] // non-canonical tail bits
    [InlineData("")]
    public void MalformedKeysAreRejected(string text) =>
        Assert.Throws<FormatException>(() => StrKey.Decode(text));

    [Fact]
    public void KindMismatchIsRejected() =>
        Assert.Throws<FormatException>(() => StrKey.Decode(StrKeyKind.Contract, "GAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPSABOV"));

    [Fact]
    public void Crc16MatchesTheXModemCheckValue() =>
        Assert.Equal(0x31C3, Crc16XModem.Compute("123456789"u8));
}
