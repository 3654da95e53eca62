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

    private static string? FindRoot()
    {
        // From the test assembly's directory up to the repository root, whose sibling is shared/.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Replay.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }
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
