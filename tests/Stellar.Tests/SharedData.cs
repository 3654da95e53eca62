namespace Replay.Stellar.Tests;

/// <summary>Locates ../shared (relative to the repository root); tests that need it skip when it is absent.</summary>
public static class SharedData
{
    public static string? RepoRoot { get; } = FindRoot();

    public static string? Root { get; } = RepoRoot is null ? null : ExistingDir(Path.Combine(RepoRoot, "..", "shared"));

    public static string? XdrJson => Root is null ? null : ExistingFile(Path.Combine(Root, "xdr", "xdr.json"));

    public static string? Corpus => Root is null ? null : ExistingDir(Path.Combine(Root, "corpus"));

    public const string MissingMessage = "../shared is not present next to the repository";

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Replay.sln")))
                return dir.FullName;
        }
        return null;
    }

    private static string? ExistingDir(string path) => Directory.Exists(path) ? Path.GetFullPath(path) : null;

    private static string? ExistingFile(string path) => File.Exists(path) ? Path.GetFullPath(path) : null;

    /// <summary>All ledger files of the corpus, sorted.</summary>
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
}
