using System.Diagnostics;
using Replay.Engines.Tests.Support;

namespace Replay.Engines.Tests;

/// <summary>
/// Every kernel of ../shared/bench/kernels.c (built with clang for wasm32) on both interpreters,
/// in every compilation mode, against Wasmtime: equal results and equal final memory.
/// </summary>
public sealed class KernelDifferentialTests
{
    private static byte[] BuildKernels()
    {
        var source = SharedData.PathOf("bench", "kernels.c");
        var dir = Directory.CreateTempSubdirectory("kernels-");
        try
        {
            var output = Path.Combine(dir.FullName, "kernels.wasm");
            var info = new ProcessStartInfo("clang",
                $"--target=wasm32-unknown-unknown -O2 -nostdlib -fno-builtin -Wl,--no-entry -o \"{output}\" \"{source}\"")
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process process;
            try
            {
                process = Process.Start(info)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("clang (with the wasm32 target and wasm-ld) is not installed", e);
            }
            using (process)
            {
                var errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"clang failed on kernels.c: {errors}");
            }
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

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
