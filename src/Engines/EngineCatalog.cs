using Replay.Engine.Register;
using Replay.Engine.Stack;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Engines;

/// <summary>One engine the tool can run: its name, identity, the Wasmi generation it models, its modes and how to make it.</summary>
/// <param name="Name">The name used on the command line and in reports ("stack", "register").</param>
/// <param name="Identity">Who the engine is (version, what it models).</param>
/// <param name="Generation">The Wasmi generation it reproduces, which picks Soroban's configuration for it.</param>
/// <param name="Modes">The compilation modes the engine implements.</param>
/// <param name="Factory">Makes an engine with a configuration whose mode is one of <paramref name="Modes"/>.</param>
public sealed record EngineEntry(
    string Name,
    EngineIdentity Identity,
    EngineGeneration Generation,
    IReadOnlyList<CompilationMode> Modes,
    Func<EngineConfig, IEngine> Factory)
{
    /// <summary>Makes the engine (the engine refuses a mode it does not implement).</summary>
    public IEngine Create(EngineConfig config) => Factory(config);
}

/// <summary>One engine in one of its compilation modes: what differential tests and benchmarks enumerate.</summary>
public sealed record EngineVariant(EngineEntry Engine, CompilationMode Mode)
{
    /// <summary>"stack/Eager", "register/Lazy", ...: stable, used in test names and reports.</summary>
    public string Name => $"{Engine.Name}/{Mode}";

    /// <summary>Makes the engine with <paramref name="config"/> in this variant's mode.</summary>
    public IEngine Create(EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Engine.Create(config with { Mode = Mode });
    }

    public override string ToString() => Name;
}

/// <summary>
/// The one place that maps engine names to constructors, modes and the Wasmi generation each
/// models. Commands, benchmarks and tests that take or enumerate engines resolve them here, so
/// adding an engine or a mode is a change to this file only.
/// </summary>
public static class EngineCatalog
{
    /// <summary>The selection that means every engine, compared side by side.</summary>
    public const string Both = "both";

    /// <summary>The legacy stack interpreter: Wasmi 0.31, which compiles every function when the module is compiled.</summary>
    public static EngineEntry Stack { get; } = new("stack", StackEngineInfo.Identity, EngineGeneration.Wasmi031,
        [CompilationMode.Eager], c => new StackEngine(c));

    /// <summary>The register interpreter: Wasmi 0.32+ (0.36), eager or lazy.</summary>
    public static EngineEntry Register { get; } = new("register", RegisterEngineInfo.Identity, EngineGeneration.Wasmi036,
        [CompilationMode.Eager, CompilationMode.LazyTranslation, CompilationMode.Lazy], c => new RegisterEngine(c));

    /// <summary>Every engine, in the order reports list them.</summary>
    public static IReadOnlyList<EngineEntry> All { get; } = [Stack, Register];

    /// <summary>Every engine in every mode it implements, in catalog order.</summary>
    public static IReadOnlyList<EngineVariant> Variants { get; } =
        [.. All.SelectMany(e => e.Modes.Select(m => new EngineVariant(e, m)))];

    /// <summary>The names a user may give: each engine's, then <see cref="Both"/>.</summary>
    public static IReadOnlyList<string> SelectionNames { get; } = [.. All.Select(e => e.Name), Both];

    /// <summary>The engine of that name; throws for an unknown one.</summary>
    public static EngineEntry Get(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, $"unknown engine (expected one of: {string.Join(", ", All.Select(e => e.Name))})");

    /// <summary>The variant of that <see cref="EngineVariant.Name"/> ("register/Lazy"); throws for an unknown one.</summary>
    public static EngineVariant GetVariant(string name) =>
        Variants.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, $"unknown engine variant (expected one of: {string.Join(", ", Variants.Select(v => v.Name))})");

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
