using System.CommandLine;

namespace Replay.Replayer.Cli;

/// <summary>Options every command accepts.</summary>
public sealed class GlobalOptions
{
    public const string DbEnvironmentVariable = "REPLAY_DB";

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON instead of tables",
        Recursive = true,
    };

    public Option<string?> Db { get; } = new("--db")
    {
        Description = $"PostgreSQL connection string (default: ${DbEnvironmentVariable})",
        Recursive = true,
    };

    /// <summary>The connection string from --db, else from the environment; a clear error when neither is set.</summary>
    public string RequireConnectionString(ParseResult result) =>
        ConnectionString(result) ?? throw new UserError($"no database given: pass --db or set {DbEnvironmentVariable}");

    /// <summary>The connection string from --db, else from the environment, else null (commands that can run without a database).</summary>
    public string? ConnectionString(ParseResult result)
    {
        var value = result.GetValue(Db);
        if (string.IsNullOrWhiteSpace(value))
            value = Environment.GetEnvironmentVariable(DbEnvironmentVariable);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
