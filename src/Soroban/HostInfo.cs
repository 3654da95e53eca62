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

    /// <summary>
    /// The interface protocol of the host stellar-core links for a ledger protocol: protocol 20 is
    /// served by the v21 host, every later protocol by its own.
    /// </summary>
    public static int HostVersion(int ledgerProtocol) => Math.Max(ledgerProtocol, 21);
}
