using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Replay.History.Archive;
using Replay.History.Sources;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Sample;

/// <summary>What <c>replay sample build</c> is asked for.</summary>
/// <param name="Ledgers">The last ledger to close (history runs from ledger 2, genesis, to it).</param>
/// <param name="Seed">The workload's seed.</param>
public sealed record SampleOptions(uint Ledgers = SampleOptions.DefaultLedgers, ulong Seed = SampleOptions.DefaultSeed)
{
    /// <summary>The committed sample's last ledger.</summary>
    public const uint DefaultLedgers = 320;

    /// <summary>The committed sample's seed.</summary>
    public const ulong DefaultSeed = 16;
}

/// <summary>What a build wrote: counts per step and result, sizes.</summary>
public sealed class SampleSummary
{
    public uint FirstLedger { get; init; }
    public uint LastLedger { get; set; }
    public int Transactions { get; set; }
    public int Successes { get; set; }
    public SortedDictionary<string, int> Results { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, SortedDictionary<string, int>> Steps { get; } = new(StringComparer.Ordinal);
    public List<uint> Checkpoints { get; } = [];
    public long LakeBytes { get; set; }
    public long ArchiveBytes { get; set; }
    public TimeSpan Elapsed { get; set; }
}

/// <summary>
/// <c>replay sample build</c>: runs the workload through the host on the stack engine (the
/// sample network), and writes its history as stellar-core and its exporters do: a SEP-54 data
/// lake (<c>lake/</c>: .config.json and zstd-compressed LedgerCloseMetaBatch objects of 64
/// ledgers) and a history archive (<c>archive/</c>: a HAS, the bucket and the ledger headers at
/// every checkpoint). Deterministic: the same contracts, ledgers and seed give the same bytes.
/// </summary>
public static class SampleBuilder
{
    public const uint LedgersPerBatch = 64;
    public const uint BatchesPerPartition = 64;

    /// <summary>The data lake's folder inside the output directory.</summary>
    public const string LakeFolder = "lake";

    /// <summary>The history archive's folder inside the output directory.</summary>
    public const string ArchiveFolder = "archive";

    public static SampleSummary Build(SampleOptions options, string contractsDir, string outDir, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Ledgers < 6)
            throw new SampleBuildException(string.Create(CultureInfo.InvariantCulture,
                $"the sample needs at least 6 ledgers (genesis, uploads, deployments, funding, then the workload); --ledgers {options.Ledgers} is too few"));
        var clock = Stopwatch.StartNew();
        var wasm = SampleContracts.Names.ToDictionary(n => n, n => SampleContracts.Load(contractsDir, n), StringComparer.Ordinal);
        var accounts = Enumerable.Range(0, Workload.AccountCount).Select(i => new SampleKey(string.Create(CultureInfo.InvariantCulture, $"account {i}"))).ToArray();
        var state = new SampleState();
        var genesisHeader = GenesisHeader();
        var chain = new SampleChain(state, accounts, genesisHeader);
        var workload = new Workload(options.Seed, accounts, wasm);

        var lake = Path.Combine(outDir, LakeFolder);
        var archive = Path.Combine(outDir, ArchiveFolder);
        foreach (var dir in new[] { lake, archive })
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
            Directory.CreateDirectory(dir);
        }
        var config = new DataLakeConfig(SampleNetwork.Passphrase, "zstd", LedgersPerBatch, BatchesPerPartition);
        File.WriteAllBytes(Path.Combine(lake, DataLakeConfig.FileName), ConfigJson(config));

        var summary = new SampleSummary { FirstLedger = 2 };
        var headers = new List<LedgerHeaderHistoryEntry> { new() { Hash = SampleChain.HashOf(genesisHeader), Header = genesisHeader, Ext = LedgerHeaderHistoryEntryExt.V0.Instance } };
        var batch = new List<LedgerCloseMeta>();
        var batchStart = 0u;

        void Closed(LedgerCloseMeta meta)
        {
            var entry = ((LedgerCloseMeta.V2)meta).Value.LedgerHeader;
            var seq = entry.Header.LedgerSeq;
            headers.Add(entry);
            batch.Add(meta);
            summary.LastLedger = seq;
            if ((seq + 1) % LedgersPerBatch == 0 || seq == options.Ledgers)
            {
                summary.LakeBytes += WriteBatch(lake, config, batchStart, batch);
                batch.Clear();
                batchStart = seq + 1;
            }
            if ((seq + 1) % HistoryArchive.CheckpointFrequency == 0)
            {
                summary.ArchiveBytes += WriteCheckpoint(archive, seq, state, headers);
                summary.Checkpoints.Add(seq);
            }
        }

        var genesisEntries = SampleNetwork.Settings().Select(s => new LedgerEntry
        {
            LastModifiedLedgerSeq = 2,
            Data = new LedgerEntryData.ConfigSetting(s),
            Ext = LedgerEntryExt.V0.Instance,
        }).Concat(workload.GenesisEntries(2)).ToList();
        Closed(chain.Genesis(genesisEntries));

        for (var seq = 3u; seq <= options.Ledgers; seq++)
        {
            var specs = workload.Ledger(seq);
            var (meta, applied) = chain.Close(specs);
            Workload.Observe(applied);
            foreach (var tx in applied)
            {
                summary.Transactions++;
                var result = tx.Outcome.Status == OutcomeStatus.Success ? "success" : tx.Outcome.ResultCode?.ToString() ?? "?";
                if (tx.Outcome.Status == OutcomeStatus.Success)
                    summary.Successes++;
                summary.Results[result] = summary.Results.GetValueOrDefault(result) + 1;
                if (!summary.Steps.TryGetValue(tx.Spec.Step, out var perStep))
                    summary.Steps[tx.Spec.Step] = perStep = new SortedDictionary<string, int>(StringComparer.Ordinal);
                perStep[result] = perStep.GetValueOrDefault(result) + 1;
            }
            Closed(meta);
            if (seq % 50 == 0)
                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"ledger {seq}: {summary.Transactions} transactions so far"));
        }
        if (summary.Checkpoints.Count > 0)
        {
            var last = summary.Checkpoints[^1];
            var has = File.ReadAllBytes(Path.Combine(archive, HistoryArchive.CategoryPath("history", last.ToString("x8", CultureInfo.InvariantCulture), ".json")));
            Directory.CreateDirectory(Path.Combine(archive, ".well-known"));
            File.WriteAllBytes(Path.Combine(archive, ".well-known", "stellar-history.json"), has);
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private static LedgerHeader GenesisHeader() => new()
    {
        LedgerVersion = 0,
        PreviousLedgerHash = default,
        ScpValue = new StellarValue { TxSetHash = default, CloseTime = SampleNetwork.GenesisCloseTime, Upgrades = [], Ext = StellarValueExt.Basic.Instance },
        TxSetResultHash = default,
        BucketListHash = default,
        LedgerSeq = 1,
        TotalCoins = SampleNetwork.TotalCoins,
        FeePool = 0,
        InflationSeq = 0,
        IdPool = 0,
        BaseFee = SampleNetwork.BaseFee,
        BaseReserve = SampleNetwork.BaseReserve,
        MaxTxSetSize = 1000,
        SkipList = [default, default, default, default],
        Ext = LedgerHeaderExt.V0.Instance,
    };

    private static byte[] ConfigJson(DataLakeConfig config)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("networkPassphrase", config.NetworkPassphrase);
            json.WriteString("version", "1.0");
            json.WriteString("compression", config.Compression);
            json.WriteNumber("ledgersPerBatch", config.LedgersPerBatch);
            json.WriteNumber("batchesPerPartition", config.BatchesPerPartition);
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static long WriteBatch(string lake, DataLakeConfig config, uint batchStart, List<LedgerCloseMeta> ledgers)
    {
        var first = LedgerSeq(ledgers[0]);
        var batch = new LedgerCloseMetaBatch { StartSequence = first, EndSequence = LedgerSeq(ledgers[^1]), LedgerCloseMetas = [.. ledgers] };
        using var compressor = new ZstdSharp.Compressor(19);
        var bytes = compressor.Wrap(XdrCodec.Encode(batch)).ToArray();
        var path = Path.Combine(lake, (config.KeyOf(config.BatchStart(Math.Max(first, batchStart))) + ".xdr.zst").Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return bytes.Length;
    }

    private static uint LedgerSeq(LedgerCloseMeta meta) => ((LedgerCloseMeta.V2)meta).Value.LedgerHeader.Header.LedgerSeq;

    /// <summary>A checkpoint: the live bucket, the HAS and the checkpoint's ledger headers.</summary>
    private static long WriteCheckpoint(string archive, uint checkpoint, SampleState state, List<LedgerHeaderHistoryEntry> headers)
    {
        long written = 0;
        void Write(string relative, byte[] bytes)
        {
            var path = Path.Combine(archive, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, bytes);
            written += bytes.Length;
        }
        var bucket = BucketLists.LiveBucket(state);
        var bucketHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bucket));
        Write(HistoryArchive.CategoryPath("bucket", bucketHash, ".xdr.gz"), BucketLists.Gzip(bucket));

        var hex = checkpoint.ToString("x8", CultureInfo.InvariantCulture);
        using (var stream = new MemoryStream())
        {
            var writer = new Replay.Stellar.Streams.RecordMarkedWriter(stream);
            foreach (var h in headers.Where(h => h.Header.LedgerSeq + HistoryArchive.CheckpointFrequency > checkpoint && h.Header.LedgerSeq <= checkpoint))
                writer.Write(h);
            Write(HistoryArchive.CategoryPath("ledger", hex, ".xdr.gz"), BucketLists.Gzip(stream.ToArray()));
        }
        Write(HistoryArchive.CategoryPath("history", hex, ".json"), HasJson(checkpoint, bucketHash));
        return written;
    }

    private static byte[] HasJson(uint checkpoint, string bucketHash)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 2);
            json.WriteString("server", "soroban-replay sample build");
            json.WriteNumber("currentLedger", checkpoint);
            json.WriteString("networkPassphrase", SampleNetwork.Passphrase);
            void Levels(string name, string? level0)
            {
                json.WriteStartArray(name);
                for (var level = 0; level < BucketLists.Levels; level++)
                {
                    json.WriteStartObject();
                    json.WriteString("curr", level == 0 && level0 is not null ? level0 : HistoryArchiveState.EmptyBucket);
                    json.WriteStartObject("next");
                    json.WriteNumber("state", 0);
                    json.WriteEndObject();
                    json.WriteString("snap", HistoryArchiveState.EmptyBucket);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            Levels("currentBuckets", bucketHash);
            Levels("hotArchiveBuckets", null);
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The summary as text, for people.</summary>
    public static string Describe(SampleSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"ledgers {s.FirstLedger}-{s.LastLedger}, {s.Transactions} invocations ({s.Successes} succeeded), checkpoints {string.Join(", ", s.Checkpoints)}\n");
        b.Append(CultureInfo.InvariantCulture, $"results: {string.Join(", ", s.Results.Select(kv => $"{kv.Key} {kv.Value}"))}\n");
        foreach (var (step, results) in s.Steps)
            b.Append(CultureInfo.InvariantCulture, $"  {step}: {string.Join(", ", results.Select(kv => $"{kv.Key} {kv.Value}"))}\n");
        b.Append(CultureInfo.InvariantCulture, $"data lake {s.LakeBytes} bytes, archive {s.ArchiveBytes} bytes, built in {s.Elapsed.TotalSeconds:0.0} s\n");
        return b.ToString();
    }
}

/// <summary>A sample build that cannot run as asked (bad options); the message says why.</summary>
public sealed class SampleBuildException : Exception
{
    public SampleBuildException()
    {
    }

    public SampleBuildException(string message) : base(message)
    {
    }

    public SampleBuildException(string message, Exception inner) : base(message, inner)
    {
    }
}
