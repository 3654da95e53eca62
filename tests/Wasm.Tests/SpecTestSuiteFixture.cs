using Replay.Wasm.SpecTest;

namespace Replay.Wasm.Tests;

/// <summary>
/// tests/spec converted once per run with wast2json into a temporary directory (the .wast files are
/// the source of truth; no generated JSON or wasm is committed). <see cref="MissingReason"/> is set,
/// and the scripts are empty, when wabt is not installed.
/// </summary>
public sealed class SpecTestSuiteFixture : IDisposable
{
    private readonly DirectoryInfo? _directory;

    public SpecTestSuiteFixture()
    {
        SpecDirectory = FindSpecDirectory();
        WastFiles = Directory.EnumerateFiles(SpecDirectory, "*.wast").Order(StringComparer.Ordinal).ToArray();
        if (Wast2Json.FindTool() is null)
        {
            MissingReason = "wast2json (wabt) is not installed; the conformance suite was not checked";
            Scripts = [];
            return;
        }
        _directory = Directory.CreateTempSubdirectory("replay-spec-frontend-");
        Scripts = WastFiles
            .Select(w => SpecScriptReader.ReadFile(Wast2Json.Convert(w, Path.Combine(_directory.FullName, Path.GetFileNameWithoutExtension(w)))))
            .ToArray();
    }

    public string SpecDirectory { get; }

    public IReadOnlyList<string> WastFiles { get; }

    public IReadOnlyList<SpecScript> Scripts { get; }

    public string? MissingReason { get; }

    public string TempDirectory(string name)
    {
        var path = Path.Combine(_directory?.FullName ?? Path.GetTempPath(), name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => _directory?.Delete(recursive: true);

    private static string FindSpecDirectory()
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
public sealed class SpecTestSuiteCollection : ICollectionFixture<SpecTestSuiteFixture>
{
    public const string Name = "conformance suite scripts";
}
