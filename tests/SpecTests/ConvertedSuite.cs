using Replay.Wasm.SpecTest;

namespace Replay.SpecTests;

/// <summary>
/// The .wast scripts of tests/spec converted to JSON once per test run (wast2json at test time:
/// the .wast files are the source of truth and nothing generated is committed). When wabt is
/// not installed, <see cref="MissingReason"/> says so and tests that need it return early.
/// </summary>
public sealed class ConvertedSuite : IDisposable
{
    private readonly DirectoryInfo? _directory;

    public ConvertedSuite()
    {
        SpecDirectory = FindSpecDirectory();
        WastFiles = Directory.EnumerateFiles(SpecDirectory, "*.wast").Order(StringComparer.Ordinal).ToArray();
        if (Wast2Json.FindTool() is null)
        {
            MissingReason = "wast2json (wabt) is not installed; the conformance suite was not run";
            JsonFiles = [];
            return;
        }
        _directory = Directory.CreateTempSubdirectory("replay-spec-");
        JsonFiles = WastFiles
            .Select(w => Wast2Json.Convert(w, Path.Combine(_directory.FullName, Path.GetFileNameWithoutExtension(w))))
            .ToArray();
    }

    public string SpecDirectory { get; }

    public IReadOnlyList<string> WastFiles { get; }

    public IReadOnlyList<string> JsonFiles { get; }

    public string? MissingReason { get; }

    /// <summary>A scratch directory for tests that convert scripts of their own.</summary>
    public string ScratchDirectory(string name)
    {
        var path = Path.Combine(_directory?.FullName ?? Path.GetTempPath(), "scratch-" + name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => _directory?.Delete(recursive: true);

    internal static string FindSpecDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Replay.sln")))
                return Path.Combine(dir.FullName, "tests", "spec");
        }
        throw new InvalidOperationException("repository root (Replay.sln) not found above the test assembly");
    }
}

[CollectionDefinition(Name)]
public sealed class SuiteCollection : ICollectionFixture<ConvertedSuite>
{
    public const string Name = "converted conformance suite";
}
