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

    /// <summary>Wasmi's own enforced limits (Wasmi 0.32+), on top of its validator's; null when not enforced.</summary>
    public WasmiEnforcedLimits? Enforced { get; init; }

    /// <summary>Only the spec's own bounds.</summary>
    public static WasmLimits None { get; } = new();

    /// <summary>
    /// The limits of wasmparser 0.100 (<c>crates/wasmparser/src/limits.rs</c> at tag wasmparser-0.100.0),
    /// which Wasmi 0.31 validates with (as the fork wasmparser-nostd 0.100.1, per wasmi v0.31.2's
    /// Cargo.toml). Counts are checked per section against the module's running total; the error
    /// texts in the validator follow wasmparser's. Wasmi 0.36 validates with the same parser
    /// (wasmparser-nostd 0.100.2, per wasmi v0.36.5's Cargo.toml), so these are its limits too;
    /// its own <see cref="Enforced"/> limits come on top only when configured (Wasmi's default is none).
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

/// <summary>
/// Wasmi's <c>EnforcedLimits</c> (0.32+), a defence of lazy compilation against hostile modules.
/// Each is checked against one section's own entry count (imports do not count), with Wasmi's texts.
/// </summary>
public sealed record WasmiEnforcedLimits
{
    public uint MaxGlobals { get; init; } = uint.MaxValue;
    public uint MaxFunctions { get; init; } = uint.MaxValue;
    public uint MaxTables { get; init; } = uint.MaxValue;
    public uint MaxMemories { get; init; } = uint.MaxValue;
    public uint MaxElementSegments { get; init; } = uint.MaxValue;

    /// <summary>Checked against the data count section's value and the data section's count.</summary>
    public uint MaxDataSegments { get; init; } = uint.MaxValue;

    /// <summary>Parameters of any function type (block types use the same types).</summary>
    public uint MaxParams { get; init; } = uint.MaxValue;

    public uint MaxResults { get; init; } = uint.MaxValue;

    /// <summary>
    /// <c>EnforcedLimits::strict()</c> in wasmi v0.36.5 (<c>crates/wasmi/src/engine/limits/engine.rs</c>),
    /// except <c>min_avg_bytes_per_function</c>, which this implementation does not model (the one
    /// configuration that enforces limits, Soroban's, turns it off).
    /// </summary>
    public static WasmiEnforcedLimits Strict { get; } = new()
    {
        MaxGlobals = 1000,
        MaxFunctions = 10_000,
        MaxTables = 100,
        MaxMemories = 1,
        MaxElementSegments = 1000,
        MaxDataSegments = 1000,
        MaxParams = 32,
        MaxResults = 32,
    };
}
