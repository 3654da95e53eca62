using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// The spec's import matching (external subtyping), shared by both engines so that a
/// linking difference can never come from two implementations of the rule.
/// Failures are <see cref="LinkException"/>s with the spec suite's wording.
/// </summary>
public static class ImportMatcher
{
    public static IExternal Resolve(IImportResolver resolver, string module, string name)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return resolver.Resolve(module, name)
            ?? throw new LinkException($"unknown import: \"{module}\".\"{name}\" is not defined");
    }

    public static IFunction Function(IExternal actual, FuncType expected, string module, string name)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (actual is not IFunction f || !f.Type.Equals(expected))
            throw Incompatible(module, name, $"function {expected}", actual);
        return f;
    }

    public static IMemory Memory(IExternal actual, MemoryType expected, string module, string name)
    {
        if (actual is not IMemory m || !LimitsMatch(new Limits(m.Pages, m.Type.Limits.Max), expected.Limits))
            throw Incompatible(module, name, $"memory {expected.Limits}", actual);
        return m;
    }

    public static ITable Table(IExternal actual, TableType expected, string module, string name)
    {
        if (actual is not ITable t || t.Type.ElementType != expected.ElementType ||
            !LimitsMatch(new Limits(t.Size, t.Type.Limits.Max), expected.Limits))
            throw Incompatible(module, name, $"table {expected.ElementType.Name()} {expected.Limits}", actual);
        return t;
    }

    public static IGlobal Global(IExternal actual, GlobalType expected, string module, string name)
    {
        if (actual is not IGlobal g || g.Type != expected)
            throw Incompatible(module, name, $"global {expected}", actual);
        return g;
    }

    /// <summary>Limits subtyping: at least the expected minimum, and a maximum no larger than the expected one.</summary>
    public static bool LimitsMatch(Limits actual, Limits expected)
    {
        if (actual.Min < expected.Min)
            return false;
        if (expected.Max is not { } max)
            return true;
        return actual.Max is { } actualMax && actualMax <= max;
    }

    private static LinkException Incompatible(string module, string name, string expected, IExternal actual) =>
        new($"incompatible import type: \"{module}\".\"{name}\" expects {expected}, got {Describe(actual)}");

    private static string Describe(IExternal actual) => actual switch
    {
        IFunction f => $"function {f.Type}",
        IMemory m => $"memory {{min {m.Pages}, max {m.Type.Limits.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}}}",
        ITable t => $"table {t.Type.ElementType.Name()} {{min {t.Size}}}",
        IGlobal g => $"global {g.Type}",
        _ => actual.Kind.ToString(),
    };
}
