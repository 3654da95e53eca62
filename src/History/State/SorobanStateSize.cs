using Replay.Stellar.Xdr;

namespace Replay.History.State;

/// <summary>
/// The size contract code counts for in the live Soroban state: its encoded size plus the memory
/// its module takes once parsed (rs-soroban-env <c>entry_size_for_rent</c> under the given cost
/// parameters). The host computes it, so it is given to the ledger processing from outside.
/// </summary>
/// <param name="codeEntry">A contract code ledger entry.</param>
/// <param name="encodedSize">The entry's encoded size.</param>
/// <param name="protocol">The protocol of the host that sizes it.</param>
/// <param name="cpuParams">The network's CPU cost parameters.</param>
/// <param name="memParams">The network's memory cost parameters.</param>
public delegate uint ContractCodeRentSize(LedgerEntry codeEntry, uint encodedSize, uint protocol,
    IReadOnlyList<ContractCostParamEntry> cpuParams, IReadOnlyList<ContractCostParamEntry> memParams);

/// <summary>
/// stellar-core's in-memory Soroban state size (InMemorySorobanState, fact: stellar-core
/// InMemorySorobanState.cpp and LedgerTypeUtils.cpp ledgerEntrySizeForRent): the encoded size of
/// every live contract data entry plus, for every live contract code entry, its size for rent
/// computed with the network config in force when it was written and a host of protocol 23 at
/// least. From protocol 23 its value at the end of the previous ledger is what core shifts into
/// the state size window at a sample-period ledger, and what a protocol upgrade (to 23 or later)
/// or a memory cost upgrade writes into every slot of the window.
/// </summary>
public static class SorobanStateSize
{
    /// <summary>The protocol from which the window holds this size (before, the bucket list's).</summary>
    public const uint FromProtocol = 23;

    /// <summary>The window core creates at a test network's genesis: this many copies of the bucket list size then, which is 0.</summary>
    public const int GenesisWindowSamples = 30;

    /// <summary>
    /// The size of one entry in the state (0 for anything but contract data and code), or null
    /// when a contract code entry cannot be sized (no sizer, or the cost parameters are unknown).
    /// </summary>
    public static ulong? SizeOf(LedgerEntry? entry, uint protocol, ContractCodeRentSize? codeSize,
        IReadOnlyList<ContractCostParamEntry>? cpuParams, IReadOnlyList<ContractCostParamEntry>? memParams)
    {
        switch (entry?.Data)
        {
            case LedgerEntryData.ContractData:
                return (ulong)XdrCodec.Encode(entry).Length;
            case LedgerEntryData.ContractCode:
                if (codeSize is null || cpuParams is null || memParams is null)
                    return null;
                return codeSize(entry, (uint)XdrCodec.Encode(entry).Length, Math.Max(protocol, FromProtocol), cpuParams, memParams);
            default:
                return 0;
        }
    }

    /// <summary>
    /// The average core prices rent from (SorobanNetworkConfig::loadLiveSorobanStateSizeWindow):
    /// the sum saturating at the u64 maximum, divided by the window's length.
    /// </summary>
    public static ulong Average(IReadOnlyList<ulong> window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Count == 0)
            throw new ArgumentException("the state size window is empty", nameof(window));
        ulong sum = 0;
        foreach (var size in window)
            sum = sum >= ulong.MaxValue - size ? ulong.MaxValue : sum + size;
        return sum / (ulong)window.Count;
    }
}
