using Spectre.Console;

namespace Replay.Replayer.Cli;

/// <summary>Spectre.Console bound to a given writer, so tables go where the command's output goes.</summary>
public static class Terminal
{
    public static IAnsiConsole For(TextWriter output)
    {
        var isConsole = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = isConsole ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isConsole ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isConsole ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Redirected output (files, CI logs, README snippets) has no width: don't wrap at 80.
        if (!isConsole)
            console.Profile.Width = 160;
        return console;
    }
}
