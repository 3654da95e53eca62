using System.Numerics;
using System.Runtime.CompilerServices;
using Replay.Engine.Stack.Bytecode;
using Replay.Engine.Stack.Runtime;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Execution;

/// <summary>
/// The interpreter loop: one switch over the instruction array, with the instruction pointer,
/// stack pointer, fuel and memory in locals. Wasm calls push a <see cref="Frame"/> on the
/// explicit frame stack instead of recursing, so runaway recursion ends in a StackOverflow trap,
/// never in a .NET stack overflow. State goes back to the store only at host calls, returns and traps.
/// </summary>
internal static partial class Executor
{
    /// <summary>
    /// Runs <paramref name="context"/>'s code from <paramref name="ip"/> with a prepared frame
    /// (parameters and zeroed locals below <paramref name="sp"/>) until that frame returns;
    /// returns the stack pointer above its results.
    /// </summary>
    [SkipLocalsInit]
    private static int Run(ExecutionStack stack, InstanceContext context, int ip, int sp)
    {
        var store = context.Store;
        var ctx = context;
        ulong[] s = stack.Values;
        Frame[] frames = stack.Frames;
        int depth = 0;
        Instr[] code = ctx.Code;
        byte[] mem = ctx.MemoryBuffer;
        var globals = ctx.Instance.Globals;
        ulong fuel = store.RemainingFuel;
        int maxDepth = store.MaxCallDepth;
        int maxCells = store.MaxValueCells;
        bool meter = store.MeterFuel;
        TrapCode trap;
        InstanceContext calleeCtx;
        FuncHeader callee;
        IFunction hostTarget;

        while (true)
        {
            ref readonly Instr ins = ref code[ip];
            switch (ins.Op)
            {
                case Op.Unreachable:
                    trap = TrapCode.UnreachableCodeReached;
                    goto Trap;
                case Op.ConsumeFuel:
                {
                    // Eager consumption: the whole block is paid before any of it runs.
                    ulong cost = (ulong)ins.B;
                    if (fuel < cost)
                        goto OutOfFuel;
                    fuel -= cost;
                    ip++;
                    break;
                }
                case Op.Br:
                    ip = ins.A;
                    break;
                case Op.BrAdjust:
                    sp = DropKeepCells(s, sp, ins.B);
                    ip = ins.A;
                    break;
                case Op.BrIfEqz:
                    ip = (uint)s[--sp] == 0 ? ins.A : ip + 1;
                    break;
                case Op.BrIfNez:
                    ip = (uint)s[--sp] != 0 ? ins.A : ip + 1;
                    break;
                case Op.BrIfNezAdjust:
                    if ((uint)s[--sp] != 0)
                    {
                        sp = DropKeepCells(s, sp, ins.B);
                        ip = ins.A;
                    }
                    else
                    {
                        ip++;
                    }
                    break;
                case Op.ReturnIfNez:
                    if ((uint)s[--sp] == 0)
                    {
                        ip++;
                        break;
                    }
                    goto case Op.Return;
                case Op.BrTable:
                {
                    // The arms follow; the last is the default. Dispatching the arm next keeps br_table one jump.
                    uint index = (uint)s[--sp];
                    uint last = (uint)ins.A - 1;
                    ip += 1 + (int)Math.Min(index, last);
                    break;
                }
                case Op.Return:
                {
                    sp = DropKeepCells(s, sp, ins.B);
                    if (depth == 0)
                    {
                        store.RemainingFuel = fuel;
                        return sp;
                    }
                    var frame = frames[--depth];
                    frames[depth] = default;
                    ip = frame.ReturnIp;
                    if (!ReferenceEquals(frame.Context, ctx))
                    {
                        ctx = frame.Context;
                        code = ctx.Code;
                        globals = ctx.Instance.Globals;
                    }
                    mem = ctx.MemoryBuffer;
                    break;
                }
                case Op.CallInternal:
                    calleeCtx = ctx;
                    callee = ctx.Headers[ins.A];
                    goto EnterCall;
                case Op.CallImported:
                {
                    var target = ctx.Instance.Function(ins.A);
                    if (target is WasmFunction wasm && ReferenceEquals(wasm.Context.Store, store))
                    {
                        calleeCtx = wasm.Context;
                        callee = wasm.Header;
                        goto EnterCall;
                    }
                    hostTarget = target;
                    goto EnterHost;
                }
                case Op.CallIndirect:
                {
                    uint index = (uint)s[--sp];
                    var instance = ctx.Instance;
                    // A local of its own for the out parameter: taking trap's address would keep it off registers everywhere.
                    var target = store.ResolveIndirect(instance.Tables[(int)ins.B], index, instance.SignatureIdOfType(ins.A), out var indirectTrap);
                    if (target is null)
                    {
                        trap = indirectTrap;
                        goto Trap;
                    }
                    if (target is WasmFunction wasm && ReferenceEquals(wasm.Context.Store, store))
                    {
                        calleeCtx = wasm.Context;
                        callee = wasm.Header;
                        goto EnterCall;
                    }
                    hostTarget = target;
                    goto EnterHost;
                }
                case Op.Drop:
                    sp--;
                    ip++;
                    break;
                case Op.Select:
                {
                    ulong condition = s[sp - 1];
                    sp -= 2;
                    if ((uint)condition == 0)
                        s[sp - 1] = s[sp];
                    ip++;
                    break;
                }
                case Op.LocalGet:
                    s[sp] = s[sp - ins.A];
                    sp++;
                    ip++;
                    break;
                case Op.LocalSet:
                {
                    ulong value = s[--sp];
                    s[sp - ins.A] = value;
                    ip++;
                    break;
                }
                case Op.LocalTee:
                    s[sp - ins.A] = s[sp - 1];
                    ip++;
                    break;
                case Op.GlobalGet:
                    s[sp++] = globals[ins.A].Bits;
                    ip++;
                    break;
                case Op.GlobalSet:
                    globals[ins.A].Bits = s[--sp];
                    ip++;
                    break;
                case Op.Const:
                    s[sp++] = (ulong)ins.B;
                    ip++;
                    break;
                case Op.I32Load:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 4 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<uint>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.I64Load:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 8 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<ulong>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.F32Load:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 4 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<uint>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.F64Load:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 8 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<ulong>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.I32Load8S:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 1 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<sbyte>(ref mem[(int)ea]);
                    s[sp - 1] = (uint)(int)v;
                    ip++;
                    break;
                }
                case Op.I32Load8U:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 1 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<byte>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.I32Load16S:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 2 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<short>(ref mem[(int)ea]);
                    s[sp - 1] = (uint)(int)v;
                    ip++;
                    break;
                }
                case Op.I32Load16U:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 2 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<ushort>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.I64Load8S:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 1 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<sbyte>(ref mem[(int)ea]);
                    s[sp - 1] = (ulong)(long)v;
                    ip++;
                    break;
                }
                case Op.I64Load8U:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 1 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<byte>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.I64Load16S:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 2 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<short>(ref mem[(int)ea]);
                    s[sp - 1] = (ulong)(long)v;
                    ip++;
                    break;
                }
                case Op.I64Load16U:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 2 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<ushort>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.I64Load32S:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 4 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<int>(ref mem[(int)ea]);
                    s[sp - 1] = (ulong)(long)v;
                    ip++;
                    break;
                }
                case Op.I64Load32U:
                {
                    ulong ea = (uint)s[sp - 1] + (ulong)(uint)ins.A;
                    if (ea + 4 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    var v = Unsafe.ReadUnaligned<uint>(ref mem[(int)ea]);
                    s[sp - 1] = v;
                    ip++;
                    break;
                }
                case Op.I32Store:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 4 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (uint)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.I64Store:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 8 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (ulong)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.F32Store:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 4 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (uint)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.F64Store:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 8 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (ulong)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.I32Store8:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 1 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (byte)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.I32Store16:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 2 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (ushort)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.I64Store8:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 1 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (byte)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.I64Store16:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 2 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (ushort)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.I64Store32:
                {
                    ulong ea = (uint)s[sp - 2] + (ulong)(uint)ins.A;
                    if (ea + 4 > (ulong)mem.Length)
                        goto MemoryOutOfBounds;
                    Unsafe.WriteUnaligned(ref mem[(int)ea], (uint)s[sp - 1]);
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.MemorySize:
                    s[sp++] = (ulong)(mem.Length / Replay.Wasm.Types.MemoryType.PageSize);
                    ip++;
                    break;
                case Op.MemoryGrow:
                    store.RemainingFuel = fuel;
                    trap = MemoryGrow(ctx, ref s[sp - 1], meter);
                    fuel = store.RemainingFuel;
                    mem = ctx.MemoryBuffer;
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                case Op.MemoryFill:
                case Op.MemoryCopy:
                case Op.MemoryInit:
                case Op.TableFill:
                case Op.TableCopy:
                case Op.TableInit:
                    // Bulk operations: three operands, a size-dependent fuel charge, then the whole-range bounds check.
                    store.RemainingFuel = fuel;
                    trap = Bulk(ctx, in ins, s[sp - 3], s[sp - 2], s[sp - 1], meter);
                    fuel = store.RemainingFuel;
                    sp -= 3;
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                case Op.DataDrop:
                    ctx.Instance.DropDataSegment((uint)ins.A);
                    ip++;
                    break;
                case Op.ElemDrop:
                    ctx.Instance.DropElementSegment((uint)ins.A);
                    ip++;
                    break;
                case Op.TableSize:
                    s[sp++] = ctx.Instance.Tables[ins.A].Size;
                    ip++;
                    break;
                case Op.TableGrow:
                    store.RemainingFuel = fuel;
                    trap = TableGrow(ctx.Instance.Tables[ins.A], s[sp - 2], ref s[sp - 1], meter, store);
                    fuel = store.RemainingFuel;
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    s[sp - 2] = s[sp - 1];
                    sp--;
                    ip++;
                    break;
                case Op.TableGet:
                {
                    var elements = ctx.Instance.Tables[ins.A].Elements;
                    uint index = (uint)s[sp - 1];
                    if (index >= (uint)elements.Length)
                    {
                        trap = TrapCode.TableOutOfBounds;
                        goto Trap;
                    }
                    s[sp - 1] = elements[index];
                    ip++;
                    break;
                }
                case Op.TableSet:
                {
                    var elements = ctx.Instance.Tables[ins.A].Elements;
                    uint index = (uint)s[sp - 2];
                    if (index >= (uint)elements.Length)
                    {
                        trap = TrapCode.TableOutOfBounds;
                        goto Trap;
                    }
                    elements[index] = s[sp - 1];
                    sp -= 2;
                    ip++;
                    break;
                }
                case Op.RefFunc:
                    s[sp++] = ctx.Instance.FunctionHandle(ins.A);
                    ip++;
                    break;
                case Op.I32Eqz:
                {
                    var a = (int)s[sp - 1];
                    s[sp - 1] = ((a == 0) ? 1UL : 0UL);
                    ip++;
                    break;
                }
                case Op.I32Eq:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = ((a == b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Ne:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = ((a != b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32LtS:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = ((a < b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32LtU:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    s[sp - 2] = ((a < b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32GtS:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = ((a > b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32GtU:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    s[sp - 2] = ((a > b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32LeS:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = ((a <= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32LeU:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    s[sp - 2] = ((a <= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32GeS:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = ((a >= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32GeU:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    s[sp - 2] = ((a >= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Eqz:
                {
                    var a = (long)s[sp - 1];
                    s[sp - 1] = ((a == 0) ? 1UL : 0UL);
                    ip++;
                    break;
                }
                case Op.I64Eq:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = ((a == b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Ne:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = ((a != b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64LtS:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = ((a < b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64LtU:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    s[sp - 2] = ((a < b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64GtS:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = ((a > b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64GtU:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    s[sp - 2] = ((a > b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64LeS:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = ((a <= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64LeU:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    s[sp - 2] = ((a <= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64GeS:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = ((a >= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64GeU:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    s[sp - 2] = ((a >= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Eq:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = ((a == b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Ne:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = ((a != b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Lt:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = ((a < b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Gt:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = ((a > b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Le:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = ((a <= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Ge:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = ((a >= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Eq:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = ((a == b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Ne:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = ((a != b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Lt:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = ((a < b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Gt:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = ((a > b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Le:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = ((a <= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Ge:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = ((a >= b) ? 1UL : 0UL);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Clz:
                {
                    var a = (uint)s[sp - 1];
                    s[sp - 1] = (uint)(BitOperations.LeadingZeroCount(a));
                    ip++;
                    break;
                }
                case Op.I32Ctz:
                {
                    var a = (uint)s[sp - 1];
                    s[sp - 1] = (uint)(BitOperations.TrailingZeroCount(a));
                    ip++;
                    break;
                }
                case Op.I32Popcnt:
                {
                    var a = (uint)s[sp - 1];
                    s[sp - 1] = (uint)(BitOperations.PopCount(a));
                    ip++;
                    break;
                }
                case Op.I32Add:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = (uint)(a + b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Sub:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = (uint)(a - b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Mul:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = (uint)(a * b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32And:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = (uint)(a & b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Or:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = (uint)(a | b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Xor:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = (uint)(a ^ b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Shl:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = (uint)(a << (int)b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32ShrS:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    s[sp - 2] = (uint)(a >> (int)b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32ShrU:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    s[sp - 2] = (a >> (int)b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Rotl:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    s[sp - 2] = (BitOperations.RotateLeft(a, (int)b));
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32Rotr:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    s[sp - 2] = (BitOperations.RotateRight(a, (int)b));
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Clz:
                {
                    var a = s[sp - 1];
                    s[sp - 1] = (ulong)(BitOperations.LeadingZeroCount(a));
                    ip++;
                    break;
                }
                case Op.I64Ctz:
                {
                    var a = s[sp - 1];
                    s[sp - 1] = (ulong)(BitOperations.TrailingZeroCount(a));
                    ip++;
                    break;
                }
                case Op.I64Popcnt:
                {
                    var a = s[sp - 1];
                    s[sp - 1] = (ulong)(BitOperations.PopCount(a));
                    ip++;
                    break;
                }
                case Op.I64Add:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = (ulong)(a + b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Sub:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = (ulong)(a - b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Mul:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = (ulong)(a * b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64And:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = (ulong)(a & b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Or:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = (ulong)(a | b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Xor:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = (ulong)(a ^ b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Shl:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = (ulong)(a << (int)b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64ShrS:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    s[sp - 2] = (ulong)(a >> (int)b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64ShrU:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    s[sp - 2] = (a >> (int)b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Rotl:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    s[sp - 2] = (BitOperations.RotateLeft(a, (int)b));
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64Rotr:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    s[sp - 2] = (BitOperations.RotateRight(a, (int)b));
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Abs:
                {
                    var a = (uint)s[sp - 1];
                    s[sp - 1] = (a & ~0x8000_0000u);
                    ip++;
                    break;
                }
                case Op.F32Neg:
                {
                    var a = (uint)s[sp - 1];
                    s[sp - 1] = (a ^ 0x8000_0000u);
                    ip++;
                    break;
                }
                case Op.F32Ceil:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = BitConverter.SingleToUInt32Bits(MathF.Ceiling(a));
                    ip++;
                    break;
                }
                case Op.F32Floor:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = BitConverter.SingleToUInt32Bits(MathF.Floor(a));
                    ip++;
                    break;
                }
                case Op.F32Trunc:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = BitConverter.SingleToUInt32Bits(MathF.Truncate(a));
                    ip++;
                    break;
                }
                case Op.F32Nearest:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = BitConverter.SingleToUInt32Bits(MathF.Round(a, MidpointRounding.ToEven));
                    ip++;
                    break;
                }
                case Op.F32Sqrt:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = BitConverter.SingleToUInt32Bits(MathF.Sqrt(a));
                    ip++;
                    break;
                }
                case Op.F32Add:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = BitConverter.SingleToUInt32Bits(a + b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Sub:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = BitConverter.SingleToUInt32Bits(a - b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Mul:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = BitConverter.SingleToUInt32Bits(a * b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Div:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = BitConverter.SingleToUInt32Bits(a / b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Min:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = BitConverter.SingleToUInt32Bits(Numerics.F32Min(a, b));
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Max:
                {
                    var b = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 2]);
                    s[sp - 2] = BitConverter.SingleToUInt32Bits(Numerics.F32Max(a, b));
                    sp--;
                    ip++;
                    break;
                }
                case Op.F32Copysign:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    s[sp - 2] = ((a & ~0x8000_0000u) | (b & 0x8000_0000u));
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Abs:
                {
                    var a = s[sp - 1];
                    s[sp - 1] = (a & ~0x8000_0000_0000_0000ul);
                    ip++;
                    break;
                }
                case Op.F64Neg:
                {
                    var a = s[sp - 1];
                    s[sp - 1] = (a ^ 0x8000_0000_0000_0000ul);
                    ip++;
                    break;
                }
                case Op.F64Ceil:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits(Math.Ceiling(a));
                    ip++;
                    break;
                }
                case Op.F64Floor:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits(Math.Floor(a));
                    ip++;
                    break;
                }
                case Op.F64Trunc:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits(Math.Truncate(a));
                    ip++;
                    break;
                }
                case Op.F64Nearest:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits(Math.Round(a, MidpointRounding.ToEven));
                    ip++;
                    break;
                }
                case Op.F64Sqrt:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits(Math.Sqrt(a));
                    ip++;
                    break;
                }
                case Op.F64Add:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = BitConverter.DoubleToUInt64Bits(a + b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Sub:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = BitConverter.DoubleToUInt64Bits(a - b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Mul:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = BitConverter.DoubleToUInt64Bits(a * b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Div:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = BitConverter.DoubleToUInt64Bits(a / b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Min:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = BitConverter.DoubleToUInt64Bits(Numerics.F64Min(a, b));
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Max:
                {
                    var b = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 2]);
                    s[sp - 2] = BitConverter.DoubleToUInt64Bits(Numerics.F64Max(a, b));
                    sp--;
                    ip++;
                    break;
                }
                case Op.F64Copysign:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    s[sp - 2] = ((a & ~0x8000_0000_0000_0000ul) | (b & 0x8000_0000_0000_0000ul));
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32WrapI64:
                {
                    var a = (long)s[sp - 1];
                    s[sp - 1] = (uint)((int)a);
                    ip++;
                    break;
                }
                case Op.I64ExtendI32S:
                {
                    var a = (int)s[sp - 1];
                    s[sp - 1] = (ulong)(a);
                    ip++;
                    break;
                }
                case Op.I64ExtendI32U:
                {
                    var a = (uint)s[sp - 1];
                    s[sp - 1] = (a);
                    ip++;
                    break;
                }
                case Op.F32ConvertI32S:
                {
                    var a = (int)s[sp - 1];
                    s[sp - 1] = BitConverter.SingleToUInt32Bits((float)a);
                    ip++;
                    break;
                }
                case Op.F32ConvertI32U:
                {
                    var a = (uint)s[sp - 1];
                    s[sp - 1] = BitConverter.SingleToUInt32Bits((float)(long)a);
                    ip++;
                    break;
                }
                case Op.F32ConvertI64S:
                {
                    var a = (long)s[sp - 1];
                    s[sp - 1] = BitConverter.SingleToUInt32Bits((float)a);
                    ip++;
                    break;
                }
                case Op.F32ConvertI64U:
                {
                    var a = s[sp - 1];
                    s[sp - 1] = BitConverter.SingleToUInt32Bits(Numerics.F32FromU64(a));
                    ip++;
                    break;
                }
                case Op.F64ConvertI32S:
                {
                    var a = (int)s[sp - 1];
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits((double)a);
                    ip++;
                    break;
                }
                case Op.F64ConvertI32U:
                {
                    var a = (uint)s[sp - 1];
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits((double)(long)a);
                    ip++;
                    break;
                }
                case Op.F64ConvertI64S:
                {
                    var a = (long)s[sp - 1];
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits((double)a);
                    ip++;
                    break;
                }
                case Op.F64ConvertI64U:
                {
                    var a = s[sp - 1];
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits(Numerics.F64FromU64(a));
                    ip++;
                    break;
                }
                case Op.F32DemoteF64:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = BitConverter.SingleToUInt32Bits((float)a);
                    ip++;
                    break;
                }
                case Op.F64PromoteF32:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = BitConverter.DoubleToUInt64Bits((double)a);
                    ip++;
                    break;
                }
                case Op.I32Extend8S:
                {
                    var a = (int)s[sp - 1];
                    s[sp - 1] = (uint)((sbyte)a);
                    ip++;
                    break;
                }
                case Op.I32Extend16S:
                {
                    var a = (int)s[sp - 1];
                    s[sp - 1] = (uint)((short)a);
                    ip++;
                    break;
                }
                case Op.I64Extend8S:
                {
                    var a = (long)s[sp - 1];
                    s[sp - 1] = (ulong)((sbyte)a);
                    ip++;
                    break;
                }
                case Op.I64Extend16S:
                {
                    var a = (long)s[sp - 1];
                    s[sp - 1] = (ulong)((short)a);
                    ip++;
                    break;
                }
                case Op.I64Extend32S:
                {
                    var a = (long)s[sp - 1];
                    s[sp - 1] = (ulong)((int)a);
                    ip++;
                    break;
                }
                case Op.I32TruncSatF32S:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = (uint)(Numerics.I32TruncSatF32S(a));
                    ip++;
                    break;
                }
                case Op.I32TruncSatF32U:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = (uint)(Numerics.I32TruncSatF32U(a));
                    ip++;
                    break;
                }
                case Op.I32TruncSatF64S:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = (uint)(Numerics.I32TruncSatF64S(a));
                    ip++;
                    break;
                }
                case Op.I32TruncSatF64U:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = (uint)(Numerics.I32TruncSatF64U(a));
                    ip++;
                    break;
                }
                case Op.I64TruncSatF32S:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = (ulong)(Numerics.I64TruncSatF32S(a));
                    ip++;
                    break;
                }
                case Op.I64TruncSatF32U:
                {
                    var a = BitConverter.UInt32BitsToSingle((uint)s[sp - 1]);
                    s[sp - 1] = (ulong)(Numerics.I64TruncSatF32U(a));
                    ip++;
                    break;
                }
                case Op.I64TruncSatF64S:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = (ulong)(Numerics.I64TruncSatF64S(a));
                    ip++;
                    break;
                }
                case Op.I64TruncSatF64U:
                {
                    var a = BitConverter.UInt64BitsToDouble(s[sp - 1]);
                    s[sp - 1] = (ulong)(Numerics.I64TruncSatF64U(a));
                    ip++;
                    break;
                }
                case Op.I32DivS:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    if (b == 0)
                    {
                        trap = TrapCode.IntegerDivisionByZero;
                        goto Trap;
                    }
                    if (a == int.MinValue && b == -1)
                    {
                        trap = TrapCode.IntegerOverflow;
                        goto Trap;
                    }
                    s[sp - 2] = (uint)(a / b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32DivU:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    if (b == 0)
                    {
                        trap = TrapCode.IntegerDivisionByZero;
                        goto Trap;
                    }
                    s[sp - 2] = (a / b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32RemS:
                {
                    var b = (int)s[sp - 1];
                    var a = (int)s[sp - 2];
                    if (b == 0)
                    {
                        trap = TrapCode.IntegerDivisionByZero;
                        goto Trap;
                    }
                    s[sp - 2] = (uint)(b == -1 ? 0 : a % b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32RemU:
                {
                    var b = (uint)s[sp - 1];
                    var a = (uint)s[sp - 2];
                    if (b == 0)
                    {
                        trap = TrapCode.IntegerDivisionByZero;
                        goto Trap;
                    }
                    s[sp - 2] = (a % b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64DivS:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    if (b == 0)
                    {
                        trap = TrapCode.IntegerDivisionByZero;
                        goto Trap;
                    }
                    if (a == long.MinValue && b == -1)
                    {
                        trap = TrapCode.IntegerOverflow;
                        goto Trap;
                    }
                    s[sp - 2] = (ulong)(a / b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64DivU:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    if (b == 0)
                    {
                        trap = TrapCode.IntegerDivisionByZero;
                        goto Trap;
                    }
                    s[sp - 2] = (a / b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64RemS:
                {
                    var b = (long)s[sp - 1];
                    var a = (long)s[sp - 2];
                    if (b == 0)
                    {
                        trap = TrapCode.IntegerDivisionByZero;
                        goto Trap;
                    }
                    s[sp - 2] = (ulong)(b == -1 ? 0 : a % b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I64RemU:
                {
                    var b = s[sp - 1];
                    var a = s[sp - 2];
                    if (b == 0)
                    {
                        trap = TrapCode.IntegerDivisionByZero;
                        goto Trap;
                    }
                    s[sp - 2] = (a % b);
                    sp--;
                    ip++;
                    break;
                }
                case Op.I32TruncF32S:
                {
                    trap = Numerics.I32TruncFS(BitConverter.UInt32BitsToSingle((uint)s[sp - 1]), out s[sp - 1]);
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                }
                case Op.I32TruncF32U:
                {
                    trap = Numerics.I32TruncFU(BitConverter.UInt32BitsToSingle((uint)s[sp - 1]), out s[sp - 1]);
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                }
                case Op.I32TruncF64S:
                {
                    trap = Numerics.I32TruncFS(BitConverter.UInt64BitsToDouble(s[sp - 1]), out s[sp - 1]);
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                }
                case Op.I32TruncF64U:
                {
                    trap = Numerics.I32TruncFU(BitConverter.UInt64BitsToDouble(s[sp - 1]), out s[sp - 1]);
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                }
                case Op.I64TruncF32S:
                {
                    trap = Numerics.I64TruncFS(BitConverter.UInt32BitsToSingle((uint)s[sp - 1]), out s[sp - 1]);
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                }
                case Op.I64TruncF32U:
                {
                    trap = Numerics.I64TruncFU(BitConverter.UInt32BitsToSingle((uint)s[sp - 1]), out s[sp - 1]);
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                }
                case Op.I64TruncF64S:
                {
                    trap = Numerics.I64TruncFS(BitConverter.UInt64BitsToDouble(s[sp - 1]), out s[sp - 1]);
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                }
                case Op.I64TruncF64U:
                {
                    trap = Numerics.I64TruncFU(BitConverter.UInt64BitsToDouble(s[sp - 1]), out s[sp - 1]);
                    if (trap != Numerics.NoTrap)
                        goto Trap;
                    ip++;
                    break;
                }
                default:
                    throw new InvalidOperationException($"corrupt code: operation {ins.Op} at {ip}");
            }
            continue;

        EnterCall:
            // Wasmi 0.31's rule, in its order: the caller's frame must fit under the call depth
            // limit, then the callee's locals and deepest operand stack must fit on the value stack.
            if (depth == maxDepth)
                goto StackOverflow;
            {
                long needed = (long)sp + callee.MaxStackHeight;
                if (needed > maxCells)
                    goto StackOverflow;
                if (needed > s.Length)
                    s = stack.GrowValues((int)needed);
                if (depth == frames.Length)
                    frames = stack.GrowFrames();
                frames[depth++] = new Frame(ip + 1, ctx);
                s.AsSpan(sp, callee.LocalCount).Clear();
                sp += callee.LocalCount;
                ip = callee.Start;
                if (!ReferenceEquals(calleeCtx, ctx))
                {
                    ctx = calleeCtx;
                    code = ctx.Code;
                    globals = ctx.Instance.Globals;
                    mem = ctx.MemoryBuffer;
                }
            }
            continue;

        EnterHost:
            fuel = CallHost(stack, ctx, hostTarget, sp, depth, fuel);
            sp += hostTarget.Type.ResultCount - hostTarget.Type.ParamCount;
            s = stack.Values;
            mem = ctx.MemoryBuffer;
            ip++;
            continue;
        }

    StackOverflow:
        trap = TrapCode.StackOverflow;
        goto Trap;
    OutOfFuel:
        trap = TrapCode.OutOfFuel;
        goto Trap;
    MemoryOutOfBounds:
        trap = TrapCode.MemoryOutOfBounds;
    Trap:
        store.RemainingFuel = fuel;
        ThrowTrap(trap);
        return sp;
    }

    /// <summary>Moves the top keep cells down over the drop cells below them; returns the new stack pointer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DropKeepCells(ulong[] s, int sp, long packed)
    {
        int drop = (int)(uint)(ulong)packed;
        if (drop == 0)
            return sp;
        int keep = (int)((ulong)packed >> 32);
        if (keep == 1)
            s[sp - 1 - drop] = s[sp - 1];
        else if (keep != 0)
            Array.Copy(s, sp - keep, s, sp - keep - drop, keep);
        return sp - drop;
    }
}
