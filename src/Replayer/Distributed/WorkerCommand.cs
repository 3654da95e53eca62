using System.CommandLine;
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Replay.Replayer.Cli;
using Replay.Replayer.Store;

namespace Replay.Replayer.Distributed;

/// <summary>
/// `replay worker --db CONN [--concurrency N] [--name NAME] [--invisibility-timeout D] [--poll-interval D]`:
/// a Hangfire job server (Hangfire.NetCore on the .NET generic host) that runs the batches of
/// distributed runs, N at a time, until it is stopped (SIGTERM or Ctrl+C: batches in flight are
/// handed back to the queue). Any number of workers on any number of machines may serve the same
/// database. Exit 0 when stopped, 2 when it cannot start.
/// </summary>
public sealed class WorkerCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var concurrency = new Option<int>("--concurrency") { Description = "Batches run at once (default: the processor count)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var name = new Option<string?>("--name") { Description = "This worker's name in the job engine and dist_batches (default: host:pid)" };
        var jobOptions = new JobEngineOptions();
        var command = new Command("worker", "Serve the batch jobs of distributed runs (`replay run --distributed`) from the database's job queue");
        command.Add(concurrency);
        command.Add(name);
        jobOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var connection = globals.RequireConnectionString(parse);
            var n = parse.GetValue(concurrency);
            if (n < 1)
                throw new UserError("--concurrency must be at least 1");
            var settings = jobOptions.Settings(parse);
            var outage = new OutagePolicy(jobOptions.Tolerance(parse), error);
            var workerName = parse.GetValue(name) ?? string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");
            var database = new Database(connection);
            await JobEngine.MigrateAsync(database, outage, ct).ConfigureAwait(false);
            var context = new WorkerContext(connection, workerName, outage, error);
            if (context.CrashHook is { } hook)
                await error.WriteLineAsync($"worker {workerName}: test hook {WorkerContext.CrashHookVariable} set: batch {hook.Batch} crashes this process").ConfigureAwait(false);

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            JobEngine.ConfigureLogging(builder.Logging);
            builder.Services.AddSingleton(context);
            builder.Services.AddTransient<BatchJob>();
            builder.Services.AddHangfire(c => JobEngine.Configure(c, settings, connection));
            builder.Services.AddHangfireServer(o =>
            {
                o.ServerName = workerName;
                o.WorkerCount = n;
                o.Queues = [JobStorageSettings.BatchQueue];
                o.SchedulePollingInterval = settings.PollInterval;
                o.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
            using var host = builder.Build();
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"worker {workerName}: serving queue '{JobStorageSettings.BatchQueue}' of {database.Endpoint} with {n} workers (invisibility timeout {settings.InvisibilityTimeout.TotalSeconds:0} s)")).ConfigureAwait(false);
            await host.RunAsync(ct).ConfigureAwait(false);
            await error.WriteLineAsync($"worker {workerName}: stopped").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}

/// <summary>Options every job-engine process takes (worker, scheduler).</summary>
internal sealed class JobEngineOptions
{
    public Option<string?> Invisibility { get; } = new("--invisibility-timeout")
    {
        Description = $"How soon a job of a worker that died is handed to another (sliding; default {JobStorageSettings.DefaultInvisibility.TotalSeconds:0}s, or ${JobStorageSettings.InvisibilityVariable})",
    };

    public Option<string?> Poll { get; } = new("--poll-interval")
    {
        Description = $"How often idle workers look for jobs (default 1s, or ${JobStorageSettings.PollVariable})",
    };

    public Option<string?> OutageTolerance { get; } = new("--db-outage-tolerance")
    {
        Description = "How long the database may be unreachable (a restart) before a batch attempt fails: 90s, 5m (default 2m)",
    };

    public void AddTo(Command command)
    {
        command.Add(Invisibility);
        command.Add(Poll);
        command.Add(OutageTolerance);
    }

    public JobStorageSettings Settings(ParseResult parse) => JobStorageSettings.From(parse.GetValue(Invisibility), parse.GetValue(Poll));

    public TimeSpan Tolerance(ParseResult parse) => DistributedRunOptions.ParseTolerance(parse.GetValue(OutageTolerance));
}

/// <summary>The job engine's set-up shared by the worker and the scheduler.</summary>
internal static class JobEngine
{
    public static void Configure(IGlobalConfiguration configuration, JobStorageSettings settings, string connectionString) =>
        configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseConnectionFactory(settings.ConnectionFactory(connectionString)), settings.StorageOptions());

    /// <summary>Warnings and errors of the job engine to standard error (standard output stays the command's).</summary>
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Warning);
    }

    /// <summary>The run store's schema (dist_* tables included), waiting out a database that is still starting.</summary>
    public static async Task MigrateAsync(Database database, OutagePolicy outage, CancellationToken cancellation) =>
        await outage.ExecuteAsync(async ct =>
        {
            await using var c = await database.OpenAsync(ct).ConfigureAwait(false);
            await MigrationRunner.MigrateAsync(c, cancellation: ct).ConfigureAwait(false);
        }, cancellation).ConfigureAwait(false);
}
