using System.Text.Json;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Tests;

/// <summary>The `replay xdr` commands as a user runs them (the codec itself is tested in Stellar.Tests).</summary>
public sealed class XdrCommandTests
{
    [SharedFact]
    public async Task Check_over_the_whole_corpus_round_trips_every_ledger_and_pairs_every_transaction()
    {
        var result = await CliRunner.RunAsync("xdr", "check", SharedData.PathOf("corpus"));
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        var ledgers = root.GetProperty("ledgers").GetInt32();
        var transactions = root.GetProperty("transactions").GetInt32();
        Assert.Equal(3215, ledgers);
        Assert.Equal(ledgers, root.GetProperty("roundTripIdentical").GetInt32());
        Assert.Equal(transactions, root.GetProperty("hashMatched").GetInt32());
        Assert.Equal(0, root.GetProperty("failures").GetArrayLength());
        Assert.Equal(181, root.GetProperty("files").GetInt32());
        // The corpus's JSON index is the one file not checked, and it is named.
        var skipped = Assert.Single(root.GetProperty("skipped").EnumerateArray());
        Assert.EndsWith("index.json", skipped.GetProperty("file").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_help_documents_the_exit_codes()
    {
        var result = await CliRunner.RunAsync("xdr", "check", "--help");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var help = string.Join(' ', result.Out.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Exit codes: 0 every file and ledger passed; 1 something failed (listed under \"failures\"), including unreadable or truncated files; 2 the check could not run", help, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Check_with_the_wrong_network_fails_with_exit_1()
    {
        var result = await CliRunner.RunAsync("xdr", "check", "--network", "Test SDF Network ; September 2015",
            SharedData.PathOf("corpus", "pubnet"));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(2, json.RootElement.GetProperty("failures").GetArrayLength());
    }

    [Fact]
    public async Task Check_of_a_damaged_file_reports_it_as_a_failure()
    {
        var path = Path.Combine(Path.GetTempPath(), $"replay-damaged-{Guid.NewGuid():N}.xdr");
        // A record mark announcing 1000 bytes, followed by 3.
        await File.WriteAllBytesAsync(path, [0x80, 0x00, 0x03, 0xE8, 1, 2, 3]);
        try
        {
            var result = await CliRunner.RunAsync("xdr", "check", path);
            Assert.Equal(ExitCodes.Findings, result.ExitCode);
            Assert.Contains(Path.GetFileName(path), result.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Decode_and_encode_are_inverse_through_the_cli()
    {
        var input = Path.Combine(Path.GetTempPath(), $"replay-scval-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(input, "AAAAAwAAAAU=\n");
        var jsonFile = input + ".json";
        try
        {
            var decoded = await CliRunner.RunAsync("xdr", "decode", "--type", "ScVal", input);
            Assert.Equal(ExitCodes.Ok, decoded.ExitCode);
            Assert.Equal("{\"u32\":5}", decoded.Out.Trim());

            await File.WriteAllTextAsync(jsonFile, decoded.Out);
            var encoded = await CliRunner.RunAsync("xdr", "encode", "--type", "SCVal", jsonFile);
            Assert.Equal(ExitCodes.Ok, encoded.ExitCode);
            Assert.Equal("AAAAAwAAAAU=", encoded.Out.Trim());
        }
        finally
        {
            File.Delete(input);
            File.Delete(jsonFile);
        }
    }

    [Fact]
    public async Task Decoding_garbage_is_a_clear_error_with_exit_2()
    {
        var input = Path.Combine(Path.GetTempPath(), $"replay-garbage-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(input, "Z2FyYmFnZSEh\n");
        try
        {
            var result = await CliRunner.RunAsync("xdr", "decode", "--type", "ScVal", input);
            Assert.Equal(ExitCodes.Error, result.ExitCode);
            Assert.Contains("SCVal", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(input);
        }
    }

    [Fact]
    public async Task An_unknown_type_is_named_in_the_error()
    {
        var result = await CliRunner.RunAsync("xdr", "decode", "--type", "NoSuchType", "-");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("NoSuchType", result.Error, StringComparison.Ordinal);
    }

    private static async Task<CliRunner.Result> RunOnFile(string name, byte[] content, params string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("replay-xdr-").FullName;
        try
        {
            var path = Path.Combine(dir, name);
            await File.WriteAllBytesAsync(path, content);
            return await CliRunner.RunAsync([.. args, path]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_signer_with_an_empty_signed_payload_decodes_as_the_stellar_cli_prints_it()
    {
        // SignerKey ed25519SignedPayload: key bytes 0..31, payload of length 0.
        byte[] xdr = [0, 0, 0, 3, .. Enumerable.Range(0, 32).Select(i => (byte)i), 0, 0, 0, 0];
        var result = await RunOnFile("signer.txt", System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(xdr) + "\n"), "xdr", "decode", "--type", "SignerKey");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        // What @stellar/stellar-xdr-json 27.0.0 (the Stellar CLI's codec) prints for these bytes.
        Assert.Equal("\"PAAACAQDAQCQMBYIBEFAWDANBYHRAEISCMKBKFQXDAMRUGY4DUPB6AAAAAAESYQ\"", result.Out.Trim());
    }

    [Theory]
    // As Latin-1, so that \u00FF is the single raw byte 0xFF, which is not UTF-8.
    [InlineData("{\"string\":\"a\u00FFb\"}", "not UTF-8")]
    [InlineData("{\"symbol\":\"\\ud800\"}", "lone surrogate")]
    public async Task Json_that_is_not_text_is_a_clear_error_with_exit_2(string latin1, string expected)
    {
        var result = await RunOnFile("value.json", System.Text.Encoding.Latin1.GetBytes(latin1), "xdr", "encode", "--type", "ScVal");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base64_file_with_one_bad_line_names_the_line()
    {
        var result = await RunOnFile("values.txt", "AAAAAwAAAAU=\nAAAAAwAAAA\n"u8.ToArray(), "xdr", "decode", "--type", "ScVal");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("line 2 is not base64", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void An_unreadable_input_file_is_a_clear_error_with_exit_2()
    {
        var dir = Directory.CreateTempSubdirectory("replay-xdr-").FullName;
        try
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
            var path = Path.Combine(dir, "secret.txt");
            File.WriteAllText(path, "AAAAAwAAAAU=\n");
            File.SetUnixFileMode(path, UnixFileMode.None);
            // Permission bits do not stop root: as root, the command runs as nobody.
            var result = CliProcess.Run(["xdr", "decode", "--type", "ScVal", path], TimeSpan.FromSeconds(60), asNobody: CliProcess.IsRoot);
            Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
            Assert.Contains($"cannot read {path}", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_ten_million_digit_integer_is_refused_at_once_without_echoing_it()
    {
        var json = "{\"i128\":\"" + new string('7', 10_000_000) + "\"}";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await RunOnFile("big.json", System.Text.Encoding.ASCII.GetBytes(json), "xdr", "encode", "--type", "ScVal");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("is not an integer in", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.Length < 400, $"{result.Error.Length} characters of error");
    }

    [Theory]
    // Bytes and JSON as @stellar/stellar-xdr-json 27.0.0 (the Stellar CLI's codec) has them.
    [InlineData("AssetCode12", "QUJDRAAAAAAAAAAA", "\"ABCD\\\\0\"")]
    [InlineData("AssetCode12", "QUIAAAAAAAAAAAAA", "\"AB\\\\0\\\\0\\\\0\"")]
    [InlineData("AssetCode12", "AAAAAAAAAAAAAAAA", "\"\\\\0\\\\0\\\\0\\\\0\\\\0\"")]
    [InlineData("AssetCode12", "QUJDREUAAAAAAAAA", "\"ABCDE\"")]
    [InlineData("AssetCode4", "QUIAAA==", "\"AB\"")]
    [InlineData("AssetCode", "AAAAAkFCQ0QAAAAAAAAAAA==", "\"ABCD\\\\0\"")]
    public async Task Asset_codes_print_as_the_stellar_cli_prints_them_and_keep_their_kind(string type, string base64, string json)
    {
        var decoded = await RunOnFile("code.txt", System.Text.Encoding.ASCII.GetBytes(base64 + "\n"), "xdr", "decode", "--type", type);
        Assert.True(decoded.ExitCode == ExitCodes.Ok, decoded.Error);
        Assert.Equal(json, decoded.Out.Trim());
        var encoded = await RunOnFile("code.json", System.Text.Encoding.UTF8.GetBytes(json), "xdr", "encode", "--type", type);
        Assert.True(encoded.ExitCode == ExitCodes.Ok, encoded.Error);
        Assert.Equal(base64, encoded.Out.Trim());
    }

    [Theory]
    // The Stellar CLI parses JSON nested up to 127 arrays and objects (serde_json), not 128:
    // 63 vec levels around a u32 are 127, 64 around a void are 128.
    [InlineData(63, "{\"u32\":1}", true)]
    [InlineData(64, "\"void\"", false)]
    public async Task Scval_nesting_is_accepted_as_deep_as_the_stellar_cli_accepts_it(int levels, string inner, bool accepted)
    {
        var json = inner;
        for (var i = 0; i < levels; i++)
            json = "{\"vec\":[" + json + "]}";
        var result = await RunOnFile("deep.json", System.Text.Encoding.ASCII.GetBytes(json), "xdr", "encode", "--type", "ScVal");
        if (accepted)
        {
            Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
            var decoded = await RunOnFile("deep.txt", System.Text.Encoding.ASCII.GetBytes(result.Out), "xdr", "decode", "--type", "ScVal");
            Assert.Equal(json, decoded.Out.Trim());
        }
        else
        {
            Assert.Equal(ExitCodes.Error, result.ExitCode);
            Assert.Contains("depth of 127", result.Error, StringComparison.Ordinal);
        }
    }
}
