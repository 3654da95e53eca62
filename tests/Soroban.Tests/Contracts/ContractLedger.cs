using System.Security.Cryptography;
using System.Text;
using Replay.Engines;
using Replay.Soroban.Budget;
using Replay.Soroban.Invocation;
using Replay.Soroban.Profile;
using Replay.Soroban.Storage;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// A small ledger of contracts and data for running test contracts through the host's
/// <see cref="HostInvoker"/> as core would: deployed contracts (code and instance entries), data
/// entries with their TTLs, a footprint per invocation, and the invocation's changes applied back
/// so that calls can follow one another.
/// </summary>
internal sealed class ContractLedger(int protocol)
{
    private readonly Dictionary<LedgerKey, (LedgerEntry Entry, uint? LiveUntil)> _entries = new(XdrValueComparer<LedgerKey>.Instance);
    private readonly List<LedgerKey> _order = [];

    public int Protocol { get; } = protocol;

    public uint Sequence { get; set; } = 1000;

    public uint MinTempTtl { get; set; } = 16;

    public uint MinPersistentTtl { get; set; } = 4096;

    public uint MaxEntryTtl { get; set; } = 100_000;

    public uint Instructions { get; set; } = 100_000_000;

    public ulong MemoryLimit { get; set; } = 100_000_000;

    public bool Diagnostics { get; set; } = true;

    /// <summary>The network id: 32 bytes of 7.</summary>
    public static byte[] NetworkId { get; } = Enumerable.Repeat((byte)7, 32).ToArray();

    /// <summary>Deploys tests/Contracts/<paramref name="contract"/>.c under a contract id derived from <paramref name="label"/> (default: the contract's name).</summary>
    public Hash Deploy(string contract, string? label = null) => DeployWasm(ContractBuilder.Build(contract, Protocol), label ?? contract);

    /// <summary>Deploys a module under a contract id derived from <paramref name="label"/>: its code entry and its instance entry, both live for a long time.</summary>
    public Hash DeployWasm(byte[] wasm, string label, SCMapEntry[]? instanceStorage = null)
    {
        var codeHash = Hash.FromBytes(SHA256.HashData(wasm));
        var id = Hash.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes("contract:" + label)));
        Put(new LedgerEntry
        {
            LastModifiedLedgerSeq = Sequence - 10,
            Data = new LedgerEntryData.ContractCode(new ContractCodeEntry { Ext = ContractCodeEntryExt.V0.Instance, Hash = codeHash, Code = wasm }),
            Ext = LedgerEntryExt.V0.Instance,
        }, Sequence + 50_000);
        Put(DataEntry(id, SCVal.LedgerKeyContractInstance.Instance, ContractDataDurability.Persistent,
            new SCVal.ContractInstance(new SCContractInstance { Executable = new ContractExecutable.Wasm(codeHash), Storage = instanceStorage })),
            Sequence + 50_000);
        return id;
    }

    public static LedgerEntry DataEntry(Hash contract, SCVal key, ContractDataDurability durability, SCVal value) => new()
    {
        LastModifiedLedgerSeq = 990,
        Data = new LedgerEntryData.ContractData(new ContractDataEntry
        {
            Ext = ExtensionPoint.V0.Instance,
            Contract = new SCAddress.Contract(contract),
            Key = key,
            Durability = durability,
            Val = value,
        }),
        Ext = LedgerEntryExt.V0.Instance,
    };

    public static LedgerKey DataKey(Hash contract, SCVal key, ContractDataDurability durability) =>
        new LedgerKey.ContractData(new LedgerKeyContractData { Contract = new SCAddress.Contract(contract), Key = key, Durability = durability });

    public static LedgerKey InstanceKey(Hash contract) => DataKey(contract, SCVal.LedgerKeyContractInstance.Instance, ContractDataDurability.Persistent);

    public void Put(LedgerEntry entry, uint? liveUntil)
    {
        var key = StorageRules.KeyOf(entry);
        if (!_entries.ContainsKey(key))
            _order.Add(key);
        _entries[key] = (entry, liveUntil);
    }

    public bool TryGet(LedgerKey key, out LedgerEntry entry, out uint? liveUntil)
    {
        if (_entries.TryGetValue(key, out var e))
        {
            (entry, liveUntil) = e;
            return true;
        }
        entry = null!;
        liveUntil = null;
        return false;
    }

    /// <summary>
    /// Invokes <paramref name="function"/> of <paramref name="contract"/> on an engine variant. The
    /// footprint holds every code and instance entry read-only, plus <paramref name="readWrite"/>
    /// (instances listed there become read-write) and <paramref name="readOnly"/>. With
    /// <paramref name="apply"/>, a successful invocation's changes are applied to the ledger.
    /// </summary>
    public HostInvocationResult Invoke(EngineVariant variant, Hash contract, string function, SCVal[]? args = null,
        IEnumerable<LedgerKey>? readWrite = null, IEnumerable<LedgerKey>? readOnly = null, bool apply = true,
        IReadOnlyList<SorobanAuthorizationEntry>? auth = null)
    {
        var rw = (readWrite ?? []).ToList();
        var ro = new List<LedgerKey>();
        foreach (var key in _order)
        {
            if (key is LedgerKey.ContractCode || (key is LedgerKey.ContractData cd && cd.Value.Key is SCVal.LedgerKeyContractInstance))
            {
                if (!rw.Contains(key, XdrValueComparer<LedgerKey>.Instance))
                    ro.Add(key);
            }
        }
        ro.AddRange((readOnly ?? []).Where(k => !ro.Contains(k, XdrValueComparer<LedgerKey>.Instance)));
        var footprintKeys = rw.Concat(ro).ToList();
        var entries = new List<(LedgerEntry, TTLEntry?)>();
        foreach (var key in footprintKeys)
        {
            if (!_entries.TryGetValue(key, out var e))
                continue;
            if (e.LiveUntil is { } live && live < Sequence)
                continue;
            entries.Add((e.Entry, e.LiveUntil is { } l ? new TTLEntry { KeyHash = Stellar.Domain.LedgerKeys.TtlKeyHashOf(key), LiveUntilLedgerSeq = l } : null));
        }
        var costs = DefaultCostParams.V22.Take(Budget.Budget.HostCostTypeCount(Protocol)).ToArray();
        var input = new HostInvocationInput
        {
            Protocol = Protocol,
            Ledger = new Host.LedgerInfo((uint)Protocol, Sequence, 1_700_000_000, NetworkId, 100, MinTempTtl, MinPersistentTtl, MaxEntryTtl),
            MemoryLimit = MemoryLimit,
            CpuCostParams = [.. costs.Select(c => new ContractCostParamEntry { Ext = ExtensionPoint.V0.Instance, ConstTerm = (long)c.CpuConst, LinearTerm = (long)c.CpuLinear })],
            MemCostParams = [.. costs.Select(c => new ContractCostParamEntry { Ext = ExtensionPoint.V0.Instance, ConstTerm = (long)c.MemConst, LinearTerm = (long)c.MemLinear })],
            HostFunction = new HostFunction.InvokeContract(new InvokeContractArgs
            {
                ContractAddress = new SCAddress.Contract(contract),
                FunctionName = new XdrString(Encoding.UTF8.GetBytes(function)),
                Args = args ?? [],
            }),
            Resources = new SorobanResources
            {
                Footprint = new LedgerFootprint { ReadOnly = [.. ro], ReadWrite = [.. rw] },
                Instructions = Instructions,
            },
            RestoredReadWriteIndices = [],
            SourceAccount = new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(new byte[32])),
            Auth = auth ?? [],
            LedgerEntries = entries,
            PrngSeed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
            Diagnostics = Diagnostics,
            CachedModules = Protocol >= Vm.ModuleCache.CoreCacheFromProtocol
                ? new HashSet<Hash>(_entries.Values.Select(e => e.Entry.Data).OfType<LedgerEntryData.ContractCode>().Select(c => c.Value.Hash))
                : null,
        };
        var engine = variant.Create(SorobanProfile.Config(variant.Engine.Generation, variant.Mode));
        var result = HostInvoker.Invoke(input, engine);
        if (apply && result.Error is null)
            Apply(result);
        return result;
    }

    /// <summary>Applies an invocation's changes: new values and removals of read-write entries, new TTLs.</summary>
    public void Apply(HostInvocationResult result)
    {
        foreach (var change in result.LedgerChanges)
        {
            if (change.ReadOnly)
            {
                if (change.Ttl is { } t && _entries.TryGetValue(change.Key, out var cur) && t.NewLiveUntil > (cur.LiveUntil ?? 0))
                    _entries[change.Key] = (cur.Entry, t.NewLiveUntil);
                continue;
            }
            if (change.NewValue is { } entry)
                Put(entry, change.Ttl?.NewLiveUntil);
            else if (_entries.Remove(change.Key))
                _order.RemoveAll(k => XdrValueComparer<LedgerKey>.Instance.Equals(k, change.Key));
        }
    }
}
