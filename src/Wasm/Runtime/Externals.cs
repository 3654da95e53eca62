using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>Something an instance imports or exports: a function, table, memory or global.</summary>
public interface IExternal
{
    ExternKind Kind { get; }
}

public interface IFunction : IExternal
{
    FuncType Type { get; }

    /// <summary>
    /// Calls the function. Arguments must match <see cref="Type"/>; <paramref name="results"/>
    /// must have room for its results. Throws <see cref="TrapException"/> on a trap, and lets an
    /// exception thrown by a host function propagate as it was thrown.
    /// </summary>
    void Call(ReadOnlySpan<Value> arguments, Span<Value> results);
}

public interface IMemory : IExternal
{
    MemoryType Type { get; }

    /// <summary>Current size in 64 KiB pages.</summary>
    uint Pages { get; }

    /// <summary>The memory's bytes. Invalidated by growth: take it again after a call that may grow.</summary>
    Span<byte> Bytes { get; }

    /// <summary>
    /// Grows by <paramref name="deltaPages"/> as memory.grow does (consulting the limiter):
    /// the old size in pages, or -1 when growth is refused.
    /// </summary>
    long Grow(uint deltaPages);
}

public interface ITable : IExternal
{
    TableType Type { get; }

    uint Size { get; }

    Value Get(uint index);

    void Set(uint index, Value value);

    /// <summary>Grows as table.grow does: the old size, or -1 when growth is refused.</summary>
    long Grow(uint delta, Value initial);
}

public interface IGlobal : IExternal
{
    GlobalType Type { get; }

    /// <summary>The current value. Setting an immutable global throws.</summary>
    Value Value { get; set; }
}

/// <summary>An instantiated module.</summary>
public interface IInstance
{
    /// <summary>The export of that name, or null.</summary>
    IExternal? GetExport(string name);

    /// <summary>Export names in the module's order.</summary>
    IReadOnlyList<string> ExportNames { get; }
}

public static class InstanceExtensions
{
    public static IFunction? GetFunction(this IInstance instance, string name) => instance?.GetExport(name) as IFunction;

    public static IMemory? GetMemory(this IInstance instance, string name) => instance?.GetExport(name) as IMemory;

    public static IGlobal? GetGlobal(this IInstance instance, string name) => instance?.GetExport(name) as IGlobal;

    public static ITable? GetTable(this IInstance instance, string name) => instance?.GetExport(name) as ITable;
}
