using System.Globalization;
using System.Runtime.InteropServices;
using Dapper;
using Npgsql;
using Replay.Replayer.Store;

namespace Replay.Replayer.Bench;

/// <summary>
/// The CPU time the PostgreSQL backends serving this process use, when the server runs on this
/// machine: the backends are found by this process's application name in pg_stat_activity, their
/// CPU time read from /proc. Npgsql keeps its connections open in a pool, so the same backends
/// serve a whole pass; with pooling off, or a server elsewhere, there is nothing to read.
/// </summary>
internal sealed partial class ServerCpu
{
    private readonly Database _database;
    private readonly string _applicationName;
    private readonly double _ticksPerSecond;

    private ServerCpu(Database database, string applicationName, double ticksPerSecond)
    {
        _database = database;
        _applicationName = applicationName;
        _ticksPerSecond = ticksPerSecond;
    }

    /// <summary>Null when the server's backends cannot be observed from here.</summary>
    public static async Task<ServerCpu?> OpenAsync(Database database, CancellationToken cancellation)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        if (!builder.Pooling || !OperatingSystem.IsLinux() || builder.ApplicationName is not { Length: > 0 } name)
            return null;
        var host = builder.Host ?? "";
        if (!(host.StartsWith('/') || host is "localhost" or "127.0.0.1" or "::1"))
            return null;
        var ticks = sysconf(ClockTicksName);
        if (ticks <= 0)
            return null;
        var probe = new ServerCpu(database, name, ticks);
        // The backend must be visible in /proc as a PostgreSQL process (a server in a container has other process ids).
        var sample = await probe.SampleAsync(cancellation).ConfigureAwait(false);
        return sample is null ? null : probe;
    }

    /// <summary>CPU seconds of each backend of this process by process id; null when one cannot be read.</summary>
    public async Task<Dictionary<int, double>?> SampleAsync(CancellationToken cancellation)
    {
        await using var connection = await _database.OpenAsync(cancellation).ConfigureAwait(false);
        var pids = await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT pid FROM pg_stat_activity WHERE application_name = @name", new { name = _applicationName }, cancellationToken: cancellation)).ConfigureAwait(false);
        var result = new Dictionary<int, double>();
        foreach (var pid in pids)
        {
            if (Read(pid) is not { } seconds)
                return null;
            result[pid] = seconds;
        }
        return result;
    }

    /// <summary>CPU seconds the backends used between two samples (a backend started in between counts from zero).</summary>
    public static double Difference(Dictionary<int, double> before, Dictionary<int, double> after) =>
        after.Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key));

    private double? Read(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            if (!cmdline.StartsWith("postgres", StringComparison.Ordinal))
                return null;
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // Fields after the command name in parentheses (which may hold spaces): state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (utime + stime) / _ticksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private const int ClockTicksName = 2; // _SC_CLK_TCK on Linux

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long sysconf(int name);
}
