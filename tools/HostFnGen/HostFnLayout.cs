namespace Replay.Tools.HostFnGen;

/// <summary>Where the host function generator reads and writes, relative to the repository root.</summary>
public static class HostFnLayout
{
    public static string EnvJsonPath(string root) => Path.GetFullPath(Path.Combine(root, "..", "shared", "soroban", "env.json"));

    public static string GeneratedDir(string root) => Path.Combine(root, "src", "Soroban", "Functions", "Generated");

    /// <summary>Where the C header for contracts goes (<see cref="HeaderGenerator"/>).</summary>
    public static string HeaderDir(string root) => Path.Combine(root, "sdk", "c");
}
