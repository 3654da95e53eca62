using System.Text;
using System.Text.Json;
using Replay.Engine.Register;
using Replay.Engine.Stack;
using Replay.Wasm.Runtime;
using Replay.Wasm.SpecTest;
using Xunit.Abstractions;

namespace Replay.SpecTests;

/// <summary>
/// The runner's verdicts on scripts written to go wrong: every kind of failure is caught and
/// reported with its line, skips happen only for unsupported proposals and are counted by reason.
/// </summary>
[Collection(ConvertedSpecSuiteCollection.Name)]
public sealed class RunnerBehaviourTests(ConvertedSpecSuite suite, ITestOutputHelper output)
{
    private SpecRunResult Run(string name, string wast, Func<EngineConfig, IEngine>? factory = null, EngineConfig? config = null)
    {
        var dir = suite.ScratchDirectory(name);
        var path = Path.Combine(dir, name + ".wast");
        File.WriteAllText(path, wast);
        var json = Wast2Json.Convert(path, dir);
        var runner = SpecTestRunner.Create(factory ?? (c => new StackEngine(c)), config ?? new EngineConfig());
        var result = runner.RunFiles([json]);
        foreach (var f in result.Failures)
            output.WriteLine($"{f.File}:{f.Line} {f.Command}: expected {f.Expected}, got {f.Actual}");
        return result;
    }

    [Fact]
    public void A_wrong_result_fails_with_line_expected_and_actual()
    {
        var result = Run("wrong_result", """
            (module (func (export "one") (result i32) (i32.const 1)))
            (assert_return (invoke "one") (i32.const 1))
            (assert_return (invoke "one") (i32.const 2))
            """);
        Assert.Equal((3, 2, 1, 0), (result.Commands, result.Passed, result.Failed, result.Skipped));
        var f = Assert.Single(result.Failures);
        Assert.Equal(("wrong_result.wast", 3), (f.File, f.Line));
        Assert.Equal("assert_return invoke \"one\"()", f.Command);
        Assert.Equal("[i32:2]", f.Expected);
        Assert.Equal("[i32:1]", f.Actual);
    }

    [Fact]
    public void Wrong_traps_missing_traps_and_unexpected_traps_fail()
    {
        var result = Run("traps", """
            (module
              (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
              (func (export "boom") (unreachable)))
            (assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
            (assert_trap (invoke "div" (i32.const 0)) "integer overflow")
            (assert_trap (invoke "div" (i32.const 1)) "integer divide by zero")
            (assert_return (invoke "boom"))
            (invoke "boom")
            (assert_exhaustion (invoke "boom") "call stack exhausted")
            """);
        Assert.Equal(2, result.Passed);
        Assert.Equal(5, result.Failed);
        Assert.Equal([5, 6, 7, 8, 9], result.Failures.Select(f => f.Line));
        Assert.Equal("trap: integer divide by zero", result.Failures[0].Actual);
        Assert.Equal("returned [i32:1]", result.Failures[1].Actual);
        Assert.StartsWith("trap: unreachable", result.Failures[2].Actual, StringComparison.Ordinal);
        Assert.StartsWith("trap: unreachable", result.Failures[4].Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_module_asserted_invalid_fails_and_other_wording_is_only_counted()
    {
        var result = Run("invalid", """
            (assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
            (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
            (assert_invalid (module (func (result i32) (i64.const 0))) "a message no front end writes")
            (assert_malformed (module quote "(func") "unexpected token")
            """);
        Assert.Equal((2, 1, 1), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal("accepted", Assert.Single(result.Failures).Actual);
        Assert.Equal(1, result.MessageMismatches);
        Assert.Equal("a message no front end writes", Assert.Single(result.MismatchedMessages).Expected);
        Assert.Equal(1, result.SkipReasons[UnsupportedFeature.TextModule]);
    }

    [Fact]
    public void Lazy_mode_still_rejects_invalid_bodies_through_the_validating_twin()
    {
        const string Script = """
            (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
            (module (func (export "f") (result i32) (i32.const 4)))
            (assert_return (invoke "f") (i32.const 4))
            """;
        var lazy = new EngineConfig { Mode = CompilationMode.Lazy };
        var result = Run("lazy", Script, c => new RegisterEngine(c), lazy);
        Assert.Equal((3, 0), (result.Passed, result.Failed));
        Assert.Equal("lazy", result.Mode);

        // Without the twin, a lazy engine accepts the invalid module, and the runner says so.
        var dir = suite.ScratchDirectory("lazy_alone");
        var path = Path.Combine(dir, "lazy_alone.wast");
        File.WriteAllText(path, Script);
        var alone = new SpecTestRunner(new RegisterEngine(lazy)).RunFiles([Wast2Json.Convert(path, dir)]);
        Assert.Equal(1, alone.Failed);
        Assert.Equal("accepted", alone.Failures[0].Actual);
    }

    [Fact]
    public void Simd_modules_are_skipped_with_everything_that_depends_on_them()
    {
        var result = Run("simd", """
            (module $V (func (export "id") (param v128) (result v128) (local.get 0)) (func (export "n") (result i32) (i32.const 1)))
            (assert_return (invoke "id" (v128.const i32x4 1 2 3 4)) (v128.const i32x4 1 2 3 4))
            (assert_return (invoke "n") (i32.const 1))
            (register "V" $V)
            (module (import "V" "n" (func (result i32))))
            (module (func (export "plain") (result i32) (i32.const 2)))
            (assert_return (invoke "plain") (i32.const 2))
            """);
        Assert.Equal(0, result.Failed);
        Assert.Equal(5, result.Skipped);
        Assert.Equal(5, result.SkipReasons[UnsupportedFeature.Simd]);
        Assert.Equal(2, result.Passed);
    }

    [Fact]
    public void A_skipped_module_taints_the_registered_instances_it_would_have_changed()
    {
        var result = Run("taint", """
            (module $M (memory (export "mem") 1) (func (export "peek") (result i32) (i32.load8_u (i32.const 0))))
            (register "M" $M)
            (module $N (func (export "n") (result i32) (i32.const 9)))
            (register "N" $N)
            (module
              (import "M" "mem" (memory 1))
              (data (i32.const 0) "\2a")
              (func (param v128)))
            (assert_return (invoke $M "peek") (i32.const 42))
            (assert_return (invoke $N "n") (i32.const 9))
            """);
        Assert.Equal(0, result.Failed);
        Assert.Equal(2, result.SkipReasons[UnsupportedFeature.Simd]);
        Assert.Equal(5, result.Passed);
    }

    [Theory]
    [InlineData(CompilationMode.Eager)]
    [InlineData(CompilationMode.Lazy)]
    public void A_simd_local_in_a_body_is_skipped_in_every_mode(CompilationMode mode)
    {
        var result = Run($"simd_body_{mode}", """
            (module (func (export "n") (result i32) (local v128) (i32.const 1)))
            (assert_return (invoke "n") (i32.const 1))
            """, c => new RegisterEngine(c), new EngineConfig { Mode = mode });
        Assert.Equal((0, 0, 2), (result.Passed, result.Failed, result.Skipped));
        Assert.Equal(2, result.SkipReasons[UnsupportedFeature.Simd]);
    }

    [Fact]
    public void Missing_exports_and_modules_fail_without_stopping_the_run()
    {
        var result = Run("missing", """
            (module $M (func (export "f")) (global (export "g") i32 (i32.const 3)))
            (assert_return (invoke "f"))
            (assert_return (get "g") (i32.const 3))
            (assert_return (get "g") (i32.const 4))
            (module binary "\00asm\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\05\01\01\68\00\00\0a\04\01\02\00\0b")
            (assert_return (invoke $M "f"))
            """);
        Assert.Equal((5, 1), (result.Passed, result.Failed));
        Assert.Equal("[i32:3]", result.Failures[0].Actual);
    }

    [Fact]
    public void The_spectest_module_matches_the_reference_values()
    {
        // wabt's own host gives the float globals 666.0, so this is pinned here rather than in tests/spec.
        var result = Run("spectest_values", """
            (module
              (import "spectest" "global_f32" (global $f f32))
              (import "spectest" "global_f64" (global $d f64))
              (import "spectest" "table" (table $t 10 20 funcref))
              (import "spectest" "memory" (memory 1 2))
              (func (export "f") (result f32) (global.get $f))
              (func (export "d") (result f64) (global.get $d)))
            (assert_return (invoke "f") (f32.const 666.6))
            (assert_return (invoke "d") (f64.const 666.6))
            """);
        Assert.Equal((3, 0), (result.Passed, result.Failed));
    }

    [Fact]
    public void At_most_fifty_failures_are_listed_but_all_are_counted()
    {
        var wast = new StringBuilder("(module (func (export \"z\") (result i32) (i32.const 0)))\n");
        for (int i = 1; i <= 60; i++)
            wast.Append("(assert_return (invoke \"z\") (i32.const ").Append(i).Append("))\n");
        var result = Run("many_failures", wast.ToString());
        Assert.Equal(60, result.Failed);
        Assert.Equal(SpecRunResult.MaxListed, result.Failures.Count);
    }

    [Fact]
    public void An_unreadable_module_file_fails_its_command()
    {
        var dir = suite.ScratchDirectory("unreadable");
        var path = Path.Combine(dir, "unreadable.wast");
        File.WriteAllText(path, "(module (func (export \"f\")))\n(assert_return (invoke \"f\"))\n");
        var json = Wast2Json.Convert(path, dir);
        File.Delete(Path.Combine(dir, "unreadable.0.wasm"));
        var result = new SpecTestRunner(new StackEngine(new EngineConfig())).RunFiles([json]);
        Assert.Equal(2, result.Failed);
        Assert.StartsWith("cannot read it", result.Failures[0].Actual, StringComparison.Ordinal);
        Assert.Equal("no current module", result.Failures[1].Actual);
    }

    [Fact]
    public void Json_report_has_the_documented_keys()
    {
        var result = Run("json", """
            (module (func (export "f") (result i32) (i32.const 1)))
            (assert_return (invoke "f") (i32.const 2))
            (assert_malformed (module quote "(") "unexpected")
            """);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            result.WriteJson(writer);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        var root = doc.RootElement;
        Assert.Equal("stack", root.GetProperty("engine").GetString());
        Assert.Equal(1, root.GetProperty("files").GetInt32());
        Assert.Equal(3, root.GetProperty("commands").GetInt32());
        Assert.Equal(1, root.GetProperty("passed").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        Assert.Equal(1, root.GetProperty("skipped").GetInt32());
        Assert.Equal(1, root.GetProperty("skipReasons").GetProperty(UnsupportedFeature.TextModule).GetInt32());
        Assert.Equal(0, root.GetProperty("messageMismatches").GetInt32());
        var failure = Assert.Single(root.GetProperty("failures").EnumerateArray().ToList());
        Assert.Equal("json.wast", failure.GetProperty("file").GetString());
        Assert.Equal(2, failure.GetProperty("line").GetInt32());
        Assert.Equal("[i32:2]", failure.GetProperty("expected").GetString());
        Assert.Equal("[i32:1]", failure.GetProperty("actual").GetString());
        Assert.Contains("assert_return", failure.GetProperty("command").GetString(), StringComparison.Ordinal);
    }

    /// <summary>An engine that crashes on every module (a bug, not a front-end rejection).</summary>
    private sealed class CrashingEngine(EngineConfig config) : IEngine
    {
        private readonly StackEngine _inner = new(config);

        public Replay.Wasm.EngineIdentity Identity => _inner.Identity;

        public EngineConfig Config => _inner.Config;

        public ICompiledModule Compile(ReadOnlyMemory<byte> wasm) => throw new NullReferenceException("engine bug");

        public IStore CreateStore(object? hostState = null) => _inner.CreateStore(hostState);
    }

    [Fact]
    public void An_engine_crash_on_a_module_using_an_unsupported_proposal_fails_instead_of_skipping()
    {
        const string simd = """
            (module (func (export "f") (result i32) (i32x4.extract_lane 0 (v128.const i32x4 1 2 3 4))))
            (assert_return (invoke "f") (i32.const 1))
            """;
        // A real engine's front end rejects SIMD with its typed error: a skip, named.
        var skipped = Run("simd_skipped", simd);
        Assert.Equal((2, 0, 0, 2), (skipped.Commands, skipped.Passed, skipped.Failed, skipped.Skipped));

        var crashed = Run("simd_crash", simd, c => new CrashingEngine(c));
        Assert.Equal((2, 0, 2, 0), (crashed.Commands, crashed.Passed, crashed.Failed, crashed.Skipped));
        Assert.Equal(("simd_crash.wast", 1), (crashed.Failures[0].File, crashed.Failures[0].Line));
        Assert.Equal("engine threw NullReferenceException: engine bug", crashed.Failures[0].Actual);
        Assert.Equal("no current module", crashed.Failures[1].Actual);
    }

}
