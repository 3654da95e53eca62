using System.Buffers.Binary;
using System.Globalization;
using Replay.Tooling;

namespace Replay.Sample;

/// <summary>
/// The sample's contracts: C sources in samples/contracts, built by clang for wasm32 under
/// Soroban's Wasm profile (MVP plus sign extension, bulk memory and mutable globals; no floats),
/// each with a <c>contractenvmetav0</c> section giving the interface version (protocol 23,
/// pre-release 0). The built modules are committed beside their sources; <see cref="Build"/>
/// rebuilds one, and a test checks that every committed module is rebuilt byte for byte.
/// </summary>
public static class SampleContracts
{
    /// <summary>The folder under the repository root holding the sources and the built modules.</summary>
    public const string Folder = "samples/contracts";

    /// <summary>The clang version the committed modules were built with; another version may emit other bytes.</summary>
    public const string ClangVersion = "14.0.6";

    /// <summary>The interface version written into every module: the protocol the sample network runs.</summary>
    public const uint InterfaceProtocol = SampleNetwork.Protocol;

    /// <summary>clang's flags, pinned: the committed modules are these flags' output.</summary>
    public static IReadOnlyList<string> Flags { get; } =
    [
        "--target=wasm32-unknown-unknown", "-O2", "-nostdlib", "-fno-builtin", "-mcpu=mvp", "-msign-ext",
        "-mbulk-memory", "-mmutable-globals", "-Wall", "-Werror", "-Wl,--no-entry", "-Wl,--strip-debug",
    ];

    /// <summary>Every contract, by the name of its source file (without .c).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "caller", "token", "amm", "counter", "store", "account", "compute", "many",
        "hostile_loop", "hostile_recursion", "hostile_memory", "hostile_oob", "hostile_oversized", "invalid_float",
    ];

    /// <summary>The committed module of a contract.</summary>
    public static byte[] Load(string contractsDir, string name)
    {
        var path = Path.Combine(contractsDir, name + ".wasm");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no built sample contract '{name}' (build it with `replay sample contracts`)", path);
        return File.ReadAllBytes(path);
    }

    /// <summary>Builds a contract from its C source with clang and adds its interface version.</summary>
    public static byte[] Build(string contractsDir, string sdkDir, string name)
    {
        var source = Path.Combine(contractsDir, name + ".c");
        if (!File.Exists(source))
            throw new FileNotFoundException($"{source}: no such sample contract source", source);
        var clang = ExternalTool.Require("clang", "clang");
        ExternalTool.Require("wasm-ld", "lld");
        var temp = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"sample-{name}-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.wasm"));
        try
        {
            var args = new List<string>(Flags) { "-I", contractsDir, "-I", sdkDir, "-o", temp, source };
            var result = ExternalTool.Run(clang, args, TimeSpan.FromMinutes(2));
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"clang failed building {source}: {result.StandardError.Trim()}");
            return WithInterfaceVersion(File.ReadAllBytes(temp), InterfaceProtocol);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The installed clang's version line.</summary>
    public static string InstalledClang()
    {
        var clang = ExternalTool.Require("clang", "clang");
        return ExternalTool.Run(clang, ["--version"], TimeSpan.FromSeconds(30)).StandardOutput.Split('\n')[0].Trim();
    }

    /// <summary>The module with a <c>contractenvmetav0</c> custom section: ScEnvMetaEntry interface version (kind 0, protocol, pre-release).</summary>
    public static byte[] WithInterfaceVersion(byte[] wasm, uint protocol, uint preRelease = 0)
    {
        ArgumentNullException.ThrowIfNull(wasm);
        var name = "contractenvmetav0"u8;
        var payload = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), protocol);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(8), preRelease);
        var content = new List<byte>();
        content.AddRange(Leb((uint)name.Length));
        content.AddRange(name.ToArray());
        content.AddRange(payload);
        var section = new List<byte> { 0 };
        section.AddRange(Leb((uint)content.Count));
        section.AddRange(content);
        return [.. wasm, .. section];
    }

    private static IEnumerable<byte> Leb(uint v)
    {
        do
        {
            var b = (byte)(v & 0x7f);
            v >>= 7;
            yield return v == 0 ? b : (byte)(b | 0x80);
        }
        while (v != 0);
    }
}
