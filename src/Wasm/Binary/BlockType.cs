using Replay.Wasm.Modules;
using Replay.Wasm.Types;

namespace Replay.Wasm.Binary;

/// <summary>How a block type is given: nothing, one result type, or a type index (multi-value).</summary>
public enum BlockTypeKind : byte
{
    Empty,
    Value,
    FuncType,
}

/// <summary>The type immediate of block, loop and if.</summary>
public readonly record struct BlockType(BlockTypeKind Kind, ValType ValueType, uint TypeIndex)
{
    public static BlockType Empty => new(BlockTypeKind.Empty, default, 0);

    public static BlockType Of(ValType result) => new(BlockTypeKind.Value, result, 0);

    public static BlockType OfTypeIndex(uint typeIndex) => new(BlockTypeKind.FuncType, default, typeIndex);

    /// <summary>Number of values the block takes from the stack on entry. Assumes a checked type index.</summary>
    public int ParamCount(WasmModule module) =>
        Kind == BlockTypeKind.FuncType ? module.Types[(int)TypeIndex].ParamCount : 0;

    /// <summary>Number of values the block leaves on exit. Assumes a checked type index.</summary>
    public int ResultCount(WasmModule module) => Kind switch
    {
        BlockTypeKind.Empty => 0,
        BlockTypeKind.Value => 1,
        _ => module.Types[(int)TypeIndex].ResultCount,
    };

    public override string ToString() => Kind switch
    {
        BlockTypeKind.Empty => "[]",
        BlockTypeKind.Value => ValueType.Name(),
        _ => $"type {TypeIndex}",
    };
}
