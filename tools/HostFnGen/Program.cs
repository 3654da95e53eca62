using Replay.Tools.HostFnGen;
using Replay.Tools.XdrGen;

// Regenerates src/Soroban/Functions/Generated and sdk/c/soroban.h from ../shared/soroban/env.json.
//   dotnet run --project tools/HostFnGen [-- --env PATH] [--out DIR] [--header-out DIR] [--check]
// --check writes nothing and exits 1 when a committed file differs from a fresh generation.
string? env = null, outDir = null, headerDir = null;
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--env" when i + 1 < args.Length: env = args[++i]; break;
        case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
        case "--header-out" when i + 1 < args.Length: headerDir = args[++i]; break;
        case "--check": check = true; break;
        default:
            Console.Error.WriteLine($"hostfngen: unknown argument '{args[i]}' (use --env PATH, --out DIR, --header-out DIR, --check)");
            return 2;
    }
}

var root = RepoLayout.FindRoot(Directory.GetCurrentDirectory());
if (root is null && (env is null || outDir is null || headerDir is null))
{
    Console.Error.WriteLine("hostfngen: run inside the repository or pass --env, --out and --header-out");
    return 2;
}
env ??= HostFnLayout.EnvJsonPath(root!);
outDir ??= HostFnLayout.GeneratedDir(root!);
headerDir ??= HostFnLayout.HeaderDir(root!);
if (!File.Exists(env))
{
    Console.Error.WriteLine($"hostfngen: env.json not found: {env}");
    return 2;
}

var files = Replay.Tools.HostFnGen.Generator.Generate(env);
var header = HeaderGenerator.Generate(env);
var differences = GeneratedFiles.Compare(files, outDir);
differences.AddRange(GeneratedFiles.Compare(header, headerDir));
if (check)
{
    foreach (var d in differences)
        Console.Error.WriteLine($"hostfngen: {d}");
    Console.WriteLine(differences.Count == 0 ? "generated code is up to date" : $"{differences.Count} generated files differ");
    return differences.Count == 0 ? 0 : 1;
}

GeneratedFiles.Write(files, outDir);
GeneratedFiles.Write(header, headerDir);
Console.WriteLine($"wrote {files.Count} files to {outDir} and {header.Count} to {headerDir} ({differences.Count} changed)");
return 0;
