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
        Assert.True(ledgers > 3000, $"only {ledgers} ledgers");
        Assert.Equal(ledgers, root.GetProperty("roundTripIdentical").GetInt32());
        Assert.Equal(transactions, root.GetProperty("hashMatched").GetInt32());
        Assert.Equal(0, root.GetProperty("failures").GetArrayLength());
        Assert.True(root.GetProperty("files").GetInt32() > 100);
    }

    [SharedFact]
    public async Task Check_with_the_wrong_network_fails_with_exit_1()
    {
        var result = await CliRunner.RunAsync("xdr", "check", "--network", "Test SDF Network ; September 2015",
            SharedData.PathOf("corpus", "pubnet"));
        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.NotEqual(0, json.RootElement.GetProperty("failures").GetArrayLength());
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
}
