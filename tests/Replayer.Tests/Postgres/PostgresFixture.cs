using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Replay.Replayer.Tests.Postgres;

/// <summary>
/// A real PostgreSQL for the tests: a throwaway cluster started once per test run on a free
/// loopback port (fsync off, in a temp directory), or the server named by REPLAY_TEST_DB.
/// Either way each test that wants isolation asks for a fresh database.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string ServerEnvironmentVariable = "REPLAY_TEST_DB";

    private TempCluster? _cluster;
    private NpgsqlConnectionStringBuilder _server = null!;
    private readonly List<string> _databases = [];

    /// <summary>Connection string of a database with the migrations applied, shared by the collection.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Host and port of the server, for assertions on messages.</summary>
    public string Endpoint => $"{_server.Host}:{_server.Port}";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ServerEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _server = new NpgsqlConnectionStringBuilder(external);
        }
        else
        {
            _cluster = await TempCluster.StartAsync().ConfigureAwait(false);
            _server = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = _cluster.Port,
                Username = TempCluster.SuperUser,
                Database = "postgres",
                Pooling = false,
            };
        }
        ConnectionString = await CreateDatabaseAsync().ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await Store.MigrationRunner.MigrateAsync(connection).ConfigureAwait(false);
    }

    /// <summary>Creates an empty database (no migrations) and returns its connection string; dropped at the end.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "replay_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(_server.ConnectionString))
        {
            await admin.OpenAsync().ConfigureAwait(false);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        _databases.Add(name);
        return new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync().ConfigureAwait(false);
            return;
        }
        // An external server outlives us: leave it as we found it.
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync().ConfigureAwait(false);
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
