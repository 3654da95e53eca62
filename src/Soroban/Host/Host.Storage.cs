using Replay.Soroban.Budget;
using Replay.Soroban.Storage;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Storage access in enforcing mode (fact: storage.rs Storage get/put/del/has/extend_ttl*,
// host/data_helper.rs, host/ledger_info_helper.rs). Every access goes through the footprint;
// errors about the footprint or missing values are decorated with a diagnostic event in debug mode.
public sealed partial class Host
{
    private bool _storageKeyConversionActive;

    /// <summary>The invocation's storage (footprint and entries); null outside an invocation.</summary>
    public LedgerStorage? Storage { get; set; }

    private LedgerStorage RequireStorage() =>
        Storage ?? throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "the host has no storage");

    /// <summary><c>Footprint::enforce_access</c>: the key must be in the footprint, read-write for writes; else (Storage, ExceededLimit).</summary>
    private void EnforceAccess(LedgerKey key, AccessType access)
    {
        if (!RequireStorage().Footprint.TryGet(key, out var declared))
            throw new HostError(SCErrorType.Storage, SCErrorCode.ExceededLimit, "key outside the footprint");
        if (declared == AccessType.ReadOnly && access == AccessType.ReadWrite)
            throw new HostError(SCErrorType.Storage, SCErrorCode.ExceededLimit, "write to a read-only footprint key");
    }

    /// <summary><c>Footprint::record_access</c>: a new key is added; a read-only one becomes read-write on a write.</summary>
    private void RecordAccess(LedgerKey key, AccessType access)
    {
        var storage = RequireStorage();
        if (storage.Footprint.TryGet(key, out var existing))
        {
            if (existing == AccessType.ReadOnly && access == AccessType.ReadWrite)
                storage.Footprint = storage.Footprint.Insert(key, access);
        }
        else
        {
            storage.Footprint = storage.Footprint.Insert(key, access);
        }
    }

    /// <summary>
    /// <c>prepare_read_only_access</c>: enforcing mode checks the footprint; recording mode records
    /// the read and loads the key from the snapshot the first time it is seen.
    /// </summary>
    private void PrepareReadOnlyAccess(LedgerKey key)
    {
        var storage = RequireStorage();
        if (storage.Snapshot is { } snapshot)
        {
            RecordAccess(key, AccessType.ReadOnly);
            if (!storage.Map.ContainsKey(key))
                storage.Map = storage.Map.Insert(key, snapshot(key));
            // From 688bc34e (p23) the read is recorded again and an expired entry handled.
            if (Protocol >= 23)
            {
                RecordAccess(key, AccessType.ReadOnly);
                HandleMaybeExpiredEntry(key);
            }
        }
        else
        {
            EnforceAccess(key, AccessType.ReadOnly);
        }
    }

    /// <summary>
    /// <c>handle_maybe_expired_entry</c> (hosts built with recording mode, 688bc34e (p23) on;
    /// stellar-core's enforcing build has no such step, so it runs in recording mode only): a
    /// contract entry in the map whose TTL has passed is removed when temporary, and when persistent
    /// is recorded read-write and given the minimum persistent TTL (the recording counterpart of
    /// automatic restoration).
    /// </summary>
    private void HandleMaybeExpiredEntry(LedgerKey key)
    {
        var storage = RequireStorage();
        var sequence = RequireLedger().SequenceNumber;
        if (!storage.Map.TryGet(key, out var value) || value is null)
            return;
        if (StorageRules.DurabilityOf(key) is not { } durability)
            return;
        var liveUntil = value.LiveUntil
            ?? throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "unexpected contract entry without TTL");
        if (liveUntil >= sequence)
            return;
        if (durability == ContractDataDurability.Temporary)
        {
            storage.Map = storage.Map.Insert(key, null);
            return;
        }
        RecordAccess(key, AccessType.ReadWrite);
        var li = RequireLedger();
        var restored = (ulong)li.SequenceNumber + (li.MinPersistentEntryTtl == 0 ? 0 : li.MinPersistentEntryTtl - 1);
        if (restored > uint.MaxValue)
            throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "persistent entry TTL overflow, ledger is mis-configured");
        storage.Map = storage.Map.Insert(key, new EntryWithLiveUntil(value.Entry, (uint)restored));
    }

    private bool RecordingFromProtocol23 => Protocol >= 23 && Storage is { IsRecording: true };

    private EntryWithLiveUntil? TryGetFullHelper(LedgerKey key)
    {
        StorageRules.CheckSupportedKey(key);
        PrepareReadOnlyAccess(key);
        if (!RequireStorage().Map.TryGet(key, out var value))
            throw new HostError(SCErrorType.Storage, SCErrorCode.InternalError, "footprint key missing from the storage map");
        return value;
    }

    /// <summary><c>Storage::try_get_full</c>: the entry and its TTL, or null when absent.</summary>
    internal EntryWithLiveUntil? StorageTryGetFull(LedgerKey key, Val? keyVal)
    {
        try
        {
            return TryGetFullHelper(key);
        }
        catch (HostError e)
        {
            throw DecorateStorageError(e, key, keyVal);
        }
    }

    /// <summary><c>Storage::get</c>: the entry; absent is (Storage, MissingValue).</summary>
    internal LedgerEntry StorageGet(LedgerKey key, Val? keyVal) =>
        StorageTryGetFull(key, keyVal)?.Entry
        ?? throw DecorateStorageError(new HostError(SCErrorType.Storage, SCErrorCode.MissingValue, "missing value"), key, keyVal);

    /// <summary><c>Storage::get_with_live_until_ledger</c> (its errors are decorated again, as the reference's map_err does).</summary>
    internal EntryWithLiveUntil StorageGetWithLiveUntil(LedgerKey key, Val? keyVal)
    {
        try
        {
            return StorageTryGetFull(key, keyVal)
                ?? throw new HostError(SCErrorType.Storage, SCErrorCode.MissingValue, "missing value");
        }
        catch (HostError e)
        {
            throw DecorateStorageError(e, key, keyVal);
        }
    }

    /// <summary><c>Storage::has</c>.</summary>
    internal bool StorageHas(LedgerKey key, Val? keyVal) => StorageTryGetFull(key, keyVal) is not null;

    private void PutOptHelper(LedgerKey key, EntryWithLiveUntil? value)
    {
        StorageRules.CheckSupportedKey(key);
        if (value is not null)
            StorageRules.CheckSupportedEntry(value.Entry);
        if (RecordingFromProtocol23)
            HandleMaybeExpiredEntry(key);
        var storage = RequireStorage();
        if (storage.IsRecording)
            RecordAccess(key, AccessType.ReadWrite);
        else
            EnforceAccess(key, AccessType.ReadWrite);
        storage.Map = storage.Map.Insert(key, value);
    }

    private void PutOpt(LedgerKey key, EntryWithLiveUntil? value, Val? keyVal)
    {
        try
        {
            PutOptHelper(key, value);
        }
        catch (HostError e)
        {
            throw DecorateStorageError(e, key, keyVal);
        }
    }

    /// <summary><c>Storage::put</c>.</summary>
    internal void StoragePut(LedgerKey key, LedgerEntry entry, uint? liveUntil, Val? keyVal) =>
        PutOpt(key, new EntryWithLiveUntil(entry, liveUntil), keyVal);

    /// <summary>
    /// <c>add_ledger_entry</c>: the reference's public helper that puts an entry into storage
    /// (metered as <c>Storage::put</c>), with which its tests set up ledger state.
    /// </summary>
    public void AddLedgerEntry(LedgerKey key, LedgerEntry entry, uint? liveUntil) => StoragePut(key, entry, liveUntil, null);

    /// <summary><c>Storage::del</c> (errors decorated twice, as the reference's map_err on put_opt does).</summary>
    internal void StorageDel(LedgerKey key, Val? keyVal)
    {
        try
        {
            PutOpt(key, null, keyVal);
        }
        catch (HostError e)
        {
            throw DecorateStorageError(e, key, keyVal);
        }
    }

    /// <summary>
    /// <c>decorate_storage_error</c>: in debug mode, a footprint or missing-value storage error is
    /// replaced by the same error recorded with a message naming the key's kind and, where the
    /// reference can, the key (for footprint errors new objects are made for it).
    /// </summary>
    private HostError DecorateStorageError(HostError error, LedgerKey key, Val? keyVal)
    {
        var result = error;
        WithDebugMode(() =>
        {
            if (error.Type != SCErrorType.Storage)
                return;
            var exceeded = error.Code == SCErrorCode.ExceededLimit;
            if (!exceeded && error.Code != SCErrorCode.MissingValue)
                return;
            var kind = KeyKindForError(key);
            Val[] args;
            try
            {
                args = ArgsForStorageError(key, keyVal, exceeded);
            }
            catch (HostError)
            {
                args = [];
            }
            result = exceeded
                ? Err(SCErrorType.Storage, SCErrorCode.ExceededLimit, $"trying to access {kind} outside of the footprint", args)
                : Err(SCErrorType.Storage, SCErrorCode.MissingValue, $"trying to get non-existing value for {kind}", args);
        });
        return result;
    }

    private static string KeyKindForError(LedgerKey key) => key switch
    {
        LedgerKey.ContractData { Value.Key: SCVal.LedgerKeyContractInstance } => "contract instance",
        LedgerKey.ContractData { Value.Key: SCVal.LedgerKeyNonce } => "nonce",
        LedgerKey.ContractData => "contract data key",
        LedgerKey.ContractCode => "contract code",
        LedgerKey.Account => "account",
        LedgerKey.Trustline => "account trustline",
        _ => "ledger key",
    };

    private Val[] ArgsForStorageError(LedgerKey key, Val? keyVal, bool canCreateObjects)
    {
        var args = new List<Val>();
        switch (key)
        {
            case LedgerKey.ContractData cd:
                if (canCreateObjects)
                {
                    Budget.Charge(ContractCostType.MemCpy, DeclaredSize.ScAddress(Protocol));
                    args.Add(AddressToHostUnchecked(cd.Value.Contract));
                }
                switch (cd.Value.Key)
                {
                    case SCVal.LedgerKeyContractInstance:
                        break;
                    case SCVal.LedgerKeyNonce n:
                        if (canCreateObjects)
                            args.Add(AddObject(new Objects.I64Object(n.Value.Nonce)));
                        break;
                    default:
                        if (keyVal is { } k)
                            args.Add(k);
                        break;
                }
                break;
            case LedgerKey.ContractCode c:
                if (canCreateObjects)
                    args.Add(BytesFromSlice(c.Value.Hash.ToArray()));
                break;
            case LedgerKey.Account a:
                if (canCreateObjects)
                {
                    Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
                    args.Add(AddressToHostUnchecked(new SCAddress.Account(a.Value.AccountID)));
                }
                break;
            case LedgerKey.Trustline t:
                if (canCreateObjects)
                {
                    Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
                    args.Add(AddressToHostUnchecked(new SCAddress.Account(t.Value.AccountID)));
                }
                break;
        }
        return [.. args];
    }

    private Val AddressToHostUnchecked(SCAddress address) => AddObject(new Objects.AddressObject(address));

    // ---- ledger info ----

    /// <summary><c>get_min_live_until_ledger</c>: sequence + (minimum TTL of the durability − 1); overflow is (Context, InternalError).</summary>
    internal uint MinLiveUntilLedger(ContractDataDurability durability)
    {
        var li = RequireLedger();
        var min = durability == ContractDataDurability.Temporary ? li.MinTempEntryTtl : li.MinPersistentEntryTtl;
        var sum = (ulong)li.SequenceNumber + (min == 0 ? 0 : min - 1);
        return sum <= uint.MaxValue
            ? (uint)sum
            : throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "min live-until ledger overflows");
    }

    /// <summary><c>max_live_until_ledger</c>: sequence + (max entry TTL − 1); overflow is (Context, InternalError).</summary>
    internal uint MaxLiveUntilLedger()
    {
        var li = RequireLedger();
        var sum = (ulong)li.SequenceNumber + (li.MaxEntryTtl == 0 ? 0 : li.MaxEntryTtl - 1);
        return sum <= uint.MaxValue
            ? (uint)sum
            : throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "max live-until ledger overflows");
    }

    // ---- TTL extension ----

    private sealed record TtlExtensionInfo(LedgerEntry Entry, uint OldLiveUntil, uint CurrentTtl, uint MaxLiveUntil);

    private TtlExtensionInfo PrepareExtendTtl(LedgerKey key, uint extendTo, Val? keyVal)
    {
        StorageRules.CheckSupportedKey(key);
        if (RecordingFromProtocol23)
            HandleMaybeExpiredEntry(key);
        var (entry, oldLiveUntilOpt) = StorageGetWithLiveUntil(key, keyVal);
        var oldLiveUntil = oldLiveUntilOpt
            ?? throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "trying to extend invalid entry");
        var ledgerSeq = new Val(Invoke(Functions.HostFunctionTable.Named("get_ledger_sequence"), [])).AsU32;
        if (oldLiveUntil < ledgerSeq)
            throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "accessing no-longer-live entry", Val.FromU32(oldLiveUntil), Val.FromU32(ledgerSeq));
        var maxLiveUntil = MaxLiveUntilLedger();
        var durability = StorageRules.DurabilityOf(key)
            ?? throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "durability is missing");
        var maxTtl = maxLiveUntil > ledgerSeq ? maxLiveUntil - ledgerSeq : 0;
        if (durability == ContractDataDurability.Temporary && extendTo > maxTtl)
        {
            throw Err(SCErrorType.Storage, SCErrorCode.InvalidAction,
                "trying to extend temporary entry past max TTL allowed by network: {} > {}", Val.FromU32(extendTo), Val.FromU32(maxTtl));
        }
        var currentTtl = oldLiveUntil > ledgerSeq ? oldLiveUntil - ledgerSeq : 0;
        return new TtlExtensionInfo(entry, oldLiveUntil, currentTtl, maxLiveUntil);
    }

    private void ApplyTtlExtension(LedgerKey key, TtlExtensionInfo info, uint newLiveUntil)
    {
        if (newLiveUntil > info.OldLiveUntil)
        {
            var storage = RequireStorage();
            storage.Map = storage.Map.Insert(key, new EntryWithLiveUntil(info.Entry, newLiveUntil));
        }
    }

    /// <summary>
    /// <c>Storage::extend_ttl</c> (protocol 26 on): threshold above extend_to is (Storage, InvalidInput); the new
    /// live-until is sequence + extend_to, clamped to the network maximum; it applies only when the
    /// current TTL is at most the threshold, and never shortens.
    /// </summary>
    internal void ExtendTtl(LedgerKey key, uint threshold, uint extendTo, Val? keyVal)
    {
        if (Protocol < 26)
        {
            ExtendTtlBefore26(key, threshold, extendTo, keyVal);
            return;
        }
        if (threshold > extendTo)
            throw Err(SCErrorType.Storage, SCErrorCode.InvalidInput, "threshold must be <= extend_to", Val.FromU32(threshold), Val.FromU32(extendTo));
        var info = PrepareExtendTtl(key, extendTo, keyVal);
        var seq = (ulong)RequireLedger().SequenceNumber + extendTo;
        if (seq > uint.MaxValue)
            throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "live-until ledger overflows");
        var newLiveUntil = Math.Min((uint)seq, info.MaxLiveUntil);
        if (info.CurrentTtl <= threshold)
            ApplyTtlExtension(key, info, newLiveUntil);
    }

    /// <summary>
    /// <c>Storage::extend_ttl</c> of the hosts before protocol 26: the key type is checked before
    /// the threshold; the new live-until (sequence + extend_to) past the network maximum is clamped
    /// for persistent entries and fails for temporary ones with (Storage, InvalidAction) naming the
    /// live-until ledger; it applies when it is later than the current one and the current TTL is
    /// at most the threshold.
    /// </summary>
    private void ExtendTtlBefore26(LedgerKey key, uint threshold, uint extendTo, Val? keyVal)
    {
        StorageRules.CheckSupportedKey(key);
        if (threshold > extendTo)
            throw Err(SCErrorType.Storage, SCErrorCode.InvalidInput, "threshold must be <= extend_to", Val.FromU32(threshold), Val.FromU32(extendTo));
        if (RecordingFromProtocol23)
            HandleMaybeExpiredEntry(key);
        var (entry, oldLiveUntilOpt) = StorageGetWithLiveUntil(key, keyVal);
        var oldLiveUntil = oldLiveUntilOpt
            ?? throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "trying to extend invalid entry");
        var ledgerSeq = new Val(Invoke(Functions.HostFunctionTable.Named("get_ledger_sequence"), [])).AsU32;
        if (oldLiveUntil < ledgerSeq)
            throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "accessing no-longer-live entry", Val.FromU32(oldLiveUntil), Val.FromU32(ledgerSeq));
        var seq = (ulong)RequireLedger().SequenceNumber + extendTo;
        if (seq > uint.MaxValue)
            throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "live-until ledger overflows");
        var newLiveUntil = (uint)seq;
        if (newLiveUntil > MaxLiveUntilLedger())
        {
            var durability = StorageRules.DurabilityOf(key)
                ?? throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "durability is missing");
            if (durability == ContractDataDurability.Persistent)
                newLiveUntil = MaxLiveUntilLedger();
            else
                throw Err(SCErrorType.Storage, SCErrorCode.InvalidAction, "trying to extend past max live_until ledger", Val.FromU32(newLiveUntil));
        }
        var currentTtl = oldLiveUntil > ledgerSeq ? oldLiveUntil - ledgerSeq : 0;
        if (newLiveUntil > oldLiveUntil && currentTtl <= threshold)
        {
            var storage = RequireStorage();
            storage.Map = storage.Map.Insert(key, new EntryWithLiveUntil(entry, newLiveUntil));
        }
    }

    /// <summary>
    /// <c>Storage::extend_ttl_v2</c>: max_extension below min_extension is (Storage, InvalidInput);
    /// the extension is extend_to minus the current TTL, capped by max_extension and the network
    /// maximum, and applies only when it reaches min_extension.
    /// </summary>
    internal void ExtendTtlV2(LedgerKey key, uint extendTo, uint minExtension, uint maxExtension, Val? keyVal)
    {
        if (maxExtension < minExtension)
            throw Err(SCErrorType.Storage, SCErrorCode.InvalidInput, "max_extension must be >= min_extension", Val.FromU32(maxExtension), Val.FromU32(minExtension));
        var info = PrepareExtendTtl(key, extendTo, keyVal);
        var init = extendTo > info.CurrentTtl ? extendTo - info.CurrentTtl : 0;
        var maxNetwork = info.MaxLiveUntil > info.OldLiveUntil ? info.MaxLiveUntil - info.OldLiveUntil : 0;
        var final = Math.Min(Math.Min(init, maxExtension), maxNetwork);
        if (final < minExtension)
            return;
        var sum = (ulong)info.OldLiveUntil + final;
        if (sum > uint.MaxValue)
            throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "live-until ledger overflows");
        ApplyTtlExtension(key, info, (uint)sum);
    }

    // ---- data helpers ----

    /// <summary><c>contract_instance_ledger_key</c>: a clone of the id and a new ledger key (MemCpy 32, MemAlloc of a LedgerKey).</summary>
    internal LedgerKey ContractInstanceLedgerKey(Hash contractId)
    {
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
        ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
        return new LedgerKey.ContractData(new LedgerKeyContractData
        {
            Contract = new SCAddress.Contract(contractId),
            Key = SCVal.LedgerKeyContractInstance.Instance,
            Durability = ContractDataDurability.Persistent,
        });
    }

    /// <summary><c>contract_code_ledger_key</c>: as above for a code hash.</summary>
    internal LedgerKey ContractCodeLedgerKey(Hash wasmHash)
    {
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
        ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
        return new LedgerKey.ContractCode(new LedgerKeyContractCode { Hash = wasmHash });
    }

    /// <summary><c>retrieve_contract_instance_from_storage</c>: the instance entry's ScContractInstance (a metered clone).</summary>
    internal SCContractInstance RetrieveContractInstance(LedgerKey key) => ExtractContractInstance(StorageGet(key, null));

    /// <summary><c>extract_contract_instance_from_ledger_entry</c>: the entry's ScContractInstance (a metered clone).</summary>
    internal SCContractInstance ExtractContractInstance(LedgerEntry entry)
    {
        if (entry.Data is not LedgerEntryData.ContractData cd)
            throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "expected ContractData ledger entry");
        if (cd.Value.Val is not SCVal.ContractInstance ci)
            throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "ledger entry for contract instance does not contain contract instance");
        XdrClones.ContractInstance(Budget, ci.Value);
        return ci.Value;
    }

    /// <summary>
    /// <c>retrieve_wasm_from_storage</c>: the code (a metered clone of the bytes) and its cost
    /// inputs (the entry's v1 inputs, cloned, or the code length for v0 entries).
    /// </summary>
    internal (byte[] Code, ContractCodeCostInputs? CostInputs) RetrieveWasm(Hash wasmHash)
    {
        var key = ContractCodeLedgerKey(wasmHash);
        var entry = StorageGet(key, null);
        if (entry.Data is not LedgerEntryData.ContractCode code)
            throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "expected ContractCode ledger entry");
        XdrClones.Bytes(Budget, code.Value.Code.Length);
        ContractCodeCostInputs? inputs = null;
        if (code.Value.Ext is ContractCodeEntryExt.V1 v1)
        {
            Budget.Charge(ContractCostType.MemCpy, DeclaredSize.ContractCodeCostInputs);
            inputs = v1.Value.CostInputs;
        }
        return (code.Value.Code, inputs);
    }

    /// <summary>
    /// <c>store_contract_instance</c>: an existing instance entry is cloned (metered) with the new
    /// executable and/or storage and put back with its TTL; a missing one is created with the
    /// minimum persistent TTL (an executable is then required).
    /// </summary>
    internal void StoreContractInstance(ContractExecutable? executable, SCMapEntry[]? instanceStorage, Hash contractId, LedgerKey key)
    {
        if (StorageHas(key, null))
        {
            var (current, liveUntil) = StorageGetWithLiveUntil(key, null);
            XdrClones.LedgerEntry(Budget, current, Protocol);
            if (current.Data is not LedgerEntryData.ContractData cd)
                throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "expected DataEntry for contract instance");
            if (cd.Value.Val is not SCVal.ContractInstance ci)
                throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "expected ScVal::ContractInstance for contract instance");
            var instance = new SCContractInstance
            {
                Executable = executable ?? ci.Value.Executable,
                Storage = instanceStorage ?? ci.Value.Storage,
            };
            var updated = new LedgerEntry
            {
                LastModifiedLedgerSeq = current.LastModifiedLedgerSeq,
                Data = new LedgerEntryData.ContractData(new ContractDataEntry
                {
                    Ext = cd.Value.Ext,
                    Contract = cd.Value.Contract,
                    Key = cd.Value.Key,
                    Durability = cd.Value.Durability,
                    Val = new SCVal.ContractInstance(instance),
                }),
                Ext = current.Ext,
            };
            ChargeHeapAlloc(1, DeclaredSize.LedgerEntry);
            StoragePut(key, updated, liveUntil, null);
        }
        else
        {
            Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
            var exec = executable
                ?? throw Err(SCErrorType.Context, SCErrorCode.InternalError, "can't initialize contract without executable");
            var data = new ContractDataEntry
            {
                Ext = ExtensionPoint.V0.Instance,
                Contract = new SCAddress.Contract(contractId),
                Key = SCVal.LedgerKeyContractInstance.Instance,
                Durability = ContractDataDurability.Persistent,
                Val = new SCVal.ContractInstance(new SCContractInstance { Executable = exec, Storage = instanceStorage }),
            };
            var entry = NewContractDataEntry(data);
            StoragePut(key, entry, MinLiveUntilLedger(ContractDataDurability.Persistent), null);
        }
    }

    /// <summary><c>new_contract_data</c>: a ledger entry (last-modified 0, core sets it) for the data (MemAlloc of a LedgerEntry).</summary>
    internal LedgerEntry NewContractDataEntry(ContractDataEntry data)
    {
        ChargeHeapAlloc(1, DeclaredSize.LedgerEntry);
        return new LedgerEntry { LastModifiedLedgerSeq = 0, Data = new LedgerEntryData.ContractData(data), Ext = LedgerEntryExt.V0.Instance };
    }

    /// <summary>
    /// <c>from_host_val_for_storage</c>: <see cref="FromHostVal"/> with storage-key rules (from
    /// protocol 23 a muxed address in a key is (Storage, InvalidInput)).
    /// </summary>
    internal SCVal FromHostValForStorage(Val v)
    {
        _storageKeyConversionActive = true;
        if (Protocol < 26)
        {
            // The hosts before protocol 26 clear the flag only when the conversion succeeds: after
            // a failed one (caught by try_call) every later conversion still refuses muxed addresses.
            var converted = FromHostVal(v);
            _storageKeyConversionActive = false;
            return converted;
        }
        try
        {
            return FromHostVal(v);
        }
        finally
        {
            _storageKeyConversionActive = false;
        }
    }

    /// <summary><c>storage_key_from_val</c>: the key as a storage ScVal under the current contract (MemAlloc of a LedgerKey).</summary>
    internal LedgerKey StorageKeyFromVal(Val k, ContractDataDurability durability)
    {
        var keyScVal = FromHostValForStorage(k);
        var contractId = CurrentContractId();
        ChargeHeapAlloc(1, DeclaredSize.LedgerKey);
        return new LedgerKey.ContractData(new LedgerKeyContractData
        {
            Contract = new SCAddress.Contract(contractId),
            Key = keyScVal,
            Durability = durability,
        });
    }
}
