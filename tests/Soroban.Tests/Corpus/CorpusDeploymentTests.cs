using Replay.Engines;
using Replay.History.Cases;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Corpus;

/// <summary>
/// The corpus verification of deployment: the CreateContract, CreateContractV2 and
/// UploadContractWasm operations of corpus/core-tests, replayed on the stack engine and compared
/// with what stellar-core recorded (result code, return value, contract events, ledger changes,
/// diagnostic events and core metrics, cpu_insn and mem_byte among them), and on every register
/// variant against the stack engine. The Wasm deployments carry the deployer's authorization as a
/// source-account entry whose root is the create-contract host function (CreateContractHostFn in
/// protocol 20, CreateContractV2HostFn from 23), so they cover the create-contract auth frame,
/// the conversion of that entry and the comparison of create-contract arguments.
/// </summary>
public sealed class CorpusDeploymentTests
{
    private static async Task<List<ReplayCase>> DeploymentsAsync() =>
        [.. (await CorpusInvocationTests.Cases.Value).Where(c => c.HostFunction is HostFunction.CreateContract
            or HostFunction.CreateContractV2 or HostFunction.UploadContractWasm)];

    private static readonly Lazy<Task<List<(ReplayCase Case, Outcome Outcome)>>> StackRuns = new(async () =>
    {
        var engine = CorpusInvocationTests.CreateEngine(EngineCatalog.GetVariant("stack/Eager"));
        return [.. (await DeploymentsAsync()).Select(c => (c, Invoker.Run(c, engine)))];
    });

    /// <summary>
    /// A p27 upload the network failed with INSUFFICIENT_REFUNDABLE_FEE (core's refundable-fee
    /// check after the host succeeded; see CorpusInvocationTests), replayed exactly.
    /// </summary>
    private const string RefundableFeeFailure = "c7a57dd55ba00607a819ec4141b1ec8f439f407801925e3635d33d08287e42d5";

    private static string KindOf(ReplayCase c) => c.HostFunction switch
    {
        HostFunction.CreateContract => "CreateContract",
        HostFunction.CreateContractV2 => "CreateContractV2",
        _ => "UploadContractWasm",
    };

    private sealed record Counts(int Total, int NotImplemented, int Exact, int Unjudged, int WithMetrics, int CpuExact, int MemExact);

    [SharedFact]
    public async Task TheDeploymentsCarryTheCreateContractAuthorization()
    {
        var cases = (await StackRuns.Value).Select(r => r.Case).ToList();
        // Every Wasm deployment is authorized by one source-account entry whose root is the
        // create-contract host function, without sub-invocations; asset contract creations carry none.
        var byKind = cases.Where(c => c.HostFunction is not HostFunction.UploadContractWasm)
            .GroupBy(c => $"p{c.LedgerInfo.ProtocolVersion} " + string.Join("+", c.Auth.Select(a =>
                $"{a.Credentials.GetType().Name}:{a.RootInvocation.Function.GetType().Name}:{a.RootInvocation.SubInvocations.Length}")))
            .ToDictionary(g => g.Key, g => g.Count());
        var expected = new Dictionary<string, int>
        {
            ["p20 SourceAccount:CreateContractHostFn:0"] = 3,
            ["p23 SourceAccount:CreateContractV2HostFn:0"] = 20,
            ["p23 "] = 9,
            ["p26 SourceAccount:CreateContractV2HostFn:0"] = 27,
            ["p26 "] = 2,
            ["p27 SourceAccount:CreateContractV2HostFn:0"] = 455,
            ["p27 "] = 1,
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), byKind.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.All(cases.Where(c => c.HostFunction is HostFunction.UploadContractWasm), c => Assert.Empty(c.Auth));
    }

    [SharedFact]
    public async Task StackEngineReplaysEveryDeploymentToItsRecording()
    {
        var runs = await StackRuns.Value;
        var counts = new Dictionary<string, Counts>();
        var mismatches = new List<string>();
        var unjudged = new List<string>();
        var refundableFee = new List<string>();
        foreach (var group in runs.GroupBy(r => $"{KindOf(r.Case)} p{r.Case.LedgerInfo.ProtocolVersion}"))
        {
            var tally = new RecordingTally();
            foreach (var (c, o) in group)
            {
                if (tally.Add(c, o) && o.ResultCode == InvokeHostFunctionResultCode.InsufficientRefundableFee)
                    refundableFee.Add(c.Id.TransactionHash.ToString());
            }
            mismatches.AddRange(tally.Mismatches);
            unjudged.AddRange(tally.Unjudged);
            counts[group.Key] = new Counts(tally.Total, tally.NotImplemented.Count, tally.Exact, tally.Unjudged.Count, tally.WithMetrics, tally.CpuExact, tally.MemExact);
        }
        Assert.Empty(mismatches);
        Assert.Empty(unjudged);
        Assert.Equal([RefundableFeeFailure], refundableFee);
        // Per operation kind and protocol: total, not implemented (none: asset contracts are created too),
        // exact to the recording, unjudged refundable fee, with core metrics, cpu_insn exact, mem_byte exact.
        var expected = new Dictionary<string, Counts>
        {
            ["CreateContract p20"] = new(3, 0, 3, 0, 3, 3, 3),
            ["CreateContract p23"] = new(29, 0, 29, 0, 29, 29, 29),
            ["CreateContract p26"] = new(29, 0, 29, 0, 29, 29, 29),
            ["CreateContract p27"] = new(456, 0, 456, 0, 454, 454, 454),
            ["UploadContractWasm p20"] = new(4, 0, 4, 0, 4, 4, 4),
            ["UploadContractWasm p23"] = new(46, 0, 46, 0, 46, 46, 46),
            ["UploadContractWasm p26"] = new(43, 0, 43, 0, 43, 43, 43),
            ["UploadContractWasm p27"] = new(543, 0, 543, 0, 541, 541, 541),
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), counts.OrderBy(kv => kv.Key, StringComparer.Ordinal));
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
        var same = 0;
        foreach (var (c, a) in await StackRuns.Value)
        {
            var b = Invoker.Run(c, register);
            Assert.Equal(a.Status == OutcomeStatus.NotImplemented, b.Status == OutcomeStatus.NotImplemented);
            if (a.Status == OutcomeStatus.NotImplemented)
                continue;
            var d = CorpusInvocationTests.DifferencesBetween(a, b);
            if (d.Count > 0)
                differing.Add($"{c.Id}: {string.Join(", ", d)}");
            else
                same++;
        }
        Assert.Empty(differing);
        Assert.Equal(1153, same);
    }
}
