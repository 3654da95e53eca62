using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// A linear memory, shared by both engines so memory semantics (bounds, growth, bulk
/// operations) are one implementation. Interpreters read <see cref="Buffer"/> directly and
/// must reload it after anything that can grow the memory.
/// </summary>
/// <remarks>
/// .NET arrays hold at most <see cref="Array.MaxLength"/> bytes, so a memory can grow to
/// 32,767 pages; growth past that fails (-1) as growth past a declared maximum does.
/// Soroban's memory budget stops contracts long before.
/// </remarks>
public sealed class LinearMemory : IMemory
{
    /// <summary>Most pages a memory can have here (see remarks).</summary>
    public const uint ImplementationMaxPages = (uint)(0x7FFF_0000L / MemoryType.PageSize);

    private readonly StoreBase _store;

    public LinearMemory(StoreBase store, MemoryType type)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (type.Limits.Min > ImplementationMaxPages)
            throw new LinkException($"memory of {type.Limits.Min} pages exceeds this implementation's limit of {ImplementationMaxPages} pages");
        _store = store;
        Type = type;
        Buffer = MemoryBufferScope.Allocate(checked((int)(type.Limits.Min * (ulong)MemoryType.PageSize)));
    }

    /// <summary>The memory's bytes; its length is always <see cref="Pages"/> × 64 KiB.</summary>
    public byte[] Buffer { get; private set; }

    public ExternKind Kind => ExternKind.Memory;

    public MemoryType Type { get; }

    public uint Pages => (uint)(Buffer.Length / MemoryType.PageSize);

    public Span<byte> Bytes => Buffer;

    /// <summary>Host-side growth: consults the store's limiter, charges no fuel.</summary>
    public long Grow(uint deltaPages) => Grow(deltaPages, null);

    /// <summary>
    /// memory.grow: the old page count, or -1. Order as Wasmi: zero delta returns at once;
    /// the limiter looks first (it may refuse, or trap with GrowthOperationLimited); then the
    /// declared and implementation maximum; then fuel; then the memory changes.
    /// </summary>
    public long Grow(uint deltaPages, IGrowthFuel? fuel)
    {
        var current = Pages;
        if (deltaPages == 0)
            return current;
        var desired = (ulong)current + deltaPages;
        var maximum = Type.Limits.Max ?? MemoryType.MaxPages;
        if (_store.Limiter is { } limiter)
        {
            var decision = limiter.MemoryGrowing(
                current * (ulong)MemoryType.PageSize,
                Math.Min(desired, MemoryType.MaxPages) * MemoryType.PageSize,
                Type.Limits.Max is { } max ? max * (ulong)MemoryType.PageSize : null);
            if (decision == GrowthDecision.Deny)
                return -1;
            if (decision == GrowthDecision.Trap)
                throw new TrapException(TrapCode.GrowthOperationLimited);
        }
        if (desired > maximum || desired > ImplementationMaxPages)
            return -1;
        if (fuel is not null)
        {
            switch (fuel.ChargeMemoryGrowth(deltaPages * (ulong)MemoryType.PageSize))
            {
                case GrowthCharge.Refused: return -1;
                case GrowthCharge.OutOfFuel: throw new TrapException(TrapCode.OutOfFuel);
            }
        }
        var grown = MemoryBufferScope.Allocate((int)(desired * MemoryType.PageSize));
        Buffer.AsSpan().CopyTo(grown);
        Buffer = grown;
        return current;
    }

    /// <summary>memory.fill: bounds-checked as a whole before any byte is written.</summary>
    public void Fill(uint destination, byte value, uint length)
    {
        CheckRange(destination, length, Buffer.Length);
        Buffer.AsSpan((int)destination, (int)length).Fill(value);
    }

    /// <summary>memory.copy: overlapping ranges copy as if through a temporary buffer.</summary>
    public void Copy(uint destination, uint source, uint length)
    {
        CheckRange(destination, length, Buffer.Length);
        CheckRange(source, length, Buffer.Length);
        Buffer.AsSpan((int)source, (int)length).CopyTo(Buffer.AsSpan((int)destination));
    }

    /// <summary>memory.init from a (possibly dropped, i.e. empty) data segment.</summary>
    public void Init(uint destination, ReadOnlySpan<byte> segment, uint sourceOffset, uint length)
    {
        CheckRange(destination, length, Buffer.Length);
        CheckRange(sourceOffset, length, segment.Length);
        segment.Slice((int)sourceOffset, (int)length).CopyTo(Buffer.AsSpan((int)destination));
    }

    /// <summary>Copies host bytes in (instantiation's data segments); the whole range is checked first.</summary>
    public void Write(ulong offset, ReadOnlySpan<byte> bytes)
    {
        if (offset + (ulong)bytes.Length > (ulong)Buffer.Length)
            ThrowOutOfBounds();
        bytes.CopyTo(Buffer.AsSpan((int)offset));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckRange(uint start, uint length, int size)
    {
        if ((ulong)start + length > (ulong)size)
            ThrowOutOfBounds();
    }

    [DoesNotReturn]
    private static void ThrowOutOfBounds() => throw new TrapException(TrapCode.MemoryOutOfBounds);
}
