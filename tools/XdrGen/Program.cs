using Replay.Tools.XdrGen;

// Regenerates src/Stellar/Xdr/Generated from ../shared/xdr/xdr.json.
//   dotnet run --project tools/XdrGen [-- --xdr PATH] [--out DIR] [--check]
// --check writes nothing and exits 1 when the committed files differ from a fresh generation.
string? xdr = null, outDir = null;
var check = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--xdr" when i + 1 < args.Length: xdr = args[++i]; break;
        case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
        case "--check": check = true; break;
        default:
            Console.Error.WriteLine($"xdrgen: unknown argument '{args[i]}' (use --xdr PATH, --out DIR, --check)");
            return 2;
    }
}

var root = RepoLayout.FindRoot(Directory.GetCurrentDirectory());
if (root is null && (xdr is null || outDir is null))
{
    Console.Error.WriteLine("xdrgen: run inside the repository or pass both --xdr and --out");
    return 2;
}
xdr ??= RepoLayout.SchemaPath(root!);
outDir ??= RepoLayout.GeneratedDir(root!);
if (!File.Exists(xdr))
{
    Console.Error.WriteLine($"xdrgen: schema not found: {xdr}");
    return 2;
}

var files = Generator.Generate(xdr);
var differences = GeneratedFiles.Compare(files, outDir);
if (check)
{
    foreach (var d in differences)
        Console.Error.WriteLine($"xdrgen: {d}");
    Console.WriteLine(differences.Count == 0 ? "generated code is up to date" : $"{differences.Count} generated files differ");
    return differences.Count == 0 ? 0 : 1;
}

GeneratedFiles.Write(files, outDir);
Console.WriteLine($"wrote {files.Count} files to {outDir} ({differences.Count} changed)");
return 0;
