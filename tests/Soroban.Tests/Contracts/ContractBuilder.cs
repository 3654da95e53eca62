using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Replay.Tooling;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Builds the test contracts of tests/Contracts with clang for wasm32 against sdk/c/soroban.h,
/// then appends the <c>contractenvmetav0</c> custom section (the interface version: protocol,
/// pre-release 0) that Soroban requires. Builds are cached by the hash of the sources, the flags
/// and the clang version (nothing built is committed); a missing clang or wasm-ld fails the test.
/// </summary>
internal static class ContractBuilder
{
    // Soroban's Wasm features: MVP plus sign extension, bulk memory and mutable globals (SorobanProfile.Features).
    private static readonly string[] Flags =
    [
        "--target=wasm32-unknown-unknown", "-O2", "-nostdlib", "-fno-builtin", "-mcpu=mvp", "-msign-ext",
        "-mbulk-memory", "-mmutable-globals", "-Wall", "-Werror", "-Wl,--no-entry", "-Wl,--strip-debug",
    ];

    private static readonly ConcurrentDictionary<string, byte[]> Built = new(StringComparer.Ordinal);

    public static string ContractsDir => Path.Combine(Repository.Root, "tests", "Contracts");

    public static string HeaderDir => Path.Combine(Repository.Root, "sdk", "c");

    /// <summary>tests/Contracts/<paramref name="name"/>.c built, with its interface version set to <paramref name="protocol"/>.</summary>
    public static byte[] Build(string name, int protocol, uint preRelease = 0) =>
        WithInterfaceVersion(Built.GetOrAdd(name, Compile), (uint)protocol, preRelease);

    /// <summary>tests/Contracts/<paramref name="name"/>.c built, without the interface version section.</summary>
    public static byte[] BuildWithoutMeta(string name) => Built.GetOrAdd(name, Compile);

    private static byte[] Compile(string name)
    {
        var source = Path.Combine(ContractsDir, name + ".c");
        if (!File.Exists(source))
            throw new FileNotFoundException($"no test contract {source}");
        var clang = ExternalTool.Require("clang", "clang");
        ExternalTool.Require("wasm-ld", "lld");
        var version = ExternalTool.Run(clang, ["--version"], TimeSpan.FromSeconds(30)).StandardOutput;
        var inputs = new StringBuilder();
        foreach (var file in new[] { source, Path.Combine(ContractsDir, "contract.h"), Path.Combine(HeaderDir, "soroban.h") })
            inputs.Append(File.ReadAllText(file)).Append('\n');
        inputs.Append(string.Join(' ', Flags)).Append('\n').Append(version);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(inputs.ToString())))[..16];
        var cache = Path.Combine(CacheRoot(), $"{name}-{key}.wasm");
        if (!File.Exists(cache))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
            var temp = cache + $".{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
            var args = new List<string>(Flags) { "-I", ContractsDir, "-I", HeaderDir, "-o", temp, source };
            var result = ExternalTool.Run(clang, args, TimeSpan.FromMinutes(2));
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"clang failed building {source}: {result.StandardError.Trim()}");
            File.Move(temp, cache, overwrite: true);
        }
        return File.ReadAllBytes(cache);
    }

    /// <summary>The module with a <c>contractenvmetav0</c> custom section: ScEnvMetaEntry interface version (kind 0, protocol, pre-release 0).</summary>
    public static byte[] WithInterfaceVersion(byte[] wasm, uint protocol, uint preRelease = 0)
    {
        var name = "contractenvmetav0"u8;
        var payload = new byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), protocol);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(8), preRelease);
        var content = new List<byte>();
        content.AddRange(Leb(name.Length));
        content.AddRange(name.ToArray());
        content.AddRange(payload);
        var section = new List<byte> { 0 };
        section.AddRange(Leb(content.Count));
        section.AddRange(content);
        return [.. wasm, .. section];
    }

    private static IEnumerable<byte> Leb(int value)
    {
        var v = (uint)value;
        do
        {
            var b = (byte)(v & 0x7f);
            v >>= 7;
            yield return v == 0 ? b : (byte)(b | 0x80);
        }
        while (v != 0);
    }

    private static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
        return Path.Combine(root, "soroban-replay", "contracts");
    }
}
