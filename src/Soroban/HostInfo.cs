namespace Replay.Soroban;

/// <summary>The ledger protocols our host models.</summary>
public static class HostInfo
{
    /// <summary>Lowest ledger protocol the host implements (Soroban launched in protocol 20).</summary>
    public const int MinProtocol = 20;

    /// <summary>
    /// Highest ledger protocol the host implements: 27, the newest protocol whose linked
    /// rs-soroban-env commit the host is read from (protocol 28's interface is in the function
    /// table, its behaviour is not built).
    /// </summary>
    public const int MaxProtocol = 27;
}
