using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Replay.History.Tests.Support;

/// <summary>What the server does to one request instead of answering it normally.</summary>
internal abstract record Fault
{
    public sealed record Status(int Code) : Fault;

    public sealed record TooManyRequests(int RetryAfterSeconds) : Fault;

    /// <summary>Answers only after the client's attempt timeout.</summary>
    public sealed record Stall(TimeSpan Delay) : Fault;

    /// <summary>Announces the full length, sends the first half, then drops the connection.</summary>
    public sealed record Truncate : Fault;

    /// <summary>Answers 200 with a body that starts like zstd but does not decompress.</summary>
    public sealed record CorruptZstd : Fault;
}

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 and a free port, serving files from memory or a
/// handler, with faults queued per path. Counts every request per path.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);

    private int _inFlight;
    private int _maxInFlight;

    private LoopbackServer(WebApplication app) => _app = app;

    /// <summary>The most requests the server was answering at once.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Handles paths no file is registered for (an RPC endpoint); null: 404.</summary>
    public Func<HttpContext, Task>? Handler { get; set; }

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(server.ServeAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void Put(string path, byte[] content) => _files[Normalize(path)] = content;

    public void Fail(string path, params Fault[] faults)
    {
        var queue = _faults.GetOrAdd(Normalize(path), _ => new ConcurrentQueue<Fault>());
        foreach (var f in faults)
            queue.Enqueue(f);
    }

    public int Requests(string path) => _requests.GetValueOrDefault(Normalize(path));

    /// <summary>Faults queued and not yet served, over all paths.</summary>
    public int PendingFaults => _faults.Values.Sum(q => q.Count);

    private static string Normalize(string path) => "/" + path.TrimStart('/');

    private async Task ServeAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }
        try
        {
            await AnswerAsync(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        var response = context.Response;
        if (_faults.TryGetValue(path, out var queue) && queue.TryDequeue(out var fault))
        {
            switch (fault)
            {
                case Fault.Status s:
                    response.StatusCode = s.Code;
                    return;
                case Fault.TooManyRequests t:
                    response.StatusCode = 429;
                    response.Headers.RetryAfter = t.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return;
                case Fault.Stall stall:
                    try
                    {
                        await Task.Delay(stall.Delay, context.RequestAborted).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    break;
                case Fault.Truncate:
                {
                    var body = await BodyAsync(context).ConfigureAwait(false);
                    if (body is null)
                        return;
                    response.ContentLength = body.Length;
                    await response.Body.WriteAsync(body.AsMemory(0, body.Length / 2)).ConfigureAwait(false);
                    await response.Body.FlushAsync().ConfigureAwait(false);
                    context.Abort();
                    return;
                }
                case Fault.CorruptZstd:
                {
                    byte[] garbage = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x58, 0xFF, 0xFF, 0x13, 0x37, 0x00, 0x01, 0x02, 0x03];
                    response.ContentLength = garbage.Length;
                    await response.Body.WriteAsync(garbage).ConfigureAwait(false);
                    return;
                }
            }
        }
        if (_files.TryGetValue(path, out var content))
        {
            response.ContentLength = content.Length;
            await response.Body.WriteAsync(content).ConfigureAwait(false);
            return;
        }
        if (Handler is { } handler)
        {
            await handler(context).ConfigureAwait(false);
            return;
        }
        response.StatusCode = 404;
    }

    private async Task<byte[]?> BodyAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (_files.TryGetValue(path, out var content))
            return content;
        if (Handler is null)
            return null;
        // Capture what the handler would answer (an RPC page), to truncate it.
        var original = context.Response.Body;
        using var capture = new MemoryStream();
        context.Response.Body = capture;
        await Handler(context).ConfigureAwait(false);
        context.Response.Body = original;
        return capture.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
