using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Host-side helpers over Rust-style slices (the reference's EnvBase functions: *_new_from_slice,
// *_copy_to_slice, vec/map from and to slices). Built-in contracts and tests use them; like the
// reference they are traced by name (a call, and a return only when they get that far) but do
// no argument checks (fact: host.rs impl EnvBase for Host).
public sealed partial class Host
{
    private void TraceCall(string name, params ReadOnlySpan<ulong> args) => Tracer?.OnCall(this, name, args);

    private Val TraceReturn(string name, Val result)
    {
        Tracer?.OnReturn(this, name, result.Payload, null);
        return result;
    }

    public Val BytesNewFromSlice(ReadOnlySpan<byte> bytes)
    {
        TraceCall("bytes_new_from_slice", (ulong)bytes.Length);
        return TraceReturn("bytes_new_from_slice", BytesFromSlice(bytes));
    }

    public Val StringNewFromSlice(ReadOnlySpan<byte> bytes)
    {
        TraceCall("string_new_from_slice", (ulong)bytes.Length);
        return TraceReturn("string_new_from_slice", AddObject(new StringObject(SliceToVecMetered(bytes))));
    }

    /// <summary><c>symbol_new_from_slice</c>: MemCmp of the length to validate the characters, then a copy.</summary>
    public Val SymbolNewFromSlice(ReadOnlySpan<byte> bytes)
    {
        TraceCall("symbol_new_from_slice", (ulong)bytes.Length);
        Budget.Charge(ContractCostType.MemCmp, (ulong)bytes.Length);
        foreach (var b in bytes)
        {
            if (!SymbolSmall.IsValidChar(b))
                throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "byte is not allowed in Symbol", Val.FromU32(b));
        }
        var copy = SliceToVecMetered(bytes);
        if (copy.Length > SymbolSmall.MaxSymbolLength)
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "slice is too long to be represented as Symbol", Val.FromU32((uint)copy.Length));
        return TraceReturn("symbol_new_from_slice", AddObject(new SymbolObject(copy)));
    }

    public Val VecNewFromSlice(ReadOnlySpan<Val> vals)
    {
        TraceCall("vec_new_from_slice", (ulong)vals.Length);
        var items = vals.ToArray();
        ChargeVecClone((ulong)items.Length, DeclaredSize.Val);
        foreach (var v in items)
            CheckValIntegrity(v);
        return TraceReturn("vec_new_from_slice", AddObject(new VecObject(items)));
    }

    public void VecUnpackToSlice(Val vec, Span<Val> vals)
    {
        TraceCall("vec_unpack_to_slice", vec.Payload, (ulong)vals.Length);
        var items = Visit<VecObject>(vec).Items;
        if (items.Length != vals.Length)
            throw Err(SCErrorType.Object, SCErrorCode.UnexpectedSize,
                "differing host vector and output vector lengths when unpacking vec to slice");
        ChargeShallowCopy((ulong)items.Length, DeclaredSize.Val);
        items.CopyTo(vals);
        TraceReturn("vec_unpack_to_slice", Val.Void);
    }

    /// <summary>
    /// <c>map_new_from_slices</c>: keys are symbol strings; a bulk init copy of the entries, each
    /// key made a Symbol and each value integrity-checked, then the order check.
    /// </summary>
    public Val MapNewFromSlices(IReadOnlyList<string> keys, ReadOnlySpan<Val> vals)
    {
        TraceCall("map_new_from_slices", (ulong)keys.Count);
        if (keys.Count != vals.Length)
            throw Err(SCErrorType.Object, SCErrorCode.UnexpectedSize,
                "differing key and value slice lengths when creating map from slices");
        ChargeBulkInitCopy((ulong)keys.Count, DeclaredSize.ValPair);
        var entries = new MapEntry[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(keys[i]);
            var sym = SymbolSmall.TryFromBytes(bytes, out var small) ? small : SymbolNewFromSlice(bytes);
            CheckValIntegrity(vals[i]);
            entries[i] = new MapEntry(sym, vals[i]);
        }
        CheckMapOrderWithHost(entries);
        return TraceReturn("map_new_from_slices", AddObject(new MapObject(entries)));
    }

    /// <summary><c>bytes_copy_to_slice</c>: the object's range [pos, pos+len) must exist; MemCpy of len.</summary>
    public void BytesCopyToSlice(Val b, uint pos, Span<byte> slice) => BufCopyToSlice<BytesObject>("bytes_copy_to_slice", b, pos, slice);

    public void StringCopyToSlice(Val s, uint pos, Span<byte> slice) => BufCopyToSlice<StringObject>("string_copy_to_slice", s, pos, slice);

    public void SymbolCopyToSlice(Val s, uint pos, Span<byte> slice) => BufCopyToSlice<SymbolObject>("symbol_copy_to_slice", s, pos, slice);

    private void BufCopyToSlice<T>(string name, Val obj, uint pos, Span<byte> slice) where T : BufObject
    {
        TraceCall(name, obj.Payload, pos, (ulong)slice.Length);
        var bytes = Visit<T>(obj).Bytes;
        var end = (ulong)pos + (ulong)slice.Length;
        if (end > uint.MaxValue)
            throw ArithOverflow();
        if (end > (ulong)bytes.Length)
            throw Err(SCErrorType.Object, SCErrorCode.IndexBounds, "out-of-bounds read from memory-like host object");
        Budget.Charge(ContractCostType.MemCpy, (ulong)slice.Length);
        bytes.AsSpan((int)pos, slice.Length).CopyTo(slice);
        TraceReturn(name, Val.Void);
    }

    /// <summary><c>bytes_copy_from_slice</c>: a metered clone of the object, grown as needed, with the slice copied in.</summary>
    public Val BytesCopyFromSlice(Val b, uint pos, ReadOnlySpan<byte> slice)
    {
        TraceCall("bytes_copy_from_slice", b.Payload, pos, (ulong)slice.Length);
        var copy = CloneBufMetered(Visit<BytesObject>(b).Bytes);
        var end = (ulong)pos + (ulong)slice.Length;
        if (end > uint.MaxValue)
            throw ArithOverflow();
        if ((ulong)copy.Length < end)
        {
            Budget.Charge(ContractCostType.MemAlloc, end - (ulong)copy.Length);
            Array.Resize(ref copy, (int)end);
        }
        Budget.Charge(ContractCostType.MemCpy, (ulong)slice.Length);
        slice.CopyTo(copy.AsSpan((int)pos));
        return TraceReturn("bytes_copy_from_slice", AddObject(new BytesObject(copy)));
    }
}
