using System.Diagnostics;

namespace Replay.Engine.Stack.Tests.Support;

/// <summary>Runs an external tool the tests compare against or build with (wabt, clang).</summary>
internal static class Tool
{
    /// <summary>Runs a tool; fails with its message (or with a clear note when the tool is missing).</summary>
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
            throw new InvalidOperationException($"{tool} is not installed (./test.sh installs wabt and clang)", e);
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
