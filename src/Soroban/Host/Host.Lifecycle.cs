using System.Security.Cryptography;
using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Soroban.Vm;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Contract deployment from Wasm (fact: host/lifecycle.rs, host.rs create_contract* and
// upload_wasm, host/data_helper.rs at each linked commit): uploading code, creating a contract
// from an address preimage with the deployer's authorization, and calling its constructor
// (protocol 22 on), updating the current contract's code, and get_contract_id. Asset contracts
// are built in Host.AssetContract.cs.
public sealed partial class Host
{
    /// <summary>The constructor a contract built for protocol 22 or later may export.</summary>
    public const string ConstructorFunctionName = "__constructor";

    /// <summary>First contract protocol whose contracts get their constructor called (CONSTRUCTOR_SUPPORT_PROTOCOL).</summary>
    public const int ConstructorSupportProtocol = 22;

    /// <summary>The transaction's source account, if set.</summary>
    public PublicKey? SourceAccount { get; set; }

    /// <summary>
    /// Whether to charge what the reference's test build (the "testutils" feature its observation
    /// traces are recorded with) charges besides production: the check for a native test contract
    /// at every contract call (its instance read, the SHA-256 of an empty code). For the
    /// observation tool only; stellar-core's host never charges it.
    /// </summary>
    public bool TestBuildCharges { get; set; }

    /// <summary><c>source_account_address</c>: a new address object for the source account (a clone of its id), or null.</summary>
    internal Val? SourceAccountAddress()
    {
        if (SourceAccount is not { } account)
            return null;
        Budget.Charge(ContractCostType.MemCpy, DeclaredSize.AccountId);
        return AddObject(new AddressObject(new SCAddress.Account(account)));
    }

    // ---- module "l": deployment ----

    /// <summary><c>upload_wasm</c>: the bytes cloned (metered), then <see cref="UploadContractWasm"/>.</summary>
    internal Val UploadWasm(Val wasm)
    {
        var bytes = Visit<BytesObject>(wasm).Bytes;
        var copy = CloneBufMetered(bytes);
        return UploadContractWasm(copy);
    }

    /// <summary>
    /// <c>upload_contract_wasm</c>: the code's SHA-256; a throwaway VM from it (the parse charged as
    /// VmInstantiation of its size, linking, instantiation), which validates it; then, from
    /// protocol 21, a second parse charge and the refined cost inputs stored in the entry; the hash
    /// as a bytes object; the code entry written (with the minimum persistent TTL) unless an equal
    /// one is there.
    /// </summary>
    internal Val UploadContractWasm(byte[] wasm)
    {
        var hash = Sha256Metered(wasm);
        ContractCodeEntryExt ext = ContractCodeEntryExt.V0.Instance;
        if (!(TestBuildCharges && wasm.Length == 0))
        {
            Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
            var inputs = CodeCostInputs.V0(wasm.Length);
            var checkVm = NewVm(Stellar.Xdr.Hash.FromBytes(hash), wasm, inputs);
            if (Protocol >= ModuleCache.HostBuiltFromProtocol)
            {
                checkVm.Module.CostInputs.ChargeForParsing(Budget);
                var refined = ParsedModule.RefinedCostInputs(checkVm.Module.Module)
                    ?? throw Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput, "unsupported wasm module");
                ext = new ContractCodeEntryExt.V1(new ContractCodeEntryV1 { Ext = ExtensionPoint.V0.Instance, CostInputs = refined });
            }
        }
        var hashObj = BytesFromSlice(hash);
        var codeKey = ContractCodeLedgerKey(Stellar.Xdr.Hash.FromBytes(hash));
        var shouldPut = !StorageHas(codeKey, null);
        if (!shouldPut && Protocol >= ModuleCache.HostBuiltFromProtocol)
        {
            var existing = StorageGet(codeKey, null);
            if (existing.Data is LedgerEntryData.ContractCode old)
                shouldPut = !old.Value.Ext.ToXdr().AsSpan().SequenceEqual(ext.ToXdr());
        }
        if (shouldPut)
        {
            var data = new ContractCodeEntry { Ext = ext, Hash = Stellar.Xdr.Hash.FromBytes(hash), Code = wasm };
            ChargeHeapAlloc(1, DeclaredSize.LedgerEntry);
            var entry = new LedgerEntry { LastModifiedLedgerSeq = 0, Data = new LedgerEntryData.ContractCode(data), Ext = LedgerEntryExt.V0.Instance };
            StoragePut(codeKey, entry, MinLiveUntilLedger(ContractDataDurability.Persistent), null);
        }
        return hashObj;
    }

    /// <summary><c>invoke_function</c> for UploadContractWasm: <see cref="UploadContractWasm"/> in a host-function frame.</summary>
    public SCVal UploadContractWasmHostFunction(byte[] wasm)
    {
        ArgumentNullException.ThrowIfNull(wasm);
        var rv = WithFrame(new Frame(FrameKind.HostFunction, null), () => UploadContractWasm(wasm));
        return FromHostVal(rv);
    }

    /// <summary>
    /// <c>invoke_function</c> for CreateContract and CreateContractV2: in a host-function frame, the
    /// deployer's address object (a metered clone of the preimage's address), the constructor
    /// arguments as Vals (CreateContractV2 only: <paramref name="constructorArgs"/> is null for
    /// CreateContract), then <see cref="CreateContractInternal"/>. Asset preimages (the Stellar
    /// Asset Contract) are not implemented.
    /// </summary>
    public SCVal CreateContractHostFunction(ContractIDPreimage preimage, ContractExecutable executable, SCVal[]? constructorArgs)
    {
        ArgumentNullException.ThrowIfNull(preimage);
        ArgumentNullException.ThrowIfNull(executable);
        var isV2 = constructorArgs is not null;
        constructorArgs ??= [];
        var rv = WithFrame(new Frame(FrameKind.HostFunction, null), () =>
        {
            // An asset contract has no deployer (its authority is the asset's issuer).
            Val? deployer = null;
            if (preimage is ContractIDPreimage.Address from)
            {
                ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol));
                deployer = AddObject(new AddressObject(from.Value.Address));
            }
            // Only CreateContractV2 converts its constructor arguments (a metered collect, even
            // when empty); CreateContract passes an empty vector for free (frame.rs at every
            // linked commit from 1cd8b8dc on).
            var ctorVals = isV2 && Protocol >= ConstructorSupportProtocol ? ScValsToVals(constructorArgs) : [];
            return CreateContractInternal(deployer, preimage, executable, constructorArgs, ctorVals);
        });
        return FromHostVal(rv);
    }

    /// <summary>
    /// <c>update_current_contract_wasm</c>: the hash as 32 bytes; code not in storage is (Storage,
    /// MissingValue) with the hash object; then the current contract's instance is read, the
    /// <c>executable_update</c> system event emitted (old and new executables as contract types),
    /// and the instance stored with the new executable. The same at every linked protocol.
    /// </summary>
    internal Val UpdateCurrentContractWasm(Val hash)
    {
        var wasmHash = Stellar.Xdr.Hash.FromBytes(HashFromBytesObjInput(hash));
        if (!StorageHas(ContractCodeLedgerKey(wasmHash), null))
            throw Err(SCErrorType.Storage, SCErrorCode.MissingValue, "Wasm does not exist", hash);
        var contractId = CurrentContractId();
        var key = ContractInstanceLedgerKey(contractId);
        var old = RetrieveContractInstance(key);
        var executable = new ContractExecutable.Wasm(wasmHash);
        EmitUpdateContractEvent(old.Executable, executable);
        StoreContractInstance(executable, null, contractId, key);
        return Val.Void;
    }

    /// <summary>
    /// <c>emit_update_contract_event</c>: a system event whose topics are the symbol
    /// <c>executable_update</c> then the old and new executables (each a contract-type enum: a
    /// vector of its case symbol and, for Wasm, the hash as a new bytes object), with an empty vector as data.
    /// </summary>
    private void EmitUpdateContractEvent(ContractExecutable old, ContractExecutable updated)
    {
        var topic = SymbolNewFromSlice("executable_update"u8);
        var oldVal = ContractExecutableToVal(old);
        var newVal = ContractExecutableToVal(updated);
        var topics = VecNewFromSlice([topic, oldVal, newVal]);
        var data = VecNewFromSlice([]);
        RecordContractEvent(ContractEventType.System, topics, data);
    }

    /// <summary>The built-in contract type <c>ContractExecutable</c> as a Val: <c>from_xdr</c> (a bytes object for the hash), then the enum's case vector.</summary>
    private Val ContractExecutableToVal(ContractExecutable executable)
    {
        switch (executable)
        {
            case ContractExecutable.Wasm w:
                var bytes = BytesNewFromSlice(w.Value.ToArray());
                return VecNewFromSlice([SymbolSmall.FromString("Wasm"), bytes]);
            default:
                return VecNewFromSlice([SymbolNewFromSlice("StellarAsset"u8)]);
        }
    }

    /// <summary><c>create_contract</c>: <see cref="CreateContractImpl"/> without constructor arguments.</summary>
    internal Val CreateContract(Val deployer, Val wasmHash, Val salt) => CreateContractImpl(deployer, wasmHash, salt, null);

    /// <summary><c>create_contract_with_constructor</c> (protocol 22 on).</summary>
    internal Val CreateContractWithConstructor(Val deployer, Val wasmHash, Val salt, Val constructorArgs) =>
        CreateContractImpl(deployer, wasmHash, salt, constructorArgs);

    /// <summary>
    /// <c>create_contract_impl</c>: the preimage (a metered clone of the deployer's address, the
    /// salt as 32 bytes), the executable (the code hash as 32 bytes), the constructor arguments as
    /// ScVals and Vals, then <see cref="CreateContractInternal"/> with the deployer's authorization.
    /// </summary>
    private Val CreateContractImpl(Val deployer, Val wasmHash, Val salt, Val? constructorArgs)
    {
        var address = Visit<AddressObject>(deployer).Address;
        ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol));
        var saltBytes = HashFromBytesObjInput(salt);
        var code = HashFromBytesObjInput(wasmHash);
        SCVal[] ctorScVals = [];
        Val[] ctorVals = [];
        if (constructorArgs is { } v)
        {
            ctorScVals = VecObjectToScVals(v);
            ctorVals = CallArgsFromVec(v);
        }
        var preimage = new ContractIDPreimage.Address(new ContractIDPreimageFromAddress
        {
            Address = address,
            Salt = Uint256.FromBytes(saltBytes),
        });
        return CreateContractInternal(deployer, preimage, new ContractExecutable.Wasm(Stellar.Xdr.Hash.FromBytes(code)), ctorScVals, ctorVals);
    }

    /// <summary>
    /// <c>create_contract_internal</c>: the deployer's create-contract frame on the auth manager
    /// (popped whatever happens), the deployer's <c>require_auth</c>, the contract id (a metered
    /// SHA-256 of the full preimage with the network id), the instance written (an existing one is
    /// (Storage, ExistingValue); missing code (Storage, MissingValue)), the constructor (protocol
    /// 22 on), and the new contract's address object.
    /// </summary>
    private Val CreateContractInternal(Val? deployer, ContractIDPreimage preimage, ContractExecutable executable, SCVal[] ctorScVals, Val[] ctorVals)
    {
        void ChargeArgsClone() => XdrClones.CreateContractArgs(Budget, Protocol, preimage, ctorScVals);
        if (deployer is { } d)
        {
            ChargeArgsClone();
            Authorization.PushCreateContractHostFnFrame(this, preimage, executable, ctorScVals, ChargeArgsClone);
        }
        try
        {
            if (deployer is { } auth)
                Authorization.RequireAuth(this, auth, []);
            XdrClones.ContractIdPreimage(Budget, Protocol);
            var networkId = HashFromBytesObjInput(new Val(Invoke(Functions.HostFunctionTable.Named("get_ledger_network_id"), [])));
            var contractId = Stellar.Xdr.Hash.FromBytes(MeteredHashContractIdPreimage(networkId, preimage));
            Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
            // The executable is a metered clone from protocol 26 (b351f88a); before, a free clone.
            if (Protocol >= 26)
                Budget.Charge(ContractCostType.MemCpy, DeclaredSize.ContractExecutable);
            CreateContractWithId(contractId, executable);
            if (preimage is ContractIDPreimage.Asset asset)
                InitializeAssetContract(contractId, asset.Value);
            if (Protocol >= ConstructorSupportProtocol && executable is ContractExecutable.Wasm)
                CallConstructor(contractId, ctorVals);
            return AddObject(new AddressObject(new SCAddress.Contract(contractId)));
        }
        finally
        {
            if (deployer is not null)
                Authorization.PopFrame(this, null);
        }
    }

    /// <summary>
    /// <c>get_contract_id</c>: <c>get_contract_id_hash</c> (the deployer's address cloned (metered),
    /// the salt as 32 bytes, the preimage cloned (metered), the network id through the native
    /// get_ledger_network_id, the metered SHA-256 of HashIdPreimage::ContractId) as a new address
    /// object. Nothing is read from storage: the contract need not exist. The same at every linked
    /// protocol.
    /// </summary>
    internal Val GetContractId(Val deployer, Val salt)
    {
        var address = Visit<AddressObject>(deployer).Address;
        ChargeShallowCopy(1, DeclaredSize.ScAddress(Protocol));
        var saltBytes = HashFromBytesObjInput(salt);
        var preimage = new ContractIDPreimage.Address(new ContractIDPreimageFromAddress
        {
            Address = address,
            Salt = Uint256.FromBytes(saltBytes),
        });
        XdrClones.ContractIdPreimage(Budget, Protocol);
        var networkId = HashFromBytesObjInput(new Val(Invoke(Functions.HostFunctionTable.Named("get_ledger_network_id"), [])));
        var contractId = Stellar.Xdr.Hash.FromBytes(MeteredHashContractIdPreimage(networkId, preimage));
        return AddObject(new AddressObject(new SCAddress.Contract(contractId)));
    }

    /// <summary><c>metered_hash_xdr</c> of HashIdPreimage::ContractId: its metered encoding, then a SHA-256 of it.</summary>
    private byte[] MeteredHashContractIdPreimage(byte[] networkId, ContractIDPreimage preimage)
    {
        var encoded = MeteredXdr.WriteContractIdHashPreimage(Budget, Stellar.Xdr.Hash.FromBytes(networkId), preimage);
        Budget.Charge(ContractCostType.ComputeSha256Hash, (ulong)encoded.Length);
        return SHA256.HashData(encoded);
    }

    /// <summary>
    /// <c>create_contract_with_id</c>: an instance already there is (Storage, ExistingValue); Wasm
    /// code not in storage is (Storage, MissingValue); then the instance is stored.
    /// </summary>
    private void CreateContractWithId(Stellar.Xdr.Hash contractId, ContractExecutable executable)
    {
        var key = ContractInstanceLedgerKey(contractId);
        if (StorageHas(key, null))
            throw Err(SCErrorType.Storage, SCErrorCode.ExistingValue, "contract already exists", BytesFromSlice(contractId.ToArray()));
        if (executable is ContractExecutable.Wasm w && !StorageHas(ContractCodeLedgerKey(w.Value), null))
            throw ErrWithDebugArgs(SCErrorType.Storage, SCErrorCode.MissingValue, "Wasm does not exist", () => [BytesFromSlice(w.Value.ToArray())]);
        StoreContractInstance(executable, null, contractId, key);
    }

    /// <summary>
    /// <c>call_constructor</c>: contracts built before protocol 22 have a no-op constructor taking
    /// no arguments; otherwise <c>__constructor</c> is called as an internal host call (missing is a
    /// no-op when there are no arguments), a recoverable failure becoming (Context, InvalidAction),
    /// and it must return Void.
    /// </summary>
    private void CallConstructor(Stellar.Xdr.Hash contractId, Val[] args)
    {
        var contractProtocol = GetContractProtocolVersion(contractId);
        if (contractProtocol < ConstructorSupportProtocol)
        {
            if (args.Length == 0)
                return;
            throw Err(SCErrorType.Context, SCErrorCode.InvalidAction,
                "trying to call non-default constructor on a contract that doesn't support constructors (built prior to protocol 22)");
        }
        Val result;
        try
        {
            var name = SymbolFromBytes(System.Text.Encoding.ASCII.GetBytes(ConstructorFunctionName));
            result = CallN(contractId, name, args, internalHostCall: true, missingIsNoop: args.Length == 0);
        }
        catch (HostError e) when (IsRecoverable(e))
        {
            throw Err(SCErrorType.Context, SCErrorCode.InvalidAction, "constructor invocation has failed with error", e.ToVal());
        }
        if (result != Val.Void)
            throw Err(SCErrorType.Value, SCErrorCode.UnexpectedType, "constructor returned non-void value", result);
    }

    /// <summary>
    /// <c>get_contract_protocol_version</c>: a Wasm contract's protocol is its module's (the VM is
    /// instantiated for it); an asset contract's (and, in the test build, a native test
    /// contract's) is the ledger's.
    /// </summary>
    private uint GetContractProtocolVersion(Stellar.Xdr.Hash contractId)
    {
        if (TestBuildCharges && IsTestContractExecutable(contractId))
            return (uint)Protocol;
        var instance = RetrieveContractInstance(ContractInstanceLedgerKey(contractId));
        return instance.Executable is ContractExecutable.Wasm w
            ? (uint)InstantiateVm(contractId, w.Value).Module.ProtoVersion
            : (uint)Protocol;
    }

    /// <summary>
    /// The test build's <c>is_test_contract_executable</c>: the instance read from storage and
    /// compared with the executable of an empty code (its SHA-256 computed each time).
    /// </summary>
    internal bool IsTestContractExecutable(Stellar.Xdr.Hash contractId)
    {
        var instance = RetrieveContractInstance(ContractInstanceLedgerKey(contractId));
        var emptyHash = Sha256Metered([]);
        return instance.Executable is ContractExecutable.Wasm w && w.Value.ToArray().AsSpan().SequenceEqual(emptyHash);
    }
}
