using System.Text.Json;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Tests;

public sealed class VersionCommandTests
{
    private const string StackModels = "Wasmi 0.31 stack machine, eager compilation, Wasmi 0.31 fuel model";
    private const string RegisterModels = "Wasmi 0.32+ register machine, lazy compilation, Wasmi 0.32+ fuel model";

    [Fact]
    public async Task Version_json_names_the_tool_and_both_engines_and_nothing_else()
    {
        var result = await CliRunner.RunAsync("version", "--json");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var version = VersionCommand.ToolVersion;
        Assert.StartsWith("0.1.0", version, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal("soroban-replay", json.RootElement.GetProperty("tool").GetString());
        Assert.Equal(version, json.RootElement.GetProperty("version").GetString());
        var components = json.RootElement.GetProperty("components").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("version").GetString(), c.GetProperty("models").GetString()))
            .ToArray();
        Assert.Equal([("stack", version, StackModels), ("register", version, RegisterModels)], components);
    }

    [Fact]
    public async Task Version_table_lists_exactly_the_engines()
    {
        var result = await CliRunner.RunAsync("version");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var version = VersionCommand.ToolVersion;
        var lines = result.Out.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"soroban-replay {version}", lines[0]);
        var rows = lines.Where(l => l.StartsWith('│'))
            .Select(l => string.Join(" | ", l.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();
        Assert.Equal(
            [
                "component | version | models",
                $"stack | {version} | {StackModels}",
                $"register | {version} | {RegisterModels}",
            ],
            rows);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("no-such-command");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("no-such-command", result.Error, StringComparison.Ordinal);
    }
}
