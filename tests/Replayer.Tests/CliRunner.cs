using Replay.Replayer.Cli;

namespace Replay.Replayer.Tests;

/// <summary>Runs the real `replay` command line in-process and captures what a user would see.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
