using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Replay.Replayer.Resilience;

/// <summary>
/// Retry and timeout policy for the database, decided (and tuned) once. Network reads of
/// history have their own single pipeline in Replay.History (NetworkReader).
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

    /// <summary>Database writes: retried only when the server says the failure was transient.</summary>
    public static ResiliencePipeline DatabaseWrite { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransientDatabaseError),
        })
        .AddTimeout(TimeSpan.FromSeconds(60))
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
