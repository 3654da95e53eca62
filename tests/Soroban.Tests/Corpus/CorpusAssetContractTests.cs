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
}
