using System.CommandLine;
using Replay.Engines;
using Replay.History.Cases;
using Replay.Soroban.Invocation;
using Replay.Soroban.Profile;
using Replay.Wasm.Runtime;

namespace Replay.Replayer.Cli;

/// <summary>`replay invoke --case FILE --engine stack|register [--mode MODE]`: runs one replay case on one engine and prints its outcome.</summary>
public sealed class InvokeCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var casePath = new Option<string>("--case") { Description = "A replay case file (as `replay cases --out` writes them)", Required = true };
        var engine = new Option<string>("--engine") { Description = "stack or register", DefaultValueFactory = _ => EngineCatalog.Stack.Name };
        engine.AcceptOnlyFromAmong([.. EngineCatalog.All.Select(e => e.Name)]);
        var mode = new Option<string?>("--mode") { Description = "Compilation mode of the register engine: Eager, LazyTranslation or Lazy (default: the engine's first)" };
        var command = new Command("invoke", "Run one replay case on one engine and print the outcome") { casePath, engine, mode };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(casePath)!;
            if (!File.Exists(path))
                throw new UserError($"{path}: no such file");
            ReplayCase c;
            try
            {
                c = CaseBinary.Decode(File.ReadAllBytes(path));
            }
            catch (CaseFormatException e)
            {
                throw new UserError($"{path}: not a replay case: {e.Message}", e);
            }
            var entry = EngineCatalog.Get(parse.GetValue(engine)!);
            var compilation = entry.Modes[0];
            if (parse.GetValue(mode) is { } m)
            {
                if (!Enum.TryParse(m, ignoreCase: false, out compilation) || !entry.Modes.Contains(compilation))
                    throw new UserError($"--mode {m}: the {entry.Name} engine runs in {string.Join(", ", entry.Modes)}");
            }
            var wasm = entry.Create(SorobanProfile.Config(entry.Generation, compilation));
            var outcome = Invoker.Run(c, wasm);
            if (parse.GetValue(globals.Json))
            {
                JsonOutput.Write(output, w => OutcomeJson.Write(w, outcome));
                return ExitCodes.Ok;
            }
            output.WriteLine(OutcomeJson.Summary(outcome));
            if (outcome.ReturnValue is { } rv)
                output.WriteLine($"return value: {Stellar.Json.XdrJsonText.ToJson(rv)}");
            if (outcome.Error is { } err)
                output.WriteLine($"error: {err.Error.Type} {err.Message}{(err.Trap is { } t ? $" (trap {t})" : "")}");
            output.WriteLine($"ledger changes: {outcome.LedgerChanges.Count}, contract events: {outcome.ContractEvents.Count}, diagnostic events: {outcome.DiagnosticEvents.Count}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
