using Replay.History.Cases;
using Replay.History.State;
using Replay.Stellar.Xdr;

namespace Replay.History.Building;

/// <summary>
/// The Soroban network configuration as the ledger state holds it when a ledger's transactions
/// apply (config settings change only through upgrades, which apply after the transactions).
/// </summary>
internal sealed class SettingsSnapshot
{
    private SettingsSnapshot(NetworkSettings? settings, ContractCostParamEntry[]? cpu, ContractCostParamEntry[]? mem, List<LedgerKey> missing)
    {
        Settings = settings;
        CpuCostParams = cpu;
        MemCostParams = mem;
        Missing = missing;
    }

    /// <summary>Null when any required setting is missing from the state.</summary>
    public NetworkSettings? Settings { get; }

    public ContractCostParamEntry[]? CpuCostParams { get; }

    public ContractCostParamEntry[]? MemCostParams { get; }

    /// <summary>Keys of required settings the state does not hold.</summary>
    public IReadOnlyList<LedgerKey> Missing { get; }

    public static LedgerKey KeyOf(ConfigSettingID id) => new LedgerKey.ConfigSetting(new LedgerKeyConfigSetting { ConfigSettingID = id });

    private static readonly Dictionary<ConfigSettingID, StateKey> StateKeys =
        Enum.GetValues<ConfigSettingID>().ToDictionary(id => id, id => StateKey.Of(KeyOf(id)));

    public static StateKey StateKeyOf(ConfigSettingID id) => StateKeys.TryGetValue(id, out var key) ? key : StateKey.Of(KeyOf(id));

    /// <summary>The settings a case is built from (what <see cref="Read"/> reads).</summary>
    public static IReadOnlySet<ConfigSettingID> CaseSettings { get; } = new HashSet<ConfigSettingID>
    {
        ConfigSettingID.ContractMaxSizeBytes, ConfigSettingID.ContractComputeV0, ConfigSettingID.ContractLedgerCostV0,
        ConfigSettingID.ContractHistoricalDataV0, ConfigSettingID.ContractEventsV0, ConfigSettingID.ContractBandwidthV0,
        ConfigSettingID.ContractCostParamsCpuInstructions, ConfigSettingID.ContractCostParamsMemoryBytes,
        ConfigSettingID.ContractDataKeySizeBytes, ConfigSettingID.ContractDataEntrySizeBytes, ConfigSettingID.StateArchival,
        ConfigSettingID.ContractLedgerCostExtV0, ConfigSettingID.LiveSorobanStateSizeWindow,
    };

    /// <summary>Every setting a case can need; a store that loads by key prefetches these.</summary>
    public static IEnumerable<StateKey> AllKeys() =>
        Enum.GetValues<ConfigSettingID>().Select(StateKeyOf);

    public static SettingsSnapshot Read(IEntryLookup view, uint protocol)
    {
        var missing = new List<LedgerKey>();
        T? Get<T>(ConfigSettingID id) where T : ConfigSettingEntry
        {
            if (view.TryGet(StateKeyOf(id), out var entry) && entry?.Data is LedgerEntryData.ConfigSetting cs && cs.Value is T value)
                return value;
            missing.Add(KeyOf(id));
            return null;
        }

        var maxSize = Get<ConfigSettingEntry.ContractMaxSizeBytes>(ConfigSettingID.ContractMaxSizeBytes);
        var compute = Get<ConfigSettingEntry.ContractComputeV0>(ConfigSettingID.ContractComputeV0);
        var ledgerCost = Get<ConfigSettingEntry.ContractLedgerCostV0>(ConfigSettingID.ContractLedgerCostV0);
        var historical = Get<ConfigSettingEntry.ContractHistoricalDataV0>(ConfigSettingID.ContractHistoricalDataV0);
        var events = Get<ConfigSettingEntry.ContractEventsV0>(ConfigSettingID.ContractEventsV0);
        var bandwidth = Get<ConfigSettingEntry.ContractBandwidthV0>(ConfigSettingID.ContractBandwidthV0);
        var cpu = Get<ConfigSettingEntry.ContractCostParamsCpuInstructions>(ConfigSettingID.ContractCostParamsCpuInstructions);
        var mem = Get<ConfigSettingEntry.ContractCostParamsMemoryBytes>(ConfigSettingID.ContractCostParamsMemoryBytes);
        var keySize = Get<ConfigSettingEntry.ContractDataKeySizeBytes>(ConfigSettingID.ContractDataKeySizeBytes);
        var entrySize = Get<ConfigSettingEntry.ContractDataEntrySizeBytes>(ConfigSettingID.ContractDataEntrySizeBytes);
        var archival = Get<ConfigSettingEntry.StateArchival>(ConfigSettingID.StateArchival);
        var ledgerCostExt = protocol >= HostCallPlan.ParallelSorobanProtocol
            ? Get<ConfigSettingEntry.ContractLedgerCostExtV0>(ConfigSettingID.ContractLedgerCostExtV0)
            : null;
        ulong[]? window = null;
        if (view.TryGet(StateKeyOf(ConfigSettingID.LiveSorobanStateSizeWindow), out var w)
            && w?.Data is LedgerEntryData.ConfigSetting { Value: ConfigSettingEntry.LiveSorobanStateSizeWindow ws })
            window = ws.Value;

        if (missing.Count > 0)
            return new SettingsSnapshot(null, cpu?.Value, mem?.Value, missing);
        var settings = new NetworkSettings
        {
            ContractMaxSizeBytes = maxSize!.Value,
            ContractDataKeySizeBytes = keySize!.Value,
            ContractDataEntrySizeBytes = entrySize!.Value,
            Compute = compute!.Value,
            LedgerCost = ledgerCost!.Value,
            LedgerCostExt = ledgerCostExt?.Value,
            HistoricalData = historical!.Value,
            Events = events!.Value,
            Bandwidth = bandwidth!.Value,
            StateArchival = archival!.Value,
            StateSizeWindow = window,
        };
        return new SettingsSnapshot(settings, cpu!.Value, mem!.Value, missing);
    }
}
