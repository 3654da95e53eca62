using Replay.Tooling;

namespace Replay.Engines.Tests.Support;

/// <summary>The test's way to wabt: WebAssembly text to binary, and running a wabt tool.</summary>
internal static class Wat
{
    /// <summary>Assembles with every wabt feature on, as these tests' modules were written for.</summary>
    public static byte[] ToWasm(string wat) => Wabt.Wat2Wasm(wat, "--enable-all");

    /// <summary>Runs a tool; fails with its message (or with a clear note when the tool is missing).</summary>
    public static string Run(string tool, string arguments, string? workingDirectory = null) =>
        ExternalTool.RunChecked(tool, arguments, workingDirectory);
}
