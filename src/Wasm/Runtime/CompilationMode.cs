namespace Replay.Wasm.Runtime;

/// <summary>When function bodies are validated and translated.</summary>
public enum CompilationMode : byte
{
    /// <summary>Validate and translate every body when the module is compiled.</summary>
    Eager,

    /// <summary>Validate every body at compile time; translate each on its first call.</summary>
    LazyTranslation,

    /// <summary>Check only the module's structure at compile time; validate and translate each body on its first call.</summary>
    Lazy,
}
