using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "m" (map) and the metered ordered-map operations behind it
// (fact: host.rs map_* and host/metered_map.rs). A map is a vector of (key, value) entries
// sorted by key with unique keys.
public sealed partial class Host
{
    // MeteredOrdMap::charge_access: MemCpy of count entries.
    private void MapChargeAccess(int count) => ChargeShallowCopy((ulong)count, DeclaredSize.ValPair);

    /// <summary>
    /// <c>MeteredOrdMap::from_map</c>: a scan charge, then adjacent keys must be strictly
    /// increasing (unsorted or duplicate keys: (Object, InvalidInput)).
    /// </summary>
    internal void CheckMapOrder(MapEntry[] entries)
    {
        MapChargeAccess(entries.Length);
        for (var i = 1; i < entries.Length; i++)
        {
            if (CompareVals(entries[i - 1].Key, entries[i].Key) >= 0)
                throw new HostError(SCErrorType.Object, SCErrorCode.InvalidInput, "map keys are not strictly increasing");
        }
    }

    /// <summary>
    /// <c>from_map_with_host</c> (hosts for protocol 24 and later): the order check, and an unsorted
    /// map's error re-raised with a message, so that it is recorded in debug mode. Earlier hosts
    /// check the order only.
    /// </summary>
    internal void CheckMapOrderWithHost(MapEntry[] entries)
    {
        try
        {
            CheckMapOrder(entries);
        }
        catch (HostError e) when (Protocol >= 24 && e.Is(SCErrorType.Object, SCErrorCode.InvalidInput))
        {
            var raised = e;
            WithDebugMode(() => raised = Err(SCErrorType.Object, SCErrorCode.InvalidInput,
                "ScMap was not sorted by key for conversion to host object"));
            throw raised;
        }
    }

    /// <summary><c>MeteredOrdMap::from_exact_iter</c>: deep-clone charge of the entries, then the order check.</summary>
    internal Val NewMapMetered(MapEntry[] entries) => AddObject(MapFromExactIter(entries));

    /// <summary><c>MeteredOrdMap::from_map</c> (not added to the object table): a scan charge and the order check.</summary>
    public MapObject MapFromMap(MapEntry[] entries)
    {
        CheckMapOrder(entries);
        return new MapObject(entries);
    }

    /// <summary><c>MeteredOrdMap::from_exact_iter</c> (not added to the object table): the clone charge, then <see cref="MapFromMap"/>.</summary>
    public MapObject MapFromExactIter(MapEntry[] entries)
    {
        ChargeVecClone((ulong)entries.Length, DeclaredSize.ValPair);
        return MapFromMap(entries);
    }

    // MeteredOrdMap::find.
    private (bool Found, int Index) MapFind(MapEntry[] entries, Val key)
    {
        ChargeBinarySearch(entries.Length, DeclaredSize.ValPair);
        return BinarySearch(entries.Length, mid => CompareVals(entries[mid].Key, key));
    }

    internal Val MapNew() => AddObject(new MapObject([]));

    internal Val MapPut(Val m, Val k, Val v)
    {
        var entries = Visit<MapObject>(m).Entries;
        MapChargeAccess(1);
        var (found, index) = MapFind(entries, k);
        MapEntry[] next;
        if (found)
        {
            next = (MapEntry[])entries.Clone();
            next[index] = new MapEntry(k, v);
        }
        else
        {
            if ((uint)entries.Length == uint.MaxValue)
                throw IndexBounds("map too long");
            next = new MapEntry[entries.Length + 1];
            Array.Copy(entries, 0, next, 0, index);
            next[index] = new MapEntry(k, v);
            Array.Copy(entries, index, next, index + 1, entries.Length - index);
        }
        return NewMapMetered(next);
    }

    internal Val MapGet(Val m, Val k)
    {
        var entries = Visit<MapObject>(m).Entries;
        var (found, index) = MapFind(entries, k);
        if (!found)
            throw Err(SCErrorType.Object, SCErrorCode.MissingValue, "map key not found in map_get", m, k);
        MapChargeAccess(1);
        return entries[index].Value;
    }

    internal Val MapDel(Val m, Val k)
    {
        var entries = Visit<MapObject>(m).Entries;
        var (found, index) = MapFind(entries, k);
        if (!found)
            throw Err(SCErrorType.Object, SCErrorCode.MissingValue, "map key not found in map_del", m, k);
        var next = new MapEntry[entries.Length - 1];
        Array.Copy(entries, 0, next, 0, index);
        Array.Copy(entries, index + 1, next, index, entries.Length - index - 1);
        ChargeVecClone((ulong)next.Length, DeclaredSize.ValPair);
        CheckMapOrder(next);
        // The removed value is metered-cloned (a Val: one shallow copy).
        ChargeShallowCopy(1, DeclaredSize.Val);
        return AddObject(new MapObject(next));
    }

    internal Val MapLen(Val m) => U32ValOf(Visit<MapObject>(m).Entries.Length);

    internal Val MapHas(Val m, Val k) => Val.FromBool(MapFind(Visit<MapObject>(m).Entries, k).Found);

    private MapEntry MapEntryAt(MapEntry[] entries, uint i)
    {
        MapChargeAccess(1);
        return i < (uint)entries.Length ? entries[i] : throw IndexBounds("map index out of bounds");
    }

    internal Val MapKeyByPos(Val m, uint i) => MapEntryAt(Visit<MapObject>(m).Entries, i).Key;

    internal Val MapValByPos(Val m, uint i) => MapEntryAt(Visit<MapObject>(m).Entries, i).Value;

    internal Val MapKeys(Val m)
    {
        var entries = Visit<MapObject>(m).Entries;
        MapChargeAccess(entries.Length);
        return NewVecMetered(Array.ConvertAll(entries, e => e.Key));
    }

    internal Val MapValues(Val m)
    {
        var entries = Visit<MapObject>(m).Entries;
        MapChargeAccess(entries.Length);
        return NewVecMetered(Array.ConvertAll(entries, e => e.Value));
    }

    internal Val MapNewFromLinearMemory(uint keysPos, uint valsPos, uint len)
    {
        var memory = MemoryOfCurrentFrame();
        // Vec::<Symbol>::with_metered_capacity(len).
        ChargeBulkInitCopy(len, DeclaredSize.Val);
        var keys = new Val[len];
        ScanSlicesInLinearMemory(memory, keysPos, (int)len, (n, slice) =>
        {
            if (Protocol >= 23)
            {
                // Symbol::try_from_val on the slice: small when it fits, else symbol_new_from_slice.
                keys[n] = SymbolSmall.TryFromBytes(slice, out var small) ? small : SymbolNewFromSlice(slice);
                return;
            }
            // Up to v22: an ScSymbol (at most 32 bytes) converted through to_valid_host_val.
            Budget.Charge(ContractCostType.MemCpy, (ulong)slice.Length);
            if (slice.Length > SymbolSmall.MaxSymbolLength)
                throw new HostError(SCErrorType.Value, SCErrorCode.InvalidInput, "map key longer than a symbol");
            keys[n] = ToValidHostVal(new SCVal.Symbol(new XdrString(slice)));
        });
        ChargeBulkInitCopy(len, DeclaredSize.Val);
        var vals = new Val[len];
        ChargeValsFromLinearMemoryConversion(len);
        ReadValsFromLinearMemory(memory, valsPos, vals);
        foreach (var v in vals)
            CheckValIntegrity(v);
        var entries = new MapEntry[len];
        for (var i = 0; i < len; i++)
            entries[i] = new MapEntry(keys[i], vals[i]);
        return NewMapMetered(entries);
    }

    internal Val MapUnpackToLinearMemory(Val m, uint keysPos, uint valsPos, uint len)
    {
        var memory = MemoryOfCurrentFrame();
        var entries = Visit<MapObject>(m).Entries;
        if ((uint)entries.Length != len)
            throw Err(SCErrorType.Object, SCErrorCode.UnexpectedSize,
                "differing host map and output slice lengths when unpacking map to linear memory");
        ScanSlicesInLinearMemory(memory, keysPos, (int)len, (n, slice) =>
        {
            var key = MapEntryAt(entries, (uint)n).Key;
            if (!HasValType(key, Functions.ValType.Symbol))
                throw new HostError(SCErrorType.Value, SCErrorCode.UnexpectedType, "map key is not a symbol");
            CheckSymbolMatches(slice, key);
        });
        ChargeShallowCopy(len, DeclaredSize.Val);
        var values = Array.ConvertAll(entries, e => e.Value);
        WriteValsToLinearMemory(memory, valsPos, values);
        return Val.Void;
    }
}
