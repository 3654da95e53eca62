using System.Diagnostics.CodeAnalysis;
using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>
/// A table of references, shared by both engines. Slots hold reference bits as
/// <see cref="Value"/> does: 0 is null, a funcref is a store function handle.
/// </summary>
public sealed class Table : ITable
{
    private readonly StoreBase _store;
    private ulong[] _elements;

    public Table(StoreBase store, TableType type, ulong initial)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (type.Limits.Min > (uint)Array.MaxLength)
            throw new LinkException($"table of {type.Limits.Min} elements exceeds this implementation's limit");
        _store = store;
        Type = type;
        _elements = new ulong[type.Limits.Min];
        if (initial != 0)
            _elements.AsSpan().Fill(initial);
    }

    public ExternKind Kind => ExternKind.Table;

    public TableType Type { get; }

    public uint Size => (uint)_elements.Length;

    /// <summary>The slots, for interpreters; replaced on growth.</summary>
    public ulong[] Elements => _elements;

    public Value Get(uint index) => new(Type.ElementType, GetBits(index));

    public void Set(uint index, Value value)
    {
        if (value.Type != Type.ElementType)
            throw new ArgumentException($"a {Type.ElementType.Name()} table cannot hold a {value.Type.Name()}", nameof(value));
        if (value.Type == ValType.FuncRef && value.Bits != 0 && !_store.IsFunctionHandle(value.Bits))
            throw new ArgumentException($"{value} is not a function of this table's store", nameof(value));
        SetBits(index, value.Bits);
    }

    public ulong GetBits(uint index)
    {
        if (index >= (uint)_elements.Length)
            ThrowOutOfBounds();
        return _elements[index];
    }

    public void SetBits(uint index, ulong bits)
    {
        if (index >= (uint)_elements.Length)
            ThrowOutOfBounds();
        _elements[index] = bits;
    }

    public long Grow(uint delta, Value initial) => Grow(delta, initial.Bits, null);

    /// <summary>
    /// table.grow: the old size, or -1. Order as Wasmi: the limiter looks first (also at a
    /// zero delta), then the declared maximum, then fuel.
    /// </summary>
    public long Grow(uint delta, ulong initial, IGrowthFuel? fuel)
    {
        var current = Size;
        var desired = (ulong)current + delta;
        if (_store.Limiter is { } limiter)
        {
            var decision = limiter.TableGrowing(current, (uint)Math.Min(desired, uint.MaxValue), Type.Limits.Max);
            if (decision == GrowthDecision.Deny)
                return -1;
            if (decision == GrowthDecision.Trap)
                throw new TrapException(TrapCode.GrowthOperationLimited);
        }
        if (desired > (Type.Limits.Max ?? uint.MaxValue) || desired > (ulong)Array.MaxLength)
            return -1;
        if (fuel is not null)
        {
            switch (fuel.ChargeTableGrowth(delta))
            {
                case GrowthCharge.Refused: return -1;
                case GrowthCharge.OutOfFuel: throw new TrapException(TrapCode.OutOfFuel);
            }
        }
        if (delta == 0)
            return current;
        var grown = new ulong[desired];
        _elements.AsSpan().CopyTo(grown);
        if (initial != 0)
            grown.AsSpan((int)current).Fill(initial);
        _elements = grown;
        return current;
    }

    /// <summary>table.fill, bounds-checked as a whole first.</summary>
    public void Fill(uint destination, ulong bits, uint length)
    {
        CheckRange(destination, length, _elements.Length);
        _elements.AsSpan((int)destination, (int)length).Fill(bits);
    }

    /// <summary>table.copy between two tables (or within one, overlap-safe).</summary>
    public static void Copy(Table destination, uint destinationIndex, Table source, uint sourceIndex, uint length)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(source);
        CheckRange(destinationIndex, length, destination._elements.Length);
        CheckRange(sourceIndex, length, source._elements.Length);
        source._elements.AsSpan((int)sourceIndex, (int)length).CopyTo(destination._elements.AsSpan((int)destinationIndex));
    }

    /// <summary>table.init from a (possibly dropped, i.e. empty) element segment's resolved items.</summary>
    public void Init(uint destination, ReadOnlySpan<ulong> segment, uint sourceOffset, uint length)
    {
        CheckRange(destination, length, _elements.Length);
        CheckRange(sourceOffset, length, segment.Length);
        segment.Slice((int)sourceOffset, (int)length).CopyTo(_elements.AsSpan((int)destination));
    }

    private static void CheckRange(uint start, uint length, int size)
    {
        if ((ulong)start + length > (ulong)size)
            ThrowOutOfBounds();
    }

    [DoesNotReturn]
    private static void ThrowOutOfBounds() => throw new TrapException(TrapCode.TableOutOfBounds);
}
