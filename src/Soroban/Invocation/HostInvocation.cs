using Replay.Soroban.Auth;
using Replay.Soroban.Budget;
using Replay.Soroban.Events;
using Replay.Soroban.Host;
using Replay.Soroban.Storage;
using Replay.Soroban.Values;
using Replay.Soroban.Vm;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Invocation;

/// <summary>
/// Everything stellar-core hands the host for one InvokeHostFunction operation (its
/// <c>invoke_host_function</c> arguments), already decoded.
/// </summary>
public sealed record HostInvocationInput
{
    /// <summary>The ledger protocol; picks the linked host's behaviour.</summary>
    public required int Protocol { get; init; }

    public required LedgerInfo Ledger { get; init; }

    /// <summary>contract_compute_v0.tx_memory_limit: the budget's memory limit.</summary>
    public required ulong MemoryLimit { get; init; }

    public required ContractCostParamEntry[] CpuCostParams { get; init; }

    public required ContractCostParamEntry[] MemCostParams { get; init; }

    public required HostFunction HostFunction { get; init; }

    /// <summary>The transaction's resources; their instructions are the budget's CPU limit.</summary>
    public required SorobanResources Resources { get; init; }

    /// <summary>Protocol 23+: read-write footprint indices of entries restored for this call.</summary>
    public required IReadOnlyList<uint> RestoredReadWriteIndices { get; init; }

    public required PublicKey SourceAccount { get; init; }

    public required IReadOnlyList<SorobanAuthorizationEntry> Auth { get; init; }

    /// <summary>The entries core passes (footprint order, skipping absent ones), each with its TTL for contract data and code.</summary>
    public required IReadOnlyList<(LedgerEntry Entry, TTLEntry? Ttl)> LedgerEntries { get; init; }

    public required byte[] PrngSeed { get; init; }

    /// <summary>Whether core runs the host with diagnostics (ENABLE_SOROBAN_DIAGNOSTIC_EVENTS).</summary>
    public bool Diagnostics { get; init; } = true;

    /// <summary>
    /// Protocol 23+: the code hashes core's module cache holds at this transaction (contract code
    /// live when the ledger started). Null before protocol 23.
    /// </summary>
    public IReadOnlySet<Hash>? CachedModules { get; init; }
}

/// <summary>One footprint entry's change as the host reports it (fact: e2e_invoke.rs LedgerEntryChange).</summary>
public sealed record HostLedgerChange(
    bool ReadOnly,
    LedgerKey Key,
    uint OldSizeForRent,
    LedgerEntry? NewValue,
    byte[]? EncodedNewValue,
    uint NewSizeForRent,
    HostTtlChange? Ttl);

/// <summary>The TTL part of a change (fact: e2e_invoke.rs LedgerEntryLiveUntilChange).</summary>
public sealed record HostTtlChange(Hash KeyHash, ContractDataDurability Durability, LedgerEntryType EntryType, uint OldLiveUntil, uint NewLiveUntil);

/// <summary>What <c>invoke_host_function</c> returns to core, plus the figures core reads from the budget.</summary>
public sealed record HostInvocationResult
{
    /// <summary>The return value on success.</summary>
    public SCVal? ReturnValue { get; init; }

    /// <summary>The encoded return value on success (its size counts toward the events limit).</summary>
    public byte[]? EncodedReturnValue { get; init; }

    /// <summary>The error when the invocation (or the host's bookkeeping around it) failed.</summary>
    public HostError? Error { get; init; }

    public IReadOnlyList<HostLedgerChange> LedgerChanges { get; init; } = [];

    /// <summary>Contract events of successful calls, in order, with their encodings.</summary>
    public IReadOnlyList<(ContractEvent Event, byte[] Encoded)> ContractEvents { get; init; } = [];

    /// <summary>Every host event as a diagnostic event (diagnostics on), including the rust bridge's host_fn_failed.</summary>
    public IReadOnlyList<DiagnosticEvent> DiagnosticEvents { get; init; } = [];

    public ulong CpuInsns { get; init; }

    public ulong MemBytes { get; init; }

    public ulong InstantiationCpu { get; init; }

    public ulong InstantiationMem { get; init; }

    public ulong Fuel { get; init; }

    /// <summary>The part of <see cref="Fuel"/> a lazily compiling engine charged for compiling functions at their first call.</summary>
    public ulong CompilationFuel { get; init; }

    /// <summary>The budget the invocation ran under (per-cost-type totals, for tools and tests).</summary>
    public Budget.Budget? Budget { get; init; }
}

/// <summary>
/// <c>invoke_host_function</c> (fact: e2e_invoke.rs at each linked commit; stellar-core's rust
/// bridge soroban_proto_any.rs): a fresh budget from the network's cost parameters, every input
/// decoded and every storage structure built with the reference's charges, a fresh host, the
/// invocation, the events externalized, and on success the ledger changes and encoded contract
/// events, all metered, so the budget's totals are core's cpu_insn and mem_byte.
/// </summary>
public static class HostInvoker
{
    public static HostInvocationResult Invoke(HostInvocationInput input, IEngine engine, ModuleCompiler? compile = null,
        Host.IHostTracer? tracer = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(engine);
        var budget = Budget.Budget.FromConfig(input.Protocol, input.Resources.Instructions, input.MemoryLimit, input.CpuCostParams, input.MemCostParams);
        // The host exists from the start: storage structures are compared through it (keys' ScVals and addresses).
        var host = new Host.Host(input.Protocol, budget) { Ledger = input.Ledger };
        host.Engine = engine;
        host.Compile = compile;
        host.Tracer = tracer;
        var diagnostics = new List<DiagnosticEvent>();
        HostError? error = null;
        SCVal? returnValue = null;
        byte[]? encodedReturn = null;
        List<HostLedgerChange> changes = [];
        List<(ContractEvent, byte[])> contractEvents = [];
        try
        {
            Run(input, host, budget, diagnostics, out returnValue, out encodedReturn, changes, contractEvents);
        }
        catch (HostError e)
        {
            error = e;
        }
        if (error is not null)
        {
            changes = [];
            contractEvents = [];
            returnValue = null;
            encodedReturn = null;
            if (input.Diagnostics)
            {
                diagnostics.Add(new DiagnosticEvent
                {
                    InSuccessfulContractCall = false,
                    Event = new ContractEvent
                    {
                        Ext = ExtensionPoint.V0.Instance,
                        ContractID = null,
                        Type = ContractEventType.Diagnostic,
                        Body = new ContractEventBody.V0(new ContractEventV0
                        {
                            Topics = [new SCVal.Symbol(new XdrString("host_fn_failed"u8.ToArray())), new SCVal.Error(Host.Host.ErrorOf(error.ToVal()))],
                            Data = SCVal.Void.Instance,
                        }),
                    },
                });
            }
        }
        ulong fuel = 0;
        ulong compilationFuel = 0;
        foreach (var vm in host.Vms)
        {
            fuel += vm.FuelConsumed;
            compilationFuel += vm.CompilationFuel;
        }
        return new HostInvocationResult
        {
            ReturnValue = returnValue,
            EncodedReturnValue = encodedReturn,
            Error = error,
            LedgerChanges = changes,
            ContractEvents = contractEvents,
            DiagnosticEvents = diagnostics,
            CpuInsns = budget.CpuConsumed,
            MemBytes = budget.MemConsumed,
            InstantiationCpu = host.Instantiation.Cpu,
            InstantiationMem = host.Instantiation.Mem,
            Fuel = fuel,
            CompilationFuel = compilationFuel,
            Budget = budget,
        };
    }

    private static void Run(HostInvocationInput input, Host.Host host, Budget.Budget budget, List<DiagnosticEvent> diagnostics,
        out SCVal? returnValue, out byte[]? encodedReturn, List<HostLedgerChange> changes, List<(ContractEvent, byte[])> contractEvents)
    {
        returnValue = null;
        encodedReturn = null;
        // resources: metered_from_xdr_with_budget.
        budget.Charge(ContractCostType.ValDeser, (ulong)XdrCodec.Encode(input.Resources).Length);
        var restoredKeys = BuildRestoredKeySet(host, input.Resources, input.RestoredReadWriteIndices);
        var footprint = BuildFootprint(host, input.Resources.Footprint);
        var minLiveUntil = MinPersistentLiveUntil(input.Ledger);
        var (storageMap, initTtlMap) = BuildStorageMap(host, footprint, input.LedgerEntries, input.Ledger.SequenceNumber);
        var initStorageMap = storageMap.MeteredClone();
        host.Storage = new LedgerStorage(footprint, storageMap);

        // build_auth_entries_from_xdr: a metered collect of the decoded entries.
        host.ChargeResultVecBulkInitCopy((ulong)input.Auth.Count, DeclaredSize.SorobanAuthorizationEntry(input.Protocol));
        foreach (var entry in input.Auth)
            budget.Charge(ContractCostType.ValDeser, (ulong)XdrCodec.Encode(entry).Length);
        budget.Charge(ContractCostType.ValDeser, (ulong)XdrCodec.Encode(input.HostFunction).Length);
        budget.Charge(ContractCostType.ValDeser, (ulong)XdrCodec.Encode(input.SourceAccount).Length);
        host.SourceAccount = input.SourceAccount;
        // set_authorization_entries: AuthorizationManager::new_enforcing (ledger info is set before it).
        host.Authorization = AuthorizationManager.Enforcing(host, input.Auth);
        if (input.PrngSeed.Length != 32)
            throw host.Err(SCErrorType.Context, SCErrorCode.InternalError, "base PRNG seed is not 32-bytes long");
        host.SetBasePrngSeed(input.PrngSeed);
        host.DiagnosticsEnabled = input.Diagnostics;
        if (input.Protocol >= ModuleCache.CoreCacheFromProtocol)
            host.ModuleCache = CoreModuleCache.For(input, host.Engine!, host.Compile);

        HostError? invokeError = null;
        SCVal? result = null;
        try
        {
            result = input.HostFunction switch
            {
                HostFunction.InvokeContract ic => host.InvokeContract(ic.Value),
                HostFunction.CreateContract cc => host.CreateContractHostFunction(cc.Value.ContractIDPreimage, cc.Value.Executable, null),
                HostFunction.CreateContractV2 cc => host.CreateContractHostFunction(cc.Value.ContractIDPreimage, cc.Value.Executable, cc.Value.ConstructorArgs),
                HostFunction.UploadContractWasm up => host.UploadContractWasmHostFunction(up.Value),
                _ => throw new NotImplementedInHostException($"the {input.HostFunction.Type} host function"),
            };
        }
        catch (HostError e)
        {
            invokeError = e;
        }

        // try_finish: the events externalized (contract events on the real budget).
        var events = host.ExternalizeEvents();
        if (input.Diagnostics)
        {
            foreach (var e in events)
                diagnostics.Add(new DiagnosticEvent { InSuccessfulContractCall = !e.FailedCall, Event = e.Event });
        }
        if (invokeError is not null)
            throw invokeError;
        encodedReturn = MeteredXdr.Write(budget, result!);
        returnValue = result;

        changes.AddRange(LedgerChanges(host, host.Storage, initStorageMap, initTtlMap, minLiveUntil, restoredKeys));
        contractEvents.AddRange(EncodeContractEvents(host, events));
    }

    private static uint MinPersistentLiveUntil(LedgerInfo li)
    {
        var sum = (ulong)li.SequenceNumber + (li.MinPersistentEntryTtl == 0 ? 0 : li.MinPersistentEntryTtl - 1);
        return sum <= uint.MaxValue ? (uint)sum : throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "min live-until ledger overflows");
    }

    private static ulong KeyMapEntrySize => DeclaredSize.Pair(DeclaredSize.Rc, 0);

    /// <summary><c>build_restored_key_set</c>: null without restored entries, else a metered set of the keys (each a metered clone).</summary>
    private static MeteredOrdMap<LedgerKey, bool>? BuildRestoredKeySet(Host.Host host, SorobanResources resources, IReadOnlyList<uint> indices)
    {
        if (indices.Count == 0)
            return null;
        var set = MeteredOrdMap<LedgerKey, bool>.Empty(host.Budget, host.CompareLedgerKeys, KeyMapEntrySize);
        foreach (var i in indices)
        {
            if (i >= resources.Footprint.ReadWrite.Length)
                throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "restored index outside the read-write footprint");
            var key = resources.Footprint.ReadWrite[i];
            XdrClones.LedgerKey(host.Budget, key);
            set = set.Insert(key, true);
        }
        return set;
    }

    /// <summary>
    /// <c>build_storage_footprint_from_xdr</c>: read-write keys, then read-only ones, each checked,
    /// cloned (metered) and allocated, inserted into the footprint map.
    /// </summary>
    private static MeteredOrdMap<LedgerKey, AccessType> BuildFootprint(Host.Host host, LedgerFootprint fp)
    {
        var map = MeteredOrdMap<LedgerKey, AccessType>.Empty(host.Budget, host.CompareLedgerKeys, LedgerStorage.FootprintEntrySize);
        foreach (var (keys, access) in new[] { (fp.ReadWrite, AccessType.ReadWrite), (fp.ReadOnly, AccessType.ReadOnly) })
        {
            foreach (var key in keys)
            {
                StorageRules.CheckSupportedKey(key);
                XdrClones.LedgerKey(host.Budget, key);
                host.ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
                map = map.Insert(key, access);
            }
        }
        return map;
    }

    private static ulong TtlMapEntrySize => DeclaredSize.Pair(DeclaredSize.Rc, DeclaredSize.Rc);

    /// <summary>
    /// <c>build_storage_map_from_xdr_ledger_entries</c>: each entry decoded (metered) and
    /// allocated, its key derived (metered clones) and allocated, its TTL decoded and allocated and
    /// recorded (a TTL before the current ledger, or a Soroban entry without one, is (Storage,
    /// InternalError)), the key checked against the footprint, the entry inserted; then every
    /// footprint key without an entry is inserted as absent.
    /// </summary>
    private static (MeteredOrdMap<LedgerKey, EntryWithLiveUntil?>, MeteredOrdMap<LedgerKey, TTLEntry>) BuildStorageMap(
        Host.Host host, MeteredOrdMap<LedgerKey, AccessType> footprint, IReadOnlyList<(LedgerEntry Entry, TTLEntry? Ttl)> entries, uint ledgerSeq)
    {
        var budget = host.Budget;
        var storage = MeteredOrdMap<LedgerKey, EntryWithLiveUntil?>.Empty(budget, host.CompareLedgerKeys, LedgerStorage.MapEntrySize);
        var ttls = MeteredOrdMap<LedgerKey, TTLEntry>.Empty(budget, host.CompareLedgerKeys, TtlMapEntrySize);
        foreach (var (entry, ttl) in entries)
        {
            budget.Charge(ContractCostType.ValDeser, (ulong)XdrCodec.Encode(entry).Length);
            host.ChargeHeapAlloc(1, DeclaredSize.LedgerEntry);
            var key = KeyOfEntryMetered(host, entry);
            host.ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
            uint? liveUntil = null;
            if (ttl is not null)
            {
                budget.Charge(ContractCostType.ValDeser, (ulong)XdrCodec.Encode(ttl).Length);
                host.ChargeHeapAlloc(1, DeclaredSize.TtlEntry);
                if (ttl.LiveUntilLedgerSeq < ledgerSeq)
                    throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "an expired entry was passed to the host");
                liveUntil = ttl.LiveUntilLedgerSeq;
                ttls = ttls.Insert(key, ttl);
            }
            else if (entry.Data is LedgerEntryData.ContractData or LedgerEntryData.ContractCode)
            {
                throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "a contract entry was passed without its TTL");
            }
            if (!footprint.ContainsKey(key))
                throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "an entry outside the footprint was passed to the host");
            storage = storage.Insert(key, new EntryWithLiveUntil(entry, liveUntil));
        }
        foreach (var (key, _) in footprint.Iterate())
        {
            if (!storage.ContainsKey(key))
                storage = storage.Insert(key, null);
        }
        return (storage, ttls);
    }

    /// <summary><c>ledger_entry_to_ledger_key</c>: the key built from metered clones of the entry's key fields.</summary>
    private static LedgerKey KeyOfEntryMetered(Host.Host host, LedgerEntry entry)
    {
        var b = host.Budget;
        switch (entry.Data)
        {
            case LedgerEntryData.Account:
                b.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
                break;
            case LedgerEntryData.Trustline:
                b.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
                b.Charge(ContractCostType.MemCpy, 45);
                break;
            case LedgerEntryData.ContractData cd:
                b.Charge(ContractCostType.MemCpy, DeclaredSize.ScAddress(host.Protocol));
                XdrClones.ScVal(b, cd.Value.Key);
                break;
            case LedgerEntryData.ContractCode:
                b.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
                break;
            default:
                throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, $"ledger entry kind {entry.Data.Type} is not supported by the host");
        }
        return StorageRules.KeyOf(entry);
    }

    /// <summary>
    /// <c>get_ledger_changes</c>: for every storage entry (a scan), its key encoded (metered), its
    /// TTL key hash (from the initial TTL map, else a metered SHA-256 of the key), the old entry
    /// from the initial map (encoded, metered, for its rent size), the new TTL never below the old,
    /// its footprint access, and for read-write entries with a value the new entry encoded
    /// (metered); restored entries count as new for rent.
    /// </summary>
    private static List<HostLedgerChange> LedgerChanges(Host.Host host, LedgerStorage storage,
        MeteredOrdMap<LedgerKey, EntryWithLiveUntil?> initMap, MeteredOrdMap<LedgerKey, TTLEntry> initTtls, uint minLiveUntil,
        MeteredOrdMap<LedgerKey, bool>? restoredKeys)
    {
        var budget = host.Budget;
        var result = new List<HostLedgerChange>(storage.Map.Count);
        foreach (var (key, value) in storage.Map.Iterate())
        {
            var encodedKey = MeteredXdr.Write(budget, key);
            var durability = StorageRules.DurabilityOf(key);
            Hash? keyHash = null;
            if (durability is not null)
            {
                if (initTtls.TryGet(key, out var initTtl))
                {
                    keyHash = initTtl.KeyHash;
                }
                else
                {
                    keyHash = Hash.FromBytes(host.Sha256Metered(encodedKey));
                }
            }
            uint oldSize = 0;
            uint oldLiveUntil = 0;
            if (initMap.TryGet(key, out var old) && old is not null)
            {
                var encodedOld = MeteredXdr.Write(budget, old.Entry);
                oldSize = SizeForRent(budget, old.Entry, encodedOld.Length, host.Protocol);
                if (durability is not null)
                    oldLiveUntil = old.LiveUntil ?? throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "a contract entry without TTL");
            }
            uint newLiveUntil = 0;
            if (value is not null && durability is not null)
                newLiveUntil = Math.Max(value.LiveUntil ?? throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "a contract entry without TTL"), oldLiveUntil);
            if (!storage.Footprint.TryGet(key, out var access))
                throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "a storage key outside the footprint");
            var readOnly = access == AccessType.ReadOnly;
            LedgerEntry? newValue = null;
            byte[]? encodedNew = null;
            uint newSize = 0;
            if (!readOnly && value is not null)
            {
                encodedNew = MeteredXdr.Write(budget, value.Entry);
                newSize = SizeForRent(budget, value.Entry, encodedNew.Length, host.Protocol);
                newValue = value.Entry;
                if (restoredKeys is not null && restoredKeys.ContainsKey(key))
                {
                    oldSize = 0;
                    if (durability is not null)
                    {
                        oldLiveUntil = 0;
                        newLiveUntil = Math.Max(newLiveUntil, minLiveUntil);
                    }
                }
            }
            HostTtlChange? ttlChange = durability is { } d
                ? new HostTtlChange(keyHash!.Value, d, key.Type, oldLiveUntil, newLiveUntil)
                : null;
            result.Add(new HostLedgerChange(readOnly, key, oldSize, newValue, encodedNew, newSize, ttlChange));
        }
        return result;
    }

    /// <summary>
    /// <c>entry_size_for_rent</c> (hosts for protocol 23 and later): the encoded size, plus the
    /// module's memory cost for contract code. Earlier hosts count the encoded size only.
    /// </summary>
    public static uint SizeForRent(Budget.Budget budget, LedgerEntry entry, int encodedSize, int protocol)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var size = (uint)encodedSize;
        if (protocol >= 23 && entry.Data is LedgerEntryData.ContractCode code)
        {
            var extra = CodeCostInputs.ModuleMemoryCost(budget, code.Value);
            size = (uint)Math.Min((ulong)size + Math.Min(extra, uint.MaxValue), uint.MaxValue);
        }
        return size;
    }

    /// <summary>
    /// <c>encode_contract_events</c>: every contract (and system) event of a successful call encoded
    /// (metered), then the vector of encodings charged as a bulk init.
    /// </summary>
    private static List<(ContractEvent, byte[])> EncodeContractEvents(Host.Host host, IReadOnlyList<HostEvent> events)
    {
        var result = new List<(ContractEvent, byte[])>();
        foreach (var e in events)
        {
            if (e.FailedCall || e.Event.Type == ContractEventType.Diagnostic)
                continue;
            result.Add((e.Event, MeteredXdr.Write(host.Budget, e.Event)));
        }
        host.ChargeBulkInitCopy((ulong)result.Count, DeclaredSize.Vec);
        return result;
    }
}
