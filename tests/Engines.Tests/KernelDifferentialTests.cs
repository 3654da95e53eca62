using Replay.Engines.Tests.Support;
using Replay.Tooling;

namespace Replay.Engines.Tests;

/// <summary>
/// Every kernel of ../shared/bench/kernels.c (built with clang for wasm32) on both interpreters,
/// in every compilation mode, against Wasmtime: equal results and equal final memory.
/// </summary>
public sealed class KernelDifferentialTests
{
    /// <summary>kernels.c with every kernel exported, built by Tooling (clang, cached by content).</summary>
    private static byte[] BuildKernels() => File.ReadAllBytes(Kernels.BuildAllExports(SharedData.PathOf("bench", "kernels.c")));

    [SharedFact]
    public void Every_kernel_agrees_on_every_engine()
    {
        var wasm = BuildKernels();
        CallSpec[] calls =
        [
            new("fib_rec", [20]),
            new("fib_iter", [100_000]),
            new("primes", [20_000]),
            new("matmul", [2]),
            new("hash_loop", [64]),
            new("fib_rec", [0]),
            new("primes", [2_000_000]),
        ];
        EngineMatrix.AssertAgree(wasm, calls, [], "kernels.c");
    }
}
