using System.Numerics;
using Replay.Soroban.Functions;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using static Replay.Soroban.Tests.TestHosts;

namespace Replay.Soroban.Tests;

public sealed class HostFunctionTests
{
    private static uint U(Val v) => v.AsU32;

    [Fact]
    public void VecOperations()
    {
        var h = Default();
        var v = h.VecOfU32(1, 2, 3);
        Assert.Equal(3u, U(h.Invoke("vec_len", v)));
        Assert.Equal(2u, U(h.Invoke("vec_get", v, U32(1))));
        var put = h.Invoke("vec_put", v, U32(1), U32(9));
        Assert.Equal(new[] { U32(1), U32(9), U32(3) }, ((VecObject)h.PeekObject(put)).Items);
        Assert.Equal(new[] { U32(1), U32(2), U32(3) }, ((VecObject)h.PeekObject(v)).Items); // immutable
        var ins = h.Invoke("vec_insert", v, U32(3), U32(4));
        Assert.Equal(new[] { U32(1), U32(2), U32(3), U32(4) }, ((VecObject)h.PeekObject(ins)).Items);
        var sl = h.Invoke("vec_slice", ins, U32(1), U32(3));
        Assert.Equal(new[] { U32(2), U32(3) }, ((VecObject)h.PeekObject(sl)).Items);
        Assert.Equal(1u, U(h.Invoke("vec_front", v)));
        Assert.Equal(3u, U(h.Invoke("vec_back", v)));
        Assert.Equal(Val.Void, h.Invoke("vec_first_index_of", v, U32(7)));
        var sorted = h.VecOfU32(1, 2, 4, 5, 7, 9);
        // vec_binary_search: found index | 1 << 32, else the insertion point (test/vec.rs vec_binary_search).
        Assert.Equal(4UL | (1UL << 32), h.Invoke(HostFunctionTable.Named("vec_binary_search"), [sorted.Payload, U32(7).Payload]));
        Assert.Equal(4UL, h.Invoke(HostFunctionTable.Named("vec_binary_search"), [sorted.Payload, U32(6).Payload]));
    }

    [Fact]
    public void VecFailures()
    {
        var h = Default();
        var v = h.VecOfU32(1, 2, 3);
        var empty = h.VecOfU32();
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("vec_get", v, U32(3)));
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("vec_del", v, U32(3)));
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("vec_insert", v, U32(4), U32(0)));
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("vec_pop_back", empty));
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("vec_front", empty));
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("vec_slice", v, U32(0), U32(4)));
        Throws(SCErrorType.Object, SCErrorCode.InvalidInput, () => h.Invoke("vec_slice", v, U32(2), U32(1)));
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.Invoke("vec_push_back", v, new Val(v.Payload + 1)));
        Throws(SCErrorType.Value, SCErrorCode.UnexpectedType, () => h.Invoke("vec_len", U32(1)));
    }

    [Fact]
    public void MapOperations()
    {
        var h = Default();
        var m = h.Invoke("map_new");
        m = h.Invoke("map_put", m, U32(2), U32(20));
        m = h.Invoke("map_put", m, U32(1), U32(10));
        m = h.Invoke("map_put", m, U32(2), U32(21));
        Assert.Equal(2u, U(h.Invoke("map_len", m)));
        Assert.Equal(Val.True, h.Invoke("map_has", m, U32(1)));
        Assert.Equal(Val.False, h.Invoke("map_has", m, U32(3)));
        Assert.Equal(21u, U(h.Invoke("map_get", m, U32(2))));
        Assert.Equal(1u, U(h.Invoke("map_key_by_pos", m, U32(0))));
        Assert.Equal(21u, U(h.Invoke("map_val_by_pos", m, U32(1))));
        var keys = h.Invoke("map_keys", m);
        Assert.Equal(new[] { U32(1), U32(2) }, ((VecObject)h.PeekObject(keys)).Items);
        var del = h.Invoke("map_del", m, U32(1));
        Assert.Equal(1u, U(h.Invoke("map_len", del)));
        Throws(SCErrorType.Object, SCErrorCode.MissingValue, () => h.Invoke("map_get", m, U32(3)));
        Throws(SCErrorType.Object, SCErrorCode.MissingValue, () => h.Invoke("map_del", m, U32(3)));
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("map_key_by_pos", m, U32(2)));
    }

    [Fact]
    public void ObjectComparison()
    {
        var h = Default();
        var a = h.VecOfU32(1, 2);
        var b = h.VecOfU32(1, 3);
        Assert.Equal(-1L, (long)h.Invoke(HostFunctionTable.Named("obj_cmp"), [a.Payload, b.Payload]));
        Assert.Equal(1L, (long)h.Invoke(HostFunctionTable.Named("obj_cmp"), [b.Payload, a.Payload]));
        Assert.Equal(0, h.CompareVals(a, h.VecOfU32(1, 2)));
        // A U64 object against a small U64 of the same type compares by value.
        var bigU64 = h.ToHostVal(new SCVal.U64(1UL << 60));
        Assert.Equal(1, h.CompareVals(bigU64, h.ToHostVal(new SCVal.U64(5))));
        // Different types compare by ScValType: a vec (16) after a U32 (3).
        Assert.Equal(1, h.CompareVals(a, U32(1)));
        Throws(SCErrorType.Value, SCErrorCode.UnexpectedType, () => h.Invoke("obj_cmp", U32(1), U32(2)));
    }

    [Fact]
    public void BytesOperations()
    {
        var h = Default();
        var b = h.BytesNewFromSlice([1, 2, 3]);
        Assert.Equal(3u, U(h.Invoke("bytes_len", b)));
        Assert.Equal(2u, U(h.Invoke("bytes_get", b, U32(1))));
        var pushed = h.Invoke("bytes_push", b, U32(255));
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, ((BytesObject)h.PeekObject(pushed)).Bytes);
        var del = h.Invoke("bytes_del", pushed, U32(0));
        Assert.Equal(new byte[] { 2, 3, 255 }, ((BytesObject)h.PeekObject(del)).Bytes);
        var app = h.Invoke("bytes_append", b, del);
        Assert.Equal(new byte[] { 1, 2, 3, 2, 3, 255 }, ((BytesObject)h.PeekObject(app)).Bytes);
        // bytes_to_string arrives in protocol 23.
        Throws(SCErrorType.Context, SCErrorCode.IndexBounds, () => h.Invoke("bytes_to_string", b));
        var h23 = Default(23);
        var s = h23.Invoke("bytes_to_string", h23.BytesNewFromSlice([1, 2, 3]));
        Assert.Equal(Tag.StringObject, s.Tag);
        Assert.Equal(3u, U(h23.Invoke("string_len", s)));
        Throws(SCErrorType.Value, SCErrorCode.ArithDomain, () => h.Invoke("bytes_push", b, U32(256)));
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("bytes_put", b, U32(3), U32(0)));
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("bytes_pop", h.Invoke("bytes_new")));
        Throws(SCErrorType.Object, SCErrorCode.InvalidInput, () => h.Invoke("bytes_slice", b, U32(2), U32(1)));
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.SymbolNewFromSlice("no spaces"u8));
    }

    // Known digests: FIPS 180-2 SHA-256("") and Keccak-256("") (the values the reference's crypto tests assert).
    [Fact]
    public void Hashes()
    {
        var h = Default();
        var empty = h.BytesNewFromSlice([]);
        var sha = h.Invoke("compute_hash_sha256", empty);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(((BytesObject)h.PeekObject(sha)).Bytes));
        var kec = h.Invoke("compute_hash_keccak256", empty);
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Convert.ToHexStringLower(((BytesObject)h.PeekObject(kec)).Bytes));
    }

    [Fact]
    public void Int256Arithmetic()
    {
        var h = Default();
        var max = h.ToHostVal(new SCVal.U256(new UInt256Parts { HiHi = ulong.MaxValue, HiLo = ulong.MaxValue, LoHi = ulong.MaxValue, LoLo = ulong.MaxValue }));
        var one = Val.FromSmallUnsigned(1, Tag.U256Small);
        Throws(SCErrorType.Object, SCErrorCode.ArithDomain, () => h.Invoke("u256_add", max, one));
        Throws(SCErrorType.Object, SCErrorCode.ArithDomain, () => h.Invoke("u256_div", one, Val.FromSmallUnsigned(0, Tag.U256Small)));
        Throws(SCErrorType.Object, SCErrorCode.ArithDomain, () => h.Invoke("u256_shl", one, U32(256)));
        var sum = h.Invoke("u256_add", one, one);
        Assert.Equal(Val.FromSmallUnsigned(2, Tag.U256Small), sum);
        var shifted = h.Invoke("u256_shl", one, U32(100));
        Assert.Equal(BigInteger.One << 100, ((U256Object)h.PeekObject(shifted)).Value);
        var minusSeven = Val.FromSmallSigned(-7, Tag.I256Small);
        Assert.Equal(Val.FromSmallSigned(1, Tag.I256Small), h.Invoke("i256_rem_euclid", minusSeven, Val.FromSmallSigned(4, Tag.I256Small)));
        Assert.Equal(Val.FromSmallSigned(-1, Tag.I256Small), h.Invoke("i256_div", minusSeven, Val.FromSmallSigned(4, Tag.I256Small)));
        Assert.Equal(Val.FromSmallSigned(-4, Tag.I256Small), h.Invoke("i256_shr", minusSeven, U32(1)));
        Assert.Equal(Val.FromSmallSigned(-343, Tag.I256Small), h.Invoke("i256_pow", minusSeven, U32(3)));
        var p26 = Default(26);
        var max26 = p26.ToHostVal(new SCVal.U256(new UInt256Parts { HiHi = ulong.MaxValue, HiLo = ulong.MaxValue, LoHi = ulong.MaxValue, LoLo = ulong.MaxValue }));
        Assert.Equal(Val.Void, p26.Invoke("u256_checked_add", max26, one));
        // Before protocol 26 the checked variants are out of range: (Context, IndexBounds).
        Throws(SCErrorType.Context, SCErrorCode.IndexBounds, () => h.Invoke("u256_checked_add", one, one));
    }

    [Fact]
    public void Int128AndBoxedNumbers()
    {
        var h = Default();
        var o = h.Invoke(HostFunctionTable.Named("obj_from_i128_pieces"), [unchecked((ulong)-1L), 5]);
        var v = new Val(o);
        Assert.Equal(unchecked((ulong)-1L), h.Invoke(HostFunctionTable.Named("obj_to_i128_hi64"), [v.Payload]));
        Assert.Equal(5UL, h.Invoke(HostFunctionTable.Named("obj_to_i128_lo64"), [v.Payload]));
        var u = new Val(h.Invoke(HostFunctionTable.Named("obj_from_u64"), [42]));
        Assert.Equal(42UL, h.Invoke(HostFunctionTable.Named("obj_to_u64"), [u.Payload]));
        var bytes = h.BytesNewFromSlice(Enumerable.Range(0, 32).Select(i => (byte)(i == 31 ? 9 : 0)).ToArray());
        Assert.Equal(Val.FromSmallUnsigned(9, Tag.U256Small), h.Invoke("u256_val_from_be_bytes", bytes));
        Throws(SCErrorType.Object, SCErrorCode.UnexpectedSize, () => h.Invoke("u256_val_from_be_bytes", h.BytesNewFromSlice([1])));
    }

    [Fact]
    public void ContextFunctions()
    {
        var h = Default();
        Throws(SCErrorType.Context, SCErrorCode.InternalError, () => h.Invoke("get_ledger_sequence"));
        h.Ledger = new Host.LedgerInfo(22, 1000, 1UL << 60, new byte[32], 100, 16, 4096, 535680);
        Assert.Equal(22u, U(h.Invoke("get_ledger_version")));
        Assert.Equal(1000u, U(h.Invoke("get_ledger_sequence")));
        Assert.Equal(1000u + 535680 - 1, U(h.Invoke("get_max_live_until_ledger")));
        var ts = h.Invoke("get_ledger_timestamp");
        Assert.Equal(Tag.U64Object, ts.Tag);
        var err = Fails(() => h.Invoke("fail_with_error", Val.FromError(SCErrorType.Contract, 7)));
        Assert.Equal(SCErrorType.Contract, err.Type);
        Assert.Equal(7u, err.RawCode);
        Throws(SCErrorType.Context, SCErrorCode.UnexpectedType, () => h.Invoke("fail_with_error", Val.FromError(SCErrorType.Value, 2)));
    }
}
