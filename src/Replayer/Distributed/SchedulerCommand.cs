using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Replay.Replayer.Cli;
using Replay.Replayer.Store;

namespace Replay.Replayer.Distributed;

/// <summary>What the nightly job runs with: the database of the process serving it.</summary>
public sealed class NightlyContext(string connectionString, TextWriter log)
{
    public string ConnectionString { get; } = connectionString;

    public TextWriter Log { get; } = log;
}

/// <summary>
/// `replay nightly` as a recurring job: runs the nightly command in the process that serves the
/// "nightly" queue. Exit 0 or 1 (findings: visible in the run store and the log) is a succeeded
/// job; exit 2 (the nightly could not run) fails the job with the nightly's error, for the
/// dashboard. It is not retried: the next occurrence resumes at the job's cursor anyway.
/// </summary>
public sealed class NightlyJob(NightlyContext context)
{
    public const string RecurringId = "nightly";

    [Queue(JobStorageSettings.NightlyQueue)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("replay nightly {0}")]
    public async Task RunAsync(string arguments, CancellationToken cancellation)
    {
        var args = arguments.Split('\u001f', StringSplitOptions.RemoveEmptyEntries);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await CliApp.RunAsync(["nightly", "--db", context.ConnectionString, .. args], output, error, cancellation).ConfigureAwait(false);
        await context.Log.WriteLineAsync($"nightly: exit {exit}\n{error}{output}").ConfigureAwait(false);
        if (exit == ExitCodes.Error)
            throw new InvalidOperationException($"replay nightly exited {exit}: {error.ToString().Trim()}");
    }
}

/// <summary>
/// `replay scheduler --db CONN --cron EXPR [--dashboard-port P] ... -- NIGHTLY-ARGS`: registers
/// `replay nightly NIGHTLY-ARGS` as a recurring job (cron in UTC; the expression may come from
/// $REPLAY_NIGHTLY_CRON), serves it, and serves the job dashboard on Kestrel. The dashboard is
/// read-only (no trigger, retry or delete) unless a token is set (--dashboard-token or
/// $REPLAY_DASHBOARD_TOKEN); then requests carrying "Authorization: Bearer TOKEN" may act.
/// It listens on 127.0.0.1 unless told otherwise (in a container: 0.0.0.0, published on the
/// host's loopback only).
/// </summary>
public sealed class SchedulerCommand : ICliCommand
{
    public const string CronVariable = "REPLAY_NIGHTLY_CRON";
    public const string TokenVariable = "REPLAY_DASHBOARD_TOKEN";

    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var cron = new Option<string?>("--cron") { Description = $"When the nightly runs: a cron expression in UTC, e.g. \"0 2 * * *\" (default: ${CronVariable})" };
        var port = new Option<int>("--dashboard-port") { Description = "Serve the job dashboard on this port (0: no dashboard)", DefaultValueFactory = _ => 0 };
        var address = new Option<string>("--dashboard-address") { Description = "Address the dashboard listens on", DefaultValueFactory = _ => "127.0.0.1" };
        var token = new Option<string?>("--dashboard-token") { Description = $"Lets requests with \"Authorization: Bearer TOKEN\" act in the dashboard (default: ${TokenVariable}; none: read-only)" };
        var triggerNow = new Option<bool>("--trigger-now") { Description = "Also run the nightly once now" };
        var nightlyArgs = new Argument<string[]>("nightly-arguments") { Description = "The arguments of `replay nightly` (after --), e.g. -- --source datalake:URL --time-budget 50m", Arity = ArgumentArity.ZeroOrMore };
        var jobOptions = new JobEngineOptions();
        var command = new Command("scheduler", "Register `replay nightly` as a recurring job, serve it, and serve the job dashboard");
        foreach (var o in new Option[] { cron, port, address, token, triggerNow })
            command.Add(o);
        jobOptions.AddTo(command);
        command.Add(nightlyArgs);
        command.SetAction(async (parse, ct) =>
        {
            var connection = globals.RequireConnectionString(parse);
            var expression = parse.GetValue(cron) ?? Environment.GetEnvironmentVariable(CronVariable);
            if (string.IsNullOrWhiteSpace(expression))
                throw new UserError($"no schedule: pass --cron or set {CronVariable}");
            var args = parse.GetValue(nightlyArgs) ?? [];
            if (!args.Contains("--source"))
                throw new UserError("the nightly's arguments (after --) must name its --source");
            var dashboardPort = parse.GetValue(port);
            if (dashboardPort is < 0 or > 65535)
                throw new UserError("--dashboard-port must be 0..65535");
            if (!IPAddress.TryParse(parse.GetValue(address), out var listenOn))
                throw new UserError($"--dashboard-address '{parse.GetValue(address)}': not an IP address");
            var secret = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            if (string.IsNullOrWhiteSpace(secret))
                secret = null;
            var settings = jobOptions.Settings(parse);
            var outage = new OutagePolicy(jobOptions.Tolerance(parse), error);
            await JobEngine.MigrateAsync(new Database(connection), outage, ct).ConfigureAwait(false);

            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
            JobEngine.ConfigureLogging(builder.Logging);
            builder.Services.AddSingleton(new NightlyContext(connection, error));
            builder.Services.AddTransient<NightlyJob>();
            builder.Services.AddHangfire(c => JobEngine.Configure(c, settings, connection));
            builder.Services.AddHangfireServer(o =>
            {
                o.ServerName = string.Create(CultureInfo.InvariantCulture, $"scheduler {Environment.MachineName}:{Environment.ProcessId}");
                o.WorkerCount = 1;
                o.Queues = [JobStorageSettings.NightlyQueue];
                o.SchedulePollingInterval = settings.PollInterval;
            });
            builder.WebHost.ConfigureKestrel(k =>
            {
                if (dashboardPort > 0)
                    k.Listen(listenOn, dashboardPort);
            });
            if (dashboardPort == 0)
                builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            await using var app = builder.Build();
            if (dashboardPort > 0)
            {
                app.UseHangfireDashboard("/hangfire", new DashboardOptions
                {
                    DashboardTitle = "soroban-replay jobs",
                    // Who may reach the port is decided by where it listens (loopback); acting needs the token.
                    Authorization = [new OpenDashboard()],
                    IsReadOnlyFunc = context => secret is null || !HasToken(context.GetHttpContext(), secret),
                    DisplayStorageConnectionString = false,
                });
                app.MapGet("/", () => Results.Redirect("/hangfire"));
            }
            var manager = app.Services.GetRequiredService<IRecurringJobManager>();
            var joined = string.Join('\u001f', args);
            try
            {
                manager.AddOrUpdate<NightlyJob>(NightlyJob.RecurringId, JobStorageSettings.NightlyQueue, j => j.RunAsync(joined, CancellationToken.None),
                    expression.Trim(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            catch (ArgumentException e)
            {
                throw new UserError($"--cron '{expression}': not a cron expression: {e.Message}", e);
            }
            if (parse.GetValue(triggerNow))
                manager.Trigger(NightlyJob.RecurringId);
            await app.StartAsync(ct).ConfigureAwait(false);
            var where = dashboardPort > 0
                ? string.Create(CultureInfo.InvariantCulture, $"; dashboard on http://{listenOn}:{dashboardPort}/hangfire ({(secret is null ? "read-only" : "read-only without the token")})")
                : "";
            await error.WriteLineAsync($"scheduler: nightly '{string.Join(' ', args)}' at '{expression.Trim()}' (UTC){where}").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool HasToken(HttpContext http, string secret)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.Ordinal))
            return false;
        var given = Encoding.UTF8.GetBytes(header[prefix.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(secret));
    }

    /// <summary>Anyone who reaches the port may look (the listen address confines it); acting is decided by IsReadOnlyFunc.</summary>
    private sealed class OpenDashboard : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => true;
    }
}
