using Replay.Engines;
using Replay.History.Cases;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Corpus;

/// <summary>
/// The corpus verification of the Stellar Asset Contract: the operations of corpus/core-tests that
/// create an asset contract (CreateContract / CreateContractV2 with an asset preimage) or run one
/// (an InvokeContract whose footprint holds an asset contract's instance), replayed on the stack
/// engine and compared with what stellar-core recorded (result code, return value, contract events,
/// ledger changes, diagnostic events, core metrics with cpu_insn and mem_byte), and on every
/// register variant against the stack engine.
/// </summary>
public sealed class CorpusAssetContractTests
{
    internal static bool InvolvesAssetContract(ReplayCase c) => c.HostFunction switch
    {
        HostFunction.CreateContract cc => cc.Value.ContractIDPreimage is ContractIDPreimage.Asset,
        HostFunction.CreateContractV2 cc => cc.Value.ContractIDPreimage is ContractIDPreimage.Asset,
        HostFunction.InvokeContract => c.Footprint.Any(f => f.Entry?.Data is LedgerEntryData.ContractData
        {
            Value.Val: SCVal.ContractInstance { Value.Executable: ContractExecutable.StellarAsset }
        }),
        _ => false,
    };

    internal static string FunctionOf(ReplayCase c) => c.HostFunction switch
    {
        HostFunction.InvokeContract ic => ic.Value.FunctionName.ToString(),
        _ => "create_asset_contract",
    };

    private static readonly Lazy<Task<List<(ReplayCase Case, Outcome Outcome)>>> StackRuns = new(async () =>
    {
        var engine = CorpusInvocationTests.CreateEngine(EngineCatalog.GetVariant("stack/Eager"));
        return [.. (await CorpusInvocationTests.Cases.Value).Where(InvolvesAssetContract).Select(c => (c, Invoker.Run(c, engine)))];
    });

    private sealed record Counts(int Total, int Exact, int WithMetrics, int CpuExact, int MemExact, int Successes, int Failures);

    [SharedFact]
    public async Task TheCorpusExercisesCreationTransfersMintsBurnsClawbacksAndTrust()
    {
        var byFunction = (await StackRuns.Value).GroupBy(r => $"p{r.Case.LedgerInfo.ProtocolVersion} {FunctionOf(r.Case)}")
            .ToDictionary(g => g.Key, g => g.Count());
        // transfer_1 is a Wasm contract's function that calls the asset contract's transfer.
        var expected = new Dictionary<string, int>
        {
            ["p23 create_asset_contract"] = 9,
            ["p26 create_asset_contract"] = 2,
            ["p26 transfer"] = 7,
            ["p26 mint"] = 5,
            ["p26 burn"] = 2,
            ["p26 clawback"] = 6,
            ["p26 trust"] = 2,
            ["p26 transfer_1"] = 1,
            ["p27 create_asset_contract"] = 1,
            ["p27 transfer"] = 5,
            ["p27 transfer_1"] = 2,
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), byFunction.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [SharedFact]
    public async Task StackEngineReplaysEveryAssetContractOperationToItsRecording()
    {
        var runs = await StackRuns.Value;
        var counts = new Dictionary<string, Counts>();
        var mismatches = new List<string>();
        foreach (var group in runs.GroupBy(r => $"p{r.Case.LedgerInfo.ProtocolVersion}"))
        {
            var tally = new RecordingTally();
            foreach (var (c, o) in group)
                tally.Add(c, o, " " + FunctionOf(c));
            Assert.Empty(tally.NotImplemented);
            Assert.Empty(tally.Unjudged);
            mismatches.AddRange(tally.Mismatches);
            var successes = group.Count(r => r.Case.Recorded.OperationResult == InvokeHostFunctionResultCode.Success);
            counts[group.Key] = new Counts(tally.Total, tally.Exact, tally.WithMetrics, tally.CpuExact, tally.MemExact, successes, tally.Total - successes);
        }
        Assert.Empty(mismatches);
        // Per protocol: total, exact to the recording (result, return value, contract events, ledger
        // changes, diagnostic events, core metrics), with core metrics, cpu_insn exact, mem_byte
        // exact, recorded successes, recorded failures.
        var expected = new Dictionary<string, Counts>
        {
            ["p23"] = new(9, 9, 9, 9, 9, 9, 0),
            ["p26"] = new(25, 25, 25, 25, 25, 19, 6),
            ["p27"] = new(8, 8, 8, 8, 8, 5, 3),
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), counts.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    /// <summary>The recorded failures, each with the error the asset contract (or the host around it) raised.</summary>
    [SharedFact]
    public async Task TheRecordedFailuresFailWithTheReferenceErrors()
    {
        var failures = (await StackRuns.Value)
            .Where(r => r.Case.Recorded.OperationResult != InvokeHostFunctionResultCode.Success)
            .Select(r => $"p{r.Case.LedgerInfo.ProtocolVersion} {FunctionOf(r.Case)} {r.Outcome.Error?.Message}")
            .Order(StringComparer.Ordinal)
            .ToList();
        string[] expected =
        [
            "p26 burn (Contract, #2): operation invalid on issuer",
            "p26 clawback (Contract, #10): balance is not sufficient to spend",
            "p26 clawback (Contract, #10): balance isn't clawbackable",
            "p26 clawback (Contract, #10): resulting balance is not within the allowed range",
            "p26 clawback (Contract, #10): trustline isn't clawbackable",
            "p26 transfer (Contract, #10): resulting balance is not within the allowed range",
            "p27 transfer (Object, UnexpectedType): encountered unsupported ScAddress type",
            "p27 transfer (Object, UnexpectedType): encountered unsupported ScAddress type",
            "p27 transfer_1 (WasmVm, InvalidAction): unreachable",
        ];
        Assert.Equal(expected, failures);
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
            var d = CorpusInvocationTests.DifferencesBetween(a, Invoker.Run(c, register));
            if (d.Count > 0)
                differing.Add($"{c.Id}: {string.Join(", ", d)}");
        }
        Assert.Empty(differing);
        Assert.Equal(42, (await StackRuns.Value).Count);
    }
}
