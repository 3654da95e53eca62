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
}
