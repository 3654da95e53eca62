using Replay.Wasm.Runtime;

namespace Replay.Wasm.SpecTest;

/// <summary>The command-line and report names of <see cref="CompilationMode"/>s.</summary>
public static class CompilationModeNames
{
    public static string Name(this CompilationMode mode) => mode switch
    {
        CompilationMode.Eager => "eager",
        CompilationMode.LazyTranslation => "lazy-translation",
        CompilationMode.Lazy => "lazy",
        _ => mode.ToString(),
    };

    /// <summary>Parses a name written by <see cref="Name"/>; false for anything else.</summary>
    public static bool TryParse(string? text, out CompilationMode mode)
    {
        foreach (var m in Enum.GetValues<CompilationMode>())
        {
            if (string.Equals(m.Name(), text, StringComparison.Ordinal))
            {
                mode = m;
                return true;
            }
        }
        mode = default;
        return false;
    }
}
