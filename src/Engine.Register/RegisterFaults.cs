namespace Replay.Engine.Register;

/// <summary>
/// Deliberate bugs the register engine can be built with, so that `replay selftest` can check
/// that the pipeline finds and classifies real faults. Only <see cref="RegisterEngine(Replay.Wasm.Runtime.EngineConfig, RegisterFaults)"/>
/// takes them: the engine catalog, the configurations and every command-line option build the
/// engine without faults.
/// </summary>
[Flags]
public enum RegisterFaults
{
    None = 0,

    /// <summary>i32.rem_s returns its remainder with the wrong sign (a nonzero result is negated): a wrong result.</summary>
    RemSWrongSign = 1,

    /// <summary>Every function call consumes one unit of fuel more than Wasmi charges: a cost difference.</summary>
    FuelOffByOne = 2,

    /// <summary>
    /// In the lazy modes, a function body that uses br_table fails validation when it is first
    /// compiled, on its first call (an eager engine would have accepted the module at upload).
    /// </summary>
    LazyBrTableInvalid = 4,
}
