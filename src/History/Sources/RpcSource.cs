using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Replay.History.Http;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Sources;

/// <summary>
/// `rpc:URL`: Stellar RPC's getLedgers, page by page with the cursor (at most 200 ledgers a
/// page). The server keeps a retention window; a range outside it is refused up front with the
/// server's oldestLedger and latestLedger. Every page must continue exactly where the last
/// ended.
/// </summary>
public sealed class RpcSource : ILedgerSource
{
    /// <summary>The largest page getLedgers serves.</summary>
    public const int MaxPageSize = 200;

    private readonly Uri _url;
    private readonly NetworkReader _reader;
    private readonly int _pageSize;
    private int _id;

    private RpcSource(Uri url, NetworkReader reader, Network network, int pageSize)
    {
        _url = url;
        _reader = reader;
        Network = network;
        _pageSize = pageSize;
    }

    public string Spec => "rpc:" + _url;

    public Network Network { get; }

    Network? ILedgerSource.Network => Network;

    public string Chain => ILedgerSource.ChainOfNetwork(Network);

    /// <summary>Connects: asks the server for its network passphrase.</summary>
    public static async Task<RpcSource> OpenAsync(string url, NetworkReader reader, CancellationToken cancellation, int pageSize = MaxPageSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new LedgerSourceException($"rpc:{url}: not an http(s) URL");
        if (pageSize is < 1 or > MaxPageSize)
            throw new ArgumentOutOfRangeException(nameof(pageSize), $"getLedgers pages hold 1 to {MaxPageSize} ledgers");
        var probe = new RpcSource(uri, reader, Stellar.Domain.Network.Public, pageSize);
        var network = await probe.CallAsync("getNetwork", "{}", r => r.GetProperty("passphrase").GetString()
            ?? throw new FormatException("passphrase is null"), cancellation).ConfigureAwait(false);
        return new RpcSource(uri, reader, Stellar.Domain.Network.FromPassphrase(network), pageSize);
    }

    /// <summary>The server's retention window (getHealth).</summary>
    public Task<(uint Oldest, uint Latest)> RetentionAsync(CancellationToken cancellation) =>
        CallAsync("getHealth", "{}", r => (r.GetProperty("oldestLedger").GetUInt32(), r.GetProperty("latestLedger").GetUInt32()), cancellation);

    public async IAsyncEnumerable<SourcedLedger> ReadAsync(LedgerRange range, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var (oldest, latest) = await RetentionAsync(cancellation).ConfigureAwait(false);
        var first = range.First == 0 ? oldest : range.First;
        if (first < oldest || first > latest || (range.Last is { } end && end > latest))
        {
            throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                $"{_url}: ledgers {first}-{(range.Last is { } l ? l.ToString(CultureInfo.InvariantCulture) : "")} are outside the server's retention: oldestLedger {oldest}, latestLedger {latest}"));
        }
        var last = range.Last ?? latest;
        var expected = first;
        string? cursor = null;
        while (expected <= last)
        {
            var limit = (int)Math.Min(_pageSize, last - expected + 1);
            var pagination = cursor is null
                ? string.Create(CultureInfo.InvariantCulture, $"{{\"startLedger\":{expected},\"pagination\":{{\"limit\":{limit}}}}}")
                : string.Create(CultureInfo.InvariantCulture, $"{{\"pagination\":{{\"cursor\":{JsonSerializer.Serialize(cursor)},\"limit\":{limit}}}}}");
            var page = await CallAsync("getLedgers", pagination, ParsePage, cancellation).ConfigureAwait(false);
            if (page.Ledgers.Count == 0)
            {
                throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                    $"{_url}: getLedgers returned no ledgers from {expected} (server latestLedger {page.Latest})"));
            }
            foreach (var (meta, size) in page.Ledgers)
            {
                var ledger = new SourcedLedger(meta, new LedgerProvenance(Spec, _url + "#getLedgers", 0, Chain), size);
                if (ledger.Sequence != expected)
                {
                    throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                        $"{_url}: getLedgers page {(cursor is null ? "from " + expected : "at cursor " + cursor)} delivered ledger {ledger.Sequence} where ledger {expected} was due (pages out of order)"));
                }
                if (ledger.Sequence > last)
                    yield break;
                expected++;
                yield return ledger;
            }
            cursor = page.Cursor;
        }
    }

    private sealed record Page(List<(LedgerCloseMeta Meta, int Size)> Ledgers, string? Cursor, uint Latest);

    private static Page ParsePage(JsonElement result)
    {
        var ledgers = new List<(LedgerCloseMeta, int)>();
        foreach (var item in result.GetProperty("ledgers").EnumerateArray())
        {
            var sequence = item.GetProperty("sequence").GetUInt32();
            var base64 = item.GetProperty("metadataXdr").GetString() ?? throw new FormatException($"ledger {sequence} has no metadataXdr");
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(base64);
            }
            catch (FormatException e)
            {
                throw new FormatException($"ledger {sequence}: metadataXdr is not base64: {e.Message}", e);
            }
            LedgerCloseMeta meta;
            try
            {
                meta = XdrCodec.Decode<LedgerCloseMeta>(bytes);
            }
            catch (XdrException e)
            {
                throw new FormatException($"ledger {sequence}: malformed metadataXdr: {e.Message}", e);
            }
            if (LedgerTransactions.SequenceOf(meta) != sequence)
                throw new FormatException($"ledger {sequence}: its metadataXdr is of ledger {LedgerTransactions.SequenceOf(meta)}");
            ledgers.Add((meta, bytes.Length));
        }
        var cursor = result.TryGetProperty("cursor", out var c) ? c.GetString() : null;
        return new Page(ledgers, cursor, result.GetProperty("latestLedger").GetUInt32());
    }

    /// <summary>One JSON-RPC call; the result is parsed inside the attempt (a broken answer is retried). A JSON-RPC error is final.</summary>
    private Task<T> CallAsync<T>(string method, string parameters, Func<JsonElement, T> parse, CancellationToken cancellation) where T : notnull
    {
        var id = Interlocked.Increment(ref _id);
        var body = string.Create(CultureInfo.InvariantCulture, $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{parameters}}}");
        return CallCoreAsync(method, body, parse, cancellation);
    }

    private async Task<T> CallCoreAsync<T>(string method, string body, Func<JsonElement, T> parse, CancellationToken cancellation) where T : notnull
    {
        var answer = await _reader.PostJsonAsync(_url, body, bytes =>
        {
            try
            {
                using var doc = JsonDocument.Parse(bytes);
                if (doc.RootElement.TryGetProperty("error", out var error))
                    return new Answer<T>(default, error.GetRawText());
                return new Answer<T>(parse(doc.RootElement.GetProperty("result")), null);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new LedgerSourceException($"{method}: malformed answer: {e.Message}", e);
            }
        }, cancellation).ConfigureAwait(false);
        if (answer.Error is { } message)
            throw new LedgerSourceException($"{_url}: {method} failed: {message}");
        return answer.Value!;
    }

    private sealed record Answer<T>(T? Value, string? Error);
}
