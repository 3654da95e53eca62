using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Replay.Soroban.Budget;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Sample;

/// <summary>
/// The sample network: its passphrase, protocol, fees and Soroban settings. The settings are
/// pubnet-like limits chosen for the sample (generous enough for the compute-heavy contract),
/// with the host's own default cost parameters (the 70 cost types of protocol 23).
/// </summary>
public static class SampleNetwork
{
    public const string Passphrase = "soroban-replay sample network ; December 2026";

    public const uint Protocol = 23;

    public const uint BaseFee = 100;

    public const uint BaseReserve = 5_000_000;

    public const long TotalCoins = 1_000_000_000_000_000_000;

    /// <summary>Close time of the genesis ledger (2026-01-01T00:00:00Z); each ledger closes 5 s after the previous.</summary>
    public const ulong GenesisCloseTime = 1_767_225_600;

    public const ulong CloseInterval = 5;

    public static Network Network { get; } = Network.FromPassphrase(Passphrase);

    /// <summary>Starting balance of each sample account (10,000 XLM).</summary>
    public const long AccountBalance = 100_000_000_000;

    public static ulong CloseTimeOf(uint ledger) => GenesisCloseTime + (ledger - 1) * CloseInterval;

    public static ConfigSettingContractComputeV0 Compute { get; } = new()
    {
        LedgerMaxInstructions = 500_000_000,
        TxMaxInstructions = 100_000_000,
        FeeRatePerInstructionsIncrement = 25,
        TxMemoryLimit = 41_943_040,
    };

    public static ConfigSettingContractLedgerCostV0 LedgerCost { get; } = new()
    {
        LedgerMaxDiskReadEntries = 1000,
        LedgerMaxDiskReadBytes = 7_000_000,
        LedgerMaxWriteLedgerEntries = 500,
        LedgerMaxWriteBytes = 1_000_000,
        TxMaxDiskReadEntries = 100,
        TxMaxDiskReadBytes = 200_000,
        TxMaxWriteLedgerEntries = 50,
        TxMaxWriteBytes = 132_096,
        FeeDiskReadLedgerEntry = 6250,
        FeeWriteLedgerEntry = 10_000,
        FeeDiskRead1KB = 1786,
        SorobanStateTargetSizeBytes = 3_000_000_000,
        RentFee1KBSorobanStateSizeLow = -17_000,
        RentFee1KBSorobanStateSizeHigh = 10_000,
        SorobanStateRentFeeGrowthFactor = 1,
    };

    public static ConfigSettingContractLedgerCostExtV0 LedgerCostExt { get; } = new() { TxMaxFootprintEntries = 100, FeeWrite1KB = 3500 };

    public static ConfigSettingContractHistoricalDataV0 Historical { get; } = new() { FeeHistorical1KB = 16_235 };

    public static ConfigSettingContractEventsV0 Events { get; } = new() { TxMaxContractEventsSizeBytes = 16_384, FeeContractEvents1KB = 10_000 };

    public static ConfigSettingContractBandwidthV0 Bandwidth { get; } = new() { LedgerMaxTxsSizeBytes = 1_000_000, TxMaxSizeBytes = 132_096, FeeTxSize1KB = 1624 };

    public static StateArchivalSettings StateArchival { get; } = new()
    {
        MaxEntryTTL = 3_110_400,
        MinTemporaryTTL = 16,
        MinPersistentTTL = 4096,
        PersistentRentRateDenominator = 1215,
        TempRentRateDenominator = 2430,
        MaxEntriesToArchive = 1000,
        LiveSorobanStateSizeWindowSampleSize = 30,
        LiveSorobanStateSizeWindowSamplePeriod = 64,
        EvictionScanSize = 100_000,
        StartingEvictionScanLevel = 7,
    };

    public const uint ContractMaxSizeBytes = 131_072;
    public const uint ContractDataKeySizeBytes = 250;
    public const uint ContractDataEntrySizeBytes = 65_536;

    /// <summary>The live Soroban state size window at genesis (30 samples of 0); the network shifts in the state size every sample period, as core does.</summary>
    public static ulong[] StateSizeWindow { get; } = Enumerable.Repeat(0UL, 30).ToArray();

    public static ContractCostParamEntry[] CpuCostParams { get; } = [.. CostParams().Select(c => Param((long)c.CpuConst, (long)c.CpuLinear))];

    public static ContractCostParamEntry[] MemCostParams { get; } = [.. CostParams().Select(c => Param((long)c.MemConst, (long)c.MemLinear))];

    private static IEnumerable<DefaultCostParams.Entry> CostParams() => DefaultCostParams.V22.Take(Budget.HostCostTypeCount((int)Protocol));

    private static ContractCostParamEntry Param(long constTerm, long linearTerm) =>
        new() { Ext = ExtensionPoint.V0.Instance, ConstTerm = constTerm, LinearTerm = linearTerm };

    /// <summary>Every config setting the network holds from genesis, in setting id order.</summary>
    public static IReadOnlyList<ConfigSettingEntry> Settings() =>
    [
        new ConfigSettingEntry.ContractMaxSizeBytes(ContractMaxSizeBytes),
        new ConfigSettingEntry.ContractComputeV0(Compute),
        new ConfigSettingEntry.ContractLedgerCostV0(LedgerCost),
        new ConfigSettingEntry.ContractHistoricalDataV0(Historical),
        new ConfigSettingEntry.ContractEventsV0(Events),
        new ConfigSettingEntry.ContractBandwidthV0(Bandwidth),
        new ConfigSettingEntry.ContractCostParamsCpuInstructions(CpuCostParams),
        new ConfigSettingEntry.ContractCostParamsMemoryBytes(MemCostParams),
        new ConfigSettingEntry.ContractDataKeySizeBytes(ContractDataKeySizeBytes),
        new ConfigSettingEntry.ContractDataEntrySizeBytes(ContractDataEntrySizeBytes),
        new ConfigSettingEntry.StateArchival(StateArchival),
        new ConfigSettingEntry.ContractExecutionLanes(new ConfigSettingContractExecutionLanesV0 { LedgerMaxTxCount = 100 }),
        new ConfigSettingEntry.LiveSorobanStateSizeWindow(StateSizeWindow),
        new ConfigSettingEntry.EvictionIterator(new EvictionIterator { BucketListLevel = 7, IsCurrBucket = true, BucketFileOffset = 0 }),
        new ConfigSettingEntry.ContractParallelComputeV0(new ConfigSettingContractParallelComputeV0 { LedgerMaxDependentTxClusters = 1 }),
        new ConfigSettingEntry.ContractLedgerCostExtV0(LedgerCostExt),
        new ConfigSettingEntry.ScpTiming(new ConfigSettingSCPTiming
        {
            LedgerTargetCloseTimeMilliseconds = 5000, NominationTimeoutInitialMilliseconds = 1000, NominationTimeoutIncrementMilliseconds = 1000,
            BallotTimeoutInitialMilliseconds = 1000, BallotTimeoutIncrementMilliseconds = 1000,
        }),
    ];
}

/// <summary>An ed25519 key pair derived from a label (SHA-256 of it is the seed): deterministic sample keys.</summary>
public sealed class SampleKey
{
    private readonly Ed25519PrivateKeyParameters _private;

    public SampleKey(string label)
    {
        _private = new Ed25519PrivateKeyParameters(SHA256.HashData(Encoding.UTF8.GetBytes("soroban-replay sample key: " + label)));
        PublicKeyBytes = _private.GeneratePublicKey().GetEncoded();
    }

    public byte[] PublicKeyBytes { get; }

    public PublicKey PublicKey => new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(PublicKeyBytes));

    public MuxedAccount Muxed => new MuxedAccount.Ed25519(Uint256.FromBytes(PublicKeyBytes));

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        var bytes = message.ToArray();
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return signer.GenerateSignature();
    }

    /// <summary>The decorated signature of a transaction hash (hint: the key's last 4 bytes).</summary>
    public DecoratedSignature SignTransaction(Hash transactionHash) => new()
    {
        Hint = SignatureHint.FromBytes(PublicKeyBytes[^4..]),
        Signature = Sign(transactionHash.ToArray()),
    };
}
