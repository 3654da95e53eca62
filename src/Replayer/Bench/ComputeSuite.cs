using Replay.Tooling;
using Replay.Wasm.Features;
using Replay.Wasm.Runtime;

namespace Replay.Replayer.Bench;

/// <summary>
/// The reference workloads of kernels.c on both engines, Wasmtime and wabt's interpreter,
/// median of N timed runs after one warm-up each, results checked equal across all of them.
/// </summary>
public static class ComputeSuite
{
    public static void Run(BenchReport report, string kernelsSource, EngineUnderTest stack, EngineUnderTest register, int repeat, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(progress);
        var config = new EngineConfig { Features = WasmFeatures.Spec, Mode = CompilationMode.Eager };
        var haveWabt = ExternalTool.Find("wasm-interp") is not null;
        if (!haveWabt)
            report.Missing["wabt"] = "wasm-interp is not installed (Debian package wabt)";

        foreach (var workload in Kernels.Reference)
        {
            progress($"building {workload.Expression}");
            var path = Kernels.Build(kernelsSource, workload);
            var wasm = File.ReadAllBytes(path);

            progress($"{workload.Name}: stack engine");
            var (stackResult, stackSeconds) = Measure(repeat, () => EngineUnderTest.RunOnce(stack.Create(config), wasm));
            progress($"{workload.Name}: register engine");
            var (registerResult, registerSeconds) = Measure(repeat, () => EngineUnderTest.RunOnce(register.Create(config), wasm));
            Expect(workload, "register", registerResult, stackResult);

            double? wasmtimeSeconds = null;
            if (!report.Missing.ContainsKey("wasmtime"))
            {
                progress($"{workload.Name}: wasmtime");
                try
                {
                    var (wasmtimeResult, seconds) = Measure(repeat, () => WasmtimeReference.RunOnce(wasm));
                    Expect(workload, "wasmtime", wasmtimeResult, stackResult);
                    wasmtimeSeconds = seconds;
                }
                catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or Wasmtime.WasmtimeException)
                {
                    report.Missing["wasmtime"] = $"Wasmtime could not run: {e.Message}";
                }
            }

            double? wabtSeconds = null;
            if (haveWabt)
            {
                progress($"{workload.Name}: wasm-interp");
                var samples = new List<double>();
                for (var i = 0; i < repeat; i++)
                {
                    var (wabtResult, elapsed) = Wabt.InterpretRun(path);
                    Expect(workload, "wasm-interp", wabtResult, stackResult);
                    samples.Add(elapsed.TotalSeconds);
                }
                wabtSeconds = Statistics.Median(samples);
            }

            report.Kernels.Add(new KernelTiming(workload.Name, stackResult, stackSeconds, registerSeconds, wasmtimeSeconds, wabtSeconds));
        }
    }

    /// <summary>One warm-up run (so our engines run tier-1 code), then the median of <paramref name="repeat"/> timed runs.</summary>
    private static (long Result, double Seconds) Measure(int repeat, Func<(long Result, TimeSpan CallTime)> run)
    {
        var (result, _) = run();
        var samples = new List<double>(repeat);
        for (var i = 0; i < repeat; i++)
        {
            var (again, time) = run();
            if (again != result)
                throw new BenchMismatchException($"a repeated run returned {again} after {result}");
            samples.Add(time.TotalSeconds);
        }
        return (result, Statistics.Median(samples));
    }

    private static void Expect(Kernels.Workload workload, string who, long actual, long expected)
    {
        if (actual != expected)
            throw new BenchMismatchException($"{workload.Expression}: {who} returned {actual}, the stack engine {expected}");
    }
}

/// <summary>Engines disagreed on a benchmark's result: the figures would be meaningless.</summary>
public sealed class BenchMismatchException(string message) : Exception(message);
