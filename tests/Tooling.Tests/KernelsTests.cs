using Replay.Tooling;

namespace Replay.Tooling.Tests;

public sealed class KernelsTests
{
    private static string Source => SharedData.PathOf("bench", "kernels.c");

    [SharedFact]
    public void Every_reference_workload_builds_and_the_cache_returns_the_same_module()
    {
        var source = Source;
        foreach (var workload in Kernels.Reference)
        {
            var path = Kernels.Build(source, workload);
            var bytes = File.ReadAllBytes(path);
            Assert.Equal("\0asm"u8.ToArray(), bytes[..4]);
            Assert.Equal(path, Kernels.Build(source, workload));
        }
    }

    [SharedFact]
    public void Wabt_interpreter_computes_the_known_result_of_a_small_workload()
    {
        var source = Source;
        // A small workload of our own so the reference check is fast: fib(20) = 6765.
        var path = Kernels.Build(source, new Kernels.Workload("fib_rec_small", "fib_rec(20)"));
        var (result, _) = Wabt.InterpretRun(path);
        Assert.Equal(6765, result);
    }

    [Fact]
    public void A_missing_program_names_the_package_to_install()
    {
        var e = Assert.Throws<ToolMissingException>(() => ExternalTool.Require("no-such-program-xyz", "some-package"));
        Assert.Contains("some-package", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wat2wasm_assembles_text()
    {
        var wasm = Wabt.Wat2Wasm("(module (func (export \"f\") (result i32) i32.const 7))");
        Assert.Equal("\0asm"u8.ToArray(), wasm[..4]);
        Assert.Throws<InvalidOperationException>(() => Wabt.Wat2Wasm("(module (func (result i32)))"));
    }
}
