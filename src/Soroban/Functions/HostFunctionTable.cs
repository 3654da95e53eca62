using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Functions;

/// <summary>The host function table (generated part: <see cref="All"/>) and the linking rule.</summary>
public static partial class HostFunctionTable
{
    // Built on first use: static initializers of partial files run in no defined order.
    private static readonly Lazy<Dictionary<(string Module, string Export), HostFunctionInfo>> ByImportLazy =
        new(() => All.ToDictionary(f => (f.Module, f.Export)));

    private static readonly Lazy<Dictionary<string, HostFunctionInfo>> ByNameLazy =
        new(() => All.ToDictionary(f => f.Name, StringComparer.Ordinal));

    private static Dictionary<(string Module, string Export), HostFunctionInfo> ByImport => ByImportLazy.Value;

    private static Dictionary<string, HostFunctionInfo> ByName => ByNameLazy.Value;

    /// <summary>The function a (module, export) import names, or null.</summary>
    public static HostFunctionInfo? Find(string module, string export) =>
        ByImport.TryGetValue((module, export), out var f) ? f : null;

    /// <summary>The function of a name, e.g. "vec_push_back".</summary>
    public static HostFunctionInfo Named(string name) =>
        ByName.TryGetValue(name, out var f) ? f : throw new KeyNotFoundException($"no host function named '{name}'");

    /// <summary>
    /// Resolves a contract's import at instantiation, as the reference host's linker does
    /// (vm.rs Vm::instantiate): a function the host linked for the ledger protocol does not
    /// define fails to link, as does one whose [min, max] protocol range excludes the ledger
    /// protocol or the contract's own protocol (both (WasmVm, InvalidAction)).
    /// </summary>
    public static HostFunctionInfo Link(string module, string export, int ledgerProtocol, int contractProtocol)
    {
        var f = Find(module, export);
        if (f is null || !f.KnownAt(ledgerProtocol))
            throw new HostError(SCErrorType.WasmVm, SCErrorCode.InvalidAction,
                $"import {module}.{export} is not a host function at protocol {ledgerProtocol}");
        if (f.MinProtocol is { } min && (contractProtocol < min || ledgerProtocol < min))
            throw new HostError(SCErrorType.WasmVm, SCErrorCode.InvalidAction,
                $"contract calls host function {f.Name} not yet supported by current protocol");
        if (f.MaxProtocol is { } max && (contractProtocol > max || ledgerProtocol > max))
            throw new HostError(SCErrorType.WasmVm, SCErrorCode.InvalidAction,
                $"contract calls host function {f.Name} no longer supported in the current protocol");
        return f;
    }

    /// <summary>
    /// <see cref="Link"/> plus the implementation, ready for the VM layer to bind as an import.
    /// A function the linking rule accepts but this host does not implement yet fails with
    /// (Context, InternalError) naming it, so a replay reports it instead of diverging silently.
    /// </summary>
    public static LinkedHostFunction LinkImplemented(string module, string export, int ledgerProtocol, int contractProtocol)
    {
        var f = Link(module, export, ledgerProtocol, contractProtocol);
        var impl = HostFunctionImpls.Find(f.Name)
            ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, $"host function {f.Name} is not implemented by this host");
        return new LinkedHostFunction(f, impl);
    }
}

/// <summary>A linked import: the function's description and implementation.</summary>
public sealed record LinkedHostFunction(HostFunctionInfo Info, HostFunctionImpl Impl)
{
    /// <summary>Calls it for a guest (<see cref="Host.Host.DispatchFromGuest"/>): raw guest words in, raw word out.</summary>
    public ulong Call(Host.Host host, ReadOnlySpan<ulong> args) => host.DispatchFromGuest(Info, Impl, args);
}
