namespace Replay.Wasm.Runtime;

/// <summary>What an engine's fuel model says about a growth it was asked to pay for.</summary>
public enum GrowthCharge : byte
{
    /// <summary>Paid (or fuel is not metered): go ahead.</summary>
    Charged,

    /// <summary>Not enough fuel, and this engine reports that as a failed growth (-1).</summary>
    Refused,

    /// <summary>Not enough fuel, and this engine traps with <see cref="TrapCode.OutOfFuel"/>.</summary>
    OutOfFuel,
}

/// <summary>
/// The engine-specific price of memory.grow and table.grow, charged after the limiter and
/// the bounds checks allowed the growth and before anything changes (Wasmi's order). The
/// two Wasmi generations price and fail differently, so the shared memory and table ask.
/// </summary>
public interface IGrowthFuel
{
    GrowthCharge ChargeMemoryGrowth(ulong additionalBytes);

    GrowthCharge ChargeTableGrowth(uint additionalElements);
}
