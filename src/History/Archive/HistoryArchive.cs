using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Replay.History.Http;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.History.Archive;

/// <summary>A history archive state file (HAS): the checkpoint ledger and the hashes of its bucket lists.</summary>
public sealed record HistoryArchiveState(uint CurrentLedger, string? NetworkPassphrase, IReadOnlyList<BucketLevel> LiveBuckets, IReadOnlyList<BucketLevel> HotArchiveBuckets)
{
    /// <summary>Parses and checks a HAS: a checkpoint ledger, each level's curr and snap a 64-digit hex hash. Errors say what is wrong; the caller says where.</summary>
    public static HistoryArchiveState Parse(byte[] json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version is < 1 or > 2)
                throw new FormatException($"version {version} is not 1 or 2");
            var ledger = root.GetProperty("currentLedger").GetUInt32();
            var passphrase = root.TryGetProperty("networkPassphrase", out var p) ? p.GetString() : null;
            var live = Levels(root.GetProperty("currentBuckets"), "currentBuckets");
            if (live.Count == 0)
                throw new FormatException("currentBuckets is empty");
            var hot = root.TryGetProperty("hotArchiveBuckets", out var h) ? Levels(h, "hotArchiveBuckets") : [];
            return new HistoryArchiveState(ledger, passphrase, live, hot);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new LedgerSourceException($"malformed history archive state: {e.Message}", e);
        }
    }

    private static List<BucketLevel> Levels(JsonElement levels, string name)
    {
        var list = new List<BucketLevel>();
        var i = 0;
        foreach (var level in levels.EnumerateArray())
        {
            list.Add(new BucketLevel(HashText(level, "curr", $"{name}[{i}]"), HashText(level, "snap", $"{name}[{i}]")));
            i++;
        }
        return list;
    }

    private static string HashText(JsonElement level, string field, string where)
    {
        var text = level.GetProperty(field).GetString() ?? throw new FormatException($"{where}.{field} is null");
        if (text.Length != 64 || !text.All(char.IsAsciiHexDigitLower))
            throw new FormatException($"{where}.{field} '{text}' is not a 64-digit lower-case hex hash");
        return text;
    }

    /// <summary>Buckets newest first: level 0 curr, level 0 snap, level 1 curr...; empty buckets (all-zero hash) left out.</summary>
    public static IEnumerable<string> NewestFirst(IReadOnlyList<BucketLevel> levels) =>
        levels.SelectMany(l => new[] { l.Curr, l.Snap }).Where(h => h != EmptyBucket);

    public const string EmptyBucket = "0000000000000000000000000000000000000000000000000000000000000000";
}

/// <summary>One level of a bucket list: its current and snapshot buckets' hashes.</summary>
public sealed record BucketLevel(string Curr, string Snap);

/// <summary>
/// `archive:PATH|URL`: a history archive checkpoint. Reading its HAS and bucket files (gzip'd
/// record-marked BucketEntry, and from protocol 23 HotArchiveBucketEntry) gives the complete
/// state at the checkpoint, so replay can start after it without meta from genesis. Each bucket
/// is checked against its hash; only the entry types the host reads are kept.
/// </summary>
public sealed class HistoryArchive : IStateBootstrap
{
    /// <summary>Ledgers between checkpoints on every public network.</summary>
    public const uint CheckpointFrequency = 64;

    private readonly string _location;
    private readonly Uri? _baseUrl;
    private readonly NetworkReader? _reader;

    private HistoryArchive(string location, Uri? baseUrl, NetworkReader? reader, HistoryArchiveState state, string hasName)
    {
        _location = location;
        _baseUrl = baseUrl;
        _reader = reader;
        State = state;
        StateName = hasName;
    }

    public HistoryArchiveState State { get; }

    /// <summary>Where the HAS was read from.</summary>
    public string StateName { get; }

    public uint Checkpoint => State.CurrentLedger;

    public string Description => string.Create(CultureInfo.InvariantCulture, $"archive checkpoint {Checkpoint} ({_location})");

    /// <summary>Opens the archive at <paramref name="checkpoint"/>, or at its latest checkpoint (.well-known/stellar-history.json) when null.</summary>
    public static async Task<HistoryArchive> OpenAsync(string location, NetworkReader? reader, uint? checkpoint, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(location);
        var remote = DataLakeSource.IsHttp(location);
        if (remote && reader is null)
            throw new ArgumentNullException(nameof(reader), "an HTTP archive needs a network reader");
        Uri? baseUrl = remote ? new Uri(location.EndsWith('/') ? location : location + "/") : null;
        var key = checkpoint is { } c ? CategoryPath("history", c.ToString("x8", CultureInfo.InvariantCulture), ".json") : ".well-known/stellar-history.json";
        var name = remote ? new Uri(baseUrl!, key).ToString() : Path.Combine(location, key);
        var has = await ReadAsync(location, baseUrl, reader, key, HistoryArchiveState.Parse, cancellation).ConfigureAwait(false)
            ?? throw new LedgerSourceException($"{name}: no such object: no history archive state{(checkpoint is { } n ? string.Create(CultureInfo.InvariantCulture, $" for checkpoint {n}") : "")}");
        if (checkpoint is { } wanted && has.CurrentLedger != wanted)
            throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture, $"{name}: describes ledger {has.CurrentLedger}, not checkpoint {wanted}"));
        return new HistoryArchive(location, baseUrl, reader, has, name);
    }

    /// <summary>Archive paths: category/xx/yy/zz/category-HEX.ext, the directories the first three bytes of the hex name.</summary>
    public static string CategoryPath(string category, string hex, string extension) =>
        $"{category}/{hex[..2]}/{hex[2..4]}/{hex[4..6]}/{category}-{hex}{extension}";

    public async Task<StateSnapshot> LoadAsync(CancellationToken cancellation)
    {
        var live = new Dictionary<StateKey, LedgerEntry>();
        var seen = new HashSet<StateKey>();
        foreach (var entries in await FetchBucketsAsync(HistoryArchiveState.NewestFirst(State.LiveBuckets), ParseLive, cancellation).ConfigureAwait(false))
        {
            foreach (var (key, entry) in entries)
            {
                if (seen.Add(key) && entry is not null)
                    live[key] = entry;
            }
        }
        var hot = new Dictionary<StateKey, LedgerEntry>();
        seen.Clear();
        foreach (var entries in await FetchBucketsAsync(HistoryArchiveState.NewestFirst(State.HotArchiveBuckets), ParseHot, cancellation).ConfigureAwait(false))
        {
            foreach (var (key, entry) in entries)
            {
                if (seen.Add(key) && entry is not null)
                    hot[key] = entry;
            }
        }
        var header = await HeaderAsync(cancellation).ConfigureAwait(false);
        return new StateSnapshot(Checkpoint, header, State.NetworkPassphrase ?? "", live, hot, Description);
    }

    /// <summary>The checkpoint ledger's header from the ledger category, or null when the archive lacks it.</summary>
    private async Task<LedgerHeader?> HeaderAsync(CancellationToken cancellation)
    {
        var key = CategoryPath("ledger", Checkpoint.ToString("x8", CultureInfo.InvariantCulture), ".xdr.gz");
        return await ReadAsync(_location, _baseUrl, _reader, key, bytes =>
        {
            var content = Gunzip(bytes);
            using var stream = new MemoryStream(content, writable: false);
            var reader = new RecordMarkedReader(stream);
            try
            {
                while (reader.Next() is { } record)
                {
                    var entry = XdrCodec.Decode<LedgerHeaderHistoryEntry>(record.Bytes.Span);
                    if (entry.Header.LedgerSeq == Checkpoint)
                        return new HeaderBox(entry.Header);
                }
            }
            catch (Exception e) when (e is XdrException or StreamFormatException)
            {
                throw new LedgerSourceException($"malformed ledger headers: {e.Message}", e);
            }
            throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture, $"has no header of ledger {Checkpoint}"));
        }, cancellation).ConfigureAwait(false) is { } box ? box.Header : null;
    }

    private sealed record HeaderBox(LedgerHeader Header);

    private sealed record Parsed(List<(StateKey Key, LedgerEntry? Entry)> Entries);

    private async Task<List<List<(StateKey, LedgerEntry?)>>> FetchBucketsAsync(IEnumerable<string> hashes, Func<byte[], List<(StateKey, LedgerEntry?)>> parse, CancellationToken cancellation)
    {
        var parallelism = Math.Max(1, _reader?.Options.Parallelism ?? 1);
        using var gate = new SemaphoreSlim(parallelism);
        var tasks = hashes.Select(async hash =>
        {
            await gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                var key = CategoryPath("bucket", hash, ".xdr.gz");
                var parsed = await ReadAsync(_location, _baseUrl, _reader, key, bytes => new Parsed(parse(Verified(bytes, hash))), cancellation).ConfigureAwait(false)
                    ?? throw new LedgerSourceException($"{NameOf(key)}: no such object: bucket {hash} of {StateName} is missing");
                return parsed.Entries;
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return [.. await Task.WhenAll(tasks).ConfigureAwait(false)];
    }

    private string NameOf(string key) => _baseUrl is null ? Path.Combine(_location, key) : new Uri(_baseUrl, key).ToString();

    /// <summary>A bucket's content, un-gzipped, whose SHA-256 must equal its name.</summary>
    private static byte[] Verified(byte[] gzipped, string hash)
    {
        var content = Gunzip(gzipped);
        var actual = Convert.ToHexStringLower(SHA256.HashData(content));
        if (!string.Equals(actual, hash, StringComparison.Ordinal))
            throw new LedgerSourceException($"content hashes to {actual}, not to its name");
        return content;
    }

    private static byte[] Gunzip(byte[] gzipped)
    {
        try
        {
            using var input = new MemoryStream(gzipped, writable: false);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new LedgerSourceException($"corrupt gzip: {e.Message}", e);
        }
    }

    private static List<(StateKey, LedgerEntry?)> ParseLive(byte[] content) => ParseRecords(content, bytes =>
        XdrCodec.Decode<BucketEntry>(bytes) switch
        {
            BucketEntry.Liveentry l => (l.Value, null),
            BucketEntry.Initentry i => (i.Value, null),
            BucketEntry.Deadentry d => (null, d.Value),
            _ => (null, null),
        });

    private static List<(StateKey, LedgerEntry?)> ParseHot(byte[] content) => ParseRecords(content, bytes =>
        XdrCodec.Decode<HotArchiveBucketEntry>(bytes) switch
        {
            HotArchiveBucketEntry.Archived a => (a.Value, null),
            HotArchiveBucketEntry.Live l => (null, l.Value),
            _ => (null, null),
        });

    /// <summary>Entries of a bucket in file order: (key, entry) for a present entry, (key, null) for a deleted or restored one; other types skipped.</summary>
    private static List<(StateKey, LedgerEntry?)> ParseRecords(byte[] content, Func<ReadOnlySpan<byte>, (LedgerEntry? Present, LedgerKey? Gone)> decode)
    {
        var list = new List<(StateKey, LedgerEntry?)>();
        using var stream = new MemoryStream(content, writable: false);
        var reader = new RecordMarkedReader(stream);
        try
        {
            while (reader.Next() is { } record)
            {
                var (present, gone) = decode(record.Bytes.Span);
                if (present is not null && HostReadable.IsKept(present))
                    list.Add((StateKey.Of(present), present));
                else if (gone is not null && HostReadable.IsKept(gone))
                    list.Add((StateKey.Of(gone), null));
            }
        }
        catch (Exception e) when (e is XdrException or StreamFormatException)
        {
            throw new LedgerSourceException($"malformed bucket at byte {reader.Position}: {e.Message}", e);
        }
        return list;
    }

    private static async Task<T?> ReadAsync<T>(string location, Uri? baseUrl, NetworkReader? reader, string key, Func<byte[], T> decode, CancellationToken cancellation) where T : class
    {
        if (baseUrl is not null)
            return await reader!.GetAsync(new Uri(baseUrl, key), decode, cancellation).ConfigureAwait(false);
        var path = Path.Combine(location, key.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
            return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellation).ConfigureAwait(false);
        try
        {
            return decode(bytes);
        }
        catch (LedgerSourceException e)
        {
            throw new LedgerSourceException($"{path}: {e.Message}", e);
        }
    }
}
