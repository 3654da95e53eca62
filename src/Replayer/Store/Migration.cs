using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Replay.Replayer.Store;

/// <summary>One versioned schema change, embedded in the assembly as Store/Migrations/NNNN_name.sql.</summary>
public sealed partial record Migration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "Replay.Migrations.";

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();

    /// <summary>All embedded migrations in version order; a gap or duplicate version is a build mistake and fails loudly.</summary>
    public static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(Migration).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                continue;
            var file = resource[ResourcePrefix.Length..];
            var match = FileNamePattern().Match(file);
            if (!match.Success)
                throw new InvalidOperationException($"embedded migration '{file}' is not named NNNN_name.sql");
            list.Add(new Migration(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                match.Groups[2].Value,
                Read(assembly, resource)));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Version != i + 1)
                throw new InvalidOperationException($"migrations must be numbered 1..N without gaps; found {list[i].Version} at position {i + 1}");
        }
        return list;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing resource {resource}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
