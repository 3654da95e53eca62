using System.Text.Json;
using Replay.Replayer.Cli;
using Replay.Engines;
using Replay.Tooling;
using Replay.Wasm.Runtime;
using Replay.Wasm.SpecTest;

namespace Replay.Replayer.Tests;

/// <summary>`replay spectest` end to end: inputs of each kind, JSON and table output, exit codes.</summary>
public sealed class SpecTestCommandTests : IDisposable
{
    private const string Passing = """
        (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
        (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
        (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
        """;

    private const string Failing = """
        (module (func (export "one") (result i32) (i32.const 1)))
        (assert_return (invoke "one") (i32.const 2))
        """;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("replay-spectest-cli-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>These tests convert .wast with wabt: a missing wast2json fails them, naming the tool.</summary>
    private static void RequireWabt() => ExternalTool.Require(Wast2Json.ToolName, "wabt");

    [Fact]
    public async Task A_passing_wast_exits_0_with_one_json_object_per_engine()
    {
        RequireWabt();
        var wast = Write("ok.wast", Passing);
        var one = await CliRunner.RunAsync("spectest", "--engine", "stack", "--json", wast);
        Assert.Equal(ExitCodes.Ok, one.ExitCode);
        using (var json = JsonDocument.Parse(one.Out))
        {
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            Assert.Equal("stack", json.RootElement.GetProperty("engine").GetString());
            Assert.Equal(3, json.RootElement.GetProperty("passed").GetInt32());
        }

        var both = await CliRunner.RunAsync("spectest", "--json", wast);
        Assert.Equal(ExitCodes.Ok, both.ExitCode);
        using var array = JsonDocument.Parse(both.Out);
        Assert.Equal(["stack", "register"], array.RootElement.EnumerateArray().Select(e => e.GetProperty("engine").GetString()));
        Assert.All(array.RootElement.EnumerateArray(), e => Assert.Equal(0, e.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task A_failure_exits_1_and_is_listed()
    {
        RequireWabt();
        var wast = Write("bad.wast", Failing);
        var json = await CliRunner.RunAsync("spectest", "--engine", "register", "--mode", "lazy", "--json", wast);
        Assert.Equal(ExitCodes.Findings, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal("lazy", doc.RootElement.GetProperty("mode").GetString());
        var failure = Assert.Single(doc.RootElement.GetProperty("failures").EnumerateArray().ToList());
        Assert.Equal("bad.wast", failure.GetProperty("file").GetString());
        Assert.Equal(2, failure.GetProperty("line").GetInt32());

        var table = await CliRunner.RunAsync("spectest", wast);
        Assert.Equal(ExitCodes.Findings, table.ExitCode);
        Assert.Contains("FAIL bad.wast:2", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directories_of_json_and_wast_are_expanded()
    {
        RequireWabt();
        var converted = Path.Combine(_dir.FullName, "converted");
        Wast2Json.Convert(Write("src/a.wast", Passing), converted);
        Write("mixed/b.wast", Passing);
        var result = await CliRunner.RunAsync("spectest", "--engine", "stack", "--json", converted, Path.Combine(_dir.FullName, "mixed"));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(6, doc.RootElement.GetProperty("commands").GetInt32());
    }

    [Fact]
    public async Task The_table_shows_each_engine()
    {
        RequireWabt();
        var result = await CliRunner.RunAsync("spectest", Write("t.wast", Passing));
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("stack", result.Out, StringComparison.Ordinal);
        Assert.Contains("register", result.Out, StringComparison.Ordinal);
        Assert.Contains("passed", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--engine", "wasmtime", "unknown engine \"wasmtime\"")]
    [InlineData("--mode", "fast", "unknown mode \"fast\"")]
    [InlineData("--mode", "lazy", "the stack engine does not support lazy compilation")]
    public async Task Bad_options_exit_2_with_a_clear_message(string option, string value, string message)
    {
        var json = Write("empty.json", """{"commands": []}""");
        var result = await CliRunner.RunAsync("spectest", option, value, json);
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unusable_input_exits_2_naming_it()
    {
        var missing = Path.Combine(_dir.FullName, "nope.json");
        var r1 = await CliRunner.RunAsync("spectest", missing);
        Assert.Equal(ExitCodes.Error, r1.ExitCode);
        Assert.Contains($"{missing}: no such file or directory", r1.Error, StringComparison.Ordinal);

        var broken = Write("broken.json", "{\"commands\": [");
        var r2 = await CliRunner.RunAsync("spectest", broken);
        Assert.Equal(ExitCodes.Error, r2.ExitCode);
        Assert.Contains("broken.json: not valid JSON", r2.Error, StringComparison.Ordinal);

        var other = Write("notes.txt", "hello");
        var r3 = await CliRunner.RunAsync("spectest", other);
        Assert.Equal(ExitCodes.Error, r3.ExitCode);
        Assert.Contains("not a spec script", r3.Error, StringComparison.Ordinal);

        var r4 = await CliRunner.RunAsync("spectest");
        Assert.Equal(ExitCodes.Error, r4.ExitCode);
        Assert.Contains("no scripts given", r4.Error, StringComparison.Ordinal);

        var emptyDir = Directory.CreateDirectory(Path.Combine(_dir.FullName, "empty")).FullName;
        var r5 = await CliRunner.RunAsync("spectest", emptyDir);
        Assert.Equal(ExitCodes.Error, r5.ExitCode);
        Assert.Contains("has no .json or .wast scripts", r5.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wast_that_wast2json_rejects_exits_2()
    {
        RequireWabt();
        var result = await CliRunner.RunAsync("spectest", Write("syntax.wast", "(module (func (i32.bogus)))"));
        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("wast2json failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalog_maps_names_to_engines_and_both_to_the_pair()
    {
        Assert.True(EngineCatalog.TrySelect("both", out var both));
        Assert.Equal(["stack", "register"], both.Select(e => e.Name));
        Assert.True(EngineCatalog.TrySelect("register", out var register));
        var engine = Assert.Single(register).Create(new EngineConfig { Mode = CompilationMode.Lazy });
        Assert.Equal("register", engine.Identity.Name);
        Assert.Equal(CompilationMode.Lazy, engine.Config.Mode);
        Assert.True(EngineCatalog.TrySelect("stack", out var stack));
        Assert.Equal("stack", Assert.Single(stack).Create(new EngineConfig()).Identity.Name);
        Assert.Equal([CompilationMode.Eager], stack[0].Modes);
        Assert.False(EngineCatalog.TrySelect("Stack", out _));
        Assert.False(EngineCatalog.TrySelect(null, out _));
    }
}
