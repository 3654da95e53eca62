using Replay.Wasm.SpecTest;

namespace Replay.Replayer.Cli;

/// <summary>
/// The scripts named on a spectest command line, read and ready to run: .json files as they are,
/// .wast files converted into a temporary directory that lives as long as this object (the
/// runner reads module files from it while it runs). Input that cannot be used is a <see cref="UserError"/>.
/// </summary>
internal sealed class SpecScriptSet : IDisposable
{
    private DirectoryInfo? _converted;
    private int _conversions;

    private SpecScriptSet()
    {
    }

    public IReadOnlyList<SpecScript> Scripts { get; private set; } = [];

    public static SpecScriptSet Load(IEnumerable<string> paths)
    {
        var set = new SpecScriptSet();
        try
        {
            set.Scripts = Expand(paths).Select(set.Read).ToList();
            return set;
        }
        catch
        {
            set.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _converted?.Delete(recursive: true);
        _converted = null;
    }

    /// <summary>Files as given; directories replaced by their .json and .wast files in ordinal order.</summary>
    private static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path)
                    .Where(IsScript)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                    throw new UserError($"{path}: directory has no .json or .wast scripts");
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                if (!IsScript(path))
                    throw new UserError($"{path}: not a spec script (expected a .json from wast2json or a .wast)");
                files.Add(path);
            }
            else
            {
                throw new UserError($"{path}: no such file or directory");
            }
        }
        return files;
    }

    private static bool IsScript(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".wast", StringComparison.OrdinalIgnoreCase);

    private SpecScript Read(string path)
    {
        try
        {
            if (!path.EndsWith(".wast", StringComparison.OrdinalIgnoreCase))
                return SpecScriptReader.ReadFile(path);
            _converted ??= Directory.CreateTempSubdirectory("replay-spectest-");
            // One subdirectory per script: wast2json names module files after the script, and two
            // scripts of the same name from different directories must not overwrite each other.
            var target = Path.Combine(_converted.FullName, (++_conversions).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return SpecScriptReader.ReadFile(Wast2Json.Convert(path, target));
        }
        catch (Exception e) when (e is SpecScriptFormatException or WastConversionException or IOException or UnauthorizedAccessException)
        {
            throw new UserError(e.Message, e);
        }
    }
}
