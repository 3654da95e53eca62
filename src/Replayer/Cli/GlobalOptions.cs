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
    public string RequireConnectionString(ParseResult result)
    {
        var value = result.GetValue(Db);
        if (string.IsNullOrWhiteSpace(value))
            value = Environment.GetEnvironmentVariable(DbEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(value))
            throw new UserError($"no database given: pass --db or set {DbEnvironmentVariable}");
        return value;
    }
}
