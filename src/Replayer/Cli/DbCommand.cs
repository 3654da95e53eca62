using System.CommandLine;
using Replay.Replayer.Store;

namespace Replay.Replayer.Cli;

/// <summary>`replay db ...`: database administration.</summary>
public sealed class DbCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var db = new Command("db", "Manage the PostgreSQL run store");
        var migrate = new Command("migrate", "Apply the schema migrations that are not yet applied (idempotent)");
        migrate.SetAction(async (parse, ct) =>
        {
            var database = new Database(globals.RequireConnectionString(parse));
            await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
            var result = await MigrationRunner.MigrateAsync(connection, cancellation: ct).ConfigureAwait(false);
            if (parse.GetValue(globals.Json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("database", database.Endpoint);
                    w.WriteNumber("version", result.CurrentVersion);
                    w.WriteStartArray("applied");
                    foreach (var m in result.Applied)
                        w.WriteStringValue($"{m.Version:D4}_{m.Name}");
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else if (result.Applied.Count == 0)
            {
                await output.WriteLineAsync($"{database.Endpoint}: schema is up to date (version {result.CurrentVersion})").ConfigureAwait(false);
            }
            else
            {
                foreach (var m in result.Applied)
                    await output.WriteLineAsync($"applied {m.Version:D4}_{m.Name}").ConfigureAwait(false);
                await output.WriteLineAsync($"{database.Endpoint}: schema at version {result.CurrentVersion}").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        });
        db.Add(migrate);
        return db;
    }
}
