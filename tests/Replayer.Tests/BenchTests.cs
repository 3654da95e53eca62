using System.Text.Json;
using Replay.Replayer.Bench;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Tests;

public sealed class BenchTests
{
    [Fact]
    public void Median_and_geometric_mean()
    {
        Assert.Equal(2, Statistics.Median([3, 1, 2]));
        Assert.Equal(2.5, Statistics.Median([4, 1, 3, 2]));
        Assert.Equal(4, Statistics.GeometricMean([2, 8])!.Value, 10);
        Assert.Null(Statistics.GeometricMean([2, null]));
        Assert.Null(Statistics.GeometricMean([]));
        Assert.Equal(3, Statistics.Speedup(fast: 1, slow: 3));
        Assert.Null(Statistics.Speedup(null, 3));
    }

    [Fact]
    public async Task Compile_suite_reports_every_mode_in_the_documented_json_shape()
    {
        var result = await CliRunner.RunAsync("bench", "--suite", "compile", "--repeat", "1", "--json");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("kernels").GetArrayLength());
        var compile = root.GetProperty("compile");
        foreach (var key in new[] { "eager_ms", "lazy_translation_ms", "lazy_ms", "lazy_speedup" })
            Assert.True(compile.GetProperty(key).GetDouble() > 0, key);
        var modules = compile.GetProperty("modules");
        Assert.Equal(2, modules.GetArrayLength());
        // The synthetic modules of src/Tooling/SyntheticModules.cs, as the README's start-up table lists them.
        Assert.Equal(("many-functions", 2001, 163_727), (modules[0].GetProperty("name").GetString(), modules[0].GetProperty("functions").GetInt32(), modules[0].GetProperty("bytes").GetInt32()));
        Assert.Equal(("contract-sized", 451, 59_362), (modules[1].GetProperty("name").GetString(), modules[1].GetProperty("functions").GetInt32(), modules[1].GetProperty("bytes").GetInt32()));
        foreach (var key in new[] { "register_vs_stack", "register_vs_wabt", "stack_vs_wabt", "register_vs_wasmtime" })
            Assert.Equal(JsonValueKind.Null, root.GetProperty("geomean").GetProperty(key).ValueKind);
    }

    [Fact]
    public async Task A_bad_repeat_count_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync("bench", "--repeat", "0");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
    }

    [Fact]
    public async Task A_missing_kernels_file_is_named()
    {
        var result = await CliRunner.RunAsync("bench", "--suite", "compute", "--kernels", "/nonexistent/kernels.c");
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("/nonexistent/kernels.c", result.Error, StringComparison.Ordinal);
    }
}
