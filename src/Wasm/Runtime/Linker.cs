namespace Replay.Wasm.Runtime;

/// <summary>Where instantiation looks up imports by module and field name.</summary>
public interface IImportResolver
{
    /// <summary>The external defined under that name, or null.</summary>
    IExternal? Resolve(string module, string name);
}

/// <summary>
/// A name table of externals: host definitions and the exports of registered instances
/// (the spec test suite's <c>register</c>). Engine-independent; each engine resolves its
/// imports through it and checks types with <see cref="ImportMatcher"/>.
/// </summary>
public sealed class Linker : IImportResolver
{
    private readonly Dictionary<(string Module, string Name), IExternal> _definitions = new();
    private readonly Dictionary<string, IInstance> _instances = new(StringComparer.Ordinal);

    /// <summary>Defines (or redefines) one external.</summary>
    public Linker Define(string module, string name, IExternal external)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(external);
        _definitions[(module, name)] = external;
        return this;
    }

    /// <summary>Makes every export of <paramref name="instance"/> importable under module name <paramref name="module"/>.</summary>
    public Linker DefineInstance(string module, IInstance instance)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(instance);
        _instances[module] = instance;
        // Explicit definitions registered later under the same module name take precedence
        // only for their own names; drop stale ones so the instance's exports win now.
        foreach (var name in instance.ExportNames)
            _definitions.Remove((module, name));
        return this;
    }

    public IExternal? Resolve(string module, string name)
    {
        if (_definitions.TryGetValue((module, name), out var external))
            return external;
        return _instances.TryGetValue(module, out var instance) ? instance.GetExport(name) : null;
    }
}
