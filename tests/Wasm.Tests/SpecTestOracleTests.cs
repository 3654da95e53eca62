using System.Diagnostics;
using System.Text.RegularExpressions;
using Replay.Tooling;
using Xunit.Abstractions;

namespace Replay.Wasm.Tests;

/// <summary>
/// The conformance suite checked against an independent oracle: wabt's spectest-interp must pass
/// every command of every script, so an expected value in tests/spec cannot silently be wrong.
/// (The float globals of the spectest module are the one place wabt differs from the reference
/// interpreter; the suite does not assert them, the runner's own tests do.)
/// </summary>
[Collection(ConvertedSpecSuiteCollection.Name)]
public sealed partial class SpecTestOracleTests(ConvertedSpecSuite suite, ITestOutputHelper output)
{
    [GeneratedRegex(@"^(\d+)/(\d+) tests passed\.", RegexOptions.Multiline)]
    private static partial Regex Summary();

    [Fact]
    public async Task Wabt_passes_every_command_of_every_script()
    {
        var tool = ExternalTool.Require("spectest-interp", "wabt");
        var problems = new List<string>();
        int total = 0;
        foreach (var script in suite.Scripts)
        {
            var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(script.Path);
            using var process = Process.Start(psi)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            string stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var match = Summary().Match(stdout + await stderr);
            if (!match.Success)
            {
                problems.Add($"{script.DisplayName}: no summary line (exit {process.ExitCode})");
                continue;
            }
            int passed = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            int count = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            total += count;
            output.WriteLine($"{script.DisplayName}: {passed}/{count}");
            if (passed != count || process.ExitCode != 0)
                problems.Add($"{script.DisplayName}: wabt passed {passed} of {count}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // spectest-interp's own tally of what it ran (it counts some commands differently from our 30,234).
        Assert.Equal(30_222, total);
    }
}
