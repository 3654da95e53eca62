namespace Replay.Wasm.Types;

/// <summary>Size limits of a memory (in 64 KiB pages) or a table (in elements).</summary>
public readonly record struct Limits(uint Min, uint? Max)
{
    public override string ToString() => Max is { } max ? $"{{min {Min}, max {max}}}" : $"{{min {Min}}}";
}

/// <summary>A linear memory's type. 32-bit memories only: memory64 is not a supported feature.</summary>
public readonly record struct MemoryType(Limits Limits)
{
    /// <summary>Bytes per WebAssembly page.</summary>
    public const int PageSize = 65536;

    /// <summary>Largest page count a 32-bit memory may declare (4 GiB).</summary>
    public const uint MaxPages = 65536;
}

/// <summary>A table's type: its element reference type and limits.</summary>
public readonly record struct TableType(ValType ElementType, Limits Limits);

/// <summary>A global's type: value type and mutability.</summary>
public readonly record struct GlobalType(ValType ValueType, bool Mutable)
{
    public override string ToString() => Mutable ? $"(mut {ValueType.Name()})" : ValueType.Name();
}

/// <summary>The kind of an import or export.</summary>
public enum ExternKind : byte
{
    Func = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
}
