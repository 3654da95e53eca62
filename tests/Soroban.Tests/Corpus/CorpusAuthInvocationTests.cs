using Replay.Engines;
using Replay.History.Cases;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Corpus;

/// <summary>
/// The corpus verification of authorization: the InvokeContract operations of corpus/core-tests
/// that carry address credentials (SOROBAN_CREDENTIALS_ADDRESS, ADDRESS_V2,
/// ADDRESS_WITH_DELEGATES; all at protocol 27), replayed on the stack engine and compared with
/// what stellar-core recorded: result code, return value, contract events, ledger changes (the
/// consumed nonces among them), diagnostic events and core metrics; and on every register variant
/// against the stack engine. The operations without address credentials are
/// <see cref="CorpusInvocationTests"/>'s.
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

    private static int CountCredentials<T>(IEnumerable<ReplayCase> cases) where T : SorobanCredentials =>
        cases.Count(c => c.Auth.Any(a => a.Credentials is T));

    [SharedFact]
    public async Task TheCorpusHasAddressCredentialsOfEveryKind()
    {
        var cases = (await StackRuns.Value).Select(r => r.Case).ToList();
        Assert.Equal(87, cases.Count);
        Assert.All(cases, c => Assert.Equal(27u, c.LedgerInfo.ProtocolVersion));
        // Operations with at least one entry of each kind (an operation may carry several kinds).
        Assert.Equal(21, CountCredentials<SorobanCredentials.Address>(cases));
        Assert.Equal(69, CountCredentials<SorobanCredentials.AddressV2>(cases));
        Assert.Equal(2, CountCredentials<SorobanCredentials.AddressWithDelegates>(cases));
        // Entries: 21 ADDRESS, 112 ADDRESS_V2, 2 ADDRESS_WITH_DELEGATES.
        var entries = cases.SelectMany(c => c.Auth).ToList();
        Assert.Equal(21, entries.Count(e => e.Credentials is SorobanCredentials.Address));
        Assert.Equal(112, entries.Count(e => e.Credentials is SorobanCredentials.AddressV2));
        Assert.Equal(2, entries.Count(e => e.Credentials is SorobanCredentials.AddressWithDelegates));
    }

    [SharedFact]
    public async Task StackEngineReplaysEveryAddressCredentialOperationToItsRecording()
    {
        var runs = await StackRuns.Value;
        var tally = new RecordingTally();
        var results = new Dictionary<string, int>();
        foreach (var (c, o) in runs)
        {
            var key = $"{o.ResultCode} {o.Error?.Message}".TrimEnd();
            results[key] = results.GetValueOrDefault(key) + 1;
            tally.Add(c, o);
        }
        Assert.Empty(tally.NotImplemented);
        Assert.Empty(tally.Mismatches);
        Assert.Equal((87, 87, 87, 87), (tally.Exact, tally.WithMetrics, tally.CpuExact, tally.MemExact));
        // The outcomes exercised: successes, the auth failure paths (a nonce already consumed,
        // failed signatures of accounts and custom accounts, an unauthorized call) and malformed
        // entries (rejected while the host converts them, before the call).
        var expected = new Dictionary<string, int>
        {
            ["Success"] = 28,
            ["Trapped (Auth, ExistingValue): nonce already exists for address"] = 22,
            ["Trapped (Auth, InvalidAction): Unauthorized function call for address"] = 1,
            ["Trapped (Auth, InvalidAction): failed account authentication with error"] = 21,
            ["Trapped (Object, InvalidInput): map keys are not strictly increasing"] = 2,
            ["Trapped (Value, InvalidInput): byte is not allowed in Symbol"] = 10,
            ["Trapped (Value, UnexpectedType): ScVal cannot be represented as a Val"] = 3,
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), results.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    /// <summary>Every register variant reaches the stack engine's outcome on these operations.</summary>
    [SharedTheory]
    [InlineData("register/Eager")]
    [InlineData("register/LazyTranslation")]
    [InlineData("register/Lazy")]
    public async Task RegisterEngineReachesTheStackEnginesOutcome(string variant)
    {
        var register = CorpusInvocationTests.CreateEngine(EngineCatalog.GetVariant(variant));
        var differing = new List<string>();
        foreach (var (c, a) in await StackRuns.Value)
        {
            var b = Invoker.Run(c, register);
            var d = CorpusInvocationTests.DifferencesBetween(a, b);
            if (d.Count > 0)
                differing.Add($"{c.Id}: {string.Join(", ", d)}");
        }
        Assert.Empty(differing);
    }
}
