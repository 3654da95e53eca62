namespace Replay.Wasm.Runtime;

/// <summary>The limiter's answer to a growth request.</summary>
public enum GrowthDecision : byte
{
    /// <summary>Grow.</summary>
    Allow,

    /// <summary>Do not grow; the instruction returns -1 as for any failed growth.</summary>
    Deny,

    /// <summary>Do not grow and trap with <see cref="TrapCode.GrowthOperationLimited"/> (a host budget ran out).</summary>
    Trap,
}

/// <summary>
/// Consulted on memory.grow and table.grow (and their host-side equivalents) before
/// anything changes. Soroban charges its memory budget here.
/// </summary>
public interface IResourceLimiter
{
    GrowthDecision MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes);

    GrowthDecision TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements);
}
