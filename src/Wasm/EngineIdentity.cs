namespace Replay.Wasm;

/// <summary>
/// Names an execution engine in reports, the database and `replay version`:
/// which interpreter produced an outcome is part of every result we store.
/// </summary>
/// <param name="Name">Short stable id used in CLI options and stored rows ("stack", "register").</param>
/// <param name="Version">The engine's own version (the assembly's informational version).</param>
/// <param name="Models">What the engine reproduces, e.g. "Wasmi 0.31 stack machine".</param>
public sealed record EngineIdentity(string Name, string Version, string Models)
{
    /// <summary>Reads the informational version of the assembly that defines <paramref name="type"/>.</summary>
    public static string VersionOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attr = (System.Reflection.AssemblyInformationalVersionAttribute?)Attribute.GetCustomAttribute(
            type.Assembly, typeof(System.Reflection.AssemblyInformationalVersionAttribute));
        var version = attr?.InformationalVersion ?? type.Assembly.GetName().Version?.ToString() ?? "0.0.0";
        // Source-link adds "+<commit>"; keep it, it tells which build produced a result.
        return version;
    }
}
