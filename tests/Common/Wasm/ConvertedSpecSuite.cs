using Replay.Wasm.SpecTest;

namespace Replay.Tests.Common;

/// <summary>
/// tests/spec converted with wast2json once per test run, into a temporary directory (the .wast
/// files are the source of truth; nothing generated is committed). wast2json (wabt) is required:
/// without it the fixture fails with a message naming the tool, and so does every test that uses
/// it. Compiled into the test projects that set <c>UsesWasmTestSupport</c> (they reference Replay.Wasm).
/// </summary>
public sealed class ConvertedSpecSuite : IDisposable
{
    private readonly DirectoryInfo _directory;
    private readonly Dictionary<string, string> _jsonByScript = new(StringComparer.Ordinal);
    private IReadOnlyList<SpecScript>? _scripts;

    public ConvertedSpecSuite()
    {
        WastFiles = Repository.SpecScripts();
        if (Wast2Json.FindTool() is null)
            throw new InvalidOperationException($"{Wast2Json.ToolName} is not installed (Debian package 'wabt'; ./test.sh installs it): the conformance suite cannot be converted");
        _directory = Directory.CreateTempSubdirectory("replay-spec-");
        var json = new List<string>(WastFiles.Count);
        foreach (var wast in WastFiles)
        {
            var file = Wast2Json.Convert(wast, Path.Combine(_directory.FullName, Path.GetFileNameWithoutExtension(wast)));
            _jsonByScript.Add(Path.GetFileName(wast), file);
            json.Add(file);
        }
        JsonFiles = json;
    }

    /// <summary>The .wast scripts, in ordinal order.</summary>
    public IReadOnlyList<string> WastFiles { get; }

    /// <summary>The converted scripts, in the order of <see cref="WastFiles"/>.</summary>
    public IReadOnlyList<string> JsonFiles { get; }

    /// <summary>The converted scripts, parsed (on first use; tests of one collection run one at a time).</summary>
    public IReadOnlyList<SpecScript> Scripts => _scripts ??= JsonFiles.Select(SpecScriptReader.ReadFile).ToArray();

    /// <summary>The converted JSON of a script, by its file name (e.g. "i32.wast").</summary>
    public string JsonOf(string scriptFileName) => _jsonByScript[scriptFileName];

    /// <summary>A scratch directory for tests that convert scripts of their own.</summary>
    public string ScratchDirectory(string name)
    {
        var path = Path.Combine(_directory.FullName, "scratch-" + name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}

[CollectionDefinition(Name)]
public sealed class ConvertedSpecSuiteCollection : ICollectionFixture<ConvertedSpecSuite>
{
    public const string Name = "converted conformance suite";
}
