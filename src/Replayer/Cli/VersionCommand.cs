using System.CommandLine;
using Replay.Engines;
using Replay.Wasm;
using Spectre.Console;

namespace Replay.Replayer.Cli;

/// <summary>`replay version`: the tool's version and the identity of each engine.</summary>
public sealed class VersionCommand : ICliCommand
{
    public static string ToolVersion => EngineIdentity.VersionOf(typeof(VersionCommand));

    public static IReadOnlyList<EngineIdentity> Components { get; } =
        [.. EngineCatalog.All.Select(e => e.Identity)];

    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var command = new Command("version", "Show the tool version and the engines it contains");
        command.SetAction(parse =>
        {
            if (parse.GetValue(globals.Json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("tool", "soroban-replay");
                    w.WriteString("version", ToolVersion);
                    w.WriteStartArray("components");
                    foreach (var c in Components)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", c.Name);
                        w.WriteString("version", c.Version);
                        w.WriteString("models", c.Models);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Ok;
            }

            var console = Terminal.For(output);
            console.WriteLine($"soroban-replay {ToolVersion}");
            var table = new Table().AddColumn("component").AddColumn("version").AddColumn("models");
            foreach (var c in Components)
                table.AddRow(Markup.Escape(c.Name), Markup.Escape(c.Version), Markup.Escape(c.Models));
            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
