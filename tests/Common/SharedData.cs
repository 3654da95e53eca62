namespace Replay.Tests.Common;

/// <summary>
/// Locates ../shared (the XDR definitions, recorded ledgers and benchmark kernels that sit
/// beside the repository in CI). Tests that need it use <see cref="SharedFactAttribute"/>
/// and skip with a message where it is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RootDirectory = new(FindRoot);

    /// <summary>The shared directory, or null when absent.</summary>
    public static string? Root => RootDirectory.Value;

    public const string AbsentMessage = "../shared is absent (it sits beside the repository in CI)";

    /// <summary>A path inside ../shared; throws when it is absent (use in [SharedFact] tests only).</summary>
    public static string PathOf(params string[] parts) =>
        Path.Combine([Root ?? throw new InvalidOperationException(AbsentMessage), .. parts]);

    /// <summary>xdr/xdr.json, or null when absent.</summary>
    public static string? XdrJson => Root is null ? null : ExistingFile(Path.Combine(Root, "xdr", "xdr.json"));

    /// <summary>The recorded ledgers' directory, or null when absent.</summary>
    public static string? Corpus => Root is null ? null : ExistingDir(Path.Combine(Root, "corpus"));

    /// <summary>All ledger files of the corpus (not its JSON indexes), sorted; empty when absent.</summary>
    public static IReadOnlyList<string> CorpusFiles()
    {
        if (Corpus is null)
            return [];
        var files = Directory.GetFiles(Corpus, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".json", StringComparison.Ordinal))
            .ToArray();
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    // The repository root's sibling.
    private static string? FindRoot() => ExistingDir(Path.Combine(Repository.Root, "..", "shared"));

    private static string? ExistingDir(string path) => Directory.Exists(path) ? Path.GetFullPath(path) : null;

    private static string? ExistingFile(string path) => File.Exists(path) ? Path.GetFullPath(path) : null;
}

/// <summary>A fact that needs ../shared: skipped, saying so, when it is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedData.Root is null)
            Skip = SharedData.AbsentMessage;
    }
}

/// <summary>A theory that needs ../shared: skipped, saying so, when it is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (SharedData.Root is null)
            Skip = SharedData.AbsentMessage;
    }
}
