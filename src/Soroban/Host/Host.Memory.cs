using Replay.Soroban.Budget;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Access to the current guest's linear memory, with the reference's bounds checks and charges
// (fact: host/mem_helper.rs).
public sealed partial class Host
{
    /// <summary>The current VM frame's memory (<c>get_mem_fn_args</c>): outside a VM frame (WasmVm, InternalError).</summary>
    internal IGuestMemory MemoryOfCurrentFrame()
    {
        var frame = CurrentFrame;
        if (frame is not { IsVm: true })
            throw Err(SCErrorType.WasmVm, SCErrorCode.InternalError, "attempt to access guest bytes in non-VM frame");
        return frame.Memory
            ?? throw Err(SCErrorType.WasmVm, SCErrorCode.MissingValue, "no linear memory named `memory`");
    }

    // err_oob_linear_memory: (WasmVm, IndexBounds), recorded.
    private HostError OutOfBoundsLinearMemory() =>
        Err(SCErrorType.WasmVm, SCErrorCode.IndexBounds, "out-of-bounds access to WASM linear memory");

    /// <summary><c>metered_vm_read_bytes_from_linear_memory</c>: MemCpy of the length, then the read.</summary>
    internal void ReadBytesFromLinearMemory(IGuestMemory memory, uint pos, Span<byte> buf)
    {
        Budget.Charge(ContractCostType.MemCpy, (ulong)buf.Length);
        if ((ulong)pos + (ulong)buf.Length > memory.Size)
            throw OutOfBoundsLinearMemory();
        memory.Read(pos, buf);
    }

    /// <summary><c>metered_vm_write_bytes_to_linear_memory</c>: MemCpy of the length, then the write.</summary>
    internal void WriteBytesToLinearMemory(IGuestMemory memory, uint pos, ReadOnlySpan<byte> buf)
    {
        Budget.Charge(ContractCostType.MemCpy, (ulong)buf.Length);
        if ((ulong)pos + (ulong)buf.Length > memory.Size)
            throw OutOfBoundsLinearMemory();
        memory.Write(pos, buf);
    }

    private uint ValsByteRange(uint pos, int count)
    {
        var byteLen = (ulong)count * 8;
        if (byteLen > uint.MaxValue || pos + byteLen > uint.MaxValue)
            throw ArithOverflow();
        return (uint)byteLen;
    }

    /// <summary>
    /// <c>metered_vm_read_vals_from_linear_memory</c>: range overflow is (Value, ArithDomain), an
    /// out-of-bounds range (WasmVm, IndexBounds), then MemCpy of the bytes; each word is a
    /// guest Val translated relative→absolute.
    /// </summary>
    internal void ReadValsFromLinearMemory(IGuestMemory memory, uint pos, Val[] vals)
    {
        var byteLen = ValsByteRange(pos, vals.Length);
        if ((ulong)pos + byteLen > memory.Size)
            throw OutOfBoundsLinearMemory();
        Budget.Charge(ContractCostType.MemCpy, byteLen);
        var buf = new byte[byteLen];
        memory.Read(pos, buf);
        for (var i = 0; i < vals.Length; i++)
            vals[i] = RelativeToAbsolute(new Val(BitConverter.ToUInt64(buf, i * 8)));
    }

    /// <summary><c>metered_vm_write_vals_to_linear_memory</c>: as the read, translating absolute→relative.</summary>
    internal void WriteValsToLinearMemory(IGuestMemory memory, uint pos, ReadOnlySpan<Val> vals)
    {
        var byteLen = ValsByteRange(pos, vals.Length);
        if ((ulong)pos + byteLen > memory.Size)
            throw OutOfBoundsLinearMemory();
        Budget.Charge(ContractCostType.MemCpy, byteLen);
        var buf = new byte[byteLen];
        for (var i = 0; i < vals.Length; i++)
            BitConverter.TryWriteBytes(buf.AsSpan(i * 8), AbsoluteToRelative(vals[i]).Payload);
        memory.Write(pos, buf);
    }

    /// <summary>
    /// <c>metered_vm_scan_slices_in_linear_memory</c>: MemCpy of 8 bytes per slice reference, then
    /// each (ptr u32 LE, len u32 LE) pair is resolved and handed to <paramref name="onSlice"/>.
    /// </summary>
    internal void ScanSlicesInLinearMemory(IGuestMemory memory, uint pos, int count, Action<int, byte[]> onSlice)
    {
        Budget.Charge(ContractCostType.MemCpy, CostModel.SatMul((ulong)count, 8));
        Span<byte> slot = stackalloc byte[8];
        ulong at = pos;
        for (var i = 0; i < count; i++)
        {
            var next = at + 8;
            if (next > uint.MaxValue)
                throw ArithOverflow();
            if (next > memory.Size)
                throw OutOfBoundsLinearMemory();
            memory.Read(at, slot);
            at = next;
            var ptr = BitConverter.ToUInt32(slot[..4]);
            var len = BitConverter.ToUInt32(slot[4..]);
            var end = (ulong)ptr + len;
            if (end > uint.MaxValue)
                throw ArithOverflow();
            if (end > memory.Size)
                throw OutOfBoundsLinearMemory();
            var slice = new byte[len];
            memory.Read(ptr, slice);
            onSlice(i, slice);
        }
    }
}
