using Replay.History.State;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Sample;

/// <summary>The sample network's live ledger state: every entry by key (no hot archive: nothing in the sample is evicted).</summary>
internal sealed class SampleState
{
    private readonly Dictionary<StateKey, LedgerEntry> _live = [];

    public int Count => _live.Count;

    public LedgerEntry? Get(LedgerKey key) => _live.GetValueOrDefault(StateKey.Of(key));

    public LedgerEntry? Get(StateKey key) => _live.GetValueOrDefault(key);

    public void Set(LedgerEntry entry) => _live[StateKey.Of(entry)] = entry;

    public void Remove(LedgerKey key) => _live.Remove(StateKey.Of(key));

    /// <summary>The TTL (live-until ledger) of a contract data or code entry, or null when it has none.</summary>
    public uint? LiveUntil(LedgerKey key) =>
        Get(LedgerKeys.TtlKeyOf(key))?.Data is LedgerEntryData.Ttl t ? t.Value.LiveUntilLedgerSeq : null;

    /// <summary>Every live entry in the order of its encoded key (the order buckets are written in).</summary>
    public List<(byte[] Key, LedgerEntry Entry)> Sorted()
    {
        var list = _live.Select(kv => (kv.Key.ToArray(), kv.Value)).ToList();
        list.Sort((a, b) => a.Item1.AsSpan().SequenceCompareTo(b.Item1));
        return list;
    }

    /// <summary>
    /// Core's in-memory Soroban state size (<see cref="History.State.SorobanStateSize"/>): the
    /// encoded size of every contract data entry plus every contract code entry's size for rent
    /// (the sample's cost parameters never change, so sizing now equals sizing when written).
    /// </summary>
    public ulong SorobanStateSize()
    {
        ulong total = 0;
        foreach (var (key, entry) in _live)
        {
            if (key.IsSoroban)
                total += History.State.SorobanStateSize.SizeOf(entry, SampleNetwork.Protocol, Soroban.Invocation.Fees.ContractCodeRentSize,
                    SampleNetwork.CpuCostParams, SampleNetwork.MemCostParams)!.Value;
        }
        return total;
    }
}
