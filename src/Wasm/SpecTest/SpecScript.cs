namespace Replay.Wasm.SpecTest;

/// <summary>
/// A spec script in wast2json's form: the commands, and the directory its module files
/// (<c>x.0.wasm</c>, ...) are relative to.
/// </summary>
/// <param name="Path">The .json file, as given; failures are reported against it.</param>
/// <param name="SourceFileName">The .wast it was converted from (wast2json's <c>source_filename</c>), or null.</param>
public sealed record SpecScript(string Path, string? SourceFileName, IReadOnlyList<SpecCommand> Commands)
{
    /// <summary>Where the module files named by commands live.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)) ?? ".";

    /// <summary>
    /// The name failures are reported under: the .wast's file name when known, else the .json's.
    /// Only the name, so reports do not depend on where (which temporary directory) a script was converted.
    /// </summary>
    public string DisplayName => System.IO.Path.GetFileName(SourceFileName ?? Path);

    /// <summary>Reads a module file a command names, refusing names that leave the script's directory.</summary>
    public byte[] ReadModule(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        if (fileName.Length == 0 || fileName is "." or ".." || !string.Equals(System.IO.Path.GetFileName(fileName), fileName, StringComparison.Ordinal))
            throw new SpecScriptFormatException(Path, 0, $"module file name \"{fileName}\" is not a plain name beside the script");
        return File.ReadAllBytes(System.IO.Path.Combine(Directory, fileName));
    }
}

/// <summary>A spec script that cannot be read: not JSON, or not wast2json's shape. Names the file and line.</summary>
public sealed class SpecScriptFormatException : Exception
{
    public SpecScriptFormatException(string path, int line, string message, Exception? inner = null)
        : base(line > 0 ? $"{path}: command at line {line}: {message}" : $"{path}: {message}", inner)
    {
        ScriptPath = path;
        Line = line;
    }

    public string ScriptPath { get; }

    public int Line { get; }
}
