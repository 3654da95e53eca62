using System.Diagnostics;
using Replay.Tooling;
using Replay.Wasm.Binary;
using Replay.Wasm.Features;
using Replay.Wasm.Validation;
using Xunit.Abstractions;

namespace Replay.Wasm.Tests.Hostile;

/// <summary>
/// Mutated modules judged by our front end and by wabt's wasm-validate must get the same verdict
/// (accept or reject). An independent implementation catches rules we got wrong in both
/// directions, which the fuzz tests (which only look at exception types) cannot.
/// </summary>
public class WabtDifferentialTests(ITestOutputHelper output)
{
    private const int Seed = 424242;
    private const int Cases = 120;

    [Fact]
    public void SameVerdictAsWasmValidate()
    {
        var tool = ExternalTool.Require("wasm-validate", "wabt");
        var seeds = FuzzTests.Seeds();
        var rng = new Random(Seed);
        var dir = Directory.CreateTempSubdirectory("replay-wabt-diff-");
        var disagreements = new List<string>();
        int rejected = 0;
        try
        {
            for (int i = 0; i < Cases; i++)
            {
                var bytes = (byte[])seeds[rng.Next(seeds.Count)].Clone();
                int at = rng.Next(8, bytes.Length);
                bytes[at] = rng.Next(2) == 0 ? (byte)rng.Next(256) : (byte)(bytes[at] ^ (1 << rng.Next(8)));

                WasmFrontEndException? ours = null;
                try
                {
                    var m = ModuleDecoder.Decode(bytes, WasmFeatures.Spec);
                    ModuleValidator.Validate(m, WasmFeatures.Spec, validateBodies: true);
                }
                catch (WasmFrontEndException ex)
                {
                    ours = ex;
                    rejected++;
                }

                var path = Path.Combine(dir.FullName, $"{i}.wasm");
                File.WriteAllBytes(path, bytes);
                var (wabtValid, wabtMessage) = RunWasmValidate(tool, path);
                if (wabtValid == (ours is null)) continue;
                // wabt 1.0.32 accepts a body whose instructions end without the function's final
                // end opcode; the spec (and the reference decoder) does not.
                if (ours is WasmDecodeException { Rule: "unexpected end of section or function" } && wabtValid) continue;
                disagreements.Add($"case {i}: ours {(ours is null ? "valid" : ours.Message)}; wabt {(wabtValid ? "valid" : wabtMessage)}\n{Convert.ToHexString(bytes)}");
            }
        }
        finally
        {
            dir.Delete(true);
        }
        output.WriteLine($"{Cases} mutated modules, {rejected} rejected by both, {disagreements.Count} disagreements");
        Assert.Equal(110, rejected);
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static (bool Valid, string Message) RunWasmValidate(string tool, string path)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        psi.ArgumentList.Add("--disable-simd");
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        string stderr = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode == 0, stderr.Split('\n')[0]);
    }
}
