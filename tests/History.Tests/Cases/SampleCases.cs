using Replay.History.Cases;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.Cases;

/// <summary>Hand-built cases for serialization and footprint-plan tests (values chosen to exercise every field).</summary>
internal static class SampleCases
{
    public static readonly Hash Contract = Hash.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static LedgerKey DataKey(string name, ContractDataDurability durability) => new LedgerKey.ContractData(new LedgerKeyContractData
    {
        Contract = new SCAddress.Contract(Contract),
        Key = new SCVal.Symbol(name),
        Durability = durability,
    });

    public static LedgerEntry DataEntry(LedgerKey key, uint value, uint lastModified = 7)
    {
        var k = ((LedgerKey.ContractData)key).Value;
        return new LedgerEntry
        {
            LastModifiedLedgerSeq = lastModified,
            Data = new LedgerEntryData.ContractData(new ContractDataEntry
            {
                Ext = ExtensionPoint.V0.Instance,
                Contract = k.Contract,
                Key = k.Key,
                Durability = k.Durability,
                Val = new SCVal.U32(value),
            }),
            Ext = LedgerEntryExt.V0.Instance,
        };
    }

    public static PublicKey Account(byte fill) => new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(Enumerable.Repeat(fill, 32).ToArray()));

    public static ReplayCase Minimal(uint protocol, FootprintEntry[] footprint, uint[]? archived = null, uint diskReadBytes = 10_000)
    {
        var readOnly = footprint.Where(f => f.ReadOnly).Select(f => f.Key).ToArray();
        var readWrite = footprint.Where(f => !f.ReadOnly).Select(f => f.Key).ToArray();
        var networkId = Network.CoreTests.Id;
        return new ReplayCase
        {
            Id = new CaseId(networkId, 42, 3, 0, Hash.FromBytes(new byte[32])),
            Provenance = new CaseProvenance
            {
                Source = "meta:sample",
                Object = "sample.xdr",
                Offset = 1234,
                Network = Network.CoreTests.Passphrase,
                State = "genesis",
                Settings = "ledger state",
            },
            LedgerInfo = new HostLedgerInfo
            {
                ProtocolVersion = protocol,
                SequenceNumber = 42,
                Timestamp = 1_700_000_000,
                NetworkId = networkId,
                BaseReserve = 5_000_000,
                MemoryLimit = 41_943_040,
                MinTemporaryEntryTtl = 16,
                MinPersistentEntryTtl = 4096,
                MaxEntryTtl = 6_312_000,
                CpuCostParams = [new ContractCostParamEntry { Ext = ExtensionPoint.V0.Instance, ConstTerm = 4, LinearTerm = 0 }],
                MemCostParams = [new ContractCostParamEntry { Ext = ExtensionPoint.V0.Instance, ConstTerm = 16, LinearTerm = 128 }],
            },
            Settings = Settings(protocol),
            HostFunction = new HostFunction.InvokeContract(new InvokeContractArgs
            {
                ContractAddress = new SCAddress.Contract(Contract),
                FunctionName = "put",
                Args = [new SCVal.U32(5)],
            }),
            Resources = new SorobanResources
            {
                Footprint = new LedgerFootprint { ReadOnly = readOnly, ReadWrite = readWrite },
                Instructions = 1_000_000,
                DiskReadBytes = diskReadBytes,
                WriteBytes = 1000,
            },
            ArchivedEntryIndices = archived ?? [],
            ResourceFee = 123_456,
            TransactionSizeBytes = 812,
            SourceAccount = Account(9),
            Auth = [],
            Footprint = footprint,
            PrngSeed = Hash.FromBytes(Enumerable.Repeat((byte)0xAB, 32).ToArray()),
            Recorded = new RecordedOutcome
            {
                TransactionResult = TransactionResultCode.TxSuccess,
                OperationResult = InvokeHostFunctionResultCode.Success,
                SuccessHash = Hash.FromBytes(Enumerable.Repeat((byte)0x11, 32).ToArray()),
                ReturnValue = SCVal.Void.Instance,
                ContractEvents = [],
                DiagnosticEvents = [],
                CpuInstructions = 361_301,
                MemoryBytes = 1_153_137,
                LedgerChanges = [],
                Fees = new RecordedFees { FeeCharged = 100_100, InitialFeeCharged = 100_200, NonRefundableResourceFeeCharged = 5, RefundableResourceFeeCharged = 6, RentFeeCharged = null },
            },
        };
    }

    public static NetworkSettings Settings(uint protocol) => new()
    {
        ContractMaxSizeBytes = 65_536,
        ContractDataKeySizeBytes = 200,
        ContractDataEntrySizeBytes = 200,
        Compute = new ConfigSettingContractComputeV0 { LedgerMaxInstructions = 100, TxMaxInstructions = 100, FeeRatePerInstructionsIncrement = 25, TxMemoryLimit = 41_943_040 },
        LedgerCost = new ConfigSettingContractLedgerCostV0
        {
            LedgerMaxDiskReadEntries = 1, LedgerMaxDiskReadBytes = 2, LedgerMaxWriteLedgerEntries = 3, LedgerMaxWriteBytes = 4,
            TxMaxDiskReadEntries = 5, TxMaxDiskReadBytes = 6, TxMaxWriteLedgerEntries = 7, TxMaxWriteBytes = 8,
            FeeDiskReadLedgerEntry = 9, FeeWriteLedgerEntry = 10, FeeDiskRead1KB = 11, SorobanStateTargetSizeBytes = 12,
            RentFee1KBSorobanStateSizeLow = -13, RentFee1KBSorobanStateSizeHigh = 14, SorobanStateRentFeeGrowthFactor = 15,
        },
        LedgerCostExt = protocol >= 23 ? new ConfigSettingContractLedgerCostExtV0 { TxMaxFootprintEntries = 100, FeeWrite1KB = 3500 } : null,
        HistoricalData = new ConfigSettingContractHistoricalDataV0 { FeeHistorical1KB = 100 },
        Events = new ConfigSettingContractEventsV0 { TxMaxContractEventsSizeBytes = 10_000, FeeContractEvents1KB = 200 },
        Bandwidth = new ConfigSettingContractBandwidthV0 { LedgerMaxTxsSizeBytes = 1, TxMaxSizeBytes = 2, FeeTxSize1KB = 3 },
        StateArchival = new StateArchivalSettings
        {
            MaxEntryTTL = 6_312_000, MinTemporaryTTL = 16, MinPersistentTTL = 4096, PersistentRentRateDenominator = 1215,
            TempRentRateDenominator = 2430, MaxEntriesToArchive = 100, LiveSorobanStateSizeWindowSampleSize = 30,
            LiveSorobanStateSizeWindowSamplePeriod = 64, EvictionScanSize = 100_000, StartingEvictionScanLevel = 6,
        },
        StateSizeWindow = protocol >= 23 ? [1, 2, 3] : null,
    };
}
