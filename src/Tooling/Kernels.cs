using System.Security.Cryptography;
using System.Text;

namespace Replay.Tooling;

/// <summary>
/// The reference compute workloads of ../shared/bench/kernels.c, built to wasm32 with clang
/// on demand. Modules are cached by the hash of the source, the workload and the clang
/// version, so a rebuild happens only when one of them changes and nothing built is committed.
/// </summary>
public static class Kernels
{
    /// <summary>One reference workload: a module whose only export is <c>run() -> i64</c>.</summary>
    public sealed record Workload(string Name, string Expression);

    /// <summary>The workloads every engine benchmark must include (as kernels.c's header lists them).</summary>
    public static IReadOnlyList<Workload> Reference { get; } =
    [
        new("fib_rec", "fib_rec(30)"),
        new("fib_iter", "fib_iter(30000000)"),
        new("primes", "primes(1000000)*3"),
        new("matmul", "matmul(40)"),
        new("hash_loop", "hash_loop(20000)"),
    ];

    /// <summary>Finds kernels.c in ../shared/bench above the current directory or the given root.</summary>
    public static string? FindSource(string? startDirectory = null)
    {
        for (var dir = new DirectoryInfo(startDirectory ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "bench", "kernels.c");
            if (File.Exists(candidate))
                return candidate;
            candidate = Path.Combine(dir.FullName, "..", "shared", "bench", "kernels.c");
            if (File.Exists(candidate))
                return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>Builds (or takes from the cache) the module of one workload; returns its path.</summary>
    public static string Build(string sourcePath, Workload workload) => BuildModule(sourcePath, $"-DBENCH={workload.Expression}", workload.Name);

    /// <summary>Builds the module exporting every kernel by name (no BENCH define).</summary>
    public static string BuildAllExports(string sourcePath) => BuildModule(sourcePath, null, "all");

    private static string BuildModule(string sourcePath, string? define, string label)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        var clang = ExternalTool.Require("clang", "clang");
        ExternalTool.Require("wasm-ld", "lld");
        var version = ExternalTool.Run(clang, ["--version"], TimeSpan.FromSeconds(30)).StandardOutput;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{File.ReadAllText(sourcePath)}\n{define}\n{version}")))[..16];
        var cache = Path.Combine(CacheRoot(), $"{label}-{key}.wasm");
        if (File.Exists(cache))
            return cache;

        Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
        var temp = cache + $".{Environment.ProcessId}.tmp";
        var args = new List<string>
        {
            "--target=wasm32-unknown-unknown", "-O2", "-nostdlib", "-fno-builtin", "-Wl,--no-entry", "-o", temp, sourcePath,
        };
        if (define is not null)
            args.Insert(0, define);
        var result = ExternalTool.Run(clang, args, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"clang failed building {label} from {sourcePath}: {result.StandardError.Trim()}");
        File.Move(temp, cache, overwrite: true);
        return cache;
    }

    private static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
        return Path.Combine(root, "soroban-replay", "kernels");
    }
}
