using System.Runtime.CompilerServices;
using Replay.Engine.Stack.Bytecode;
using Replay.Engine.Stack.Runtime;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Stack.Execution;

// Growth and bulk operations: rare, size-dependent, and charged at run time before they act
// (Wasmi 0.31's eager fuel mode). They work on the store's fuel, which the loop wrote back.
internal static partial class Executor
{
    /// <summary>Bytes per unit of fuel for memory.grow and bulk memory operations (Wasmi 0.31's constant).</summary>
    private const ulong BytesPerFuel = 64;

    /// <summary>Table elements per unit of fuel for table.grow and bulk table operations.</summary>
    private const ulong ElementsPerFuel = 8;

    /// <summary>Charges the store's fuel; false (nothing taken) when it does not suffice.</summary>
    private static bool Charge(StackStore store, ulong cost)
    {
        if (store.RemainingFuel < cost)
            return false;
        store.RemainingFuel -= cost;
        return true;
    }

    /// <summary>
    /// memory.grow, replacing the delta cell by the result. A delta beyond 65,536 pages fails
    /// before any charge; otherwise the new bytes are paid first, then the limiter and the
    /// maximum decide (a refused growth keeps its charge, as in Wasmi 0.31).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TrapCode MemoryGrow(InstanceContext ctx, ref ulong cell, bool meter)
    {
        uint delta = (uint)cell;
        if (delta > MemoryType.MaxPages)
        {
            cell = uint.MaxValue;
            return Numerics.NoTrap;
        }
        if (meter && !Charge(ctx.Store, delta * (ulong)MemoryType.PageSize / BytesPerFuel))
            return TrapCode.OutOfFuel;
        long result = ctx.Memory!.Grow(delta);
        cell = (uint)(int)result;
        return Numerics.NoTrap;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TrapCode TableGrow(Table table, ulong initial, ref ulong deltaCell, bool meter, StackStore store)
    {
        uint delta = (uint)deltaCell;
        if (meter && !Charge(store, delta / ElementsPerFuel))
            return TrapCode.OutOfFuel;
        long result = table.Grow(delta, initial, null);
        deltaCell = (uint)(int)result;
        return Numerics.NoTrap;
    }

    /// <summary>
    /// memory.fill/copy/init and table.fill/copy/init on operands (a, b, n). Wasmi 0.31 reads a
    /// memory length as a signed i32 widened to 64 bits before pricing it, so a length of 2^31
    /// or more costs about 2^58 fuel: such calls run out of fuel rather than out of bounds.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TrapCode Bulk(InstanceContext ctx, in Instr ins, ulong a, ulong b, ulong n, bool meter)
    {
        var store = ctx.Store;
        uint length = (uint)n;
        if (meter)
        {
            ulong cost = ins.Op is Op.MemoryFill or Op.MemoryCopy or Op.MemoryInit
                ? (ulong)(long)(int)length / BytesPerFuel
                : length / ElementsPerFuel;
            if (!Charge(store, cost))
                return TrapCode.OutOfFuel;
        }
        uint dst = (uint)a, src = (uint)b;
        var instance = ctx.Instance;
        switch (ins.Op)
        {
            case Op.MemoryFill:
            {
                var memory = ctx.Memory!;
                if (!Fits(dst, length, memory.Buffer.Length)) return TrapCode.MemoryOutOfBounds;
                memory.Fill(dst, (byte)b, length);
                break;
            }
            case Op.MemoryCopy:
            {
                var memory = ctx.Memory!;
                if (!Fits(dst, length, memory.Buffer.Length) || !Fits(src, length, memory.Buffer.Length)) return TrapCode.MemoryOutOfBounds;
                memory.Copy(dst, src, length);
                break;
            }
            case Op.MemoryInit:
            {
                var memory = ctx.Memory!;
                var segment = instance.DataSegments[ins.A].Span;
                if (!Fits(dst, length, memory.Buffer.Length) || !Fits(src, length, segment.Length)) return TrapCode.MemoryOutOfBounds;
                memory.Init(dst, segment, src, length);
                break;
            }
            case Op.TableFill:
            {
                var table = instance.Tables[ins.A];
                if (!Fits(dst, length, table.Elements.Length)) return TrapCode.TableOutOfBounds;
                table.Fill(dst, b, length);
                break;
            }
            case Op.TableCopy:
            {
                var to = instance.Tables[ins.A];
                var from = instance.Tables[(int)ins.B];
                if (!Fits(dst, length, to.Elements.Length) || !Fits(src, length, from.Elements.Length)) return TrapCode.TableOutOfBounds;
                Table.Copy(to, dst, from, src, length);
                break;
            }
            default:
            {
                var table = instance.Tables[(int)ins.B];
                var segment = instance.ElementSegments[ins.A];
                if (!Fits(dst, length, table.Elements.Length) || !Fits(src, length, segment.Length)) return TrapCode.TableOutOfBounds;
                table.Init(dst, segment, src, length);
                break;
            }
        }
        return Numerics.NoTrap;
    }

    private static bool Fits(uint start, uint length, int size) => (ulong)start + length <= (ulong)size;
}
