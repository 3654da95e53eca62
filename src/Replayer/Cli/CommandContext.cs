using System.CommandLine;

namespace Replay.Replayer.Cli;

/// <summary>What a command's action needs besides its own options: where to write and the global options.</summary>
public sealed class CommandContext(ParseResult parse, GlobalOptions globals, TextWriter output, TextWriter error)
{
    public ParseResult Parse { get; } = parse;
    public GlobalOptions Globals { get; } = globals;
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;
    public bool Json => Parse.GetValue(Globals.Json);

    public string ConnectionString => Globals.RequireConnectionString(Parse);
}
