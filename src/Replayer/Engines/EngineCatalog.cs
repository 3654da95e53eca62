using Replay.Engine.Register;
using Replay.Engine.Stack;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Replayer.Engines;

/// <summary>One engine the tool can run: its name, how to make it, and the compilation modes it has.</summary>
/// <param name="Name">The name used on the command line and in reports ("stack", "register").</param>
/// <param name="Identity">Who the engine is (version, what it models).</param>
/// <param name="Create">Makes an engine with a configuration; the configuration's mode must be in <paramref name="Modes"/>.</param>
/// <param name="Modes">The compilation modes the engine implements.</param>
public sealed record EngineEntry(string Name, EngineIdentity Identity, Func<EngineConfig, IEngine> Create, IReadOnlyList<CompilationMode> Modes);

/// <summary>
/// The one place that maps engine names to constructors. Commands that take an engine option
/// resolve it here, so adding an engine or a mode is a change to this file only.
/// </summary>
public static class EngineCatalog
{
    /// <summary>The selection that means every engine, compared side by side.</summary>
    public const string Both = "both";

    /// <summary>Every engine, in the order reports list them.</summary>
    public static IReadOnlyList<EngineEntry> All { get; } =
    [
        // Wasmi 0.31 compiles every function when the module is compiled: eager only.
        new("stack", StackEngineInfo.Identity, c => new StackEngine(c), [CompilationMode.Eager]),
        new("register", RegisterEngineInfo.Identity, c => new RegisterEngine(c),
            [CompilationMode.Eager, CompilationMode.LazyTranslation, CompilationMode.Lazy]),
    ];

    /// <summary>The names a user may give: each engine's, then <see cref="Both"/>.</summary>
    public static IReadOnlyList<string> SelectionNames { get; } = [.. All.Select(e => e.Name), Both];

    /// <summary>The engines a selection names (one, or all for <see cref="Both"/>), or false for an unknown name.</summary>
    public static bool TrySelect(string? selection, out IReadOnlyList<EngineEntry> engines)
    {
        if (string.Equals(selection, Both, StringComparison.Ordinal))
        {
            engines = All;
            return true;
        }
        var entry = All.FirstOrDefault(e => string.Equals(e.Name, selection, StringComparison.Ordinal));
        engines = entry is null ? [] : [entry];
        return entry is not null;
    }
}
