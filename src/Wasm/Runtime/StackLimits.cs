namespace Replay.Wasm.Runtime;

/// <summary>
/// How deep execution may go before it traps with <see cref="TrapCode.StackOverflow"/>.
/// Both engines take the same numbers; where their accounting makes the overflow point
/// differ, the engine documents how.
/// </summary>
/// <param name="MaxValueStackCells">Maximum 64-bit cells on the value stack (all frames together).</param>
/// <param name="MaxCallDepth">Maximum nested Wasm calls.</param>
public sealed record StackLimits(int MaxValueStackCells, int MaxCallDepth)
{
    /// <summary>Wasmi 0.31's defaults as Soroban runs it: 1 MiB of 8-byte cells, 1,024 nested calls.</summary>
    public static StackLimits Default { get; } = new(128 * 1024, 1024);
}
