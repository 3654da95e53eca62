using Replay.Soroban.Budget;
using Replay.Soroban.Functions;
using Replay.Soroban.Host;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using Replay.Wasm.Modules;
using Replay.Wasm.Runtime;
using WasmValType = Replay.Wasm.Types.ValType;
using ExternKind = Replay.Wasm.Types.ExternKind;
using FuncType = Replay.Wasm.Types.FuncType;

namespace Replay.Soroban.Vm;

/// <summary>
/// One contract instantiation (fact: vm.rs Vm): a store and an instance of a
/// <see cref="ParsedModule"/> on the engine, its host-function imports bound to this host's
/// dispatch, its memory exposed to the host. Fuel flows as Soroban drives Wasmi: the store gets
/// the remaining CPU budget as fuel before Wasm runs (divided by WasmInsnExec's constant), and
/// every host call and every return charges the fuel consumed to the budget as WasmInsnExec.
/// </summary>
public sealed class Vm
{
    private readonly Host.Host _host;
    private readonly IStore _store;
    private readonly IInstance _instance;
    private readonly GuestMemory? _memory;
    private bool _fuelAdded;

    private Vm(Host.Host host, Hash contractId, ParsedModule module, IStore store, IInstance instance)
    {
        _host = host;
        ContractId = contractId;
        Module = module;
        _store = store;
        _instance = instance;
        if (instance.GetExport("memory") is IMemory memory)
            _memory = new GuestMemory(memory);
    }

    public Hash ContractId { get; }

    public ParsedModule Module { get; }

    /// <summary>The guest memory the host functions read and write, if the module exports "memory".</summary>
    public IGuestMemory? Memory => _memory;

    /// <summary>Fuel the engine consumed in this VM's calls (all of it was charged to the budget).</summary>
    public ulong FuelConsumed { get; private set; }

    /// <summary>The part of <see cref="FuelConsumed"/> the engine charged for compiling functions at their first call (lazy modes).</summary>
    public ulong CompilationFuel { get; private set; }

    /// <summary>
    /// <c>Vm::from_parsed_module_and_wasmi_linker</c> / <c>instantiate</c>: charges instantiation
    /// (the module's cost inputs), checks each imported host function's protocol range against the
    /// contract's and the ledger's protocols (charging the import set), then instantiates: imports
    /// resolve to host functions only ((WasmVm, InvalidAction) otherwise), tables and memories are
    /// created through Soroban's limiter (the initial memory is charged as MemAlloc), a start
    /// function is refused.
    /// </summary>
    internal static Vm Instantiate(Host.Host host, IEngine engine, Hash contractId, ParsedModule module)
    {
        module.CostInputs.ChargeForInstantiation(host.Budget, host.Protocol);
        CheckImportsMatchProtocol(host, module);
        var store = engine.CreateStore(host);
        var limiter = new SorobanLimiter(host);
        // Wasmi creates tables, then memories, asking the limiter for their initial sizes.
        foreach (var t in module.Module.Tables)
        {
            if (limiter.TableGrowing(0, t.Limits.Min, t.Limits.Max) != GrowthDecision.Allow)
                throw host.Error(new HostError(SCErrorType.Budget, SCErrorCode.ExceededLimit, "table too large"), "Table(GrowOutOfBounds)");
        }
        foreach (var m in module.Module.Memories)
        {
            var initial = (ulong)m.Limits.Min * Replay.Wasm.Types.MemoryType.PageSize;
            var max = m.Limits.Max is { } mx ? (ulong?)(mx * (ulong)Replay.Wasm.Types.MemoryType.PageSize) : null;
            if (limiter.MemoryGrowing(0, initial, max) != GrowthDecision.Allow)
                throw host.Error(new HostError(SCErrorType.Budget, SCErrorCode.ExceededLimit, "memory too large"), "Memory(OutOfBoundsGrowth)");
        }
        store.Limiter = limiter;
        if (module.Module.Start is not null)
            throw host.Error(new HostError(SCErrorType.WasmVm, SCErrorCode.InvalidAction, "start function"), "Instantiation(FoundStartFn)");
        var linker = new Linker();
        var vm = (Vm?)null;
        foreach (var import in module.Module.Imports)
        {
            if (import.Kind != ExternKind.Func)
                continue;
            var info = HostFunctionTable.Find(import.Module, import.Name);
            if (info is null || !info.KnownAt(HostInfo.HostVersion(host.Protocol)))
                continue; // missing definition: the instantiation below fails
            var type = HostFunctionType(info.Args.Count);
            var captured = info;
            linker.Define(import.Module, import.Name, store.CreateHostFunction(type,
                (caller, args, results) => vm!.CallHost(caller, captured, args, results), info.Module + "." + info.Export));
        }
        IInstance instance;
        try
        {
            instance = store.Instantiate(module.Compiled, linker);
        }
        catch (LinkException e)
        {
            throw host.Error(new HostError(SCErrorType.WasmVm, SCErrorCode.InvalidAction, "link failed: " + e.Message), "Linker(MissingDefinition)");
        }
        catch (TrapException e)
        {
            throw host.Error(new HostError(TrapErrors.TypeOf(e.Code), TrapErrors.CodeOf(e.Code), "instantiation trapped: " + e.Message) { WasmTrap = e.Code }, "Trap(" + e.Code + ")");
        }
        vm = new Vm(host, contractId, module, store, instance);
        return vm;
    }

    private static readonly FuncType[] HostTypes = Enumerable.Range(0, 12)
        .Select(n => new FuncType(Enumerable.Repeat(WasmValType.I64, n).ToArray(), [WasmValType.I64]))
        .ToArray();

    private static FuncType HostFunctionType(int arity) =>
        arity < HostTypes.Length ? HostTypes[arity] : new FuncType(Enumerable.Repeat(WasmValType.I64, arity).ToArray(), [WasmValType.I64]);

    /// <summary><c>check_contract_imports_match_host_protocol</c>: the import set's charge, then each linked function's protocol range.</summary>
    private static void CheckImportsMatchProtocol(Host.Host host, ParsedModule module)
    {
        module.ChargeImportSymbols(host);
        foreach (var info in module.ImportedHostFunctions)
        {
            if (!info.KnownAt(HostInfo.HostVersion(host.Protocol)))
                continue;
            if (info.MinProtocol is { } min && (module.ProtoVersion < min || host.Protocol < min))
                throw host.Err(SCErrorType.WasmVm, SCErrorCode.InvalidAction, "contract calls a host function not yet supported by current protocol");
            if (info.MaxProtocol is { } max && (module.ProtoVersion > max || host.Protocol > max))
                throw host.Err(SCErrorType.WasmVm, SCErrorCode.InvalidAction, "contract calls a host function no longer supported in the current protocol");
        }
    }

    // ---- fuel (vm/fuel_refillable.rs) ----

    /// <summary><c>add_fuel_to_vm</c>: the store must be clean; it gets the fuel the remaining CPU budget buys.</summary>
    private void AddFuelToVm()
    {
        if (_fuelAdded || _store.FuelConsumed != 0)
            throw _host.Err(SCErrorType.WasmVm, SCErrorCode.InternalError, "VM fuel must be clean before we supply to it");
        _store.Fuel = _host.Budget.WasmFuelRemaining;
        _fuelAdded = true;
    }

    /// <summary><c>return_fuel_to_host</c>: charges the fuel consumed as WasmInsnExec, then empties the store's fuel.</summary>
    private void ReturnFuelToHost()
    {
        ChargeConsumedFuel();
        _store.Fuel = 0;
        _fuelAdded = false;
    }

    // The fuel consumed since it was last supplied, charged as WasmInsnExec iterations.
    private void ChargeConsumedFuel()
    {
        var consumed = _store.FuelConsumed;
        FuelConsumed += consumed;
        CompilationFuel = _store.CompilationFuelConsumed;
        _host.Budget.BulkCharge(ContractCostType.WasmInsnExec, consumed, null);
        _store.ResetFuelConsumed();
    }

    /// <summary>
    /// A guest's call of a host function (vm/dispatch.rs): the protocol range, the fuel returned
    /// to the budget, the dispatch (DispatchHostFunction, argument checks, the call, the result),
    /// a failure escalated as a recorded error, and the budget's remaining fuel given back.
    /// </summary>
    private void CallHost(ICaller caller, HostFunctionInfo info, ReadOnlySpan<Value> args, Span<Value> results)
    {
        var impl = HostFunctionImpls.Find(info.Name)
            ?? throw new NotImplementedInHostException($"host function {info.Name}");
        Span<ulong> raw = stackalloc ulong[args.Length];
        for (var i = 0; i < args.Length; i++)
            raw[i] = args[i].Bits;
        var result = _host.DispatchFromVm(info, impl, raw, this, caller);
        results[0] = Value.I64((long)result);
    }

    /// <summary><c>return_fuel_to_host</c> on the caller: the fuel consumed charged as WasmInsnExec, the caller's fuel zeroed.</summary>
    internal void ReturnFuelToHost(ICaller caller)
    {
        ChargeConsumedFuel();
        caller.Fuel = 0;
    }

    /// <summary><c>add_fuel_to_vm</c> on the caller: the budget's remaining fuel.</summary>
    internal void AddFuelToVm(ICaller caller) => caller.Fuel = _host.Budget.WasmFuelRemaining;

    /// <summary>
    /// <c>invoke_function_raw</c> and <c>metered_func_call</c>: the argument vector charged, each
    /// argument made relative, InvokeVmFunction charged, the export resolved by name (missing:
    /// (WasmVm, MissingValue; worded per host version), or Void when <paramref name="missingIsNoop"/>; not a function:
    /// (WasmVm, UnexpectedType); over 32 arguments: (WasmVm, InvalidInput)), fuel added, the
    /// call, fuel returned; a trap becomes its error, a host error propagates as it was. The
    /// result must be a well-formed Val ((Value, UnexpectedType) otherwise), made absolute.
    /// </summary>
    internal Val InvokeFunction(Val functionName, ReadOnlySpan<Val> args, bool missingIsNoop)
    {
        _host.ChargeBulkInitCopy((ulong)args.Length, DeclaredSize.WasmiValue);
        var wasmArgs = new Value[args.Length];
        for (var i = 0; i < args.Length; i++)
            wasmArgs[i] = Value.I64((long)_host.AbsoluteToRelative(args[i]).Payload);

        _host.Budget.Charge(ContractCostType.InvokeVmFunction, null);
        var name = _host.SymbolStringOf(functionName);
        var export = _instance.GetExport(name);
        // The host linked for protocols 20 and 21 words these errors differently.
        var v21Messages = _host.Protocol < 22;
        if (export is null)
        {
            if (missingIsNoop)
                return Val.Void;
            throw _host.Err(SCErrorType.WasmVm, SCErrorCode.MissingValue,
                v21Messages ? "invoking unknown export" : "trying to invoke non-existent contract function", functionName);
        }
        if (export is not IFunction function)
            throw _host.Err(SCErrorType.WasmVm, SCErrorCode.UnexpectedType,
                v21Messages ? "export is not a function" : "trying to invoke Wasm export that is not a function", functionName);
        if (wasmArgs.Length > ParsedModule.MaxVmArgs)
            throw _host.Err(SCErrorType.WasmVm, SCErrorCode.InvalidInput,
                v21Messages ? "Too many arguments in wasm invocation" : "Too many arguments in Wasm invocation", functionName);

        AddFuelToVm();
        Exception? failure = null;
        var ret = Value.I64(0);
        // Wasmi's Func::call checks the signature first: parameter count, then types, then result count.
        var type = function.Type;
        string? signatureError = null;
        if (type.ParamCount != wasmArgs.Length)
            signatureError = "Func(MismatchingParameterLen)";
        else if (type.Params.IndexOfAnyExcept(WasmValType.I64) >= 0)
            signatureError = "Func(MismatchingParameterType)";
        else if (type.ResultCount != 1)
            signatureError = "Func(MismatchingResultLen)";
        if (signatureError is null)
        {
            try
            {
                Span<Value> results = [ret];
                function.Call(wasmArgs, results);
                ret = results[0];
            }
            catch (HostError e)
            {
                failure = e;
            }
            catch (TrapException e)
            {
                failure = e;
            }
            catch (FunctionCompilationException e)
            {
                // Lazy compilation: a function body that does not validate fails when first called,
                // a Wasmi error that is not a trap.
                failure = e;
            }
        }
        ReturnFuelToHost();

        if (signatureError is not null)
        {
            var code = signatureError switch
            {
                "Func(MismatchingParameterLen)" or "Func(MismatchingResultLen)" => SCErrorCode.UnexpectedSize,
                _ => SCErrorCode.UnexpectedType,
            };
            throw _host.Error(new HostError(SCErrorType.WasmVm, code, signatureError), "VM call failed: " + signatureError, functionName);
        }
        switch (failure)
        {
            case TrapException trap:
                throw _host.Error(new HostError(TrapErrors.TypeOf(trap.Code), TrapErrors.CodeOf(trap.Code), trap.Message) { WasmTrap = trap.Code },
                    "VM call trapped: " + trap.Code, functionName);
            case HostError he:
                _host.LogDiagnostics("VM call trapped with HostError", functionName, he.ToVal());
                throw he;
            case FunctionCompilationException fce:
                throw _host.Error(new HostError(SCErrorType.WasmVm, SCErrorCode.InvalidAction, fce.Message),
                    "VM call failed: " + fce.Message, functionName);
        }
        if (ret.Type != WasmValType.I64 || !_host.IsGood(new Val(ret.Bits)))
            throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "contract function returned a value that is not a Val");
        return _host.RelativeToAbsolute(new Val(ret.Bits));
    }

    /// <summary>The guest memory over the instance's exported memory (the host does the bounds checks).</summary>
    private sealed class GuestMemory(IMemory memory) : IGuestMemory
    {
        public ulong Size => (ulong)memory.Pages * Replay.Wasm.Types.MemoryType.PageSize;

        public void Read(ulong address, Span<byte> destination) =>
            memory.Bytes.Slice((int)address, destination.Length).CopyTo(destination);

        public void Write(ulong address, ReadOnlySpan<byte> source) =>
            source.CopyTo(memory.Bytes.Slice((int)address, source.Length));
    }
}

/// <summary>
/// Soroban's resource limiter (fact: budget/wasmi_helper.rs, <c>impl ResourceLimiter for Host</c>):
/// memory growth is allowed while the added bytes fit the remaining memory budget and the
/// declared maximum, and is charged as MemAlloc of the added bytes; a refusal (or a failed
/// charge) is Wasmi's OutOfBoundsGrowth. Tables may hold at most 1000 elements.
/// </summary>
internal sealed class SorobanLimiter(Host.Host host) : IResourceLimiter
{
    /// <summary>WASMI_LIMITS_CONFIG.table_elements.</summary>
    public const uint MaxTableElements = 1000;

    public GrowthDecision MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes)
    {
        var remaining = host.Budget.MemRemaining;
        var delta = desiredBytes > currentBytes ? desiredBytes - currentBytes : 0;
        var allow = delta <= remaining && (maximumBytes is not { } max || desiredBytes <= max);
        if (!allow)
            return GrowthDecision.Deny;
        try
        {
            host.Budget.Charge(ContractCostType.MemAlloc, delta);
        }
        catch (HostError)
        {
            return GrowthDecision.Deny;
        }
        return GrowthDecision.Allow;
    }

    public GrowthDecision TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements) =>
        desiredElements <= MaxTableElements && (maximumElements is not { } max || desiredElements <= max)
            ? GrowthDecision.Allow
            : GrowthDecision.Deny;
}

/// <summary>How the reference maps a Wasmi trap code to an error (soroban-env-common error.rs <c>From&lt;TrapCode&gt;</c>).</summary>
public static class TrapErrors
{
    public static SCErrorType TypeOf(TrapCode code) => code switch
    {
        TrapCode.StackOverflow or TrapCode.OutOfFuel or TrapCode.GrowthOperationLimited => SCErrorType.Budget,
        _ => SCErrorType.WasmVm,
    };

    public static SCErrorCode CodeOf(TrapCode code) => code switch
    {
        TrapCode.UnreachableCodeReached => SCErrorCode.InvalidAction,
        TrapCode.MemoryOutOfBounds or TrapCode.TableOutOfBounds => SCErrorCode.IndexBounds,
        TrapCode.IndirectCallToNull => SCErrorCode.MissingValue,
        TrapCode.IntegerDivisionByZero or TrapCode.IntegerOverflow or TrapCode.BadConversionToInteger => SCErrorCode.ArithDomain,
        TrapCode.BadSignature => SCErrorCode.UnexpectedType,
        TrapCode.StackOverflow or TrapCode.OutOfFuel or TrapCode.GrowthOperationLimited => SCErrorCode.ExceededLimit,
        _ => SCErrorCode.InternalError,
    };
}

/// <summary>
/// The invocation needs something this host does not implement yet (a host function, an
/// authorization path, the Stellar Asset Contract, a deployment function). Never a host error:
/// it ends the whole run, which is then reported as not implemented rather than given a result.
/// </summary>
public sealed class NotImplementedInHostException(string what) : Exception("not implemented: " + what)
{
    public string What { get; } = what;
}
