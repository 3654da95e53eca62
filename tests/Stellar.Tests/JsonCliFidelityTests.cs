using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

/// <summary>
/// Edge values compared with the Stellar CLI's own JSON codec (@stellar/stellar-xdr-json, see
/// <see cref="StellarXdrJsonTool"/>): what it prints for some bytes, and which JSON it accepts
/// and into what bytes. The [Fact]s pin the same answers as constants, so they run without node.
/// </summary>
public sealed class JsonCliFidelityTests
{
    private static string Decode(string type, byte[] xdr)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, XdrJsonText.WriterOptions))
            XdrTypes.Find(type)!.WriteJson(xdr, writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Base64 of the encoding, or null when the JSON is refused.</summary>
    private static string? Encode(string type, string json)
    {
        try
        {
            using var doc = XdrJsonText.Parse(json);
            return Convert.ToBase64String(XdrTypes.Find(type)!.ReadJson(doc.RootElement));
        }
        catch (Exception e) when (e is XdrJsonException or JsonException or XdrException)
        {
            return null;
        }
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private static readonly (string Type, byte[] Xdr)[] DecodeCases =
    [
        ("AssetCode12", Bytes("ABCD\0\0\0\0\0\0\0\0")),
        ("AssetCode12", Bytes("AB\0\0\0\0\0\0\0\0\0\0")),
        ("AssetCode12", Bytes("A\0B\0\0\0\0\0\0\0\0\0")),
        ("AssetCode12", new byte[12]),
        ("AssetCode12", Bytes("ABCDE\0\0\0\0\0\0\0")),
        ("AssetCode12", Bytes("ABCDEFGHIJKL")),
        ("AssetCode4", Bytes("AB\0\0")),
        ("AssetCode4", new byte[4]),
        ("AssetCode4", Bytes("A\u00FFB\0")),
        ("AssetCode", Bytes("\0\0\0\u0002ABCD\0\0\0\0\0\0\0\0")),
        ("AssetCode", Bytes("\0\0\0\u0001AB\0\0")),
        ("SignerKey", [0, 0, 0, 3, .. Enumerable.Range(0, 32).Select(i => (byte)i), 0, 0, 0, 0]),
        ("SignerKey", [0, 0, 0, 3, .. Enumerable.Range(0, 32).Select(i => (byte)i), 0, 0, 0, 1, 7, 0, 0, 0]),
    ];

    private static string Nest(int levels, string inner, string open, string close)
    {
        var json = inner;
        for (var i = 0; i < levels; i++)
            json = open + json + close;
        return json;
    }

    private static readonly (string Type, string Json)[] EncodeCases =
    [
        ("ScVal", Nest(62, "\"void\"", "{\"vec\":[", "]}")),
        ("ScVal", Nest(63, "\"void\"", "{\"vec\":[", "]}")),
        ("ScVal", Nest(64, "\"void\"", "{\"vec\":[", "]}")),
        ("ScVal", Nest(63, "{\"u32\":1}", "{\"vec\":[", "]}")),
        ("ScVal", Nest(63, "{\"vec\":[]}", "{\"vec\":[", "]}")),
        ("ScVal", Nest(42, "\"void\"", "{\"map\":[{\"key\":\"void\",\"val\":", "}]}")),
        ("ScVal", Nest(43, "\"void\"", "{\"map\":[{\"key\":\"void\",\"val\":", "}]}")),
        ("ScVal", "{\"string\":\"a\\ud800b\"}"),
        ("ScVal", "{\"string\":\"a\\u00ffb\"}"),
        ("Int128Parts", "\"+5\""),
        ("Int128Parts", "\"-0\""),
        ("UInt128Parts", "\"-0\""),
        ("Int128Parts", "\"" + new string('0', 200) + "1\""),
        ("Int256Parts", "\"1e3\""),
        ("Int256Parts", "\" 1\""),
        ("UInt256Parts", "\"115792089237316195423570985008687907853269984665640564039457584007913129639935\""),
        ("UInt256Parts", "\"115792089237316195423570985008687907853269984665640564039457584007913129639936\""),
        ("AssetCode12", "\"ABCD\""),
        ("AssetCode12", "\"ABCDEFGHIJKLM\""),
        ("AssetCode4", "\"ABCD\\\\0\""),
        ("AssetCode", "\"ABCD\\\\0\""),
        ("AssetCode", "\"A\\\\0B\""),
        ("SignerKey", "\"PAAACAQDAQCQMBYIBEFAWDANBYHRAEISCMKBKFQXDAMRUGY4DUPB6AAAAAAESYQ\""),
    ];

    [StellarJsonFact]
    public void Edge_values_print_as_the_stellar_cli_prints_them()
    {
        var answers = StellarXdrJsonTool.Run([.. DecodeCases.Select(c => XdrTypes.Find(c.Type)!.CliName + " " + Convert.ToBase64String(c.Xdr))]);
        for (var i = 0; i < DecodeCases.Length; i++)
        {
            Assert.StartsWith("OK ", answers[i], StringComparison.Ordinal);
            var ours = Decode(DecodeCases[i].Type, DecodeCases[i].Xdr);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(answers[i][3..]), JsonNode.Parse(ours)), $"{DecodeCases[i].Type}: CLI {answers[i][3..]}, ours {ours}");
        }
    }

    [StellarJsonFact]
    public void Edge_json_is_accepted_and_refused_as_the_stellar_cli_does()
    {
        var answers = StellarXdrJsonTool.Run([.. EncodeCases.Select(c => XdrTypes.Find(c.Type)!.CliName + " @" + c.Json)]);
        for (var i = 0; i < EncodeCases.Length; i++)
        {
            var theirs = answers[i].StartsWith("OK ", StringComparison.Ordinal) ? answers[i][3..] : null;
            var ours = Encode(EncodeCases[i].Type, EncodeCases[i].Json);
            Assert.True(theirs == ours, $"{EncodeCases[i].Type} {TextPreview.Shorten(EncodeCases[i].Json)}: CLI {answers[i]}, ours {ours ?? "refused"}");
        }
    }

    [Fact]
    public void Asset_codes_keep_their_kind_through_json()
    {
        // The Stellar CLI prints a 12-byte code of 4 characters as "ABCD\0": read back, it is 12 bytes again.
        Assert.Equal("\"ABCD\\\\0\"", Decode("AssetCode12", Bytes("ABCD\0\0\0\0\0\0\0\0")));
        Assert.Equal("\"\\\\0\\\\0\\\\0\\\\0\\\\0\"", Decode("AssetCode12", new byte[12]));
        Assert.Equal("\"AB\"", Decode("AssetCode4", Bytes("AB\0\0")));
        var alphanum12 = Bytes("\0\0\0\u0002ABCD\0\0\0\0\0\0\0\0");
        Assert.Equal(Convert.ToBase64String(alphanum12), Encode("AssetCode", Decode("AssetCode", alphanum12)));
    }

    [Fact]
    public void Json_nests_as_deep_as_the_stellar_cli_allows()
    {
        Assert.NotNull(Encode("ScVal", Nest(63, "{\"u32\":1}", "{\"vec\":[", "]}")));
        Assert.Null(Encode("ScVal", Nest(64, "\"void\"", "{\"vec\":[", "]}")));
        Assert.NotNull(Encode("ScVal", Nest(42, "\"void\"", "{\"map\":[{\"key\":\"void\",\"val\":", "}]}")));
        Assert.Null(Encode("ScVal", Nest(43, "\"void\"", "{\"map\":[{\"key\":\"void\",\"val\":", "}]}")));
    }

    [Fact]
    public void Text_that_is_not_unicode_is_refused_before_any_value_is_read()
    {
        var e = Assert.Throws<XdrJsonException>(() => XdrJsonText.Parse(Bytes("{\"string\":\"a\u00FFb\"}")));
        Assert.Equal("input is not UTF-8: invalid byte sequence at byte 12", e.Message);
        var s = Assert.Throws<XdrJsonException>(() => XdrJsonText.FromJson<SCVal>("{\"symbol\":\"\\udc00\"}"));
        Assert.Contains("lone surrogate", s.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Big_integers_are_read_in_one_pass_and_quoted_short()
    {
        var digits = new string('9', 10_000_000);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<XdrJsonException>(() => XdrJsonText.FromJson<SCVal>("{\"i128\":\"" + digits + "\"}"));
        // Linear work on 10 MB of text; a big-number parse of it took 25 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.True(e.Message.Length < 300, e.Message);
        Assert.Equal(Convert.ToBase64String(new SCVal.I128(new Int128Parts { Hi = 0, Lo = 1 }).ToXdr()),
            Convert.ToBase64String(XdrJsonText.FromJson<SCVal>("{\"i128\":\"" + new string('0', 1_000_000) + "1\"}").ToXdr()));
        Assert.Null(Encode("UInt128Parts", "\"-0\""));
        Assert.Equal("AAAAAAAAAAAAAAAAAAAABQ==", Encode("Int128Parts", "\"+5\""));
    }
}
