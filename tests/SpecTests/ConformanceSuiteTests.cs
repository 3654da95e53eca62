using System.Diagnostics;
using Replay.Engines;
using Replay.Wasm.Runtime;
using Replay.Wasm.SpecTest;
using Xunit.Abstractions;

namespace Replay.SpecTests;

/// <summary>
/// The whole conformance suite through the spectest runner on each engine in each compilation
/// mode. Our suite uses only features the engines implement, so nothing may fail and nothing may
/// be skipped.
/// </summary>
[Collection(ConvertedSpecSuiteCollection.Name)]
public sealed class ConformanceSuiteTests(ConvertedSpecSuite suite, ITestOutputHelper output)
{
    /// <summary>The suite's exact size, so a conversion that silently lost commands cannot pass.</summary>
    private const int SuiteCommands = 30_234;

    /// <summary>Every engine in every mode it has, from the catalog.</summary>
    public static TheoryData<string, CompilationMode> EveryEngineAndMode()
    {
        var data = new TheoryData<string, CompilationMode>();
        foreach (var variant in EngineCatalog.Variants)
            data.Add(variant.Engine.Name, variant.Mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryEngineAndMode))]
    public void Every_command_passes(string engine, CompilationMode mode)
    {
        var runner = SpecTestRunner.Create(EngineCatalog.Get(engine).Create, new EngineConfig { Mode = mode });
        var clock = Stopwatch.StartNew();
        var result = runner.RunFiles(suite.JsonFiles);
        output.WriteLine($"{engine} {mode.Name()}: {result.Files} files, {result.Commands} commands, {result.Passed} passed, " +
                         $"{result.Failed} failed, {result.Skipped} skipped, {result.MessageMismatches} message mismatches in {clock.ElapsedMilliseconds} ms");
        foreach (var f in result.Failures)
            output.WriteLine($"  {f.File}:{f.Line} {f.Command}: expected {f.Expected}, got {f.Actual}");
        foreach (var m in result.MismatchedMessages)
            output.WriteLine($"  message {m.File}:{m.Line}: expected \"{m.Expected}\", got \"{m.Actual}\"");

        Assert.Equal(suite.WastFiles.Count, result.Files);
        Assert.True(result.Failed == 0, $"{result.Failed} commands failed; first: {result.Failures.FirstOrDefault()}");
        Assert.Equal(0, result.Skipped);
        Assert.Equal(SuiteCommands, result.Commands);
    }
}
