using System.CommandLine;
using Replay.Replayer.Pipeline;

namespace Replay.Replayer.Cli;

/// <summary>
/// The options of a pipeline run that `replay run` and `replay bench pipeline` share: the ledger
/// range, the engines and their modes, the workers, the A/A check's interval and the module cache,
/// with their checks.
/// </summary>
internal sealed class PipelineRunOptions
{
    public Option<uint?> From { get; } = new("--from") { Description = "First ledger (default: the start of the source)" };

    public Option<uint?> To { get; } = new("--to") { Description = "Last ledger (default: the end of the source)" };

    public Option<string> Engines { get; } = new("--engines")
    {
        Description = "Engines to run, comma-separated; the first listed of stack is the reference",
        DefaultValueFactory = _ => "stack,register",
    };

    public Option<string> Modes { get; } = new("--modes")
    {
        Description = $"Compilation modes of engines that have several (the register engine), comma-separated: {string.Join(", ", EngineSet.ModeNames.Keys)}",
        DefaultValueFactory = _ => "lazy",
    };

    public Option<int> Parallel { get; }

    public Option<int> Every { get; } = new("--determinism-every")
    {
        Description = "The A/A check: the reference engine runs every Nth case twice (0: never); a difference aborts the run",
        DefaultValueFactory = _ => 50,
    };

    public Option<bool> NoCache { get; } = new("--no-module-cache") { Description = "Compile every module afresh for every case (slower; outcomes are the same)" };

    /// <param name="defaultParallel">Workers when --parallel is not given.</param>
    /// <param name="parallelDescription">What --parallel says in the help.</param>
    public PipelineRunOptions(int defaultParallel, string parallelDescription) =>
        Parallel = new("--parallel") { Description = parallelDescription, DefaultValueFactory = _ => defaultParallel };

    /// <summary>--from, --to, --engines, --modes (the other options are added where each command lists them).</summary>
    public void AddRangeAndEngines(Command command)
    {
        command.Add(From);
        command.Add(To);
        command.Add(Engines);
        command.Add(Modes);
    }

    /// <summary>The engine list as given.</summary>
    public string[] EngineList(ParseResult parse) => RunCommand.SplitList(parse.GetValue(Engines));

    /// <summary>The mode list as given.</summary>
    public string[] ModeList(ParseResult parse) => RunCommand.SplitList(parse.GetValue(Modes));

    /// <summary>Checks --parallel and --determinism-every, then makes the engine set (a usage error names what is wrong).</summary>
    public EngineSet CreateEngines(ParseResult parse)
    {
        if (parse.GetValue(Parallel) < 1)
            throw new UserError("--parallel must be at least 1");
        if (parse.GetValue(Every) < 0)
            throw new UserError("--determinism-every must be 0 or more");
        try
        {
            return EngineSet.Create(EngineList(parse), ModeList(parse), cache: !parse.GetValue(NoCache));
        }
        catch (ArgumentException e)
        {
            throw new UserError(e.Message, e);
        }
    }
}
