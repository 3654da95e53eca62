using System.Text.Json;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_json_names_both_engines_and_the_host()
    {
        var result = await CliRunner.RunAsync("version", "--json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("soroban-replay", json.RootElement.GetProperty("tool").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
        var names = json.RootElement.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToArray();
        Assert.Equal(new[] { "stack", "register", "soroban-host" }, names);
    }

    [Fact]
    public async Task Version_table_lists_each_component()
    {
        var result = await CliRunner.RunAsync("version");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("stack", result.Out, StringComparison.Ordinal);
        Assert.Contains("register", result.Out, StringComparison.Ordinal);
        Assert.Contains("soroban-host", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("no-such-command");
        Assert.NotEqual(ExitCodes.Ok, result.ExitCode);
    }
}
