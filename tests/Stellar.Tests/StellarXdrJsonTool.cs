using System.Diagnostics;
using System.Text;

namespace Replay.Stellar.Tests;

/// <summary>
/// The Stellar CLI's JSON codec (npm @stellar/stellar-xdr-json, rs-stellar-xdr compiled to Wasm) run
/// with node. Installed once into the temp directory, never into the repository; unavailable
/// (no node, npm or registry) means the comparison tests are skipped with a message.
/// </summary>
public static class StellarXdrJsonTool
{
    public const string Version = "27.0.0";

    private static readonly Lazy<string?> Installed = new(Install);

    public static string? PackageDir => Installed.Value;

    public static string UnavailableMessage => "node with npm package @stellar/stellar-xdr-json@" + Version + " is not available";

    private const string Script = """
        import fs from "node:fs";
        import readline from "node:readline";
        const dir = process.argv[2];
        const mod = await import(dir + "/stellar_xdr_json.js");
        mod.initSync(fs.readFileSync(dir + "/stellar_xdr_json_bg.wasm"));
        const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
        for await (const line of rl) {
          const sp = line.indexOf(" ");
          const type = line.slice(0, sp), arg = line.slice(sp + 1);
          try {
            if (arg.startsWith("@")) process.stdout.write("OK " + mod.encode(type, arg.slice(1)) + "\n");
            else process.stdout.write("OK " + mod.decode(type, arg) + "\n");
          } catch (e) { process.stdout.write("ERR " + String(e).replace(/\n/g, " ") + "\n"); }
        }
        """;

    /// <summary>Runs each request ("TYPE BASE64" to decode, "TYPE @JSON" to encode); returns "OK ..." or "ERR ..." per request.</summary>
    public static List<string> Run(IReadOnlyList<string> requests)
    {
        var dir = PackageDir ?? throw new InvalidOperationException(UnavailableMessage);
        var script = Path.Combine(Path.GetDirectoryName(dir)!, "..", "..", "convert.mjs");
        File.WriteAllText(script, Script);
        var start = new ProcessStartInfo("node", [script, dir])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        foreach (var r in requests)
            process.StandardInput.WriteLine(r);
        process.StandardInput.Close();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException("node did not finish");
        }
        var lines = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (lines.Count != requests.Count)
            throw new InvalidOperationException($"node answered {lines.Count} of {requests.Count} requests: {errors.Result}");
        return lines;
    }

    private static string? Install()
    {
        try
        {
            var root = Path.Combine(Path.GetTempPath(), "replay-stellar-xdr-json-" + Version);
            var package = Path.Combine(root, "node_modules", "@stellar", "stellar-xdr-json");
            if (File.Exists(Path.Combine(package, "stellar_xdr_json_bg.wasm")))
                return package;
            if (!Runs("node", ["--version"], null))
                return null;
            Directory.CreateDirectory(root);
            return Runs("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", root, "@stellar/stellar-xdr-json@" + Version], root)
                && File.Exists(Path.Combine(package, "stellar_xdr_json_bg.wasm"))
                ? package
                : null;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Runs(string file, string[] args, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        using var p = Process.Start(start);
        if (p is null)
            return false;
        var drainOut = p.StandardOutput.ReadToEndAsync();
        var drainErr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(180_000))
        {
            p.Kill();
            return false;
        }
        _ = drainOut.Result + drainErr.Result;
        return p.ExitCode == 0;
    }
}

/// <summary>A fact skipped when ../shared or the Stellar CLI's JSON codec is unavailable.</summary>
public sealed class StellarJsonFactAttribute : FactAttribute
{
    public StellarJsonFactAttribute()
    {
        if (SharedData.Corpus is null)
            Skip = SharedData.AbsentMessage;
        else if (StellarXdrJsonTool.PackageDir is null)
            Skip = StellarXdrJsonTool.UnavailableMessage;
    }
}
