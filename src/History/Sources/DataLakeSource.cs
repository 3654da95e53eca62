using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Replay.History.Http;
using Replay.Stellar.Domain;

namespace Replay.History.Sources;

/// <summary>The settings of a SEP-54 data lake, from its .config.json.</summary>
public sealed record DataLakeConfig(string NetworkPassphrase, string Compression, uint LedgersPerBatch, uint BatchesPerPartition)
{
    public const string FileName = ".config.json";

    public static DataLakeConfig Parse(byte[] json, string where)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var config = new DataLakeConfig(
                root.GetProperty("networkPassphrase").GetString() ?? throw new FormatException("networkPassphrase is null"),
                root.TryGetProperty("compression", out var c) ? c.GetString() ?? "" : "zstd",
                root.GetProperty("ledgersPerBatch").GetUInt32(),
                root.GetProperty("batchesPerPartition").GetUInt32());
            if (config.LedgersPerBatch == 0 || config.BatchesPerPartition == 0)
                throw new FormatException("ledgersPerBatch and batchesPerPartition must be positive");
            if (!string.Equals(config.Compression, "zstd", StringComparison.Ordinal))
                throw new FormatException($"compression '{config.Compression}' is not supported (SEP-54 data lakes use zstd)");
            return config;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new LedgerSourceException($"{where}: not a SEP-54 data lake config: {e.Message}", e);
        }
    }

    /// <summary>The first ledger of the batch holding <paramref name="ledger"/>.</summary>
    public uint BatchStart(uint ledger) => ledger / LedgersPerBatch * LedgersPerBatch;

    /// <summary>The object key of the batch starting at <paramref name="batchStart"/>, without its .xdr.zst(d) extension.</summary>
    public string KeyOf(uint batchStart)
    {
        var batchEnd = batchStart + LedgersPerBatch - 1;
        var batch = LedgersPerBatch == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{uint.MaxValue - batchStart:X8}--{batchStart}")
            : string.Create(CultureInfo.InvariantCulture, $"{uint.MaxValue - batchStart:X8}--{batchStart}-{batchEnd}");
        if (BatchesPerPartition == 1)
            return batch;
        var partitionSize = (ulong)LedgersPerBatch * BatchesPerPartition;
        var partitionStart = (uint)(batchStart / partitionSize * partitionSize);
        var partitionEnd = (uint)Math.Min(uint.MaxValue, partitionStart + partitionSize - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{uint.MaxValue - partitionStart:X8}--{partitionStart}-{partitionEnd}/{batch}");
    }
}

/// <summary>
/// `datalake:PATH|URL`: a SEP-54 data lake, a local folder or an HTTPS base URL (public buckets
/// serve plain HTTPS). Object keys are derived from .config.json; objects end in .xdr.zst or
/// .xdr.zstd. Over HTTP, <see cref="NetworkOptions.Parallelism"/> objects are fetched at once and
/// delivered in order, so memory holds at most that many.
/// </summary>
public sealed class DataLakeSource : ILedgerSource
{
    private static readonly string[] Extensions = [".xdr.zst", ".xdr.zstd"];
    private readonly string _location;
    private readonly Uri? _baseUrl;
    private readonly NetworkReader? _reader;
    private readonly DataLakeConfig _config;
    private int _extension;

    private DataLakeSource(string location, Uri? baseUrl, NetworkReader? reader, DataLakeConfig config)
    {
        _location = location;
        _baseUrl = baseUrl;
        _reader = reader;
        _config = config;
        Network = Stellar.Domain.Network.FromPassphrase(config.NetworkPassphrase);
    }

    public string Spec => "datalake:" + _location;

    public Network Network { get; }

    Network? ILedgerSource.Network => Network;

    public string Chain => ILedgerSource.ChainOfNetwork(Network);

    public DataLakeConfig Config => _config;

    /// <summary>Opens a data lake: reads and checks its .config.json.</summary>
    public static async Task<DataLakeSource> OpenAsync(string location, NetworkReader? reader, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (IsHttp(location))
        {
            if (reader is null)
                throw new ArgumentNullException(nameof(reader), "an HTTP data lake needs a network reader");
            var baseUrl = new Uri(location.EndsWith('/') ? location : location + "/");
            var configUrl = new Uri(baseUrl, DataLakeConfig.FileName);
            var config = await reader.GetAsync(configUrl, b => DataLakeConfig.Parse(b, configUrl.ToString()), cancellation).ConfigureAwait(false)
                ?? throw new LedgerSourceException($"{configUrl}: 404 Not Found: not a SEP-54 data lake");
            return new DataLakeSource(location, baseUrl, reader, config);
        }
        var path = Path.Combine(location, DataLakeConfig.FileName);
        if (!File.Exists(path))
            throw new LedgerSourceException($"{path}: no such file: not a SEP-54 data lake");
        return new DataLakeSource(location, null, null, DataLakeConfig.Parse(await File.ReadAllBytesAsync(path, cancellation).ConfigureAwait(false), path));
    }

    internal static bool IsHttp(string location) =>
        location.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public async IAsyncEnumerable<SourcedLedger> ReadAsync(LedgerRange range, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var first = Math.Max(range.First, 2u);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var window = new Queue<(uint Start, Task<Batch?> Fetch)>();
        var parallelism = Math.Max(1, _reader?.Options.Parallelism ?? 1);
        var next = (ulong)_config.BatchStart(first);
        bool More() => next <= uint.MaxValue && (range.Last is not { } last || next <= last);
        try
        {
            while (window.Count < parallelism && More())
            {
                window.Enqueue(((uint)next, FetchAsync((uint)next, stop.Token)));
                next += _config.LedgersPerBatch;
            }
            var expected = first;
            while (window.Count > 0)
            {
                var (start, fetch) = window.Dequeue();
                var batch = await fetch.ConfigureAwait(false);
                if (batch is null)
                {
                    if (range.Last is { } last && expected <= last)
                        throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                            $"{Describe(start)}: no such object: ledger {expected} is missing from the data lake (requested up to {last})"));
                    yield break;
                }
                if (More())
                {
                    window.Enqueue(((uint)next, FetchAsync((uint)next, stop.Token)));
                    next += _config.LedgersPerBatch;
                }
                foreach (var ledger in batch.Ledgers)
                {
                    if (ledger.Sequence < expected)
                        continue;
                    if (range.Last is { } last && ledger.Sequence > last)
                        yield break;
                    if (ledger.Sequence != expected)
                        throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                            $"{batch.Name}: holds ledger {ledger.Sequence} where ledger {expected} was due"));
                    expected++;
                    yield return ledger;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var (_, pending) in window)
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or LedgerSourceException)
                {
                    // Fetched ahead and no longer wanted; its failure is not the run's.
                }
            }
        }
    }

    private sealed record Batch(string Name, List<SourcedLedger> Ledgers);

    private string Describe(uint start) => _baseUrl is null
        ? Path.Combine(_location, _config.KeyOf(start) + Extensions[_extension])
        : new Uri(_baseUrl, _config.KeyOf(start) + Extensions[_extension]).ToString();

    private async Task<Batch?> FetchAsync(uint start, CancellationToken cancellation)
    {
        var key = _config.KeyOf(start);
        var preferred = Volatile.Read(ref _extension);
        for (var attempt = 0; attempt < Extensions.Length; attempt++)
        {
            var index = (preferred + attempt) % Extensions.Length;
            var batch = _baseUrl is null
                ? await ReadLocalAsync(start, key + Extensions[index], cancellation).ConfigureAwait(false)
                : await ReadRemoteAsync(start, key + Extensions[index], cancellation).ConfigureAwait(false);
            if (batch is not null)
            {
                Volatile.Write(ref _extension, index);
                return batch;
            }
        }
        return null;
    }

    private async Task<Batch?> ReadLocalAsync(uint start, string key, CancellationToken cancellation)
    {
        var path = Path.Combine(_location, key.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
            return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellation).ConfigureAwait(false);
        return ToBatch(start, bytes, path);
    }

    private Task<Batch?> ReadRemoteAsync(uint start, string key, CancellationToken cancellation)
    {
        var url = new Uri(_baseUrl!, key);
        return _reader!.GetAsync(url, bytes => ToBatch(start, bytes, url.ToString()), cancellation);
    }

    private Batch ToBatch(uint start, byte[] bytes, string name)
    {
        var decoded = LedgerContent.DecompressAndDecode(bytes, name);
        var list = new List<SourcedLedger>(decoded.Count);
        var expected = start;
        foreach (var (meta, offset, size) in decoded)
        {
            var ledger = new SourcedLedger(meta, new LedgerProvenance(Spec, name, offset, Chain), size);
            if (ledger.Sequence != expected && !(start == 0 && list.Count == 0 && ledger.Sequence > start))
                throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: holds ledger {ledger.Sequence} at position {list.Count}; the batch starting at {start} should hold {expected}"));
            expected = ledger.Sequence + 1;
            list.Add(ledger);
        }
        if (list.Count == 0)
            throw new LedgerSourceException($"{name}: holds no ledgers");
        return new Batch(name, list);
    }
}
