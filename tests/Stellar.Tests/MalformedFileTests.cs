using Replay.Stellar.Check;

namespace Replay.Stellar.Tests;

/// <summary>Damaged ledger files (truncated or bit-flipped, compressed or not) become check failures, never crashes.</summary>
public sealed class MalformedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("replay-badfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [SharedFact]
    public void DamagedFilesAreReportedAsFailures()
    {
        var random = new Random(99);
        var sources = new[]
        {
            Directory.GetFiles(Path.Combine(SharedData.Corpus!, "pubnet"))[0],
            Directory.GetFiles(Path.Combine(SharedData.Corpus!, "standalone"))[0],
            SharedData.CorpusFiles().First(f => f.Contains("core-tests", StringComparison.Ordinal) && new FileInfo(f).Length > 50_000),
        };
        var written = 0;
        foreach (var source in sources)
        {
            var original = File.ReadAllBytes(source);
            for (var i = 0; i < 12; i++)
            {
                var bytes = (byte[])original.Clone();
                if (i % 2 == 0)
                {
                    bytes = bytes[..random.Next(8, bytes.Length - 1)];
                }
                else
                {
                    for (var k = 0; k < 4; k++)
                    {
                        var bit = random.Next(32, bytes.Length * 8);
                        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                    }
                }
                File.WriteAllBytes(Path.Combine(_dir, $"{written++:D3}.xdr"), bytes);
            }
        }
        var report = new LedgerChecker().Run([_dir]);
        Assert.False(report.Passed);
        Assert.NotEmpty(report.Failures);
        Assert.All(report.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Error)));
    }
}
