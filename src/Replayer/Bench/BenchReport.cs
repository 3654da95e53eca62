namespace Replay.Replayer.Bench;

/// <summary>Seconds per engine for one kernel; null where the engine could not be measured.</summary>
public sealed record KernelTiming(string Name, long Result, double? StackSeconds, double? RegisterSeconds, double? WasmtimeSeconds, double? WabtSeconds);

/// <summary>Compile + instantiate + one call, per engine and mode, in milliseconds.</summary>
public sealed record CompileTiming(string Module, int Functions, int Bytes, double StackEagerMs, double EagerMs, double LazyTranslationMs, double LazyMs)
{
    /// <summary>How many times faster Lazy is than Eager on the register engine.</summary>
    public double LazySpeedup => EagerMs / LazyMs;
}

/// <summary>Everything one `replay bench` run measured, with why a reference is missing where it is.</summary>
public sealed class BenchReport
{
    public List<KernelTiming> Kernels { get; } = [];

    public List<CompileTiming> Compile { get; } = [];

    /// <summary>Reference name ("wabt", "wasmtime") → why it has no figures.</summary>
    public SortedDictionary<string, string> Missing { get; } = new(StringComparer.Ordinal);

    public int Repeat { get; init; }

    public double? RegisterVsStack => Statistics.GeometricMean(Kernels.Select(k => Statistics.Speedup(k.RegisterSeconds, k.StackSeconds)));

    public double? RegisterVsWabt => Statistics.GeometricMean(Kernels.Select(k => Statistics.Speedup(k.RegisterSeconds, k.WabtSeconds)));

    public double? StackVsWabt => Statistics.GeometricMean(Kernels.Select(k => Statistics.Speedup(k.StackSeconds, k.WabtSeconds)));

    public double? RegisterVsWasmtime => Statistics.GeometricMean(Kernels.Select(k => Statistics.Speedup(k.RegisterSeconds, k.WasmtimeSeconds)));
}
