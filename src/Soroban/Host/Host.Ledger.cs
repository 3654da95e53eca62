using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Storage;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "l" (ledger): contract data in temporary, persistent and instance storage, and TTL
// extension (fact: host.rs put/has/get/del_contract_data, extend_*; host/data_helper.rs).
// Deployment functions (create_contract*, upload_wasm, update_current_contract_wasm) are in Host.Lifecycle.cs.
public sealed partial class Host
{
    /// <summary>The storage type argument (StorageType: Temporary 0, Persistent 1, Instance 2).</summary>
    internal enum StorageType : uint
    {
        Temporary = 0,
        Persistent = 1,
        Instance = 2,
    }

    /// <summary><c>ContractDataDurability::try_from(StorageType)</c>: instance storage has no durability ((Storage, InvalidAction)).</summary>
    private static ContractDataDurability DurabilityOf(StorageType t) => t switch
    {
        StorageType.Temporary => ContractDataDurability.Temporary,
        StorageType.Persistent => ContractDataDurability.Persistent,
        _ => throw new HostError(SCErrorType.Storage, SCErrorCode.InvalidAction, "instance storage has no durability"),
    };

    internal Val PutContractData(Val k, Val v, StorageType t)
    {
        if (t == StorageType.Instance)
        {
            var s = CurrentInstanceStorageForUpdate();
            s.Map = s.Map.Insert(k, v);
        }
        else
        {
            PutContractDataIntoLedger(k, v, t);
        }
        return Val.Void;
    }

    /// <summary>
    /// <c>put_contract_data_into_ledger</c>: an existing entry is cloned with the new value and put
    /// back with its TTL; a new one is created with the durability's minimum TTL.
    /// </summary>
    private void PutContractDataIntoLedger(Val k, Val v, StorageType t)
    {
        var durability = DurabilityOf(t);
        var key = StorageKeyFromVal(k, durability);
        if (StorageHas(key, k))
        {
            var (current, liveUntil) = StorageGetWithLiveUntil(key, k);
            XdrClones.LedgerEntry(Budget, current, Protocol);
            if (current.Data is not LedgerEntryData.ContractData cd)
                throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "expected DataEntry");
            var val = FromHostVal(v);
            var updated = new LedgerEntry
            {
                LastModifiedLedgerSeq = current.LastModifiedLedgerSeq,
                Data = new LedgerEntryData.ContractData(new ContractDataEntry
                {
                    Ext = cd.Value.Ext,
                    Contract = cd.Value.Contract,
                    Key = cd.Value.Key,
                    Durability = cd.Value.Durability,
                    Val = val,
                }),
                Ext = current.Ext,
            };
            ChargeHeapAlloc(1, DeclaredSize.LedgerEntry);
            StoragePut(key, updated, liveUntil, k);
        }
        else
        {
            var contract = CurrentContractId();
            var keyScVal = FromHostVal(k);
            var valScVal = FromHostVal(v);
            var data = new ContractDataEntry
            {
                Ext = ExtensionPoint.V0.Instance,
                Contract = new SCAddress.Contract(contract),
                Key = keyScVal,
                Durability = durability,
                Val = valScVal,
            };
            var entry = NewContractDataEntry(data);
            StoragePut(key, entry, MinLiveUntilLedger(durability), k);
        }
    }

    internal Val HasContractData(Val k, StorageType t)
    {
        bool has;
        if (t == StorageType.Instance)
            has = CurrentInstanceStorage().Map.TryGet(k, out _); // map.get, which charges the access when found
        else
            has = StorageHas(StorageKeyFromVal(k, DurabilityOf(t)), k);
        return Val.FromBool(has);
    }

    internal Val GetContractData(Val k, StorageType t)
    {
        if (t == StorageType.Instance)
        {
            return CurrentInstanceStorage().Map.TryGet(k, out var v)
                ? v
                : throw Err(SCErrorType.Storage, SCErrorCode.MissingValue, "key is missing from instance storage", k);
        }
        var key = StorageKeyFromVal(k, DurabilityOf(t));
        var entry = StorageGet(key, k);
        return entry.Data is LedgerEntryData.ContractData cd
            ? ToValidHostVal(cd.Value.Val)
            : throw Err(SCErrorType.Storage, SCErrorCode.InternalError, "expected contract data ledger entry");
    }

    internal Val DelContractData(Val k, StorageType t)
    {
        if (t == StorageType.Instance)
        {
            var s = CurrentInstanceStorageForUpdate();
            var next = s.Map.Remove(k, _ => ChargeShallowCopy(1, DeclaredSize.Val), out _);
            if (next is not null)
                s.Map = next;
        }
        else
        {
            StorageDel(StorageKeyFromVal(k, DurabilityOf(t)), k);
        }
        return Val.Void;
    }

    internal Val ExtendContractDataTtl(Val k, StorageType t, uint threshold, uint extendTo)
    {
        if (t == StorageType.Instance)
            throw Err(SCErrorType.Storage, SCErrorCode.InvalidAction, "instance storage should be extended via `extend_current_contract_instance_and_code_ttl` function only");
        var key = StorageKeyFromVal(k, DurabilityOf(t));
        ExtendTtl(key, threshold, extendTo, k);
        return Val.Void;
    }

    internal Val ExtendCurrentContractInstanceAndCodeTtl(uint threshold, uint extendTo)
    {
        var id = CurrentContractId();
        var key = ContractInstanceLedgerKey(id);
        ExtendContractInstanceTtlFromKey(key, threshold, extendTo);
        ExtendContractCodeTtlFromKey(key, threshold, extendTo);
        return Val.Void;
    }

    internal Val ExtendContractInstanceTtl(Val contract, uint threshold, uint extendTo)
    {
        var key = ContractInstanceLedgerKey(ContractIdFromAddress(contract));
        ExtendContractInstanceTtlFromKey(key, threshold, extendTo);
        return Val.Void;
    }

    internal Val ExtendContractInstanceAndCodeTtl(Val contract, uint threshold, uint extendTo)
    {
        var key = ContractInstanceLedgerKey(ContractIdFromAddress(contract));
        ExtendContractInstanceTtlFromKey(key, threshold, extendTo);
        ExtendContractCodeTtlFromKey(key, threshold, extendTo);
        return Val.Void;
    }

    internal Val ExtendContractCodeTtl(Val contract, uint threshold, uint extendTo)
    {
        var key = ContractInstanceLedgerKey(ContractIdFromAddress(contract));
        ExtendContractCodeTtlFromKey(key, threshold, extendTo);
        return Val.Void;
    }

    internal Val ExtendContractDataTtlV2(Val k, StorageType t, uint extendTo, uint minExtension, uint maxExtension)
    {
        if (t == StorageType.Instance)
            throw Err(SCErrorType.Storage, SCErrorCode.InvalidAction, "instance storage should be extended via `extend_contract_instance_and_code_ttl_v2` function only");
        var key = StorageKeyFromVal(k, DurabilityOf(t));
        ExtendTtlV2(key, extendTo, minExtension, maxExtension, k);
        return Val.Void;
    }

    /// <summary>ContractTtlExtension: InstanceAndCode 0, Instance 1, Code 2 (env.json's contract_ttl_extension).</summary>
    internal Val ExtendContractInstanceAndCodeTtlV2(Val contract, uint scope, uint extendTo, uint minExtension, uint maxExtension)
    {
        var key = ContractInstanceLedgerKey(ContractIdFromAddress(contract));
        const uint instanceOnly = 1, codeOnly = 2;
        if (scope != instanceOnly)
            ExtendContractCodeTtlV2(key, extendTo, minExtension, maxExtension);
        if (scope != codeOnly)
            ExtendTtlV2(key, extendTo, minExtension, maxExtension, null);
        return Val.Void;
    }

    /// <summary><c>extend_contract_instance_ttl_from_contract_id</c>: extends the instance entry (after a metered clone of its Rc'd key: 16 bytes).</summary>
    private void ExtendContractInstanceTtlFromKey(LedgerKey instanceKey, uint threshold, uint extendTo)
    {
        ChargeShallowCopy(1, DeclaredSize.Rc);
        ExtendTtl(instanceKey, threshold, extendTo, null);
    }

    /// <summary><c>extend_contract_code_ttl_from_contract_id</c>: extends the instance's Wasm code entry (nothing for asset contracts).</summary>
    private void ExtendContractCodeTtlFromKey(LedgerKey instanceKey, uint threshold, uint extendTo)
    {
        var instance = RetrieveContractInstance(instanceKey);
        if (instance.Executable is ContractExecutable.Wasm w)
            ExtendTtl(ContractCodeLedgerKey(w.Value), threshold, extendTo, null);
    }

    private void ExtendContractCodeTtlV2(LedgerKey instanceKey, uint extendTo, uint minExtension, uint maxExtension)
    {
        var instance = RetrieveContractInstance(instanceKey);
        if (instance.Executable is ContractExecutable.Wasm w)
            ExtendTtlV2(ContractCodeLedgerKey(w.Value), extendTo, minExtension, maxExtension, null);
    }

    /// <summary><c>contract_id_from_address</c>: the contract id of an address object (a metered clone); a non-contract address is (Object, InvalidInput).</summary>
    internal Hash ContractIdFromAddress(Val address)
    {
        var a = Visit<AddressObject>(address).Address;
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.ScAddress(Protocol));
        return a is SCAddress.Contract c
            ? c.Value
            : throw Err(SCErrorType.Object, SCErrorCode.InvalidInput, "not a contract address");
    }
}
