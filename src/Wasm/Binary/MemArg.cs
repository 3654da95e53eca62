namespace Replay.Wasm.Binary;

/// <summary>
/// The immediate of loads and stores. <see cref="Align"/> is the log2 exponent as encoded
/// (the validator bounds it by the access width); <see cref="Offset"/> is the static byte offset.
/// </summary>
public readonly record struct MemArg(uint Align, uint Offset)
{
    /// <summary>Memory index; always 0 while multi-memory is not a supported feature.</summary>
    public uint MemoryIndex => 0;
}
