using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using Replay.History.Sources;

namespace Replay.History.Http;

/// <summary>How network reads of history behave under failure; the defaults suit public data lakes, RPC servers and archives.</summary>
public sealed record NetworkOptions
{
    /// <summary>One attempt (request, whole body, decoding) must finish within this.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>First backoff; it doubles per retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest single wait, including a server's Retry-After.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Circuit breaker: break when at least this share of attempts failed...</summary>
    public double BreakFailureRatio { get; init; } = 0.8;

    /// <summary>...out of at least this many in the sampling window...</summary>
    public int BreakMinimumThroughput { get; init; } = 40;

    public TimeSpan BreakSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>...and stay open this long (requests fail at once meanwhile).</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Objects fetched at once by sources that fetch ahead (data lake batches).</summary>
    public int Parallelism { get; init; } = 8;
}

/// <summary>
/// Every network read of history goes through here and through one Polly pipeline: a timeout
/// per attempt; jittered exponential backoff on 5xx, transport errors, timeouts and bodies that
/// arrive truncated or fail to decode; 429 waits as long as Retry-After says; a circuit breaker
/// stops hammering a server that keeps failing. Decoding happens inside the attempt, so a corrupt
/// object is fetched again, and reported with its URL when it stays corrupt.
/// </summary>
public sealed class NetworkReader : IDisposable
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly bool _ownsClient;

    public NetworkReader(NetworkOptions? options = null, HttpMessageHandler? handler = null)
    {
        Options = options ?? new NetworkOptions();
        _ownsClient = true;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("soroban-replay", "0.1"));
        _pipeline = Build(Options);
    }

    public NetworkOptions Options { get; }

    private static ResiliencePipeline Build(NetworkOptions o) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = o.MaxRetries,
            Delay = o.BaseDelay,
            MaxDelay = o.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder()
                .Handle<TransientResponseException>()
                .Handle<CorruptResponseException>()
                .Handle<HttpRequestException>()
                .Handle<IOException>()
                .Handle<TimeoutRejectedException>(),
            DelayGenerator = args =>
                ValueTask.FromResult<TimeSpan?>(args.Outcome.Exception is TransientResponseException { RetryAfter: { } after }
                    ? (after > o.MaxDelay ? o.MaxDelay : after)
                    : null),
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = o.BreakFailureRatio,
            MinimumThroughput = o.BreakMinimumThroughput,
            SamplingDuration = o.BreakSamplingDuration,
            BreakDuration = o.BreakDuration,
            ShouldHandle = new PredicateBuilder()
                .Handle<TransientResponseException>()
                .Handle<HttpRequestException>()
                .Handle<IOException>()
                .Handle<TimeoutRejectedException>(),
        })
        .AddTimeout(o.AttemptTimeout)
        .Build();

    /// <summary>GETs <paramref name="url"/> and decodes the body; null when the server says 404 (the object does not exist).</summary>
    public Task<T?> GetAsync<T>(Uri url, Func<byte[], T> decode, CancellationToken cancellation) where T : class =>
        SendAsync(url, () => new HttpRequestMessage(HttpMethod.Get, url), decode, cancellation);

    /// <summary>POSTs a JSON body and decodes the response (JSON-RPC); a 404 is an error here.</summary>
    public async Task<T> PostJsonAsync<T>(Uri url, string json, Func<byte[], T> decode, CancellationToken cancellation) where T : class =>
        await SendAsync(url, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") },
            decode, cancellation).ConfigureAwait(false)
        ?? throw new LedgerSourceException($"{url}: 404 Not Found");

    private async Task<T?> SendAsync<T>(Uri url, Func<HttpRequestMessage> request, Func<byte[], T> decode, CancellationToken cancellation) where T : class
    {
        var attempts = 0;
        try
        {
            return await _pipeline.ExecuteAsync(async ct =>
            {
                attempts++;
                using var message = request();
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.NotFound)
                    return null;
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.RequestTimeout)
                    throw new TransientResponseException(url, response.StatusCode, RetryAfterOf(response));
                if (!response.IsSuccessStatusCode)
                    throw new LedgerSourceException($"{url}: {(int)response.StatusCode} {response.ReasonPhrase}");
                var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                if (response.Content.Headers.ContentLength is { } expected && expected != body.Length)
                    throw new CorruptResponseException(url, string.Create(CultureInfo.InvariantCulture, $"body of {body.Length} bytes, Content-Length says {expected}"));
                try
                {
                    return decode(body);
                }
                catch (LedgerSourceException e)
                {
                    throw new CorruptResponseException(url, e.Message, e);
                }
            }, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TransientResponseException or CorruptResponseException or HttpRequestException or IOException or TimeoutRejectedException)
        {
            throw new LedgerSourceException(string.Create(CultureInfo.InvariantCulture,
                $"{url}: failed after {attempts} attempt{(attempts == 1 ? "" : "s")}: {Describe(e)}"), e);
        }
        catch (BrokenCircuitException e)
        {
            throw new LedgerSourceException($"{url}: not attempted: too many recent failures opened the circuit breaker ({e.Message})", e);
        }
        catch (SocketException e)
        {
            throw new LedgerSourceException($"{url}: {e.Message}", e);
        }
    }

    private static string Describe(Exception e) => e switch
    {
        TimeoutRejectedException => "timed out",
        _ => e.Message,
    };

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    public void Dispose()
    {
        if (_ownsClient)
            _http.Dispose();
    }
}

/// <summary>The server answered 5xx, 429 or 408: worth another attempt (after Retry-After when given).</summary>
public sealed class TransientResponseException : Exception
{
    public TransientResponseException()
    {
    }

    public TransientResponseException(string message) : base(message)
    {
    }

    public TransientResponseException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TransientResponseException(Uri url, HttpStatusCode status, TimeSpan? retryAfter)
        : base(string.Create(CultureInfo.InvariantCulture, $"{(int)status} {status}{(retryAfter is { } r ? $" (Retry-After {r.TotalSeconds:0.###} s)" : "")}"))
    {
        Url = url;
        Status = status;
        RetryAfter = retryAfter;
    }

    public Uri? Url { get; }
    public HttpStatusCode Status { get; }
    public TimeSpan? RetryAfter { get; }
}

/// <summary>A body arrived truncated or does not decode: fetched again, then reported with its URL.</summary>
public sealed class CorruptResponseException : Exception
{
    public CorruptResponseException()
    {
    }

    public CorruptResponseException(string message) : base(message)
    {
    }

    public CorruptResponseException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public CorruptResponseException(Uri url, string reason, Exception? inner = null)
        : base($"corrupt or truncated body: {reason}", inner ?? new InvalidDataException(reason))
    {
        Url = url;
    }

    public Uri? Url { get; }
}
