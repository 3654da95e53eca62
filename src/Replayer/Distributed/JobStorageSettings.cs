using System.Globalization;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Distributed;

/// <summary>
/// How the job engine (Hangfire on PostgreSQL) is set up, the same in the coordinator, the workers
/// and the scheduler.
/// <para>
/// The invisibility timeout decides how soon a job fetched by a worker that died (kill -9, a lost
/// machine) is handed to another worker: Hangfire.PostgreSql's default is 30 minutes. Here it is
/// short and sliding: a live worker keeps renewing the jobs it runs, so a long batch is never
/// fetched twice, while a dead worker's batch is retried after about one timeout.
/// </para>
/// </summary>
public sealed record JobStorageSettings(TimeSpan InvisibilityTimeout, TimeSpan PollInterval)
{
    public const string InvisibilityVariable = "REPLAY_JOB_INVISIBILITY_TIMEOUT";
    public const string PollVariable = "REPLAY_JOB_POLL_INTERVAL";

    /// <summary>The job queue of batch jobs (`replay worker`).</summary>
    public const string BatchQueue = "replay";

    /// <summary>The job queue of the recurring nightly (`replay scheduler`).</summary>
    public const string NightlyQueue = "nightly";

    public const string Schema = "hangfire";

    public static TimeSpan DefaultInvisibility { get; } = TimeSpan.FromSeconds(60);

    public static TimeSpan DefaultPoll { get; } = TimeSpan.FromSeconds(1);

    /// <summary>From the options given, else the environment, else the defaults.</summary>
    public static JobStorageSettings From(string? invisibility, string? poll)
    {
        var i = Parse(invisibility ?? Environment.GetEnvironmentVariable(InvisibilityVariable), "--invisibility-timeout") ?? DefaultInvisibility;
        var p = Parse(poll ?? Environment.GetEnvironmentVariable(PollVariable), "--poll-interval") ?? DefaultPoll;
        if (i < TimeSpan.FromSeconds(2))
            throw new UserError("--invisibility-timeout must be at least 2s");
        if (p < TimeSpan.FromMilliseconds(100))
            throw new UserError("--poll-interval must be at least 100ms");
        return new JobStorageSettings(i, p);
    }

    private static TimeSpan? Parse(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        if (text.EndsWith("ms", StringComparison.Ordinal)
            && double.TryParse(text[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > 0)
            return TimeSpan.FromMilliseconds(ms);
        try
        {
            return NightlyCommand.ParseDuration(text);
        }
        catch (UserError)
        {
            throw new UserError($"{option} '{text}': not a duration (500ms, 90s, 5m or hh:mm:ss)");
        }
    }

    public PostgreSqlStorageOptions StorageOptions() => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        InvisibilityTimeout = InvisibilityTimeout,
        UseSlidingInvisibilityTimeout = true,
        QueuePollInterval = PollInterval,
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
        StartupConnectionMaxRetries = 30,
        StartupConnectionBaseDelay = TimeSpan.FromMilliseconds(500),
        StartupConnectionMaxDelay = TimeSpan.FromSeconds(5),
    };

    public IConnectionFactory ConnectionFactory(string connectionString) =>
        new NpgsqlConnectionFactory(connectionString, StorageOptions());
}
