using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Replay.History;
using Replay.Replayer.Cli;
using Replay.Replayer.Store;
using Replay.Replayer.Tests.Postgres;

namespace Replay.Replayer.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DbMigrateTests(PostgresFixture pg)
{
    [Fact]
    public async Task Migrate_applies_every_migration_once_then_is_a_no_op()
    {
        var db = await pg.CreateDatabaseAsync();

        var first = await CliRunner.RunAsync("db", "migrate", "--db", db, "--json");
        Assert.True(first.ExitCode == ExitCodes.Ok, first.Error);
        using var json = JsonDocument.Parse(first.Out);
        var all = Migration.LoadEmbedded();
        Assert.Equal(all.Count, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(all.Count, json.RootElement.GetProperty("applied").GetArrayLength());

        var second = await CliRunner.RunAsync("db", "migrate", "--db", db);
        Assert.Equal(ExitCodes.Ok, second.ExitCode);
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(db);
        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations ORDER BY version")).ToArray();
        Assert.Equal(Enumerable.Range(1, all.Count), versions);
    }

    [Fact]
    public async Task A_runs_row_round_trips_through_Dapper()
    {
        LedgerRangeTypeHandler.Register();
        await using var connection = new NpgsqlConnection(pg.ConnectionString);
        var started = new DateTime(2026, 11, 23, 1, 2, 3, DateTimeKind.Utc);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO runs (started_at, finished_at, tool_version, source, range, status)
            VALUES (@started, @finished, @version, @source, @range, 'succeeded') RETURNING id
            """,
            new
            {
                started,
                finished = started.AddMinutes(5),
                version = "0.1.0",
                source = "datalake:pubnet",
                range = new LedgerRange(53312000, 53312063),
            });

        var row = await connection.QuerySingleAsync<RunRow>(
            "SELECT started_at AS StartedAt, finished_at AS FinishedAt, tool_version AS ToolVersion, source AS Source, range AS Range, status AS Status FROM runs WHERE id = @id", new { id });

        Assert.Equal(started, row.StartedAt.ToUniversalTime());
        Assert.Equal(started.AddMinutes(5), row.FinishedAt.ToUniversalTime());
        Assert.Equal("0.1.0", row.ToolVersion);
        Assert.Equal("datalake:pubnet", row.Source);
        Assert.Equal(new LedgerRange(53312000, 53312063), row.Range);
        Assert.Equal("succeeded", row.Status);
    }

    [Fact]
    public async Task An_open_range_round_trips()
    {
        LedgerRangeTypeHandler.Register();
        await using var connection = new NpgsqlConnection(pg.ConnectionString);
        var range = await connection.ExecuteScalarAsync<LedgerRange>("SELECT @r", new { r = new LedgerRange(7, null) });
        Assert.Equal(new LedgerRange(7, null), range);
    }

    private sealed record RunRow(DateTime StartedAt, DateTime FinishedAt, string ToolVersion, string Source, LedgerRange Range, string Status);

    [Fact]
    public async Task The_runs_table_rejects_an_unknown_status()
    {
        await using var connection = new NpgsqlConnection(pg.ConnectionString);
        var e = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
            "INSERT INTO runs (started_at, tool_version, source, range, status) VALUES (now(), 'x', 'x', '[1,2]', 'bogus')"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState);
    }

    [Fact]
    public async Task A_failed_migration_rolls_back_and_names_itself()
    {
        var db = await pg.CreateDatabaseAsync();
        var migrations = new[]
        {
            new Migration(1, "good", "CREATE TABLE good (x int)"),
            new Migration(2, "broken", "CREATE TABLE half_done (x int); SELECT * FROM no_such_table"),
        };
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();

        var e = await Assert.ThrowsAsync<UserError>(() => MigrationRunner.MigrateAsync(connection, migrations));
        Assert.Contains("0002_broken", e.Message, StringComparison.Ordinal);
        Assert.Contains("rolled back", e.Message, StringComparison.Ordinal);

        Assert.Equal(new[] { 1 }, await connection.QueryAsync<int>("SELECT version FROM schema_migrations"));
        Assert.Null(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('half_done')::text"));
        Assert.NotNull(await connection.ExecuteScalarAsync<string?>("SELECT to_regclass('good')::text"));
    }

    [Fact]
    public async Task Migrate_against_an_unreachable_server_fails_fast_naming_host_and_port()
    {
        var port = PostgresFixture.FreePort();
        var clock = Stopwatch.StartNew();
        var result = await CliRunner.RunAsync("db", "migrate", "--db", $"Host=127.0.0.1;Port={port};Username=nobody");
        clock.Stop();

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Migrate_without_a_database_says_how_to_give_one()
    {
        var saved = Environment.GetEnvironmentVariable(GlobalOptions.DbEnvironmentVariable);
        Environment.SetEnvironmentVariable(GlobalOptions.DbEnvironmentVariable, null);
        try
        {
            var result = await CliRunner.RunAsync("db", "migrate");
            Assert.Equal(ExitCodes.Error, result.ExitCode);
            Assert.Contains("REPLAY_DB", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(GlobalOptions.DbEnvironmentVariable, saved);
        }
    }
}
