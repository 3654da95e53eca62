using Replay.Soroban.Budget;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Storage;

/// <summary>
/// The reference's <c>MeteredOrdMap</c> over keys and values that clone shallowly (fact:
/// host/metered_map.rs): a vector of entries sorted by key with unique keys, never mutated (every
/// change makes a new map), every operation charged as there: lookups a binary search (MemCpy of
/// bit-length+1 entries, plus each comparison's own charges), inserts and removals a rebuild from
/// an exact iterator (clone charge of the vector, then the order check with a scan and n-1
/// comparisons), iteration a scan, a clone the vector's header and its entries.
/// </summary>
/// <remarks>
/// <paramref name="entrySize"/> is the declared size of one (key, value) pair; <paramref name="compare"/>
/// compares keys with the budget's charges (it may throw a <see cref="HostError"/>).
/// </remarks>
public sealed class MeteredOrdMap<TKey, TValue>
{
    private readonly (TKey Key, TValue Value)[] _entries;
    private readonly Budget.Budget _budget;
    private readonly Func<TKey, TKey, int> _compare;
    private readonly ulong _entrySize;

    private MeteredOrdMap((TKey, TValue)[] entries, Budget.Budget budget, Func<TKey, TKey, int> compare, ulong entrySize)
    {
        _entries = entries;
        _budget = budget;
        _compare = compare;
        _entrySize = entrySize;
    }

    /// <summary>An empty map (free, as <c>MeteredOrdMap::new</c>).</summary>
    public static MeteredOrdMap<TKey, TValue> Empty(Budget.Budget budget, Func<TKey, TKey, int> compare, ulong entrySize) =>
        new([], budget, compare, entrySize);

    /// <summary>
    /// <c>from_map</c> over entries the caller collected (and already paid for): a scan charge,
    /// then keys must be strictly increasing ((Object, InvalidInput) if not).
    /// </summary>
    public static MeteredOrdMap<TKey, TValue> FromSorted((TKey, TValue)[] entries, Budget.Budget budget, Func<TKey, TKey, int> compare, ulong entrySize) =>
        Empty(budget, compare, entrySize).FromMap(entries);

    /// <summary>
    /// The same entries metered against <paramref name="budget"/> and compared with
    /// <paramref name="compare"/> (free: a storage handed to another host moves its maps).
    /// </summary>
    public MeteredOrdMap<TKey, TValue> MovedTo(Budget.Budget budget, Func<TKey, TKey, int> compare) => new(_entries, budget, compare, _entrySize);

    public int Count => _entries.Length;

    /// <summary>The entries in key order, without any charge (for host-internal inspection and tests).</summary>
    public ReadOnlySpan<(TKey Key, TValue Value)> Entries => _entries;

    private void ChargeAccess(int count) =>
        _budget.Charge(ContractCostType.MemCpy, CostModel.SatMul(_entrySize, (ulong)count));

    private void ChargeBinarySearch()
    {
        var mag = 64 - (ulong)System.Numerics.BitOperations.LeadingZeroCount((ulong)_entries.Length);
        _budget.Charge(ContractCostType.MemCpy, CostModel.SatMul(_entrySize, mag + 1));
    }

    /// <summary><c>from_map</c>: a scan charge, then keys must be strictly increasing ((Object, InvalidInput) if not).</summary>
    private MeteredOrdMap<TKey, TValue> FromMap((TKey, TValue)[] entries)
    {
        if ((ulong)entries.Length > uint.MaxValue)
            throw new HostError(SCErrorType.Object, SCErrorCode.IndexBounds, "map too long");
        var m = new MeteredOrdMap<TKey, TValue>(entries, _budget, _compare, _entrySize);
        m.ChargeAccess(entries.Length);
        for (var i = 1; i < entries.Length; i++)
        {
            if (_compare(entries[i - 1].Item1, entries[i].Item1) >= 0)
                throw new HostError(SCErrorType.Object, SCErrorCode.InvalidInput, "map keys are not strictly increasing");
        }
        return m;
    }

    /// <summary><c>from_exact_iter</c>: the deep-clone charge of the collected vector, then <see cref="FromMap"/>.</summary>
    private MeteredOrdMap<TKey, TValue> FromExactIter((TKey, TValue)[] entries)
    {
        _budget.Charge(ContractCostType.MemCpy, DeclaredSize.Vec);
        _budget.Charge(ContractCostType.MemAlloc, CostModel.SatMul(_entrySize, (ulong)entries.Length));
        _budget.Charge(ContractCostType.MemCpy, CostModel.SatMul(_entrySize, (ulong)entries.Length));
        return FromMap(entries);
    }

    /// <summary><c>find</c>: the binary-search charge, then comparisons in the pinned probe order.</summary>
    private (bool Found, int Index) Find(TKey key)
    {
        ChargeBinarySearch();
        return Host.Host.BinarySearch(_entries.Length, mid => _compare(_entries[mid].Key, key));
    }

    /// <summary><c>insert</c>: one access charge, a lookup, then the rebuilt map with the entry replaced or added.</summary>
    public MeteredOrdMap<TKey, TValue> Insert(TKey key, TValue value)
    {
        ChargeAccess(1);
        var (found, index) = Find(key);
        (TKey, TValue)[] next;
        if (found)
        {
            next = ((TKey, TValue)[])_entries.Clone();
            next[index] = (key, value);
        }
        else
        {
            if ((ulong)_entries.Length == uint.MaxValue)
                throw new HostError(SCErrorType.Object, SCErrorCode.IndexBounds, "map too long");
            next = new (TKey, TValue)[_entries.Length + 1];
            Array.Copy(_entries, 0, next, 0, index);
            next[index] = (key, value);
            Array.Copy(_entries, index, next, index + 1, _entries.Length - index);
        }
        return FromExactIter(next);
    }

    /// <summary><c>get</c>: a lookup, and one access charge when found.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        var (found, index) = Find(key);
        if (!found)
        {
            value = default!;
            return false;
        }
        ChargeAccess(1);
        value = _entries[index].Value;
        return true;
    }

    /// <summary><c>contains_key</c>: a lookup.</summary>
    public bool ContainsKey(TKey key) => Find(key).Found;

    /// <summary>
    /// <c>remove</c>: a lookup; when found, the rebuilt map without the entry and the removed value
    /// (whose metered clone <paramref name="chargeValueClone"/> charges).
    /// </summary>
    public MeteredOrdMap<TKey, TValue>? Remove(TKey key, Action<TValue> chargeValueClone, out TValue removed)
    {
        var (found, index) = Find(key);
        if (!found)
        {
            removed = default!;
            return null;
        }
        var next = new (TKey, TValue)[_entries.Length - 1];
        Array.Copy(_entries, 0, next, 0, index);
        Array.Copy(_entries, index + 1, next, index, _entries.Length - index - 1);
        var map = FromExactIter(next);
        removed = _entries[index].Value;
        chargeValueClone(removed);
        return map;
    }

    /// <summary><c>iter</c> / <c>keys</c> / <c>values</c>: one scan charge.</summary>
    public ReadOnlySpan<(TKey Key, TValue Value)> Iterate()
    {
        ChargeAccess(_entries.Length);
        return _entries;
    }

    /// <summary><c>metered_clone</c>: the vector's header, then allocation and copy of its entries (entries are shallow).</summary>
    public MeteredOrdMap<TKey, TValue> MeteredClone()
    {
        _budget.Charge(ContractCostType.MemCpy, DeclaredSize.Vec);
        _budget.Charge(ContractCostType.MemAlloc, CostModel.SatMul(_entrySize, (ulong)_entries.Length));
        _budget.Charge(ContractCostType.MemCpy, CostModel.SatMul(_entrySize, (ulong)_entries.Length));
        return this;
    }
}
