using Replay.Soroban.Budget;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "b" (buf): bytes, strings and symbols, including the linear-memory copies
// (fact: host.rs bytes_* / string_* / symbol_*, host/mem_helper.rs memobj_*).
public sealed partial class Host
{
    /// <summary>Metered clone of a byte buffer object (ScBytes/ScString/ScSymbol: header + bytes).</summary>
    private byte[] CloneBufMetered(byte[] bytes)
    {
        ChargeShallowCopy(1, DeclaredSize.Vec);
        ChargeHeapAlloc((ulong)bytes.Length, DeclaredSize.U8);
        ChargeShallowCopy((ulong)bytes.Length, DeclaredSize.U8);
        return (byte[])bytes.Clone();
    }

    /// <summary><c>metered_slice_to_vec</c>: a bulk init copy of the bytes.</summary>
    internal byte[] SliceToVecMetered(ReadOnlySpan<byte> bytes)
    {
        ChargeBulkInitCopy((ulong)bytes.Length, DeclaredSize.U8);
        return bytes.ToArray();
    }

    /// <summary>A new bytes object from a copied slice (<c>scbytes_from_slice</c> + add).</summary>
    internal Val BytesFromSlice(ReadOnlySpan<byte> bytes) => AddObject(new BytesObject(SliceToVecMetered(bytes)));

    // u8_from_u32val_input("u", u): the value and the argument's name with the error.
    private byte U8FromU32Val(Val u) =>
        u.AsU32 <= byte.MaxValue
            ? (byte)u.AsU32
            : throw Err(SCErrorType.Value, SCErrorCode.ArithDomain, "expecting U32Val less than 256", u, SymbolSmall.FromString("u"));

    private int SumFitsInU32(int a, int b) =>
        (ulong)(uint)a + (uint)b <= uint.MaxValue ? a + b : throw ArithOverflow();

    internal Val BytesNew() => AddObject(new BytesObject([]));

    internal Val BytesPut(Val b, uint i, Val u)
    {
        var value = U8FromU32Val(u);
        var copy = CloneBufMetered(Visit<BytesObject>(b).Bytes);
        if (i >= (uint)copy.Length)
            throw Err(SCErrorType.Object, SCErrorCode.IndexBounds, "bytes_put out of bounds", Val.FromU32(i));
        copy[i] = value;
        return AddObject(new BytesObject(copy));
    }

    internal Val BytesGet(Val b, uint i)
    {
        var bytes = Visit<BytesObject>(b).Bytes;
        return i < (uint)bytes.Length ? Val.FromU32(bytes[i]) : throw Err(SCErrorType.Object, SCErrorCode.IndexBounds, "bytes_get out of bounds", Val.FromU32(i));
    }

    internal Val BytesDel(Val b, uint i)
    {
        var bytes = Visit<BytesObject>(b).Bytes;
        if (i >= (uint)bytes.Length)
            throw OobObjectIndex(i);
        var copy = CloneBufMetered(bytes);
        ChargeShallowCopy((ulong)(bytes.Length - i), DeclaredSize.U8);
        var next = new byte[copy.Length - 1];
        Array.Copy(copy, 0, next, 0, (int)i);
        Array.Copy(copy, (int)i + 1, next, (int)i, copy.Length - (int)i - 1);
        return AddObject(new BytesObject(next));
    }

    internal Val BytesLen(Val b) => U32ValOf(Visit<BytesObject>(b).Bytes.Length);

    internal Val StringLen(Val s) => U32ValOf(Visit<StringObject>(s).Bytes.Length);

    internal Val SymbolLen(Val s) => U32ValOf(Visit<SymbolObject>(s).Bytes.Length);

    internal Val BytesPush(Val b, Val u)
    {
        var value = U8FromU32Val(u);
        var bytes = Visit<BytesObject>(b).Bytes;
        var len = SumFitsInU32(bytes.Length, 1);
        ChargeBulkInitCopy((ulong)len, DeclaredSize.U8);
        var next = new byte[len];
        bytes.CopyTo(next, 0);
        next[^1] = value;
        return AddObject(new BytesObject(next));
    }

    internal Val BytesPop(Val b)
    {
        var copy = CloneBufMetered(Visit<BytesObject>(b).Bytes);
        if (copy.Length == 0)
            throw Err(SCErrorType.Object, SCErrorCode.IndexBounds, "bytes_pop out of bounds");
        return AddObject(new BytesObject(copy[..^1]));
    }

    internal Val BytesFront(Val b)
    {
        var bytes = Visit<BytesObject>(b).Bytes;
        return bytes.Length > 0 ? Val.FromU32(bytes[0]) : throw Err(SCErrorType.Object, SCErrorCode.IndexBounds, "bytes_front out of bounds");
    }

    internal Val BytesBack(Val b)
    {
        var bytes = Visit<BytesObject>(b).Bytes;
        return bytes.Length > 0 ? Val.FromU32(bytes[^1]) : throw Err(SCErrorType.Object, SCErrorCode.IndexBounds, "bytes_back out of bounds");
    }

    internal Val BytesInsert(Val b, uint i, Val u)
    {
        var value = U8FromU32Val(u);
        var bytes = Visit<BytesObject>(b).Bytes;
        if (i > (uint)bytes.Length)
            throw OobObjectIndex(i);
        var len = SumFitsInU32(bytes.Length, 1);
        ChargeBulkInitCopy((ulong)len, DeclaredSize.U8);
        var next = new byte[len];
        Array.Copy(bytes, 0, next, 0, (int)i);
        next[i] = value;
        Array.Copy(bytes, (int)i, next, (int)i + 1, bytes.Length - (int)i);
        return AddObject(new BytesObject(next));
    }

    internal Val BytesAppend(Val b1, Val b2)
    {
        var x = Visit<BytesObject>(b1).Bytes;
        var y = Visit<BytesObject>(b2).Bytes;
        var len = SumFitsInU32(x.Length, y.Length);
        ChargeBulkInitCopy((ulong)len, DeclaredSize.U8);
        var next = new byte[len];
        x.CopyTo(next, 0);
        y.CopyTo(next, x.Length);
        return AddObject(new BytesObject(next));
    }

    internal Val BytesSlice(Val b, uint start, uint end)
    {
        var bytes = Visit<BytesObject>(b).Bytes;
        ValidRange(start, end, bytes.Length);
        return AddObject(new BytesObject(SliceToVecMetered(bytes.AsSpan((int)start, (int)(end - start)))));
    }

    internal Val StringToBytes(Val s) => BytesFromSlice(Visit<StringObject>(s).Bytes);

    internal Val BytesToString(Val b) => AddObject(new StringObject(SliceToVecMetered(Visit<BytesObject>(b).Bytes)));

    // ---- linear memory ----

    /// <summary><c>memobj_copy_to_linear_memory</c> for a bytes, string or symbol object.</summary>
    internal Val BufCopyToLinearMemory<T>(Val obj, uint objPos, uint lmPos, uint len) where T : BufObject
    {
        var memory = MemoryOfCurrentFrame();
        var bytes = Visit<T>(obj).Bytes;
        var end = (ulong)objPos + len;
        if (end > uint.MaxValue)
            throw ArithOverflow();
        if (end > (ulong)bytes.Length)
            throw Err(SCErrorType.Object, SCErrorCode.IndexBounds, "out-of-bounds read from memory-like host object");
        WriteBytesToLinearMemory(memory, lmPos, bytes.AsSpan((int)objPos, (int)len));
        return Val.Void;
    }

    /// <summary><c>memobj_copy_from_linear_memory</c> into a clone of a bytes object, growing it as needed.</summary>
    internal Val BytesCopyFromLinearMemory(Val b, uint objPos, uint lmPos, uint len)
    {
        var memory = MemoryOfCurrentFrame();
        var copy = CloneBufMetered(Visit<BytesObject>(b).Bytes);
        var end = (ulong)objPos + len;
        if (end > uint.MaxValue)
            throw ArithOverflow();
        if ((ulong)copy.Length < end)
        {
            Budget.Charge(ContractCostType.MemAlloc, end - (ulong)copy.Length);
            Array.Resize(ref copy, (int)end);
        }
        ReadBytesFromLinearMemory(memory, lmPos, copy.AsSpan((int)objPos, (int)len));
        return AddObject(new BytesObject(copy));
    }

    /// <summary><c>memobj_new_from_linear_memory</c>: MemAlloc of len, the metered read, then the object.</summary>
    internal Val BufNewFromLinearMemory(Tag kind, uint lmPos, uint len)
    {
        var memory = MemoryOfCurrentFrame();
        Budget.Charge(ContractCostType.MemAlloc, len);
        var bytes = new byte[len];
        ReadBytesFromLinearMemory(memory, lmPos, bytes);
        return kind switch
        {
            Tag.BytesObject => AddObject(new BytesObject(bytes)),
            Tag.StringObject => AddObject(new StringObject(bytes)),
            _ => AddObject(new SymbolObject(ValidSymbolBytes(bytes))),
        };
    }

    /// <summary><c>ScSymbol::try_from_bytes</c>: at most 32 bytes of [_0-9A-Za-z], else (Value, InvalidInput).</summary>
    internal byte[] ValidSymbolBytes(byte[] bytes)
    {
        if (bytes.Length > SymbolSmall.MaxSymbolLength)
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "slice is too long to be represented as Symbol", Val.FromU32((uint)bytes.Length));
        foreach (var c in bytes)
        {
            if (!SymbolSmall.IsValidChar(c))
                throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "byte is not allowed in Symbol", Val.FromU32(c));
        }
        return bytes;
    }

    /// <summary><c>symbol_matches</c>: one metered byte comparison against a small or object symbol.</summary>
    internal bool SymbolMatches(ReadOnlySpan<byte> s, Val sym)
    {
        if (sym.TagByte == (byte)Tag.SymbolSmall)
            return CompareBytes(SymbolSmall.Decode(sym), s) == 0;
        return CompareBytes(Visit<SymbolObject>(sym).Bytes, s) == 0;
    }

    internal void CheckSymbolMatches(ReadOnlySpan<byte> s, Val sym)
    {
        if (!SymbolMatches(s, sym))
            throw Err(SCErrorType.Value, SCErrorCode.InvalidInput, "symbol mismatch", sym);
    }

    internal Val SymbolIndexInLinearMemory(Val sym, uint lmPos, uint len)
    {
        var memory = MemoryOfCurrentFrame();
        int? found = null;
        ScanSlicesInLinearMemory(memory, lmPos, (int)len, (i, slice) =>
        {
            if (SymbolMatches(slice, sym) && found is null)
                found = i;
        });
        return found is { } idx
            ? Val.FromU32((uint)idx)
            : throw Err(SCErrorType.Value, SCErrorCode.MissingValue, "symbol not found in linear memory slices", sym);
    }
}
