using Replay.Wasm.Runtime;

namespace Replay.Wasm.SpecTest;

/// <summary>
/// Runs spec scripts on one engine and tallies the outcome. Engine-agnostic: it talks to the
/// engine only through <see cref="IEngine"/>. Each script runs in a fresh store with the
/// <c>spectest</c> module defined, so scripts cannot affect each other.
/// </summary>
/// <remarks>
/// In <see cref="CompilationMode.Lazy"/> an engine validates bodies on their first call, so
/// compiling an invalid module succeeds by design. To still check every assert_invalid and
/// assert_malformed, and to skip modules whose bodies use unsupported proposals exactly as the
/// other modes do, every module the lazy engine accepts is compiled again by the validating
/// engine: the same engine kind in <see cref="CompilationMode.LazyTranslation"/>, which validates
/// every body up front and differs in nothing else. The lazy engine's own instance is the one that runs.
/// </remarks>
public sealed class SpecTestRunner
{
    private readonly IEngine _engine;
    private readonly IEngine? _validatingEngine;

    /// <param name="engine">The engine under test.</param>
    /// <param name="validatingEngine">For a lazy <paramref name="engine"/>, the same kind with eager validation; see remarks.</param>
    public SpecTestRunner(IEngine engine, IEngine? validatingEngine = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _validatingEngine = validatingEngine;
    }

    /// <summary>A runner for the engine <paramref name="factory"/> makes from <paramref name="config"/> (and its validating twin in lazy mode).</summary>
    public static SpecTestRunner Create(Func<EngineConfig, IEngine> factory, EngineConfig config)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(config);
        var engine = factory(config);
        var validating = config.Mode == CompilationMode.Lazy ? factory(config with { Mode = CompilationMode.LazyTranslation }) : null;
        return new SpecTestRunner(engine, validating);
    }

    public IEngine Engine => _engine;

    /// <summary>Reads and runs the given .json scripts in order. A script that cannot be read throws <see cref="SpecScriptFormatException"/>.</summary>
    public SpecRunResult RunFiles(IEnumerable<string> jsonPaths)
    {
        ArgumentNullException.ThrowIfNull(jsonPaths);
        return Run(jsonPaths.Select(SpecScriptReader.ReadFile));
    }

    public SpecRunResult Run(IEnumerable<SpecScript> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        var result = new SpecRunResult(_engine.Identity.Name, _engine.Config.Mode.Name());
        foreach (var script in scripts)
            RunScript(script, result);
        return result;
    }

    /// <summary>Runs one script, adding to <paramref name="result"/>.</summary>
    public void RunScript(SpecScript script, SpecRunResult result)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(result);
        result.AddFile();
        new ScriptRun(_engine, _validatingEngine, script, result).Run();
    }
}
