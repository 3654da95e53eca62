using System.CommandLine;
using System.Globalization;
using Replay.History.Sources;
using Replay.Sample;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay sample build [--ledgers N] [--seed S] --out DIR [--contracts DIR]` runs the sample
/// workload through the host and writes its history (DIR/lake, a SEP-54 data lake; DIR/archive,
/// a history archive); `replay sample contracts [--check]` rebuilds the sample contracts' .wasm
/// from their C sources with clang.
/// </summary>
public sealed class SampleCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var command = new Command("sample", "The embedded sample history: build it, rebuild its contracts");

        var ledgers = new Option<uint>("--ledgers") { Description = "Last ledger of the history (from 2, genesis)", DefaultValueFactory = _ => SampleOptions.DefaultLedgers };
        var seed = new Option<ulong>("--seed") { Description = "The workload's seed", DefaultValueFactory = _ => SampleOptions.DefaultSeed };
        var outDir = new Option<string>("--out") { Description = "Output directory (its lake/ and archive/ are replaced)", Required = true };
        var contracts = new Option<string?>("--contracts") { Description = $"The built contracts (default: {SampleContracts.Folder} of the repository)" };
        var build = new Command("build", "Run the sample workload through the host (stack engine) and write its data lake and history archive");
        build.Add(ledgers);
        build.Add(seed);
        build.Add(outDir);
        build.Add(contracts);
        build.SetAction(async (parse, ct) =>
        {
            var dir = ContractsDir(parse.GetValue(contracts));
            SampleSummary summary;
            try
            {
                summary = SampleBuilder.Build(new SampleOptions(parse.GetValue(ledgers), parse.GetValue(seed)), dir, parse.GetValue(outDir)!,
                    line => error.WriteLine(line));
            }
            catch (Exception e) when (e is SampleBuildException or FileNotFoundException or IOException or UnauthorizedAccessException)
            {
                throw new UserError(e.Message, e);
            }
            await output.WriteAsync(SampleBuilder.Describe(summary)).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        command.Add(build);

        var check = new Option<bool>("--check") { Description = "Compare with the committed .wasm instead of writing; exit 1 on a difference" };
        var rebuild = new Command("contracts", "Rebuild the sample contracts' .wasm from their C sources with clang");
        rebuild.Add(check);
        rebuild.Add(contracts);
        rebuild.SetAction(async (parse, ct) =>
        {
            var dir = ContractsDir(parse.GetValue(contracts));
            var sdk = Path.GetFullPath(Path.Combine(dir, "..", "..", "sdk", "c"));
            var installed = SampleContracts.InstalledClang();
            var differ = 0;
            foreach (var name in SampleContracts.Names)
            {
                byte[] built;
                try
                {
                    built = SampleContracts.Build(dir, sdk, name);
                }
                catch (Replay.Tooling.ToolMissingException e)
                {
                    throw new UserError(e.Message, e);
                }
                var path = Path.Combine(dir, name + ".wasm");
                if (parse.GetValue(check))
                {
                    var same = File.Exists(path) && (await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false)).AsSpan().SequenceEqual(built);
                    if (!same)
                        differ++;
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}.wasm: {(same ? "same" : "differs")} ({built.Length} bytes)")).ConfigureAwait(false);
                }
                else
                {
                    await File.WriteAllBytesAsync(path, built, ct).ConfigureAwait(false);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name}.wasm: {built.Length} bytes")).ConfigureAwait(false);
                }
            }
            if (differ > 0)
                await error.WriteLineAsync($"{differ} module(s) differ from the committed ones; built with {installed}, the committed ones with clang {SampleContracts.ClangVersion}").ConfigureAwait(false);
            return differ > 0 ? ExitCodes.Findings : ExitCodes.Ok;
        });
        command.Add(rebuild);
        return command;
    }

    private static string ContractsDir(string? given)
    {
        if (given is not null)
            return given;
        try
        {
            return HistorySources.LocateSample(SampleContracts.Folder);
        }
        catch (LedgerSourceException e)
        {
            throw new UserError(e.Message, e);
        }
    }
}
