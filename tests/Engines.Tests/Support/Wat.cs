using System.Diagnostics;

namespace Replay.Engines.Tests.Support;

/// <summary>Compiles WebAssembly text with wabt's wat2wasm (installed by ./test.sh).</summary>
internal static class Wat
{
    public static byte[] ToWasm(string wat)
    {
        var dir = Directory.CreateTempSubdirectory("engines-wat-");
        try
        {
            var input = Path.Combine(dir.FullName, "m.wat");
            var output = Path.Combine(dir.FullName, "m.wasm");
            File.WriteAllText(input, wat);
            Run("wat2wasm", $"--enable-all \"{input}\" -o \"{output}\"");
            return File.ReadAllBytes(output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Runs a wabt tool; fails with its message (or with a clear note when the tool is missing).</summary>
    public static string Run(string tool, string arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} (wabt) is not installed; ./test.sh installs it", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} {arguments} failed: {stderr}");
            return stdout.GetAwaiter().GetResult();
        }
    }
}
