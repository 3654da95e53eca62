using Replay.History.Sources;
using Replay.Replayer.Cli;

namespace Replay.Sample.Tests;

/// <summary>The `sample` source names and the `replay sample` command's handling of bad input.</summary>
public class SampleCommandTests
{
    [Fact]
    public void SampleNamesTheCommittedLakeAndArchive()
    {
        var (kind, location) = HistorySources.Parse("sample");
        Assert.Equal("datalake", kind);
        Assert.Equal(Path.Combine(Repository.Root, "samples", "sample", "lake"), location);
        (kind, location) = HistorySources.Parse("sample-archive");
        Assert.Equal("archive", kind);
        Assert.Equal(Path.Combine(Repository.Root, "samples", "sample", "archive"), location);
    }

    [Fact]
    public async Task TooFewLedgersIsAUsageError()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var dir = Path.Combine(Path.GetTempPath(), "sample-cli-" + Guid.NewGuid().ToString("N"));
        var code = await CliApp.RunAsync(["sample", "build", "--ledgers", "5", "--out", dir], output, error);
        Assert.Equal(2, code);
        Assert.Equal("error: the sample needs at least 6 ledgers (genesis, uploads, deployments, funding, then the workload); --ledgers 5 is too few\n", error.ToString());
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public async Task MissingContractsAreNamed()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var empty = Path.Combine(Path.GetTempPath(), "sample-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        try
        {
            var code = await CliApp.RunAsync(["sample", "build", "--ledgers", "10", "--contracts", empty, "--out", Path.Combine(empty, "out")], output, error);
            Assert.Equal(2, code);
            Assert.Equal($"error: {Path.Combine(empty, "caller.wasm")}: no built sample contract 'caller' (build it with `replay sample contracts`)\n", error.ToString());
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
