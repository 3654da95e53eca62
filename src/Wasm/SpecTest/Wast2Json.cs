using System.Diagnostics;

namespace Replay.Wasm.SpecTest;

/// <summary>
/// Converts .wast scripts to wast2json's JSON form by running wabt's <c>wast2json</c>, the
/// converter the runner's input format comes from. Each conversion writes the .json and its
/// module files into a directory the caller owns.
/// </summary>
public static class Wast2Json
{
    public const string ToolName = "wast2json";

    /// <summary>How long one conversion may take before it is abandoned.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromMinutes(2);

    /// <summary>The tool's full path from PATH, or null when it is not installed.</summary>
    public static string? FindTool()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
                continue;
            var candidate = Path.Combine(dir, ToolName);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>
    /// Converts <paramref name="wastPath"/> into <paramref name="outputDirectory"/> and returns the .json's path.
    /// Throws <see cref="WastConversionException"/> when the tool is missing, fails or times out.
    /// </summary>
    public static string Convert(string wastPath, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(wastPath);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var tool = FindTool() ?? throw new WastConversionException(
            $"{ToolName} was not found on PATH; install wabt (Debian package \"wabt\") to run .wast scripts, or pass wast2json's .json output instead");
        if (!File.Exists(wastPath))
            throw new WastConversionException($"{wastPath}: file not found");
        Directory.CreateDirectory(outputDirectory);
        var json = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(wastPath) + ".json");

        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = outputDirectory,
        };
        psi.ArgumentList.Add(Path.GetFullPath(wastPath));
        psi.ArgumentList.Add("-o");
        psi.ArgumentList.Add(json);
        using var process = Process.Start(psi) ?? throw new WastConversionException($"{ToolName} could not be started");
        // Read both streams concurrently so a chatty tool cannot block on a full pipe.
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new WastConversionException($"{wastPath}: {ToolName} did not finish within {Timeout.TotalSeconds:0} s");
        }
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(json))
        {
            var message = (stderr.Result + stdout.Result).Trim();
            if (message.Length > 2000)
                message = message[..2000] + " ...";
            throw new WastConversionException($"{wastPath}: {ToolName} failed (exit {process.ExitCode}): {message}");
        }
        return json;
    }
}

/// <summary>A .wast script could not be converted to JSON.</summary>
public sealed class WastConversionException : Exception
{
    public WastConversionException(string message) : base(message) { }
}
