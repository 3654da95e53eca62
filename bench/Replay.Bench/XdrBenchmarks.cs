using System.Buffers;
using BenchmarkDotNet.Attributes;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Bench;

/// <summary>
/// Single-threaded LedgerCloseMeta decode and encode over every ledger of ../shared/corpus, held
/// decompressed in memory so only the codec is measured. MB/s = CorpusBytes / mean time; allocations
/// per ledger = allocated / LedgerCount (both printed at setup).
/// </summary>
[MemoryDiagnoser]
public class XdrBenchmarks
{
    private byte[][] _ledgers = [];
    private LedgerCloseMeta[] _decoded = [];
    private readonly ArrayBufferWriter<byte> _output = new(4 << 20);

    public long CorpusBytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var corpus = Corpus.Find() ?? throw new InvalidOperationException("../shared/corpus not found: run from the repository");
        var files = Directory.GetFiles(corpus, "*", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        var ledgers = new List<byte[]>();
        foreach (var file in files)
        {
            if (LedgerFile.TryOpen(file) is { } ledgerFile)
                ledgers.AddRange(ledgerFile.RawLedgers().Select(r => r.Bytes.ToArray()));
        }
        _ledgers = [.. ledgers];
        _decoded = [.. _ledgers.Select(b => XdrCodec.Decode<LedgerCloseMeta>(b))];
        CorpusBytes = _ledgers.Sum(l => (long)l.Length);
        Console.WriteLine($"// XdrBenchmarks: {_ledgers.Length} ledgers, {CorpusBytes} bytes per operation");
    }

    [Benchmark(Description = "decode all corpus LedgerCloseMeta")]
    public int Decode()
    {
        var n = 0;
        foreach (var bytes in _ledgers)
        {
            var reader = new XdrReader(bytes);
            if (LedgerCloseMeta.Decode(ref reader) is LedgerCloseMeta.V2)
                n++;
        }
        return n;
    }

    [Benchmark(Description = "encode all corpus LedgerCloseMeta")]
    public long Encode()
    {
        long total = 0;
        foreach (var meta in _decoded)
        {
            _output.ResetWrittenCount();
            XdrCodec.Encode(meta, _output);
            total += _output.WrittenCount;
        }
        return total;
    }
}

/// <summary>../shared/corpus beside the repository (found from the working or the binary's directory).</summary>
internal static class Corpus
{
    public static string? Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "corpus");
                if (File.Exists(Path.Combine(dir.FullName, "Replay.sln")) && Directory.Exists(candidate))
                    return Path.GetFullPath(candidate);
            }
        }
        return null;
    }
}
