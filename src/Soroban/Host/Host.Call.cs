using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Soroban.Vm;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Host;

// Contract invocation: the top-level host function, calls between contracts (module "d"), VM
// instantiation with the protocol's module caching (fact: host/frame.rs call_n_internal,
// call_contract_fn, instantiate_vm, invoke_function; host.rs call, try_call).
public sealed partial class Host : IErrorSink
{
    /// <summary>Functions starting with this prefix are reserved for the host and cannot be called directly.</summary>
    public const string ReservedFunctionPrefix = "__";

    /// <summary>The engine contracts run on; null outside an invocation.</summary>
    public IEngine? Engine { get; set; }

    /// <summary>
    /// Compiles a module for <see cref="Engine"/> or <see cref="IsolatedEngine"/> (the invoker may
    /// reuse compiled modules across invocations); null compiles afresh each time.
    /// </summary>
    public ModuleCompiler? Compile { get; set; }

    /// <summary>
    /// The engine of a throwaway module, parsed outside any module cache (<c>ParsedModule::
    /// new_with_isolated_engine</c>: the upload check, protocol 20, code uploaded in the same
    /// transaction, recording mode): <see cref="Engine"/> compiling eagerly. Soroban's Wasmi 0.36
    /// host (f0bc81b8, the one host that ran a lazily compiling Wasmi) compiled lazily only in its
    /// module cache (<c>ModuleCache::new</c>), and eagerly in the isolated engine.
    /// </summary>
    public IEngine IsolatedEngine => (Engine ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "the host has no engine"))
        .InMode(CompilationMode.Eager);

    /// <summary>
    /// The module cache core passes (protocol 23 and later); for protocols 21-22 the host builds
    /// its own on the first instantiation; null at protocol 20 or before either.
    /// </summary>
    public ModuleCache? ModuleCache { get; set; }

    /// <summary>Budget consumed and fuel spent instantiating contracts (parsing, linking, instantiation), for the outcome's split.</summary>
    public ResourceAccumulator Instantiation { get; } = new();

    /// <summary>Every VM this host instantiated, for the fuel totals.</summary>
    public List<Vm.Vm> Vms { get; } = [];

    HostError IErrorSink.Err(SCErrorType type, SCErrorCode code, string message, params Val[] args) => Err(type, code, message, args);

    HostError IErrorSink.Error(HostError error, string message, params Val[] args) => Error(error, message, args);

    /// <summary>
    /// <c>invoke_function</c> for an InvokeContract host function: inside a host-function frame, the
    /// address must be a contract's ((Value, UnexpectedType) otherwise), the function name becomes a
    /// Symbol, the arguments Vals (a metered vector), then the call; the result is converted back.
    /// </summary>
    public SCVal InvokeContract(InvokeContractArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var frame = new Frame(FrameKind.HostFunction, null);
        var rv = WithFrame(frame, () =>
        {
            if (args.ContractAddress is not SCAddress.Contract contract)
                throw Err(SCErrorType.Value, SCErrorCode.UnexpectedType, "invoked address doesn't belong to a contract");
            var function = SymbolFromBytes(args.FunctionName.Bytes);
            var vals = ScValsToVals(args.Args);
            return CallN(contract.Value, function, vals);
        });
        return FromHostVal(rv);
    }

    /// <summary><c>Symbol::try_from_val(&amp;[u8])</c>: a small symbol when it fits, else <c>symbol_new_from_slice</c>.</summary>
    internal Val SymbolFromBytes(ReadOnlySpan<byte> bytes) =>
        SymbolSmall.TryFromBytes(bytes, out var small) ? small : SymbolNewFromSlice(bytes);

    /// <summary><c>scvals_to_val_vec</c>: a metered vector of converted values.</summary>
    internal Val[] ScValsToVals(SCVal[] scvals)
    {
        ChargeResultVecBulkInitCopy((ulong)scvals.Length, DeclaredSize.Val);
        var vals = new Val[scvals.Length];
        for (var i = 0; i < scvals.Length; i++)
            vals[i] = ToHostVal(scvals[i]);
        return vals;
    }

    /// <summary>
    /// <c>SymbolStr::try_from_val</c>: a small symbol decodes for free; an object is read through
    /// <c>symbol_len</c> and <c>symbol_copy_to_slice</c>.
    /// </summary>
    internal string SymbolStringOf(Val symbol)
    {
        if (symbol.HasTag(Tag.SymbolSmall))
            return System.Text.Encoding.ASCII.GetString(SymbolSmall.Decode(symbol));
        var len = new Val(Invoke(Functions.HostFunctionTable.Named("symbol_len"), [symbol.Payload])).AsU32;
        if (len > SymbolSmall.MaxSymbolLength)
            throw new HostError(SCErrorType.Value, SCErrorCode.InternalError, "symbol longer than a SymbolStr");
        var buf = new byte[len];
        SymbolCopyToSlice(symbol, 0, buf);
        return System.Text.Encoding.ASCII.GetString(buf);
    }

    /// <summary>
    /// <c>call_n_internal</c> with external-call parameters: a reserved name ("__" prefix) is
    /// (Context, InvalidAction); so is calling a contract already on the stack (re-entry is
    /// prohibited); then the fn_call event, the contract call, and on success the fn_return event.
    /// </summary>
    internal Val CallN(Hash contractId, Val function, Val[] args, bool internalHostCall = false, bool missingIsNoop = false,
        ReentryMode reentry = ReentryMode.Prohibited)
    {
        if (!internalHostCall && SymbolStringOf(function).StartsWith(ReservedFunctionPrefix, StringComparison.Ordinal))
            throw Err(SCErrorType.Context, SCErrorCode.InvalidAction, "can't invoke a reserved function directly", function);
        // The distance (in contract frames, innermost first) to a frame of the same contract.
        int? distance = null;
        var seen = 0;
        for (var i = _frames.Count - 1; i >= 0; i--)
        {
            if (_frames[i].ContractId is not { } id)
                continue;
            if (id == contractId)
            {
                distance = seen;
                break;
            }
            seen++;
        }
        if (distance is { } d)
        {
            // SelfAllowed (an account's __check_auth) lets the current contract re-enter itself;
            // from protocol 25 (6323c1fc) its instance storage is persisted first so the
            // re-entered call sees it.
            if (reentry == ReentryMode.SelfAllowed && d == 0)
            {
                if (Protocol >= 25)
                    PersistInstanceStorage();
            }
            else
                throw Err(SCErrorType.Context, SCErrorCode.InvalidAction, "Contract re-entry is not allowed");
        }
        FnCallDiagnostics(contractId, function, args);
        // The test build first checks for a native test contract (none here).
        if (TestBuildCharges)
            IsTestContractExecutable(contractId);
        var result = CallContractFn(contractId, function, args, missingIsNoop);
        FnReturnDiagnostics(contractId, function, result);
        return result;
    }

    /// <summary>
    /// <c>call_contract_fn</c>: the contract's instance from storage, a metered copy of the
    /// arguments, then for a Wasm contract its VM in a new contract frame.
    /// </summary>
    private Val CallContractFn(Hash contractId, Val function, Val[] args, bool missingIsNoop)
    {
        var key = ContractInstanceLedgerKey(contractId);
        var instance = RetrieveContractInstance(key);
        ChargeBulkInitCopy((ulong)args.Length, DeclaredSize.Val);
        switch (instance.Executable)
        {
            case ContractExecutable.Wasm wasm:
                {
                    var vm = InstantiateVm(contractId, wasm.Value);
                    var frame = new Frame(FrameKind.ContractVm, vm.Memory)
                    {
                        ContractId = contractId,
                        FunctionName = function,
                        Args = args,
                        Instance = instance,
                        Vm = vm,
                    };
                    return WithFrame(frame, () => vm.InvokeFunction(function, args, missingIsNoop));
                }
            default:
                return CallAssetContract(contractId, function, args, instance);
        }
    }

    /// <summary>
    /// <c>instantiate_vm</c>: a clone of the id; with a module cache whose storage has the code,
    /// instantiation from the cached module; otherwise the code is read from storage and parsed
    /// (charged by its entry's cost inputs) for a throwaway instantiation. For protocols 21-22 the
    /// host first builds its own cache from storage.
    /// </summary>
    private Vm.Vm InstantiateVm(Hash contractId, Hash wasmHash)
    {
        var engine = Engine ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "the host has no engine");
        var before = Snapshot();
        try
        {
            var recording = Storage is { IsRecording: true };
            var recordingCacheHit = false;
            if (Protocol is >= ModuleCache.HostBuiltFromProtocol and < ModuleCache.CoreCacheFromProtocol && recording)
            {
                _needToBuildModuleCache = true;
            }
            else if (Protocol is >= ModuleCache.HostBuiltFromProtocol and < ModuleCache.CoreCacheFromProtocol)
            {
                BuildModuleCacheIfNeeded();
            }
            Budget.Charge(ContractCostType.MemCpy, DeclaredSize.Hash);
            if (ModuleCache is { } cache)
            {
                var wasmKey = ContractCodeLedgerKey(wasmHash);
                if (StorageHas(wasmKey, null) && cache.Get(wasmHash) is { } cached)
                    return InstantiateParsed(engine, contractId, cached);
            }
            if (recording && Protocol >= ModuleCache.HostBuiltFromProtocol && Protocol < ModuleCache.CoreCacheFromProtocol)
            {
                var codeKey = Budget.WithObservableShadowMode(() => ContractCodeLedgerKey(wasmHash));
                recordingCacheHit = Storage!.Snapshot!(codeKey) is not null;
            }
            var (code, inputs) = RetrieveWasm(wasmHash);
            var costInputs = inputs is { } r ? CodeCostInputs.V1(r) : CodeCostInputs.V0(code.Length);
            var isolated = IsolatedEngine;
            if (recordingCacheHit)
            {
                // Recording mode, code from the snapshot: a simulated cache hit, parsed in the
                // budget's shadow mode (ModuleParseCostMode::PossiblyDeferredIfRecording).
                var shadowParsed = Budget.WithObservableShadowMode(() => ParseModule(isolated, code, costInputs));
                shadowParsed.ChargeImportSymbols(this);
                return InstantiateParsed(isolated, contractId, shadowParsed);
            }
            var parsed = ParseModule(isolated, code, costInputs);
            parsed.ChargeImportSymbols(this); // make_wasmi_linker for the throwaway module
            return InstantiateParsed(isolated, contractId, parsed);
        }
        finally
        {
            Instantiation.Add(Snapshot() - before);
        }
    }

    /// <summary><c>Vm::new</c>: a throwaway VM parsed from <paramref name="wasm"/> under <paramref name="inputs"/>, linked and instantiated.</summary>
    internal Vm.Vm NewVm(Hash contractId, byte[] wasm, CodeCostInputs inputs)
    {
        var engine = IsolatedEngine;
        var before = Snapshot();
        try
        {
            var parsed = ParseModule(engine, wasm, inputs);
            parsed.ChargeImportSymbols(this);
            return InstantiateParsed(engine, contractId, parsed);
        }
        finally
        {
            Instantiation.Add(Snapshot() - before);
        }
    }

    /// <summary><c>build_module_cache_if_needed</c> (protocols 21-22): without a cache, the cache from storage, then its shared linker.</summary>
    internal void BuildModuleCacheIfNeeded()
    {
        if (ModuleCache is not null)
            return;
        var engine = Engine ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "the host has no engine");
        var built = ModuleCache.BuildFromStorage(this, (_, code, inputs) => ParseModule(engine, code, inputs));
        built.ChargeSharedLinker(this);
        ModuleCache = built;
    }

    // Protocols 21-22 in recording mode: the host's module cache is built only when the last frame
    // pops (build_module_cache_if_needed is deferred, need_to_build_module_cache set).
    private bool _needToBuildModuleCache;

    /// <summary>
    /// <c>rebuild_module_cache</c> (protocols 21-22, recording mode, when the last frame pops; the
    /// reference also exposes it to tests, which rebuild the cache between invocations): a new
    /// cache from the storage's keys with the snapshot's (initial) values, and its shared linker.
    /// </summary>
    public void RebuildModuleCache()
    {
        var engine = Engine ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "the host has no engine");
        var built = ModuleCache.BuildFromStorage(this, (_, code, inputs) => ParseModule(engine, code, inputs));
        built.ChargeSharedLinker(this);
        ModuleCache = built;
    }

    private Vm.Vm InstantiateParsed(IEngine engine, Hash contractId, ParsedModule module)
    {
        var vm = Vm.Vm.Instantiate(this, engine, contractId, module);
        Vms.Add(vm);
        return vm;
    }

    internal ParsedModule ParseModule(IEngine engine, byte[] code, CodeCostInputs inputs) =>
        ParsedModule.Parse(Budget, this, Protocol, HostInfo.HostVersion(Protocol), engine, code, inputs, Compile);

    private ResourceSnapshot Snapshot() => new(Budget.CpuConsumed, Budget.MemConsumed);

    // ---- module "d" ----

    /// <summary><c>call</c>: the arguments from the vector, the call; a failure records "contract call failed".</summary>
    internal Val Call(Val contract, Val function, Val args)
    {
        var argv = CallArgsFromVec(args);
        var id = ContractIdFromAddress(contract);
        try
        {
            return CallN(id, function, argv);
        }
        catch (HostError e)
        {
            Error(e, "contract call failed", function, args);
            throw;
        }
    }

    /// <summary>
    /// <c>try_call</c>: as <see cref="Call"/>, but a recoverable failure (a contract error, or any
    /// error but internal errors and storage or budget limits) is returned as an error value: the
    /// contract's own code, or (Context, InvalidAction) for host errors. The callee's storage and
    /// events were already rolled back by its frame.
    /// </summary>
    internal Val TryCall(Val contract, Val function, Val args)
    {
        var argv = CallArgsFromVec(args);
        var id = ContractIdFromAddress(contract);
        try
        {
            return CallN(id, function, argv);
        }
        catch (HostError e)
        {
            Error(e, "contract try_call failed", function, args);
            if (!IsRecoverable(e))
                throw;
            return e.Type == SCErrorType.Contract
                ? e.ToVal()
                : Val.FromError(SCErrorType.Context, (uint)SCErrorCode.InvalidAction);
        }
    }

    /// <summary>The reference's ContractReentryMode for internal calls.</summary>
    internal enum ReentryMode : byte
    {
        Prohibited,
        SelfAllowed,
    }

    /// <summary><c>HostError::is_recoverable</c>: not an internal error (unless a contract's), not a storage or budget limit.</summary>
    public static bool IsRecoverable(HostError e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type != SCErrorType.Contract && e.Code == SCErrorCode.InternalError)
            return false;
        if (e.Code == SCErrorCode.ExceededLimit && e.Type is SCErrorType.Storage or SCErrorType.Budget)
            return false;
        return true;
    }

    /// <summary><c>call_args_from_obj</c>: the vector's elements (a metered clone).</summary>
    private Val[] CallArgsFromVec(Val args)
    {
        var items = Visit<VecObject>(args).Items;
        ChargeVecClone((ulong)items.Length, DeclaredSize.Val);
        return (Val[])items.Clone();
    }

    // ---- module "x": contract context ----

    /// <summary><c>contract_event</c>: records a contract event from the current contract.</summary>
    internal Val ContractEvent(Val topics, Val data)
    {
        RecordContractEvent(ContractEventType.Contract, topics, data);
        return Val.Void;
    }

    /// <summary><c>get_current_contract_address</c>: a new address object for the running contract.</summary>
    internal Val GetCurrentContractAddress()
    {
        var id = CurrentContractId();
        return AddObject(new AddressObject(new SCAddress.Contract(id)));
    }
}

/// <summary>CPU and memory totals at one point.</summary>
public readonly record struct ResourceSnapshot(ulong Cpu, ulong Mem)
{
    public static ResourceSnapshot operator -(ResourceSnapshot a, ResourceSnapshot b) => new(a.Cpu - b.Cpu, a.Mem - b.Mem);
}

/// <summary>Sums resource snapshots (nested instantiations are counted once: only the outermost adds).</summary>
public sealed class ResourceAccumulator
{
    public ulong Cpu { get; private set; }

    public ulong Mem { get; private set; }

    internal void Add(ResourceSnapshot s)
    {
        Cpu += s.Cpu;
        Mem += s.Mem;
    }
}
