using Replay.Soroban.Functions;
using Replay.Soroban.Objects;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using static Replay.Soroban.Tests.TestHosts;

namespace Replay.Soroban.Tests;

public sealed class DispatchTests
{
    private static ulong Dispatch(Host.Host h, string name, params ulong[] args)
    {
        var f = HostFunctionTable.Named(name);
        return h.DispatchFromGuest(f, HostFunctionImpls.Find(name)!, args);
    }

    [Fact]
    public void GuestCallsUseRelativeHandlesAndChargeDispatch()
    {
        var h = Default();
        h.PushVmFrame(null);
        var rel = new Val(Dispatch(h, "vec_new"));
        Assert.Equal(0u, rel.ObjectHandle);
        var rel2 = new Val(Dispatch(h, "vec_push_back", rel.Payload, U32(5).Payload));
        Assert.Equal(2u, rel2.ObjectHandle);
        Assert.Equal(1u, new Val(Dispatch(h, "vec_len", rel2.Payload)).AsU32);
        Assert.Equal(3UL, h.Budget.Tracker(ContractCostType.DispatchHostFunction).Iterations);
    }

    [Fact]
    public void GuestArgumentsAreCheckedAsTheirDeclaredTypes()
    {
        var h = Default();
        h.PushVmFrame(null);
        var rel = new Val(Dispatch(h, "vec_new"));
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => Dispatch(h, "vec_len", U32(1).Payload));           // not a VecObject
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => Dispatch(h, "vec_len", rel.Payload | 1UL << 8));   // bad minor
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => Dispatch(h, "vec_len", Val.FromObjectHandle(1, Tag.VecObject).Payload)); // forged absolute
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => Dispatch(h, "vec_get", rel.Payload, Val.FromI32(0).Payload));
    }

    [Fact]
    public void ProtocolRangesOfTheTable()
    {
        // bls12_381_check_g1_is_in_subgroup arrives in protocol 22 (the VM refuses to link it
        // earlier: VmContractTests.ModulesOutsideSorobansProfileDoNotRun).
        var g1 = HostFunctionTable.Find("c", "4")!;
        Assert.Equal("bls12_381_check_g1_is_in_subgroup", g1.Name);
        Assert.False(g1.KnownAt(21));
        Assert.True(g1.KnownAt(22));
        // protocol_gated_dummy is supported up to protocol 19 only.
        var dummy = HostFunctionTable.Named("protocol_gated_dummy");
        Assert.False(dummy.SupportedAt(22));
        Assert.Null(HostFunctionTable.Find("v", "zz"));
    }

    [Fact]
    public void FunctionsDispatchForTheGuest()
    {
        var h = Default();
        h.PushVmFrame(null);
        var vecNew = HostFunctionTable.Find("v", "_")!;
        Assert.Equal("vec_new", vecNew.Name);
        var rel = new Val(h.DispatchFromGuest(vecNew, HostFunctionImpls.Find(vecNew.Name)!, []));
        Assert.Equal(0u, rel.ObjectHandle);
        // dummy0 (module t, the reference's test dummies) is not implemented: a native call says so.
        var put = HostFunctionTable.Named("dummy0");
        Assert.Null(HostFunctionImpls.Find(put.Name));
        Throws(SCErrorType.Context, SCErrorCode.InternalError, () => h.Invoke(put, [0]));
    }

    [Fact]
    public void LinearMemoryFunctions()
    {
        var h = Default();
        Throws(SCErrorType.WasmVm, SCErrorCode.InternalError, () => h.Invoke("bytes_new_from_linear_memory", U32(0), U32(4)));
        var mem = new ArrayMemory(64);
        h.PushVmFrame(mem);
        mem.Bytes[8] = 0xAB;
        var b = h.Invoke("bytes_new_from_linear_memory", U32(8), U32(2));
        Assert.Equal(new byte[] { 0xAB, 0 }, ((BytesObject)h.PeekObject(b)).Bytes);
        Throws(SCErrorType.WasmVm, SCErrorCode.IndexBounds, () => h.Invoke("bytes_new_from_linear_memory", U32(60), U32(5)));
        h.Invoke("bytes_copy_to_linear_memory", b, U32(0), U32(40), U32(2));
        Assert.Equal(0xAB, mem.Bytes[40]);
        Throws(SCErrorType.Object, SCErrorCode.IndexBounds, () => h.Invoke("bytes_copy_to_linear_memory", b, U32(1), U32(40), U32(2)));
        // A vec from guest words: relative handles translate; an unknown one is (Value, InvalidInput).
        BitConverter.TryWriteBytes(mem.Bytes.AsSpan(16), U32(7).Payload);
        BitConverter.TryWriteBytes(mem.Bytes.AsSpan(24), Val.True.Payload);
        var v = h.Invoke("vec_new_from_linear_memory", U32(16), U32(2));
        Assert.Equal(new[] { U32(7), Val.True }, ((VecObject)h.PeekObject(v)).Items);
        BitConverter.TryWriteBytes(mem.Bytes.AsSpan(24), Val.FromObjectHandle(0, Tag.VecObject).Payload);
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.Invoke("vec_new_from_linear_memory", U32(16), U32(2)));
        Throws(SCErrorType.Object, SCErrorCode.UnexpectedSize, () => h.Invoke("vec_unpack_to_linear_memory", v, U32(0), U32(3)));
        h.Invoke("vec_unpack_to_linear_memory", v, U32(48), U32(2));
        Assert.Equal(U32(7).Payload, BitConverter.ToUInt64(mem.Bytes, 48));
    }

    private static void PutSlice(ArrayMemory mem, int at, uint ptr, uint len)
    {
        BitConverter.TryWriteBytes(mem.Bytes.AsSpan(at), ptr);
        BitConverter.TryWriteBytes(mem.Bytes.AsSpan(at + 4), len);
    }

    [Fact]
    public void MapsAndSymbolsThroughLinearMemory()
    {
        var h = Default();
        var mem = new ArrayMemory(256);
        h.PushVmFrame(mem);
        "alpha"u8.CopyTo(mem.Bytes.AsSpan(100));
        "beta"u8.CopyTo(mem.Bytes.AsSpan(110));
        PutSlice(mem, 0, 100, 5);   // keys: slices (ptr, len) at 0 and 8
        PutSlice(mem, 8, 110, 4);
        BitConverter.TryWriteBytes(mem.Bytes.AsSpan(32), U32(1).Payload);
        BitConverter.TryWriteBytes(mem.Bytes.AsSpan(40), U32(2).Payload);
        var m = h.Invoke("map_new_from_linear_memory", U32(0), U32(32), U32(2));
        Assert.Equal(2u, h.Invoke("map_len", m).AsU32);
        Assert.Equal(1u, h.Invoke("map_get", m, SymbolOf("alpha")).AsU32);
        // Unpacking checks each key against the slices and writes the values.
        h.Invoke("map_unpack_to_linear_memory", m, U32(0), U32(64), U32(2));
        Assert.Equal(U32(2).Payload, BitConverter.ToUInt64(mem.Bytes, 72));
        PutSlice(mem, 8, 100, 5); // second slice now says "alpha": mismatch
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.Invoke("map_unpack_to_linear_memory", m, U32(0), U32(64), U32(2)));
        // Keys out of order fail as any map does.
        PutSlice(mem, 0, 110, 4);
        Throws(SCErrorType.Object, SCErrorCode.InvalidInput, () => h.Invoke("map_new_from_linear_memory", U32(0), U32(32), U32(2)));
        // symbol_index_in_linear_memory: the first slice equal to the symbol.
        Assert.Equal(0u, h.Invoke("symbol_index_in_linear_memory", SymbolOf("beta"), U32(0), U32(2)).AsU32);
        Throws(SCErrorType.Value, SCErrorCode.MissingValue, () => h.Invoke("symbol_index_in_linear_memory", SymbolOf("gamma"), U32(0), U32(2)));
        // symbol_new_from_linear_memory validates the characters.
        "no way"u8.CopyTo(mem.Bytes.AsSpan(120));
        Throws(SCErrorType.Value, SCErrorCode.InvalidInput, () => h.Invoke("symbol_new_from_linear_memory", U32(120), U32(6)));
        var sym = h.Invoke("symbol_new_from_linear_memory", U32(100), U32(5));
        Assert.Equal(Tag.SymbolObject, sym.Tag);
        // bytes_copy_from_linear_memory grows the copy as needed.
        var b = h.BytesNewFromSlice([9]);
        var grown = h.Invoke("bytes_copy_from_linear_memory", b, U32(2), U32(100), U32(3));
        Assert.Equal(new byte[] { 9, 0, (byte)'a', (byte)'l', (byte)'p' }, ((BytesObject)h.PeekObject(grown)).Bytes);
    }

    private static Val SymbolOf(string s)
    {
        Assert.True(SymbolSmall.TryFromBytes(System.Text.Encoding.ASCII.GetBytes(s), out var v));
        return v;
    }
}
