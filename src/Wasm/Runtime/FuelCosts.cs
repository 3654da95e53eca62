namespace Replay.Wasm.Runtime;

/// <summary>
/// Fuel prices of the instruction classes both Wasmi generations know. Each engine applies
/// them through its own model (per Wasm instruction and block for the stack engine, per
/// emitted IR instruction for the register engine); the numbers are configuration.
/// </summary>
/// <param name="Base">Ordinary instructions.</param>
/// <param name="Entity">Instructions touching an entity: globals, tables, memory size/grow, ref.func.</param>
/// <param name="Load">Memory loads.</param>
/// <param name="Store">Memory stores.</param>
/// <param name="Call">Calls (direct, indirect, host).</param>
/// <param name="LazyCompilePerByte">First-call compilation charge per body byte in <see cref="CompilationMode.Lazy"/>.</param>
/// <param name="LazyTranslationCompilePerByte">First-call compilation charge per body byte in <see cref="CompilationMode.LazyTranslation"/>.</param>
public sealed record FuelCosts(
    ulong Base,
    ulong Entity,
    ulong Load,
    ulong Store,
    ulong Call,
    ulong LazyCompilePerByte = 9,
    ulong LazyTranslationCompilePerByte = 7)
{
    /// <summary>Every class costs one unit: Wasmi's defaults.</summary>
    public static FuelCosts Default { get; } = new(1, 1, 1, 1, 1);
}
