using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Distributed;

/// <summary>
/// How the coordinator and the workers live through a database that goes away for a while (a
/// restart, a failover): every database step is retried, once a second, while the failure is one
/// a restart causes (refused or dropped connections, "shutting down", "starting up", deadlocks),
/// for up to <see cref="Tolerance"/>; anything else (a bug, a bad query) fails at once.
/// </summary>
public sealed class OutagePolicy
{
    private readonly ResiliencePipeline _pipeline;

    public OutagePolicy(TimeSpan tolerance, TextWriter? log = null)
    {
        Tolerance = tolerance;
        var attempts = Math.Max(1, (int)Math.Ceiling(tolerance.TotalSeconds));
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = attempts,
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsOutage),
                OnRetry = async a =>
                {
                    if (log is not null && (a.AttemptNumber == 0 || a.AttemptNumber % 10 == 0))
                        await log.WriteLineAsync($"database unavailable ({Describe(a.Outcome.Exception)}); retrying for up to {tolerance.TotalSeconds:0} s").ConfigureAwait(false);
                },
            })
            .Build();
    }

    public TimeSpan Tolerance { get; }

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> action, CancellationToken cancellation) =>
        _pipeline.ExecuteAsync(action, cancellation);

    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellation) =>
        _pipeline.ExecuteAsync(action, cancellation);

    /// <summary>A failure a database restart causes (seen through <see cref="UserError"/>s that wrap it).</summary>
    public static bool IsOutage(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case PostgresException p:
                    // 08: connection exceptions; 57P01..57P03: admin shutdown, crash shutdown, cannot connect now;
                    // 40001/40P01: serialization failure, deadlock (the batch is retried whole).
                    return p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03" or "40001" or "40P01" or "53300";
                case NpgsqlException:
                case SocketException:
                case TimeoutException:
                case IOException:
                case Polly.Timeout.TimeoutRejectedException:
                    return true;
            }
        }
        return false;
    }

    private static string Describe(Exception? e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException p)
                return $"{p.SqlState}: {p.MessageText}";
            if (x is SocketException s)
                return s.Message;
        }
        return e?.Message ?? "unknown";
    }
}
