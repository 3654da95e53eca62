using System.Globalization;
using System.Text.Json;
using Replay.Stellar.Domain;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;

namespace Replay.History.State;

/// <summary>
/// The Soroban settings stellar-core's test networks start from, per protocol
/// (core-test-network-config.json, read where it lies). A test network writes none of its
/// genesis settings into its meta, so a chain read from such a network's genesis starts from
/// these; every case built on them says so in its provenance.
/// </summary>
public sealed class CoreTestNetworkConfig
{
    /// <summary>Where the file lies relative to the repository root: ../shared/soroban/.</summary>
    public const string FileName = "core-test-network-config.json";

    private readonly Dictionary<uint, List<ConfigSettingEntry>> _genesis;

    private CoreTestNetworkConfig(string path, Dictionary<uint, List<ConfigSettingEntry>> genesis)
    {
        Path = path;
        _genesis = genesis;
    }

    public string Path { get; }

    /// <summary>The network whose genesis these settings are.</summary>
    public static Network Network => Network.CoreTests;

    public IReadOnlyCollection<uint> Protocols => _genesis.Keys;

    /// <summary>The genesis config settings for a protocol (cost parameters and every other setting), or null when the file has none for it.</summary>
    public IReadOnlyList<ConfigSettingEntry>? GenesisSettings(uint protocol) => _genesis.GetValueOrDefault(protocol);

    public static CoreTestNetworkConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            var genesis = new Dictionary<uint, List<ConfigSettingEntry>>();
            var defaults = root.GetProperty("otherSettings").GetProperty("genesisDefaults");
            foreach (var protocol in root.GetProperty("protocols").EnumerateObject())
            {
                var version = uint.Parse(protocol.Name, NumberStyles.None, CultureInfo.InvariantCulture);
                var entries = new List<ConfigSettingEntry>
                {
                    new ConfigSettingEntry.ContractCostParamsCpuInstructions(CostParams(protocol.Value.GetProperty("cpu"))),
                    new ConfigSettingEntry.ContractCostParamsMemoryBytes(CostParams(protocol.Value.GetProperty("mem"))),
                };
                if (defaults.TryGetProperty(protocol.Name, out var other))
                {
                    foreach (var setting in other.EnumerateObject())
                    {
                        using var one = JsonDocument.Parse($"{{\"{setting.Name}\": {setting.Value.GetRawText()}}}");
                        entries.Add(ConfigSettingEntry.ReadJson(one.RootElement));
                    }
                }
                genesis[version] = entries;
            }
            return new CoreTestNetworkConfig(System.IO.Path.GetFullPath(path), genesis);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or XdrJsonException or IOException)
        {
            throw new InvalidDataException($"{path}: not a usable {FileName}: {e.Message}", e);
        }
    }

    private static ContractCostParamEntry[] CostParams(JsonElement list) =>
        list.EnumerateArray()
            .OrderBy(e => e.GetProperty("index").GetInt32())
            .Select(e => new ContractCostParamEntry
            {
                Ext = ExtensionPoint.V0.Instance,
                ConstTerm = e.GetProperty("constTerm").GetInt64(),
                LinearTerm = e.GetProperty("linearTerm").GetInt64(),
            })
            .ToArray();

    /// <summary>
    /// Looks for the file: <paramref name="explicitPath"/> if given, else $REPLAY_TEST_NETWORK_CONFIG,
    /// else ../shared/soroban/ from the working directory or any of its parents. Null when absent.
    /// </summary>
    public static string? Locate(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
            return explicitPath;
        var fromEnvironment = Environment.GetEnvironmentVariable("REPLAY_TEST_NETWORK_CONFIG");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "..", "shared", "soroban", FileName);
            if (File.Exists(candidate))
                return System.IO.Path.GetFullPath(candidate);
            var inside = System.IO.Path.Combine(dir.FullName, "shared", "soroban", FileName);
            if (File.Exists(inside))
                return System.IO.Path.GetFullPath(inside);
        }
        return null;
    }
}
