using System.Globalization;

namespace Replay.Tooling;

/// <summary>The WebAssembly Binary Toolkit's programs, as the tests and the CLI use them.</summary>
public static class Wabt
{
    private const string Package = "wabt";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Assembles WebAssembly text to binary with wabt's default features, which are the
    /// standardised ones our engines implement (reference types, bulk memory, multi-value...).
    /// Not --enable-all by default: it turns on function-references, which retypes ref.func.
    /// <paramref name="flags"/> go to wat2wasm as they are (e.g. "--no-check", "--enable-all").
    /// </summary>
    public static byte[] Wat2Wasm(string wat, params string[] flags)
    {
        ArgumentNullException.ThrowIfNull(wat);
        var tool = ExternalTool.Require("wat2wasm", Package);
        var dir = Directory.CreateTempSubdirectory("replay-wat-");
        try
        {
            var input = Path.Combine(dir.FullName, "module.wat");
            var output = Path.Combine(dir.FullName, "module.wasm");
            File.WriteAllText(input, wat);
            var args = new List<string>(flags) { input, "-o", output };
            var result = ExternalTool.Run(tool, args, Timeout);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"wat2wasm failed: {result.StandardError.Trim()}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Runs an export with wabt's C++ interpreter (the outside reference for interpreter
    /// speed): its printed i64 result and the wall time of the whole process.
    /// </summary>
    public static (long Result, TimeSpan Elapsed) InterpretRun(string wasmPath, string export = "run")
    {
        var tool = ExternalTool.Require("wasm-interp", Package);
        var result = ExternalTool.Run(tool, [wasmPath, "--run-all-exports"], TimeSpan.FromMinutes(10));
        // Output shape: "run() => i64:832040"
        var marker = $"{export}() => i64:";
        var line = result.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wasm-interp printed no result for {export}: {result.StandardOutput.Trim()} {result.StandardError.Trim()}");
        var value = long.Parse(line.AsSpan(marker.Length).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return (value, result.Elapsed);
    }
}
