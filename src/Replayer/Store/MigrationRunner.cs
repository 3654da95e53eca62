using Dapper;
using Npgsql;
using Replay.Replayer.Cli;

namespace Replay.Replayer.Store;

/// <summary>
/// Applies embedded migrations in order, each in its own transaction, recording them in
/// schema_migrations. Concurrent runners serialise on an advisory lock, so two nightly
/// jobs starting together cannot both apply the same migration.
/// </summary>
public static class MigrationRunner
{
    // Arbitrary but fixed: identifies "the replay schema migration lock" among advisory locks.
    private const long AdvisoryLockKey = 0x5250_4C41_5953_4D47; // "RPLAYSMG"

    public sealed record Result(IReadOnlyList<Migration> Applied, int CurrentVersion);

    public static async Task<Result> MigrateAsync(NpgsqlConnection connection, IReadOnlyList<Migration>? migrations = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        migrations ??= Migration.LoadEmbedded();

        await connection.ExecuteAsync(new CommandDefinition("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer     PRIMARY KEY,
                name       text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken: cancellation)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellation)).ConfigureAwait(false);
        try
        {
            var done = (await connection.QueryAsync<int>(new CommandDefinition("SELECT version FROM schema_migrations", cancellationToken: cancellation)).ConfigureAwait(false)).ToHashSet();
            var applied = new List<Migration>();
            foreach (var migration in migrations)
            {
                if (done.Contains(migration.Version))
                    continue;
                await ApplyAsync(connection, migration, cancellation).ConfigureAwait(false);
                applied.Add(migration);
            }
            var current = await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT max(version) FROM schema_migrations", cancellationToken: cancellation)).ConfigureAwait(false);
            return new Result(applied, current ?? 0);
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }, cancellationToken: CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellation)
    {
        await using var tx = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: cancellation)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name) VALUES (@Version, @Name)",
                new { migration.Version, migration.Name }, tx, cancellationToken: cancellation)).ConfigureAwait(false);
            await tx.CommitAsync(cancellation).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            await tx.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw new UserError($"migration {migration.Version:D4}_{migration.Name} failed and was rolled back: {e.SqlState}: {e.MessageText}" +
                                (e.Position > 0 ? $" (at character {e.Position})" : ""), e);
        }
    }
}
