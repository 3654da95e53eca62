using Replay.Stellar.Streams;

namespace Replay.Stellar.Tests;

/// <summary>A deterministic sample of encoded ledgers from every part of the corpus (loaded once).</summary>
public static class CorpusSamples
{
    private static readonly Lazy<IReadOnlyList<byte[]>> Ledgers = new(Load);

    public static IReadOnlyList<byte[]> EncodedLedgers => Ledgers.Value;

    private static List<byte[]> Load()
    {
        var result = new List<byte[]>();
        var files = SharedData.CorpusFiles();
        // Every 12th core-tests file plus all pubnet/standalone files: all protocols and meta versions, bounded time.
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var isCore = file.Contains("core-tests", StringComparison.Ordinal);
            if (isCore && i % 12 != 0)
                continue;
            if (LedgerFile.TryOpen(file) is not { } ledgers)
                continue;
            var taken = 0;
            foreach (var raw in ledgers.RawLedgers())
            {
                // Prefer ledgers with content; keep at most four per file.
                if (raw.Bytes.Length < 2000 && taken > 0)
                    continue;
                result.Add(raw.Bytes.ToArray());
                if (++taken == 4)
                    break;
            }
        }
        return result;
    }
}
