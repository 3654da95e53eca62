using Replay.Tooling;

namespace Replay.Bench;

/// <summary>Where benchmarks find their inputs; one place so every benchmark agrees (engines come from the catalog).</summary>
internal static class BenchInputs
{
    /// <summary>kernels.c beside the repository (../shared/bench), found from the working directory upwards.</summary>
    public static string KernelsSource =>
        Kernels.FindSource() ?? Kernels.FindSource(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("../shared/bench/kernels.c not found: run from the repository");

    /// <summary>The module of one reference workload, built (or taken from the cache) with clang.</summary>
    public static byte[] KernelModule(string name)
    {
        var workload = Kernels.Reference.Single(w => w.Name == name);
        return File.ReadAllBytes(Kernels.Build(KernelsSource, workload));
    }
}
