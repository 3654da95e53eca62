using System.Diagnostics;

namespace Replay.Wasm.Tests.Support;

/// <summary>
/// Compiles WebAssembly text with wabt's wat2wasm at test time. Tests that need it call
/// <see cref="TryCompile"/> and return early (with the reason written out) when wabt is absent.
/// </summary>
internal static class Wat
{
    private static readonly Lazy<string?> Tool = new(FindTool);

    public static bool Available => Tool.Value is not null;

    /// <summary>Compiles <paramref name="text"/>; extra wat2wasm flags such as --no-check can be passed.</summary>
    public static byte[] Compile(string text, params string[] flags)
    {
        var tool = Tool.Value ?? throw new InvalidOperationException("wat2wasm not found on PATH");
        var dir = Directory.CreateTempSubdirectory("replay-wat-");
        try
        {
            var input = Path.Combine(dir.FullName, "m.wat");
            var output = Path.Combine(dir.FullName, "m.wasm");
            File.WriteAllText(input, text);
            var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
            psi.ArgumentList.Add(input);
            psi.ArgumentList.Add("-o");
            psi.ArgumentList.Add(output);
            foreach (var f in flags) psi.ArgumentList.Add(f);
            using var p = Process.Start(psi)!;
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException("wat2wasm failed: " + err);
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static string? FindTool()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var candidate = Path.Combine(dir, "wat2wasm");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
