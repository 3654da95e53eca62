namespace Replay.Tests.Common;

/// <summary>The repository the tests run from: found by walking up from the test assembly to Replay.sln.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The directory holding Replay.sln.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>tests/spec: the conformance suite's .wast scripts.</summary>
    public static string SpecDirectory => Path.Combine(Root, "tests", "spec");

    /// <summary>The .wast scripts of the conformance suite, in ordinal order of their paths.</summary>
    public static string[] SpecScripts() =>
        Directory.EnumerateFiles(SpecDirectory, "*.wast").Order(StringComparer.Ordinal).ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Replay.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("repository root (Replay.sln) not found above the test assembly");
    }
}
