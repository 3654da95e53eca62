using Replay.History.Cases;
using Replay.History.Tests.Support;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.Corpus;

/// <summary>The whole recorded corpus through state and case building, against what the network recorded.</summary>
public sealed class CorpusCaseTests
{
    private static readonly Lazy<Task<Runs.Result>> CoreTests = new(() => Runs.MetaAsync(SharedData.PathOf("corpus", "core-tests")));

    [SharedFact]
    public async Task Every_core_tests_operation_is_a_case_or_not_applied_and_every_check_matches()
    {
        var run = await CoreTests.Value;
        var s = run.Summary;
        Assert.Equal(3211, s.Ledgers);
        Assert.Equal(2567, s.Transactions);
        Assert.Equal(1875, s.Invocations);
        Assert.Equal(1874, s.Cases);
        Assert.Equal(1, s.NotApplied);
        Assert.Empty(s.NotReplayable);
        Assert.Equal(s.Invocations, s.Cases + s.NotApplied);
        Assert.Equal((531, 531), (s.PreState.Checked, s.PreState.Matched));
        Assert.Equal((3211, 3211), (s.TxSetHash.Checked, s.TxSetHash.Matched));
        Assert.Equal((1744, 1744), (s.SuccessHash.Checked, s.SuccessHash.Matched));
        Assert.Equal(0, s.StateMismatches);
        Assert.Empty(run.Warnings);
        var notApplied = Assert.Single(run.Results.OfType<NotApplied>());
        Assert.Equal(TransactionResultCode.TxNoAccount, notApplied.TransactionResult);
    }

    [SharedFact]
    public async Task Cores_pre_host_failures_and_host_calls_agree_with_every_recorded_result()
    {
        var run = await CoreTests.Value;
        var byPlan = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in run.Results.OfType<BuiltCase>().Select(b => b.Case))
        {
            var plan = HostCallPlan.Prepare(c);
            if (plan.CallsHost)
                Assert.NotEqual(InvokeHostFunctionResultCode.EntryArchived, c.Recorded.OperationResult);
            else
                Assert.Equal(plan.FailureCode, c.Recorded.OperationResult);
            var key = (plan.CallsHost ? "host " : "core ") + c.Recorded.OperationResult;
            byPlan[key] = byPlan.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["core EntryArchived"] = 32,
            ["core ResourceLimitExceeded"] = 3,
            ["host InsufficientRefundableFee"] = 6,
            ["host ResourceLimitExceeded"] = 7,
            ["host Success"] = 1744,
            ["host Trapped"] = 82,
        }, byPlan);
    }

    [SharedFact]
    public async Task Cases_carry_core_metrics_and_round_trip_through_both_forms()
    {
        var run = await CoreTests.Value;
        var cases = run.Results.OfType<BuiltCase>().Select(b => b.Case).ToList();
        // Only the network that ran with diagnostic events disabled (complex_contract-diagnostics_disabled) lacks core_metrics.
        var withoutMetrics = cases.Where(c => c.Recorded.CpuInstructions is null || c.Recorded.MemoryBytes is null).ToList();
        Assert.Equal(6, withoutMetrics.Count);
        Assert.All(withoutMetrics, c => Assert.EndsWith("22df21f5f58e57ba.xdr", c.Provenance.Object, StringComparison.Ordinal));
        Assert.All(withoutMetrics, c => Assert.Empty(c.Recorded.DiagnosticEvents));
        foreach (var (c, i) in cases.Select((c, i) => (c, i)))
        {
            var bytes = CaseBinary.Encode(c);
            Assert.Equal(bytes, CaseBinary.Encode(CaseBinary.Decode(bytes)));
            if (i % 25 == 0)
                Assert.Equal(bytes, CaseBinary.Encode(CaseJson.FromJson(CaseJson.ToJson(c))));
        }
    }

    [SharedFact]
    public async Task The_prng_seed_is_sha256_of_the_recorded_tx_set_hash_and_the_uint64_apply_index()
    {
        var run = await CoreTests.Value;
        var headers = new Dictionary<(string, uint), Hash>();
        foreach (var c in run.Results.OfType<BuiltCase>().Select(b => b.Case).Where((_, i) => i % 50 == 0))
        {
            var file = c.Provenance.Object;
            if (!headers.ContainsKey((file, c.Id.Ledger)))
            {
                foreach (var l in Replay.Stellar.Streams.LedgerCloseMetaReader.ReadFile(file))
                {
                    var h = Replay.Stellar.Domain.LedgerTransactions.HeaderOf(l).Header;
                    headers[(file, h.LedgerSeq)] = h.ScpValue.TxSetHash;
                }
            }
            var input = new byte[40];
            headers[(file, c.Id.Ledger)].CopyTo(input);
            input[39] = (byte)c.Id.TransactionIndex;
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(input)), c.PrngSeed.ToString());
        }
    }

    [SharedFact]
    public async Task A_network_read_alone_or_within_its_directory_gives_byte_identical_cases()
    {
        var all = await CoreTests.Value;
        var file = SharedData.PathOf("corpus", "core-tests", "318b008d239ea9d8.xdr");
        var alone = await Runs.MetaAsync(file);
        var again = await Runs.MetaAsync(file);
        var aloneCases = alone.Results.OfType<BuiltCase>().Select(r => Convert.ToHexString(CaseBinary.Encode(r.Case))).ToList();
        Assert.Equal(12, aloneCases.Count);
        Assert.Equal(aloneCases, again.Results.OfType<BuiltCase>().Select(r => Convert.ToHexString(CaseBinary.Encode(r.Case))));
        // Within the directory only the provenance's source differs.
        Assert.Equal(aloneCases, all.Results.OfType<BuiltCase>()
            .Where(r => r.Case.Provenance.Object.EndsWith("318b008d239ea9d8.xdr", StringComparison.Ordinal))
            .Select(r => Convert.ToHexString(CaseBinary.Encode(WithSource(r.Case, "meta:" + file)))));
    }

    private static ReplayCase WithSource(ReplayCase c, string source) => CaseBinary.Decode(CaseBinary.Encode(c)) is var copy
        ? new ReplayCase
        {
            Id = copy.Id, Provenance = copy.Provenance with { Source = source, Object = c.Provenance.Object }, LedgerInfo = copy.LedgerInfo, Settings = copy.Settings,
            HostFunction = copy.HostFunction, Resources = copy.Resources, ArchivedEntryIndices = copy.ArchivedEntryIndices, ResourceFee = copy.ResourceFee, TransactionSizeBytes = copy.TransactionSizeBytes,
            SourceAccount = copy.SourceAccount, Auth = copy.Auth, Footprint = copy.Footprint, PrngSeed = copy.PrngSeed, Recorded = copy.Recorded,
        }
        : throw new InvalidOperationException();

    [SharedFact]
    public async Task The_pubnet_batch_operation_is_not_replayable_and_names_its_missing_read_only_entries()
    {
        var run = await Runs.MetaAsync(SharedData.PathOf("corpus", "pubnet"));
        var nr = Assert.IsType<NotReplayable>(Assert.Single(run.Results));
        Assert.Equal(NotReplayable.MissingState, nr.Reason);
        Assert.Equal(53312000u, nr.Id.Ledger);
        Assert.Equal(162, nr.Id.TransactionIndex);
        Assert.Equal("f551d9cfa65681c9376db2fc0efcc8ef9045c306c0b54e779c0a70514dec880f", nr.Id.TransactionHash.ToString());
        // Eleven config settings, then the footprint's entries and their TTLs.
        Assert.Equal(11, nr.MissingKeys.Count(k => k is LedgerKey.ConfigSetting));
        var entries = nr.MissingKeys.Where(k => k is not LedgerKey.ConfigSetting).Select(XdrJsonText.ToJson).ToList();
        Assert.Contains("{\"contract_code\":{\"hash\":\"df88820e231ad8f3027871e5dd3cf45491d7b7735e785731466bfc2946008608\"}}", entries);
        Assert.Equal(33, nr.MissingKeys.Length);
        Assert.Equal(1, run.Summary.SuccessHash.Checked);
        Assert.Equal(1, run.Summary.SuccessHash.Matched);
    }

    [SharedFact]
    public async Task Test_network_genesis_settings_come_from_the_first_config_pre_images_else_from_the_test_config_file()
    {
        var run = await CoreTests.Value;
        BuiltCase First(string file) => run.Results.OfType<BuiltCase>().First(b => b.Case.Provenance.Object.EndsWith(file, StringComparison.Ordinal));

        // Started from the high-limit override: the pre-images of its first config upgrade (ledger 6) say so.
        var highLimit = First("221f1cad327fb891.xdr").Case;
        Assert.Equal(3u, highLimit.Id.Ledger);
        Assert.Equal(200_000_000u, highLimit.LedgerInfo.MemoryLimit);
        Assert.Equal(250_000_000, highLimit.Settings.Compute.TxMaxInstructions);

        // No config upgrade at all: everything but the window from core-test-network-config.json, and the case says so;
        // the window is core's genesis window (30 copies of the empty bucket list's size), kept as core keeps it.
        var noUpgrade = First("3db91544d5ae2281.xdr").Case;
        Assert.Equal(2_000_000u, noUpgrade.LedgerInfo.MemoryLimit);
        Assert.StartsWith("core-test-network-config.json genesis values of protocol 27 for ContractMaxSizeBytes, ContractComputeV0, ", noUpgrade.Provenance.Settings, StringComparison.Ordinal);
        Assert.EndsWith("(test networks do not write their genesis settings into the stream); the rest from ledger state", noUpgrade.Provenance.Settings, StringComparison.Ordinal);
        Assert.Equal(new ulong[30], noUpgrade.Settings.StateSizeWindow);

        // Cost parameters are never upgraded in these networks: they always come from the file.
        var typical = First("21c43b92b819267f.xdr").Case;
        Assert.Equal("core-test-network-config.json genesis values of protocol 26 for ContractCostParamsCpuInstructions, ContractCostParamsMemoryBytes (test networks do not write their genesis settings into the stream); the rest from ledger state",
            typical.Provenance.Settings);
        Assert.Equal(86, typical.LedgerInfo.CpuCostParams.Length);
        Assert.Equal(4, typical.LedgerInfo.CpuCostParams[0].ConstTerm);
    }
}
