using System.Globalization;
using Replay.Engine.Stack.Tests.Support;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Tests;

/// <summary>
/// The reference kernels (../shared/bench/kernels.c, built with clang) at small sizes: the stack
/// engine must return what wabt's wasm-interp, an independent interpreter, returns, for a pinned fuel.
/// </summary>
public sealed class KernelDifferentialTests
{
    [SharedTheory]
    [InlineData("fib_rec(20)", 1_028_914UL)]
    [InlineData("fib_iter(100000)", 370_009UL)]
    [InlineData("primes(20000)*3", 1_194_664UL)]
    [InlineData("matmul(2)", 10_005_033UL)]
    [InlineData("hash_loop(50)", 650_215UL)]
    public void Kernel_matches_wasm_interp(string workload, ulong fuel)
    {
        var dir = Directory.CreateTempSubdirectory("stack-kernel-");
        try
        {
            var wasmPath = Path.Combine(dir.FullName, "k.wasm");
            Tool.Run("clang", $"--target=wasm32-unknown-unknown -O2 -nostdlib -fno-builtin -Wl,--no-entry \"-DBENCH={workload}\" -o \"{wasmPath}\" \"{SharedData.PathOf("bench", "kernels.c")}\"");
            // wasm-interp prints "run() => i64:<value>".
            var reference = Tool.Run("wasm-interp", $"\"{wasmPath}\" --run-all-exports").Trim();
            long expected = long.Parse(reference[(reference.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);

            var engine = new StackEngine(Harness.Metered());
            var store = engine.CreateStore();
            store.Fuel = ulong.MaxValue;
            var instance = store.Instantiate(engine.Compile(File.ReadAllBytes(wasmPath)), new Linker());
            var results = new Value[1];
            instance.GetFunction("run")!.Call([], results);

            Assert.Equal(expected, results[0].AsI64);
            // Our own figure (no Wasmi binary here to record one), pinned for the build of kernels.c by
            // Debian 12's clang: any change to the fuel model shows up here.
            Assert.Equal(fuel, store.FuelConsumed);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
