using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Replay.Replayer.Resilience;

/// <summary>
/// The one place where retry and timeout policy lives. Database connections and network
/// history sources take their pipeline from here, so behaviour under failure is decided
/// (and tuned) once.
/// </summary>
public static class ResiliencePolicies
{
    /// <summary>
    /// Opening a database connection: a couple of quick retries for transient failures,
    /// bounded overall so an unreachable server is reported within seconds.
    /// </summary>
    public static ResiliencePipeline DatabaseConnect { get; } = new ResiliencePipelineBuilder()
        .AddTimeout(TimeSpan.FromSeconds(8))
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransientDatabaseError),
        })
        .Build();

    /// <summary>
    /// Network history sources (RPC, data lakes): retries with jittered backoff for
    /// transient HTTP and socket failures, a per-attempt timeout, and an overall bound.
    /// </summary>
    public static ResiliencePipeline CreateNetworkSource(TimeSpan attemptTimeout, int maxRetries) =>
        new ResiliencePipelineBuilder()
            .AddTimeout(attemptTimeout * (maxRetries + 1) + TimeSpan.FromSeconds(maxRetries * 10))
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = maxRetries,
                Delay = TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
                    .Handle<TimeoutRejectedException>(),
            })
            .AddTimeout(attemptTimeout)
            .Build();

    /// <summary>A failure worth retrying: the server or the network hiccuped, not our request.</summary>
    public static bool IsTransientDatabaseError(Exception e) => e switch
    {
        NpgsqlException { IsTransient: true } => !IsConnectionRefused(e),
        _ => false,
    };

    /// <summary>Nobody listens there: retrying will not help, and the user wants to know now.</summary>
    private static bool IsConnectionRefused(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException s && s.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable)
                return true;
        }
        return false;
    }
}
