namespace Replay.Tools.XdrGen;

/// <summary>Where the schema and the generated code live relative to the repository root.</summary>
public static class RepoLayout
{
    /// <summary>The nearest directory at or above <paramref name="start"/> holding Replay.sln.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Replay.sln")))
                return dir.FullName;
        }
        return null;
    }

    public static string SchemaPath(string root) => Path.GetFullPath(Path.Combine(root, "..", "shared", "xdr", "xdr.json"));

    public static string GeneratedDir(string root) => Path.Combine(root, "src", "Stellar", "Xdr", "Generated");
}

/// <summary>Compares and writes the generated file set (stale *.g.cs files are removed on write).</summary>
public static class GeneratedFiles
{
    public static List<string> Compare(IReadOnlyDictionary<string, string> files, string dir)
    {
        var differences = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path))
                differences.Add($"{name} is missing");
            else if (!string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
                differences.Add($"{name} differs");
        }
        if (Directory.Exists(dir))
        {
            foreach (var path in Directory.GetFiles(dir, "*.g.cs"))
            {
                if (!files.ContainsKey(Path.GetFileName(path)))
                    differences.Add($"{Path.GetFileName(path)} is not generated any more");
            }
        }
        return differences;
    }

    public static void Write(IReadOnlyDictionary<string, string> files, string dir)
    {
        Directory.CreateDirectory(dir);
        foreach (var path in Directory.GetFiles(dir, "*.g.cs"))
        {
            if (!files.ContainsKey(Path.GetFileName(path)))
                File.Delete(path);
        }
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(dir, name);
            if (!File.Exists(path) || !string.Equals(File.ReadAllText(path), text, StringComparison.Ordinal))
                File.WriteAllText(path, text);
        }
    }
}
