using System.Net.Sockets;
using Npgsql;
using Replay.Replayer.Cli;
using Replay.Replayer.Resilience;

namespace Replay.Replayer.Store;

/// <summary>
/// Opens connections to the run store. Connection failures become <see cref="UserError"/>s
/// that name the host and port, because "connection refused" alone does not say where.
/// </summary>
public sealed class Database
{
    private readonly NpgsqlConnectionStringBuilder _builder;

    public Database(string connectionString)
    {
        LedgerRangeTypeHandler.Register();
        try
        {
            _builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"invalid database connection string: {e.Message}", e);
        }
        // A server that does not answer must not hold a nightly job for Npgsql's default 15 s per
        // attempt; a connect timeout the user gave wins ("Command Timeout" is not one).
        if (!GivesConnectTimeout(connectionString))
            _builder.Timeout = 3;
        _builder.ApplicationName ??= "soroban-replay";
    }

    public string ConnectionString => _builder.ConnectionString;

    private static bool GivesConnectTimeout(string connectionString)
    {
        // The generic builder holds only the keys actually written, unlike Npgsql's.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Timeout") || given.ContainsKey("Connect Timeout") || given.ContainsKey("Connection Timeout");
    }

    /// <summary>Where we connect, as "host:port/database", for messages.</summary>
    public string Endpoint => $"{_builder.Host ?? "localhost"}:{_builder.Port}/{_builder.Database ?? _builder.Username}";

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellation = default)
    {
        try
        {
            return await ResiliencePolicies.DatabaseConnect.ExecuteAsync(async ct =>
            {
                var connection = new NpgsqlConnection(_builder.ConnectionString);
                try
                {
                    await connection.OpenAsync(ct).ConfigureAwait(false);
                    return connection;
                }
                catch
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                      || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
        {
            throw new UserError($"cannot connect to PostgreSQL at {Endpoint}: {Describe(e)}", e);
        }
    }

    private static string Describe(Exception e)
    {
        // The innermost socket error is the useful part ("Connection refused"); Npgsql's wrapper adds little.
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException s) return s.Message;
            if (x is PostgresException p) return $"{p.SqlState}: {p.MessageText}";
        }
        return e is Polly.Timeout.TimeoutRejectedException or OperationCanceledException ? "timed out" : e.Message;
    }
}
