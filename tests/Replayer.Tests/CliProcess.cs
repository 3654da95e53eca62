using System.Diagnostics;

namespace Replay.Replayer.Tests;

/// <summary>
/// Runs the real `replay` executable (replay.dll beside the tests) as a child process, for what an
/// in-process run cannot show: peak memory of the whole process, an exit by crash (134), a hang.
/// A run that outlives its deadline is killed and reported as timed out.
/// </summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Out, string Error, TimeSpan Elapsed, long PeakBytes, bool TimedOut)
    {
        public double PeakMegabytes => PeakBytes / (1024.0 * 1024.0);

        public override string ToString() =>
            $"exit {ExitCode}{(TimedOut ? " (killed: timed out)" : "")}, {Elapsed.TotalSeconds:F2} s, peak {PeakMegabytes:F0} MB\nstdout: {Cut(Out)}\nstderr: {Cut(Error)}";

        private static string Cut(string s) => s.Length <= 2000 ? s : s[..2000] + "...";
    }

    /// <summary>
    /// True when runs can drop to an unprivileged user: tests of unreadable files need it when they
    /// run as root, for whom permission bits do not deny reading.
    /// </summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <param name="asNobody">Run as uid/gid 65534 through setpriv (for permission tests when the tests run as root).</param>
    public static Result Run(string[] args, TimeSpan deadline, bool asNobody = false)
    {
        var replay = Path.Combine(AppContext.BaseDirectory, "replay.dll");
        Assert.True(File.Exists(replay), $"{replay} is missing: the Replayer project must be built beside the tests");
        var start = asNobody
            ? new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", replay, .. args])
            : new ProcessStartInfo("dotnet", [replay, .. args]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (asNobody)
            start.Environment["HOME"] = Path.GetTempPath();
        var clock = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("process did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"cannot start {start.FileName} (needed to run replay as a child process): {e.Message}");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            long peak = 0;
            var timedOut = false;
            // The high-water mark only rises, so sampling until exit sees the peak unless it comes
            // in the last few milliseconds of the run.
            while (!process.WaitForExit(10))
            {
                peak = Math.Max(peak, PeakOf(process));
                if (clock.Elapsed > deadline)
                {
                    timedOut = true;
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    break;
                }
            }
            clock.Stop();
            return new Result(process.ExitCode, stdout.Result, stderr.Result, clock.Elapsed, peak, timedOut);
        }
    }

    private static long PeakOf(Process process)
    {
        try
        {
            // VmHWM on Linux: resident set high-water mark of the process.
            var status = File.ReadAllLines($"/proc/{process.Id}/status");
            var line = status.FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
                return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            process.Refresh();
            return process.PeakWorkingSet64;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return 0;
        }
    }
}
