namespace Replay.Wasm;

/// <summary>
/// The Wasmi release line an engine reproduces (semantics, fuel model, validator limits), and
/// so which of Soroban's Wasmi configurations applies to it.
/// </summary>
public enum EngineGeneration
{
    /// <summary>Wasmi 0.31: the stack machine Soroban has run since protocol 20; eager compilation only.</summary>
    Wasmi031,

    /// <summary>Wasmi 0.32 to 0.36: the register machine with lazy compilation; 0.36 is the one Soroban integrated for CAP-0060.</summary>
    Wasmi036,
}
