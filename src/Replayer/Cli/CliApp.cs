using System.CommandLine;

namespace Replay.Replayer.Cli;

/// <summary>
/// Builds the `replay` command tree and runs it. Writers are parameters so tests run the
/// real CLI in-process and read what a user would see.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("soroban-replay: replays Stellar Soroban history on two WebAssembly engines and compares them.");
        root.Add(globals.Json);
        root.Add(globals.Db);

        var commands = new ICliCommand[]
        {
            new VersionCommand(),
            new DbCommand(),
            new XdrCommand(),
            new SpecTestCommand(),
            new BenchCommand(),
            new CasesCommand(),
            new InvokeCommand(),
            new RunCommand(),
            new NightlyCommand(),
            new Distributed.WorkerCommand(),
            new Distributed.SchedulerCommand(),
            new ReproCommand(),
            new SelfTestCommand(),
            new SampleCommand(),
            new ReportCommand(),
        };
        foreach (var command in commands)
            root.Add(command.Build(globals, output, error));

        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            int code = await parse.InvokeAsync(config, cancellation).ConfigureAwait(false);
            // A command line that does not parse (unknown command or option, missing argument) is a
            // usage error: the parser printed what is wrong, and the run could not start.
            return parse.Errors.Count > 0 ? ExitCodes.Error : code;
        }
        catch (UserError e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }
}

/// <summary>One top-level command: builds its <see cref="Command"/> bound to the shared options and writers.</summary>
public interface ICliCommand
{
    Command Build(GlobalOptions globals, TextWriter output, TextWriter error);
}
