using System.Text;
using Replay.History.Sources;
using Replay.Stellar.Domain;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;
using ZstdSharp;

namespace Replay.History.Tests.Support;

/// <summary>Data lakes, RPC answers and files built from corpus ledgers, for the source tests.</summary>
internal static class TestData
{
    /// <summary>A protocol 26 core-tests network: 44 ledgers (2-45), 42 transactions, uploads and invocations.</summary>
    public const string LongNetwork = "21c43b92b819267f.xdr";

    public static string CorpusFile(string name) => SharedData.PathOf("corpus", "core-tests", name);

    public static List<LedgerCloseMeta> Ledgers(string file) => [.. LedgerCloseMetaReader.ReadFile(file)];

    public static uint Sequence(LedgerCloseMeta m) => LedgerTransactions.SequenceOf(m);

    /// <summary>Objects (key → zstd bytes) and .config.json of a SEP-54 data lake holding <paramref name="ledgers"/>.</summary>
    public static Dictionary<string, byte[]> DataLake(IReadOnlyList<LedgerCloseMeta> ledgers, uint perBatch, uint perPartition, string extension, string passphrase)
    {
        var config = new DataLakeConfig(passphrase, "zstd", perBatch, perPartition);
        var objects = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [DataLakeConfig.FileName] = Encoding.UTF8.GetBytes(
                $"{{\"networkPassphrase\":\"{passphrase}\",\"version\":\"1.0\",\"compression\":\"zstd\",\"ledgersPerBatch\":{perBatch},\"batchesPerPartition\":{perPartition}}}"),
        };
        foreach (var group in ledgers.GroupBy(l => config.BatchStart(Sequence(l))))
        {
            var list = group.ToArray();
            var batch = new LedgerCloseMetaBatch
            {
                StartSequence = Sequence(list[0]),
                EndSequence = Sequence(list[^1]),
                LedgerCloseMetas = list,
            };
            using var compressor = new Compressor(3);
            objects[config.KeyOf(group.Key) + extension] = compressor.Wrap(XdrCodec.Encode(batch)).ToArray();
        }
        return objects;
    }

    /// <summary>A record-marked stream of the ledgers, as a meta file holds them.</summary>
    public static byte[] Stream(IEnumerable<LedgerCloseMeta> ledgers)
    {
        using var ms = new MemoryStream();
        var writer = new RecordMarkedWriter(ms);
        foreach (var l in ledgers)
            writer.Write(l);
        return ms.ToArray();
    }

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "replay-history-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The ledgers a source delivers, in the order it delivers them.</summary>
    public static async Task<List<uint>> DeliveredAsync(ILedgerSource source, LedgerRange range)
    {
        var list = new List<uint>();
        await foreach (var l in source.ReadAsync(range, CancellationToken.None))
            list.Add(l.Sequence);
        return list;
    }
}
