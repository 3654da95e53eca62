using System.Diagnostics;

namespace Replay.Tooling;

/// <summary>
/// Runs an external program to completion with a timeout, capturing its output. A missing
/// program is a <see cref="ToolMissingException"/> that says which Debian package has it.
/// </summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed);

    /// <summary>The program's full path on PATH, or null.</summary>
    public static string? Find(string program)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (program.Contains('/', StringComparison.Ordinal))
            return File.Exists(program) ? program : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>The program's path, or a <see cref="ToolMissingException"/> naming the package to install.</summary>
    public static string Require(string program, string debianPackage) =>
        Find(program) ?? throw new ToolMissingException(program, debianPackage);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellation.IsCancellationRequested)
                throw;
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {timeout.TotalSeconds:0} s");
        }
        clock.Stop();
        return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), clock.Elapsed);
    }

    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan timeout) =>
        RunAsync(program, arguments, timeout).GetAwaiter().GetResult();

    /// <summary>
    /// Runs a program with a command-line string (as a shell would split it, minus the shell)
    /// and returns its standard output; fails with its standard error when it exits non-zero,
    /// and says how to install it when it is missing. What tests that drive wabt or clang use.
    /// </summary>
    public static string RunChecked(string program, string arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        if (Find(program) is null)
            throw new ToolMissingException(program, program is "clang" or "wasm-ld" ? "clang and lld" : "wabt");
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {arguments} did not finish in time");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} failed: {stderr.GetAwaiter().GetResult()}");
        return stdout.GetAwaiter().GetResult();
    }
}

/// <summary>An external program the operation needs is not installed.</summary>
public sealed class ToolMissingException(string program, string debianPackage)
    : Exception($"'{program}' is not installed; install the Debian package '{debianPackage}' (./test.sh does)")
{
    public string Program { get; } = program;
}
