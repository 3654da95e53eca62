using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Replay.Engine.Register;
using Replay.Engines;
using Replay.History.Cases;
using Replay.Soroban.Host;
using Replay.Soroban.Invocation;
using Replay.Soroban.Profile;
using Replay.Wasm.Runtime;

namespace Replay.Replayer.Pipeline;

/// <summary>
/// One engine variant as the pipeline runs it: the engine, and a cache of compiled modules keyed
/// by the Wasm's SHA-256 and the compiling engine's mode (the host compiles throwaway modules
/// eagerly and cached ones in the variant's mode), shared by all workers. A cached module is handed
/// out as it is when it holds no per-run state (eager compilation), else as a fresh copy of its
/// decoded and validated structure, so that lazily compiled code (and its compilation fuel) never
/// carries over from one case to another: outcomes are the same with or without the cache, in any
/// order.
/// </summary>
public sealed class EngineRunner
{
    /// <summary>Modules kept per variant; past it the cache starts again (a long range touches thousands of contracts).</summary>
    public const int CacheCapacity = 1024;

    private readonly ConcurrentDictionary<(string Hash, CompilationMode Mode), Lazy<ICompiledModule>> _cache = new();

    public EngineRunner(string variant, IEngine engine, bool cache)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(engine);
        Variant = variant;
        Engine = engine;
        Cached = cache;
    }

    /// <summary>"stack/Eager", "register/Lazy".</summary>
    public string Variant { get; }

    public IEngine Engine { get; }

    /// <summary>Whether compiled modules are reused across cases.</summary>
    public bool Cached { get; }

    public Outcome Run(ReplayCase c, IHostTracer? tracer = null, bool useCache = true) =>
        Invoker.Run(c, Engine, new RunOptions { Compile = Cached && useCache ? Compile : null, Tracer = tracer });

    /// <summary>The cache key of a module's bytes, their SHA-256, computed once per array (contract code arrays are never written to).</summary>
    private static readonly ConditionalWeakTable<byte[], string> s_keys = [];

    private static string KeyOf(ReadOnlyMemory<byte> wasm) =>
        MemoryMarshal.TryGetArray(wasm, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? s_keys.GetValue(whole.Array, a => Convert.ToHexString(SHA256.HashData(a)))
            : Convert.ToHexString(SHA256.HashData(wasm.Span));

    private ICompiledModule Compile(IEngine engine, ReadOnlyMemory<byte> wasm)
    {
        var key = (KeyOf(wasm), engine.Config.Mode);
        if (_cache.Count >= CacheCapacity)
            _cache.Clear();
        var module = _cache.GetOrAdd(key, _ => new Lazy<ICompiledModule>(() => engine.Compile(wasm.ToArray()), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        return engine is RegisterEngine register && engine.Config.Mode != CompilationMode.Eager ? register.Fresh(module) : module;
    }
}

/// <summary>The engines a run compares: the reference (the stack engine when selected) first, then the others.</summary>
public sealed class EngineSet
{
    public EngineSet(IReadOnlyList<EngineRunner> runners)
    {
        ArgumentNullException.ThrowIfNull(runners);
        if (runners.Count == 0)
            throw new ArgumentException("no engine", nameof(runners));
        Runners = runners;
        Keys = Diff.ComparisonJson.EngineKeys([.. runners.Select(r => r.Variant)]);
    }

    public IReadOnlyList<EngineRunner> Runners { get; }

    /// <summary>Each runner's key in reports ("stack", "register", or the variant when an engine runs in several modes).</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Names accepted by --modes, and the compilation mode each means.</summary>
    public static IReadOnlyDictionary<string, CompilationMode> ModeNames { get; } = new Dictionary<string, CompilationMode>(StringComparer.Ordinal)
    {
        ["eager"] = CompilationMode.Eager,
        ["lazy-translation"] = CompilationMode.LazyTranslation,
        ["lazy"] = CompilationMode.Lazy,
    };

    /// <summary>
    /// The variants of `--engines E1,E2 --modes M1,M2`: each engine in each listed mode it implements
    /// (an engine with one mode, the stack engine, runs in it whatever the list). Throws <see cref="ArgumentException"/>
    /// naming an unknown engine or mode, or an engine that implements none of the modes.
    /// </summary>
    public static EngineSet Create(IReadOnlyList<string> engines, IReadOnlyList<string> modes, bool cache,
        Func<EngineVariant, IEngine?>? factory = null)
    {
        ArgumentNullException.ThrowIfNull(engines);
        ArgumentNullException.ThrowIfNull(modes);
        if (engines.Count == 0)
            throw new ArgumentException("--engines names no engine");
        if (engines.Distinct(StringComparer.Ordinal).Count() != engines.Count)
            throw new ArgumentException("--engines names an engine twice");
        var parsedModes = new List<CompilationMode>();
        foreach (var m in modes)
        {
            if (!ModeNames.TryGetValue(m, out var mode))
                throw new ArgumentException($"--modes: unknown mode '{m}' (expected {string.Join(", ", ModeNames.Keys)})");
            if (!parsedModes.Contains(mode))
                parsedModes.Add(mode);
        }
        var entries = new List<EngineEntry>();
        foreach (var e in engines)
        {
            var entry = EngineCatalog.All.FirstOrDefault(x => x.Name == e)
                ?? throw new ArgumentException($"--engines: unknown engine '{e}' (expected {string.Join(", ", EngineCatalog.All.Select(x => x.Name))})");
            entries.Add(entry);
        }
        // The network's engine is the reference every other is compared with.
        entries.Sort((a, b) => (b == EngineCatalog.Stack).CompareTo(a == EngineCatalog.Stack));
        var runners = new List<EngineRunner>();
        foreach (var entry in entries)
        {
            var selected = entry.Modes.Count == 1 ? [entry.Modes[0]] : parsedModes.Where(entry.Modes.Contains).ToList();
            if (selected.Count == 0)
                throw new ArgumentException($"--modes: the {entry.Name} engine runs in none of them ({string.Join(", ", entry.Modes)})");
            foreach (var mode in selected)
            {
                var variant = new EngineVariant(entry, mode);
                var engine = factory?.Invoke(variant) ?? variant.Create(SorobanProfile.Config(entry.Generation, mode));
                runners.Add(new EngineRunner(variant.Name, engine, cache));
            }
        }
        return new EngineSet(runners);
    }
}
