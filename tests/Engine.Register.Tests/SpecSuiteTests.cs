using Replay.Wasm.Runtime;
using Replay.Wasm.SpecTest;
using Xunit.Abstractions;

namespace Replay.Engine.Register.Tests;

/// <summary>The project's conformance suite (tests/spec) on the register engine, in every compilation mode: every command must pass.</summary>
public sealed class SpecSuiteTests(ConvertedSpecSuite suite, ITestOutputHelper output) : IClassFixture<ConvertedSpecSuite>
{
    public static TheoryData<string, CompilationMode> Scripts()
    {
        var data = new TheoryData<string, CompilationMode>();
        foreach (var file in Repository.SpecScripts())
        {
            foreach (var mode in Enum.GetValues<CompilationMode>())
                data.Add(Path.GetFileName(file), mode);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_passes(string script, CompilationMode mode)
    {
        var json = suite.JsonOf(script);
        var runner = SpecTestRunner.Create(c => new RegisterEngine(c), new EngineConfig { Mode = mode });
        var result = runner.RunFiles([json]);
        output.WriteLine($"{script} ({mode}): {result.Passed} passed, {result.Failed} failed, {result.Skipped} skipped");
        foreach (var (reason, count) in result.SkipReasons)
            output.WriteLine($"  skipped {count}: {reason}");
        foreach (var f in result.Failures)
            output.WriteLine($"  line {f.Line}: {f.Command}: expected {f.Expected}, got {f.Actual}");
        Assert.True(result.Failed == 0, $"{result.Failed} of {result.Commands} commands failed; first: {result.Failures.FirstOrDefault()}");
    }
}
