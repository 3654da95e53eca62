namespace Replay.Wasm.Features;

/// <summary>
/// Implementation limits a validator imposes on top of the spec. The spec itself bounds only
/// what an index can address; real engines reject modules beyond these sizes, and on the network
/// that rejection is an outcome we must reproduce (a function declaring 60,000 locals takes four
/// bytes and is valid per the spec, but Wasmi 0.31 refuses it).
/// </summary>
public sealed record WasmLimits
{
    public uint MaxTypes { get; init; } = uint.MaxValue;
    public uint MaxFunctions { get; init; } = uint.MaxValue;
    public uint MaxExports { get; init; } = uint.MaxValue;
    public uint MaxGlobals { get; init; } = uint.MaxValue;
    public uint MaxElementSegments { get; init; } = uint.MaxValue;
    public uint MaxDataSegments { get; init; } = uint.MaxValue;

    /// <summary>Bytes in an import, export or custom section name.</summary>
    public uint MaxNameBytes { get; init; } = uint.MaxValue;

    public uint MaxFunctionParams { get; init; } = uint.MaxValue;
    public uint MaxFunctionResults { get; init; } = uint.MaxValue;

    /// <summary>Locals of one function, parameters included.</summary>
    public long MaxFunctionLocals { get; init; } = long.MaxValue;

    public uint MaxBrTableTargets { get; init; } = uint.MaxValue;

    /// <summary>A table's minimum size, and the items of one element segment.</summary>
    public uint MaxTableEntries { get; init; } = uint.MaxValue;

    /// <summary>Only the spec's own bounds.</summary>
    public static WasmLimits None { get; } = new();

    /// <summary>
    /// The limits of wasmparser 0.100 (<c>crates/wasmparser/src/limits.rs</c> at tag wasmparser-0.100.0),
    /// which Wasmi 0.31 validates with (as the fork wasmparser-nostd 0.100.1, per wasmi v0.31.2's
    /// Cargo.toml). Counts are checked per section against the module's running total; the error
    /// texts in the validator follow wasmparser's.
    /// </summary>
    public static WasmLimits Wasmi031 { get; } = new()
    {
        MaxTypes = 1_000_000,
        MaxFunctions = 1_000_000,
        MaxExports = 100_000,
        MaxGlobals = 1_000_000,
        MaxElementSegments = 100_000,
        MaxDataSegments = 100_000,
        MaxNameBytes = 100_000,
        MaxFunctionParams = 1000,
        MaxFunctionResults = 1000,
        MaxFunctionLocals = 50_000,
        MaxBrTableTargets = 128 * 1024,
        MaxTableEntries = 10_000_000,
    };
}
