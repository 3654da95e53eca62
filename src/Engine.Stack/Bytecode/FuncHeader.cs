namespace Replay.Engine.Stack.Bytecode;

/// <summary>
/// Where a compiled function's code starts and what its frame needs.
/// </summary>
/// <param name="Start">Index of the first instruction in the module's code array.</param>
/// <param name="LocalCount">Declared locals (not parameters), zeroed on entry.</param>
/// <param name="MaxStackHeight">
/// Cells the function may need above its parameters: its declared locals plus the highest
/// operand stack the translator saw. Checked against the value stack limit on every entry,
/// exactly as Wasmi 0.31 reserves it, so overflow happens at the same depth.
/// </param>
internal readonly record struct FuncHeader(int Start, int LocalCount, int MaxStackHeight);
