using System.Globalization;
using Replay.Tooling;

namespace Replay.Replayer.Tests.Postgres;

/// <summary>
/// initdb + pg_ctl on a temp directory. PostgreSQL refuses to run as root, so as root the
/// server runs as the 'postgres' account the Debian package creates.
/// </summary>
internal sealed class TempCluster : IAsyncDisposable
{
    public const string SuperUser = "replay";

    private readonly string _binDir;
    private readonly string _dataDir;
    private readonly string _root;
    private readonly string? _runAs;

    private TempCluster(string binDir, string root, string? runAs, int port)
    {
        _binDir = binDir;
        _root = root;
        _dataDir = Path.Combine(root, "data");
        _runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    public static async Task<TempCluster> StartAsync()
    {
        var binDir = FindBinDir();
        var root = Directory.CreateTempSubdirectory("replay-pg-").FullName;
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null)
            await RunAsync("chown", ["-R", $"{runAs}:{runAs}", root], null).ConfigureAwait(false);

        // Ports can be taken between probing and binding; try a few.
        for (var attempt = 0; ; attempt++)
        {
            var cluster = new TempCluster(binDir, root, runAs, PostgresFixture.FreePort());
            try
            {
                await cluster.InitAndStartAsync(attempt == 0).ConfigureAwait(false);
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    private async Task InitAndStartAsync(bool init)
    {
        if (init)
        {
            await RunAsync(Path.Combine(_binDir, "initdb"),
                ["-D", _dataDir, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"], _runAs).ConfigureAwait(false);
        }
        var serverOptions = string.Join(' ',
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}", "-h 127.0.0.1", $"-k {_root}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=50");
        await RunAsync(Path.Combine(_binDir, "pg_ctl"),
            ["-D", _dataDir, "-o", serverOptions, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"], _runAs).ConfigureAwait(false);
    }

    /// <summary>A superuser connection string to a database of this cluster.</summary>
    public string ConnectionString(string database = "postgres") =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database}");

    /// <summary>Stops the server (fast shutdown: sessions are ended, as a restart does).</summary>
    public Task StopAsync() =>
        RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "fast", "-w", "-t", "60", "stop"], _runAs);

    /// <summary>Starts the stopped server again on the same port.</summary>
    public Task StartAgainAsync() => InitAndStartAsync(init: false);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], _runAs).ConfigureAwait(false);
        }
        finally
        {
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string FindBinDir()
    {
        const string root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var best = Directory.GetDirectories(root)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.Version > 0 && File.Exists(Path.Combine(x.Dir, "bin", "initdb")))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (best.Dir is not null)
                return Path.Combine(best.Dir, "bin");
        }
        throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: run ./test.sh, which installs " +
            $"the 'postgresql' package, or set {PostgresFixture.ServerEnvironmentVariable} to a server's connection string");
    }

    /// <summary>Runs a server program, as <paramref name="runAs"/> when given; fails with its output.</summary>
    private static async Task RunAsync(string file, IReadOnlyList<string> args, string? runAs)
    {
        var program = runAs is null ? file : "runuser";
        IEnumerable<string> arguments = runAs is null ? args : ["-u", runAs, "--", file, .. args];
        var result = await ExternalTool.RunAsync(program, arguments, TimeSpan.FromSeconds(90)).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
    }
}
