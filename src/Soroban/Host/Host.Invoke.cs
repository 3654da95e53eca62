using Replay.Soroban.Functions;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// The two ways into a host function: from a guest (VM dispatch, with relative handles and the
// DispatchHostFunction charge; fact: vm/dispatch.rs) and natively from host-side code
// (fact: soroban-env-common/src/vmcaller_env.rs, the blanket Env impl).
public sealed partial class Host
{
    /// <summary>
    /// Calls a host function for a guest, as the reference's dispatch shims do: protocol bounds
    /// ((Context, IndexBounds) outside), one DispatchHostFunction charge, then per argument in
    /// order: shape and type check ((Value, InvalidInput) on failure), relative→absolute
    /// translation and an integrity check; then the call; then the result's integrity check and
    /// absolute→relative translation. Errors propagate as <see cref="HostError"/>; the VM layer
    /// turns them into a trap. The VM layer must hand its fuel back to the budget before calling.
    /// </summary>
    public ulong DispatchFromGuest(HostFunctionInfo function, HostFunctionImpl impl, ReadOnlySpan<ulong> rawArgs)
    {
        CheckProtocolBounds(function);
        Budget.Charge(ContractCostType.DispatchHostFunction, null);
        Span<ulong> args = stackalloc ulong[rawArgs.Length];
        GuestArgs(function, rawArgs, args);
        var result = impl(this, args);
        return GuestResult(function, result);
    }

    /// <summary>
    /// The VM's dispatch shim (vm/dispatch.rs): the protocol range, the call traced, the guest's
    /// fuel returned to the budget, DispatchHostFunction, the arguments checked and made absolute,
    /// the call, its return traced; a failure of the call is escalated (recorded) and the fuel
    /// handed back before it
    /// propagates; the result checked and made relative, then the fuel handed back. A failing
    /// argument or result check propagates at once, as the reference's early returns do.
    /// </summary>
    internal ulong DispatchFromVm(HostFunctionInfo function, HostFunctionImpl impl, ReadOnlySpan<ulong> rawArgs, Vm.Vm vm, Replay.Wasm.Runtime.ICaller caller)
    {
        CheckProtocolBounds(function);
        ActiveTracer?.OnCall(this, function.Name, rawArgs);
        vm.ReturnFuelToHost(caller);
        Budget.Charge(ContractCostType.DispatchHostFunction, null);
        Span<ulong> args = stackalloc ulong[rawArgs.Length];
        GuestArgs(function, rawArgs, args);
        ulong result;
        try
        {
            result = impl(this, args);
        }
        catch (HostError e)
        {
            ActiveTracer?.OnReturn(this, function.Name, null, e);
            var escalated = Error(e, "escalating error to VM trap from failed host function call: " + function.Name);
            vm.AddFuelToVm(caller);
            throw escalated;
        }
        ActiveTracer?.OnReturn(this, function.Name, result, null);
        var relative = GuestResult(function, result);
        vm.AddFuelToVm(caller);
        return relative;
    }

    // Per argument in order: shape and type check, relative->absolute, integrity check.
    private void GuestArgs(HostFunctionInfo function, ReadOnlySpan<ulong> rawArgs, Span<ulong> args)
    {
        for (var i = 0; i < rawArgs.Length; i++)
        {
            var type = function.Args[i].Type;
            if (!IsValTyped(type))
            {
                if (!RawArgOk(type, rawArgs[i]))
                    throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, $"argument {i} of {function.Name} is not a valid {type}");
                args[i] = rawArgs[i];
                continue;
            }
            var v = new Val(rawArgs[i]);
            if (!IsGood(v) || !HasValType(v, type))
                throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, $"argument {i} of {function.Name} is not a {type}");
            v = RelativeToAbsolute(v);
            CheckValIntegrity(v);
            args[i] = v.Payload;
        }
    }

    // The result's integrity check and absolute->relative translation.
    private ulong GuestResult(HostFunctionInfo function, ulong result)
    {
        if (!IsValTyped(function.Return))
            return result;
        var r = new Val(result);
        CheckValIntegrity(r);
        return AbsoluteToRelative(r).Payload;
    }

    /// <summary>
    /// Calls a host function from host-side code (tests, the observation harness, nested host
    /// work such as object comparison), as the reference's native Env path does: protocol
    /// bounds, a trace of the call, an integrity check of each Val argument (visiting objects),
    /// the call, an integrity check of the result, a trace of the return (only the function's own
    /// errors are traced as returns, as in the reference). Arguments are absolute.
    /// </summary>
    public ulong Invoke(HostFunctionInfo function, ReadOnlySpan<ulong> args)
    {
        var impl = HostFunctionImpls.Find(function.Name)
            ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, $"host function {function.Name} is not implemented");
        CheckProtocolBounds(function);
        Tracer?.OnCall(this, function.Name, args);
        // Argument and result check failures return before the reference traces a return.
        for (var i = 0; i < args.Length; i++)
        {
            var type = function.Args[i].Type;
            if (!IsValTyped(type))
                continue;
            var v = new Val(args[i]);
            if (!HasValType(v, type))
                throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, $"argument {i} of {function.Name} is not a {type}");
            CheckValIntegrity(v);
        }
        ulong result;
        try
        {
            result = impl(this, args);
        }
        catch (HostError e)
        {
            Tracer?.OnReturn(this, function.Name, null, e);
            throw;
        }
        if (IsValTyped(function.Return))
            CheckValIntegrity(new Val(result));
        Tracer?.OnReturn(this, function.Name, result, null);
        return result;
    }

    /// <summary>Native call by name with Val arguments (convenience over <see cref="Invoke(HostFunctionInfo, ReadOnlySpan{ulong})"/>).</summary>
    public Val Invoke(string name, params Val[] args)
    {
        Span<ulong> raw = stackalloc ulong[args.Length];
        for (var i = 0; i < args.Length; i++)
            raw[i] = args[i].Payload;
        return new Val(Invoke(HostFunctionTable.Named(name), raw));
    }

    internal void CheckProtocolBounds(HostFunctionInfo f)
    {
        if (f.MinProtocol is { } min && Protocol < min)
            throw new HostError(SCErrorType.Context, SCErrorCode.IndexBounds,
                $"ledger protocol {Protocol} is less than {f.Name}'s lower bound {min}");
        if (f.MaxProtocol is { } max && Protocol > max)
            throw new HostError(SCErrorType.Context, SCErrorCode.IndexBounds,
                $"ledger protocol {Protocol} is larger than {f.Name}'s upper bound {max}");
    }

    private static bool IsValTyped(ValType t) =>
        t is not (ValType.Int64 or ValType.UInt64 or ValType.StorageType or ValType.ContractTtlExtension);

    private static bool RawArgOk(ValType t, ulong raw) => t switch
    {
        // StorageType: Temporary 0, Persistent 1, Instance 2 (storage_type.rs).
        ValType.StorageType => raw <= 2,
        // ContractTtlExtension (protocol 28 interface): its variants are 0..2 as well.
        ValType.ContractTtlExtension => raw <= 2,
        _ => true,
    };

    /// <summary>Whether a Val's tag fits a declared Val subtype (the wrappers' <c>is_val_type</c>).</summary>
    public static bool HasValType(Val v, ValType t)
    {
        var tag = v.TagByte;
        return t switch
        {
            ValType.Val => true,
            ValType.Void => tag == (byte)Tag.Void,
            ValType.Bool => tag is (byte)Tag.True or (byte)Tag.False,
            ValType.Error => tag == (byte)Tag.Error,
            ValType.U32Val => tag == (byte)Tag.U32Val,
            ValType.I32Val => tag == (byte)Tag.I32Val,
            ValType.U64Val => tag is (byte)Tag.U64Small or (byte)Tag.U64Object,
            ValType.I64Val => tag is (byte)Tag.I64Small or (byte)Tag.I64Object,
            ValType.U128Val => tag is (byte)Tag.U128Small or (byte)Tag.U128Object,
            ValType.I128Val => tag is (byte)Tag.I128Small or (byte)Tag.I128Object,
            ValType.U256Val => tag is (byte)Tag.U256Small or (byte)Tag.U256Object,
            ValType.I256Val => tag is (byte)Tag.I256Small or (byte)Tag.I256Object,
            ValType.TimepointVal => tag is (byte)Tag.TimepointSmall or (byte)Tag.TimepointObject,
            ValType.DurationVal => tag is (byte)Tag.DurationSmall or (byte)Tag.DurationObject,
            ValType.Symbol => tag is (byte)Tag.SymbolSmall or (byte)Tag.SymbolObject,
            ValType.U64Object => tag == (byte)Tag.U64Object,
            ValType.I64Object => tag == (byte)Tag.I64Object,
            ValType.TimepointObject => tag == (byte)Tag.TimepointObject,
            ValType.DurationObject => tag == (byte)Tag.DurationObject,
            ValType.U128Object => tag == (byte)Tag.U128Object,
            ValType.I128Object => tag == (byte)Tag.I128Object,
            ValType.U256Object => tag == (byte)Tag.U256Object,
            ValType.I256Object => tag == (byte)Tag.I256Object,
            ValType.BytesObject => tag == (byte)Tag.BytesObject,
            ValType.StringObject => tag == (byte)Tag.StringObject,
            ValType.SymbolObject => tag == (byte)Tag.SymbolObject,
            ValType.VecObject => tag == (byte)Tag.VecObject,
            ValType.MapObject => tag == (byte)Tag.MapObject,
            ValType.AddressObject => tag == (byte)Tag.AddressObject,
            ValType.MuxedAddressObject => tag == (byte)Tag.MuxedAddressObject,
            ValType.ExecutableTagObject => tag == (byte)Tag.ExecutableTagObject,
            _ => false,
        };
    }
}
