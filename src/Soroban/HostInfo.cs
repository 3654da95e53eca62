using Replay.Wasm;

namespace Replay.Soroban;

/// <summary>Identity of our C# Soroban host, which both engines run under.</summary>
public static class HostInfo
{
    /// <summary>Lowest ledger protocol the host implements (Soroban launched in protocol 20).</summary>
    public const int MinProtocol = 20;

    /// <summary>Highest ledger protocol the host implements.</summary>
    public const int MaxProtocol = 28;

    public static EngineIdentity Identity { get; } = new(
        "soroban-host",
        EngineIdentity.VersionOf(typeof(HostInfo)),
        $"Soroban host, protocols {MinProtocol}-{MaxProtocol}");
}
