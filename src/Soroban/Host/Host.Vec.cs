using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "v" (vec) and the metered vector operations behind it
// (fact: host.rs vec_* and host/metered_vector.rs).
public sealed partial class Host
{
    /// <summary>Makes a vector object from freshly built items, charging <c>from_exact_iter</c>'s deep clone.</summary>
    internal Val NewVecMetered(Val[] items)
    {
        ChargeVecClone((ulong)items.Length, DeclaredSize.Val);
        return AddObject(new VecObject(items));
    }

    // MeteredVector::charge_access: MemCpy of count elements.
    private void VecChargeAccess(int count) => ChargeShallowCopy((ulong)count, DeclaredSize.Val);

    internal Val VecNew() => AddObject(new VecObject([]));

    internal Val VecPut(Val v, uint i, Val x)
    {
        var items = Visit<VecObject>(v).Items;
        if (i >= (uint)items.Length)
            throw OobObjectIndex(i);
        // MeteredVector::set: metered clone (header + elements), then one access.
        ChargeShallowCopy(1, DeclaredSize.Vec);
        ChargeVecSubstructure(items.Length);
        VecChargeAccess(1);
        var copy = (Val[])items.Clone();
        copy[i] = x;
        return AddObject(new VecObject(copy));
    }

    // Vec<Val>::charge_for_substructure: allocation and copy of the elements.
    private void ChargeVecSubstructure(int len)
    {
        ChargeHeapAlloc((ulong)len, DeclaredSize.Val);
        ChargeShallowCopy((ulong)len, DeclaredSize.Val);
    }

    internal Val VecGet(Val v, uint i)
    {
        var items = Visit<VecObject>(v).Items;
        if (i >= (uint)items.Length)
            throw OobObjectIndex(i);
        VecChargeAccess(1);
        return items[i];
    }

    internal Val VecDel(Val v, uint i)
    {
        var items = Visit<VecObject>(v).Items;
        if (i >= (uint)items.Length)
            throw OobObjectIndex(i);
        var copy = new Val[items.Length - 1];
        Array.Copy(items, 0, copy, 0, (int)i);
        Array.Copy(items, (int)i + 1, copy, (int)i, items.Length - (int)i - 1);
        return NewVecMetered(copy);
    }

    internal Val VecLen(Val v) => U32ValOf(Visit<VecObject>(v).Items.Length);

    internal Val VecPushFront(Val v, Val x)
    {
        var items = Visit<VecObject>(v).Items;
        if ((uint)items.Length == uint.MaxValue)
            throw IndexBounds("vector too long");
        var copy = new Val[items.Length + 1];
        copy[0] = x;
        Array.Copy(items, 0, copy, 1, items.Length);
        return NewVecMetered(copy);
    }

    internal Val VecPopFront(Val v)
    {
        var items = Visit<VecObject>(v).Items;
        if (items.Length == 0)
            throw IndexBounds("pop from an empty vector");
        return NewVecMetered(items[1..]);
    }

    internal Val VecPushBack(Val v, Val x)
    {
        var items = Visit<VecObject>(v).Items;
        if ((uint)items.Length == uint.MaxValue)
            throw IndexBounds("vector too long");
        var copy = new Val[items.Length + 1];
        Array.Copy(items, copy, items.Length);
        copy[^1] = x;
        return NewVecMetered(copy);
    }

    internal Val VecPopBack(Val v)
    {
        var items = Visit<VecObject>(v).Items;
        if (items.Length == 0)
            throw IndexBounds("pop from an empty vector");
        return NewVecMetered(items[..^1]);
    }

    internal Val VecFront(Val v)
    {
        var items = Visit<VecObject>(v).Items;
        VecChargeAccess(1);
        return items.Length > 0 ? items[0] : throw IndexBounds("front of an empty vector");
    }

    internal Val VecBack(Val v)
    {
        var items = Visit<VecObject>(v).Items;
        VecChargeAccess(1);
        return items.Length > 0 ? items[^1] : throw IndexBounds("back of an empty vector");
    }

    internal Val VecInsert(Val v, uint i, Val x)
    {
        var items = Visit<VecObject>(v).Items;
        if (i > (uint)items.Length)
            throw OobObjectIndex(i);
        if ((uint)items.Length == uint.MaxValue)
            throw IndexBounds("vector too long");
        var copy = new Val[items.Length + 1];
        Array.Copy(items, 0, copy, 0, (int)i);
        copy[i] = x;
        Array.Copy(items, (int)i, copy, (int)i + 1, items.Length - (int)i);
        return NewVecMetered(copy);
    }

    internal Val VecAppend(Val v1, Val v2)
    {
        var a = Visit<VecObject>(v1).Items;
        var b = Visit<VecObject>(v2).Items;
        if ((ulong)a.Length > uint.MaxValue - (ulong)b.Length)
            throw ArithOverflow();
        var copy = new Val[a.Length + b.Length];
        a.CopyTo(copy, 0);
        b.CopyTo(copy, a.Length);
        return NewVecMetered(copy);
    }

    internal Val VecSlice(Val v, uint start, uint end)
    {
        var items = Visit<VecObject>(v).Items;
        ValidRange(start, end, items.Length);
        return NewVecMetered(items[(int)start..(int)end]);
    }

    /// <summary>The reference's <c>valid_range_from_start_end_bound</c>: each end within the bound, start not after end.</summary>
    internal void ValidRange(uint start, uint end, int bound)
    {
        if (start > (uint)bound)
            throw OobObjectIndex(start);
        if (end > (uint)bound)
            throw OobObjectIndex(end);
        if (start > end)
            throw Err(SCErrorType.Object, SCErrorCode.InvalidInput, "start index greater than end index", Val.FromU32(start), Val.FromU32(end));
    }

    /// <summary><c>err_oob_object_index</c>: (Object, IndexBounds) with the index.</summary>
    internal HostError OobObjectIndex(uint index) =>
        Err(SCErrorType.Object, SCErrorCode.IndexBounds, "object index out of bounds", Val.FromU32(index));

    internal Val VecFirstIndexOf(Val v, Val x)
    {
        var items = Visit<VecObject>(v).Items;
        ChargeShallowCopy((ulong)items.Length, DeclaredSize.Val);
        for (var i = 0; i < items.Length; i++)
        {
            if (CompareVals(x, items[i]) == 0)
                return U32ValOf(i);
        }
        return Val.Void;
    }

    internal Val VecLastIndexOf(Val v, Val x)
    {
        var items = Visit<VecObject>(v).Items;
        ChargeShallowCopy((ulong)items.Length, DeclaredSize.Val);
        for (var i = items.Length - 1; i >= 0; i--)
        {
            if (CompareVals(x, items[i]) == 0)
                return U32ValOf(i);
        }
        return Val.Void;
    }

    internal ulong VecBinarySearch(Val v, Val x)
    {
        var items = Visit<VecObject>(v).Items;
        ChargeBinarySearch(items.Length, DeclaredSize.Val);
        var (found, index) = BinarySearch(items.Length, mid => CompareVals(items[mid], x));
        return found ? (ulong)(uint)index | (1UL << 32) : (uint)index;
    }

    // charge_binsearch: MemCpy of (1 + bit length of len) elements.
    private void ChargeBinarySearch(int len, ulong elementSize)
    {
        var mag = 64 - (ulong)System.Numerics.BitOperations.LeadingZeroCount((ulong)len);
        ChargeShallowCopy(1 + mag, elementSize);
    }

    /// <summary>
    /// Binary search in the exact probe order of Rust's pre-1.82 <c>slice::binary_search_by</c>,
    /// which the reference hosts pin (metered_vector.rs binary_search_by_pre_rust_182), so the
    /// number of metered comparisons matches.
    /// </summary>
    internal static (bool Found, int Index) BinarySearch(int length, Func<int, int> compareProbeToKey)
    {
        var size = length;
        var left = 0;
        var right = size;
        while (left < right)
        {
            var mid = left + size / 2;
            var cmp = compareProbeToKey(mid);
            if (cmp < 0)
                left = mid + 1;
            else if (cmp > 0)
                right = mid;
            else
                return (true, mid);
            size = right - left;
        }
        return (false, left);
    }

    internal Val VecNewFromLinearMemory(uint valsPos, uint len)
    {
        var memory = MemoryOfCurrentFrame();
        ChargeBulkInitCopy(len, DeclaredSize.Val);
        var vals = new Val[len];
        ChargeValsFromLinearMemoryConversion(len);
        ReadValsFromLinearMemory(memory, valsPos, vals);
        foreach (var x in vals)
            CheckValIntegrity(x);
        return AddObject(new VecObject(vals));
    }

    /// <summary>
    /// The conversion charge of reading guest Vals: MemCpy of 8 bytes per value; from protocol 26
    /// twice that (conversion plus relative→absolute translation; host.rs at b351f88a).
    /// </summary>
    internal void ChargeValsFromLinearMemoryConversion(uint len) =>
        ChargeShallowCopy(Protocol >= 26 ? 2UL * len : len, DeclaredSize.Val);

    internal Val VecUnpackToLinearMemory(Val v, uint valsPos, uint len)
    {
        var memory = MemoryOfCurrentFrame();
        var items = Visit<VecObject>(v).Items;
        if ((uint)items.Length != len)
            throw Err(SCErrorType.Object, SCErrorCode.UnexpectedSize,
                "differing host vector and output vector lengths when unpacking vec to linear memory");
        ChargeShallowCopy(len, DeclaredSize.Val);
        WriteValsToLinearMemory(memory, valsPos, items);
        return Val.Void;
    }
}
