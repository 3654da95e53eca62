using Replay.Engines;
using Replay.History;
using Replay.History.Building;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Soroban.Invocation;
using Replay.Soroban.Profile;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Tests.Corpus;

/// <summary>
/// The corpus verification of the invocation path: the InvokeContract operations of
/// corpus/core-tests that need no address credentials (calls of Wasm contracts and of the Stellar
/// Asset Contract, directly or from Wasm), replayed on every engine variant and compared with what
/// stellar-core recorded.
/// </summary>
public sealed class CorpusInvocationTests
{
    internal static readonly Lazy<Task<List<ReplayCase>>> Cases = new(LoadAsync);

    private static async Task<List<ReplayCase>> LoadAsync()
    {
        var runner = new CaseRunner(new CaseRunOptions
        {
            Source = new MetaSource(SharedData.PathOf("corpus", "core-tests")),
            Range = new LedgerRange(0, null),
            Stores = new InMemoryLedgerStateStoreFactory(),
            TestNetworkConfig = CoreTestNetworkConfig.Load(SharedData.PathOf("soroban", CoreTestNetworkConfig.FileName)),
            CodeRentSize = Replay.Soroban.Invocation.Fees.ContractCodeRentSize,
        });
        var cases = new List<ReplayCase>();
        await foreach (var r in runner.RunAsync())
        {
            if (r is BuiltCase b)
                cases.Add(b.Case);
        }
        return cases;
    }

    /// <summary>InvokeContract operations whose auth entries (if any) are all source-account credentials.</summary>
    private static async Task<List<ReplayCase>> InvocationsWithoutAddressCredentialsAsync() =>
        [.. (await Cases.Value).Where(c => c.HostFunction is HostFunction.InvokeContract
            && c.Auth.All(a => a.Credentials is SorobanCredentials.SourceAccount))];

    /// <summary>Every in-scope case with its stack engine outcome (run once for all tests).</summary>
    private static readonly Lazy<Task<List<(ReplayCase Case, Outcome Outcome)>>> StackRuns = new(async () =>
    {
        var engine = CreateEngine(EngineCatalog.GetVariant("stack/Eager"));
        return [.. (await InvocationsWithoutAddressCredentialsAsync()).Select(c => (c, Invoker.Run(c, engine)))];
    });

    /// <summary>
    /// Operations the network failed with INSUFFICIENT_REFUNDABLE_FEE: the host succeeds, then
    /// core's refundable-fee check fails on the rent (the declared resource fee less the
    /// non-refundable fee core computes, against rent priced from the rebuilt state size window).
    /// Each replays exactly, core's diagnostic message and figures included.
    /// </summary>
    private static readonly string[] RefundableFeeFailures =
    [
        "ab19214e96a918b912f2ce3f9e2f8e669323adb783dda2a6f941e4a558422bf6", // p27 put_persistent (two test runs)
        "ab19214e96a918b912f2ce3f9e2f8e669323adb783dda2a6f941e4a558422bf6",
        "aefd614415bfdb783e811f0af590d9d18c05c02f123ec255b038f5ac5a956c34", // p27 replace_with_bytes_and_extend
        "c238d06b003f68b8011d61c1ec7d3108a34c57155d1ffcbfed3bebd68c392146", // p27 replace_with_bytes_and_extend
        "c27ad5538ada10cd838f2a1c0d3d540d6bd8b38dd4efd12a476f8f383f0de982", // p23 extend_persistent
    ];

    [SharedFact]
    public async Task StackEngineReplaysEveryOperationToItsRecording()
    {
        var runs = await StackRuns.Value;
        Assert.Equal(634, runs.Count);

        var tally = new RecordingTally();
        var refundableFee = new List<string>();
        foreach (var (c, o) in runs)
        {
            if (tally.Add(c, o) && o.ResultCode == InvokeHostFunctionResultCode.InsufficientRefundableFee)
                refundableFee.Add(c.Id.TransactionHash.ToString());
        }

        // Nothing is left out: the 29 calls reaching the Stellar Asset Contract run too (see CorpusAssetContractTests).
        Assert.Empty(tally.NotImplemented);
        Assert.Empty(tally.Mismatches);
        Assert.Equal(634, tally.Exact);
        Assert.Empty(tally.Unjudged);
        Assert.Equal(RefundableFeeFailures.Order(StringComparer.Ordinal), refundableFee.Order(StringComparer.Ordinal));
        // core_metrics cpu_insn and mem_byte (recorded for every operation run with diagnostics on).
        Assert.Equal((632, 632, 632), (tally.WithMetrics, tally.CpuExact, tally.MemExact));
    }

    /// <summary>
    /// Where a register variant's outcome differs from the stack engine's, and why: each is a cost
    /// effect (the engines' fuel differs, so a budget limit is reached at another point or by one
    /// engine only).
    /// </summary>
    public static TheoryData<string, string[]> RegisterVariants => new()
    {
        // p20 "sum": both engines exceed the 6,000,000 instruction limit, at different points of the loop (diagnostic events differ).
        { "register/Eager", ["dfa22937ef30b473954e45daf76ad72267e3fe9d08f2ca35be752edce464b3b7"] },
        // The same, and p27 "add" (limit 300,000): the stack engine uses 297,895, the lazy register engine
        // charges compilation fuel at first call and passes the limit.
        { "register/LazyTranslation", ["13090e8f662ba487f03346b694c2d6073bbddd34a43cc65eacc32bedded62514", "dfa22937ef30b473954e45daf76ad72267e3fe9d08f2ca35be752edce464b3b7"] },
        { "register/Lazy", ["13090e8f662ba487f03346b694c2d6073bbddd34a43cc65eacc32bedded62514", "dfa22937ef30b473954e45daf76ad72267e3fe9d08f2ca35be752edce464b3b7"] },
    };

    [SharedTheory]
    [MemberData(nameof(RegisterVariants))]
    public async Task RegisterEngineReachesTheStackEnginesOutcomeUpToCostEffects(string variant, string[] costEffects)
    {
        var register = CreateEngine(EngineCatalog.GetVariant(variant));
        var same = 0;
        var differing = new List<string>();
        foreach (var (c, a) in await StackRuns.Value)
        {
            var b = Invoker.Run(c, register);
            Assert.Equal(a.Status == OutcomeStatus.NotImplemented, b.Status == OutcomeStatus.NotImplemented);
            if (a.Status == OutcomeStatus.NotImplemented)
                continue;
            if (DifferencesBetween(a, b).Count == 0)
            {
                same++;
                continue;
            }
            differing.Add(c.Id.TransactionHash.ToString());
            // A cost effect: the register engine ran out of budget (and the stack engine did not, or did too).
            Assert.True(b.Error?.Error is SCError.Budget { Value: SCErrorCode.ExceededLimit }, $"{c.Id}: {string.Join(", ", DifferencesBetween(a, b))}");
        }
        Assert.Equal(costEffects.Order(StringComparer.Ordinal), differing.Order(StringComparer.Ordinal));
        Assert.Equal(634 - costEffects.Length, same);
    }

    internal static IEngine CreateEngine(EngineVariant v) => v.Create(SorobanProfile.Config(v.Engine.Generation, v.Mode));

    private static string Enc<T>(T v) where T : IXdrType<T> => Convert.ToHexString(XdrCodec.Encode(v));

    /// <summary>Result code, return value, contract events, ledger changes (without core's STATE pre-images), diagnostic events and core metrics.</summary>
    internal static List<string> DifferencesFromRecording(ReplayCase c, Outcome o)
    {
        var r = c.Recorded;
        var d = new List<string>();
        if (o.ResultCode != r.OperationResult)
            d.Add($"result {o.ResultCode} (recorded {r.OperationResult})");
        if ((r.ReturnValue is null ? null : Enc(r.ReturnValue)) != (o.ReturnValue is null ? null : Enc(o.ReturnValue)))
            d.Add("return value");
        if (!r.ContractEvents.Select(Enc).SequenceEqual(o.ContractEvents.Select(Enc)))
            d.Add("contract events");
        var recordedChanges = r.LedgerChanges.Where(x => x is not LedgerEntryChange.State).Select(Enc).Order(StringComparer.Ordinal);
        if (!recordedChanges.SequenceEqual(o.LedgerChanges.Select(Enc).Order(StringComparer.Ordinal)))
            d.Add("ledger changes");
        var recordedDiagnostics = r.DiagnosticEvents.Where(e => MetricOf(e) is null).Select(Enc);
        if (!recordedDiagnostics.SequenceEqual(o.DiagnosticEvents.Select(Enc)))
            d.Add("diagnostic events");
        if (r.DiagnosticEvents.Length > 0)
        {
            var recordedMetrics = r.DiagnosticEvents.Select(MetricOf).OfType<CoreMetric>().Where(m => m.Name != "invoke_time_nsecs");
            if (!recordedMetrics.SequenceEqual(o.CoreMetrics))
                d.Add("core metrics");
        }
        return d;
    }

    private static CoreMetric? MetricOf(DiagnosticEvent e) =>
        e.Event.Body is ContractEventBody.V0 { Value: { Topics: [SCVal.Symbol { Value: var t0 }, SCVal.Symbol { Value: var name }], Data: SCVal.U64 { Value: var value } } }
        && t0.ToString() == "core_metrics"
            ? new CoreMetric(name.ToString(), value)
            : null;

    internal static List<string> DifferencesBetween(Outcome a, Outcome b)
    {
        var d = new List<string>();
        if (a.ResultCode != b.ResultCode)
            d.Add($"result {a.ResultCode} / {b.ResultCode}");
        if ((a.ReturnValue is null ? null : Enc(a.ReturnValue)) != (b.ReturnValue is null ? null : Enc(b.ReturnValue)))
            d.Add("return value");
        if (!a.ContractEvents.Select(Enc).SequenceEqual(b.ContractEvents.Select(Enc)))
            d.Add("contract events");
        if (!a.LedgerChanges.Select(Enc).SequenceEqual(b.LedgerChanges.Select(Enc)))
            d.Add("ledger changes");
        if (!a.DiagnosticEvents.Select(Enc).SequenceEqual(b.DiagnosticEvents.Select(Enc)))
            d.Add("diagnostic events");
        return d;
    }
}
