using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Replay.Engine.Register.Ir;
using Replay.Engine.Register.Runtime;
using Replay.Engine.Register.Translation;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Execution;

/// <summary>
/// Runs register code. One per store: a register stack (one pinned array shared by all frames,
/// each frame a window of it) and an explicit frame stack.
/// </summary>
/// <remarks>
/// Stack limits: a call fails with <see cref="TrapCode.StackOverflow"/> when the callee's whole
/// frame (parameters, locals and temporaries, see <see cref="CompiledFunc.FrameSize"/>) does not
/// fit in the <see cref="StackLimits.MaxValueStackCells"/> cells, or when
/// <see cref="StackLimits.MaxCallDepth"/> frames are active. Frames overlap: a callee's frame
/// starts at its caller's argument registers, so a frame costs its registers minus its
/// parameters. The stack engine counts operand-stack cells as they are pushed instead, so for the
/// same limits the overflow can come at a different depth when frames are large; call depth is
/// counted the same way (the entry function is depth 1).
/// </remarks>
internal sealed unsafe partial class Executor
{
    /// <summary>Registers a store starts with; the stack grows on demand up to the configured limit.</summary>
    private const int InitialRegisters = 4096;

    /// <summary>Frames an executor starts with; the frame stack grows on demand up to the call-depth limit.</summary>
    private const int InitialFrames = 64;

    /// <summary>Register stacks kept per thread for the next outermost invocation.</summary>
    private const int MaxFreeRegisterStacks = 16;

    [ThreadStatic] private static Stack<ulong[]>? t_freeRegisters;

    private readonly RegisterStore _store;
    private ulong[] _registers = [];
    private ulong* _base;
    private readonly int _capacity;
    private Frame[] _frames;
    private readonly int _maxFrames;
    private readonly bool _meter;

    /// <summary>Active frames (including the running one of each nested invocation).</summary>
    private int _depth;

    /// <summary>First register not used by an active invocation (host functions may re-enter).</summary>
    private int _top;

    public Executor(RegisterStore store)
    {
        _store = store;
        var limits = store.Config.StackLimits;
        _capacity = limits.MaxValueStackCells;
        // Stores are created per contract call, so both stacks start small and grow; the register
        // stack is taken from this thread's free ones for each outermost invocation (see Invoke).
        _maxFrames = limits.MaxCallDepth + 1;
        _frames = new Frame[Math.Min(InitialFrames, _maxFrames)];
        _meter = store.Config.ConsumeFuel;
    }

    /// <summary>Calls a Wasm function from the host.</summary>
    public void Invoke(WasmFunction function, ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        var type = function.Type;
        CallArguments.Check(type, arguments, results);
        // Wasm calls never use the .NET stack, but a host function calling back into Wasm
        // does; running out of it is a typed trap here rather than a process crash.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new TrapException(TrapCode.StackOverflow, "host re-entrance exhausted the native stack");
        var compiled = function.Entry.Compiled ?? CompileOnCall(function.Entry);
        // The outermost invocation (not a host function calling back in) takes a register stack
        // and gives it back when it ends: nothing lives in the registers between invocations, and
        // a pinned array per store, collected only with gen2, was a fifth of what a replay allocated.
        bool outermost = _depth == 0;
        if (outermost)
            TakeRegisters();
        try
        {
            InvokeIn(function, compiled, arguments, results);
        }
        finally
        {
            if (outermost)
                GiveBackRegisters();
        }
    }

    private void InvokeIn(WasmFunction function, CompiledFunc compiled, ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        var type = function.Type;
        int bp = _top;
        int savedDepth = _depth;
        if (!Fits(bp + compiled.FrameSize) || !FrameFits())
            throw new TrapException(TrapCode.StackOverflow);
        ulong* r = _base + bp;
        for (int i = 0; i < arguments.Length; i++)
            r[i] = arguments[i].Bits;
        new Span<ulong>(r + compiled.ParamCount, compiled.LocalCount).Clear();
        try
        {
            Run(function.Instance, compiled, bp);
        }
        finally
        {
            _depth = savedDepth;
            _top = bp;
        }
        var resultTypes = type.Results;
        r = _base + bp;
        for (int i = 0; i < resultTypes.Length; i++)
            results[i] = new Value(resultTypes[i], Normalize(resultTypes[i], r[i]));
    }

    private static ulong Normalize(ValType type, ulong bits) => type is ValType.I32 or ValType.F32 ? (uint)bits : bits;

    /// <summary>
    /// Whether registers up to <paramref name="end"/> fit in the limit; grows the (pinned) stack
    /// when they fit but are not allocated yet. Growth moves the stack: callers recompute
    /// their register pointers from <see cref="_base"/> afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool FrameFits()
    {
        if (_depth < _frames.Length - 1)
            return true;
        if (_frames.Length >= _maxFrames)
            return false;
        var grown = new Frame[(int)Math.Min(_maxFrames, 2L * _frames.Length)];
        _frames.AsSpan().CopyTo(grown);
        _frames = grown;
        return true;
    }

    private void TakeRegisters()
    {
        // A free stack longer than this store's limit would let frames past the limit fit.
        _registers = t_freeRegisters is { Count: > 0 } free && free.Peek().Length <= _capacity
            ? free.Pop()
            : GC.AllocateArray<ulong>(Math.Min(InitialRegisters, _capacity), pinned: true);
        _base = (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_registers));
    }

    private void GiveBackRegisters()
    {
        var free = t_freeRegisters ??= new Stack<ulong[]>();
        if (free.Count < MaxFreeRegisterStacks)
            free.Push(_registers);
        _registers = [];
        _base = null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Fits(int end)
    {
        if (end <= _registers.Length)
            return true;
        if (end > _capacity)
            return false;
        int size = (int)Math.Min((long)_capacity, Math.Max(end, 2L * _registers.Length));
        var grown = GC.AllocateArray<ulong>(size, pinned: true);
        _registers.AsSpan().CopyTo(grown);
        _registers = grown;
        _base = (ulong*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(grown));
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Instr* CodeOf(CompiledFunc f) => (Instr*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(f.Code));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte[] MemoryOf(Instance instance) => instance.Memories.Length > 0 ? instance.Memories[0].Buffer : [];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(byte[] memory, ulong address) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(memory), (nint)address);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F32(ulong bits) => BitConverter.UInt32BitsToSingle((uint)bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double F64(ulong bits) => BitConverter.UInt64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(float v) => BitConverter.SingleToUInt32Bits(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(double v) => BitConverter.DoubleToUInt64Bits(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong B(bool v) => v ? 1UL : 0UL;

    /// <summary>
    /// The interpreter loop. Runs <paramref name="function"/> in a frame at <paramref name="bp"/>
    /// until it returns to the host. ip, the frame base and fuel live in locals and are written back
    /// only at calls, returns and traps.
    /// </summary>
    [SkipLocalsInit]
    private void Run(Instance instance, CompiledFunc function, int bp)
    {
        int entryDepth = _depth;
        _depth++;
        _top = bp + function.FrameSize;
        Instr* ip = CodeOf(function);
        ulong* r = _base + bp;
        ulong fuel = _store.RemainingFuel;
        byte[] mem = MemoryOf(instance);
        GlobalCell[] globals = instance.Globals;
        TrapCode trap;
        while (true)
        {
            switch (ip->Op)
            {
                // ---- control ----
                case Op.Trap: trap = (TrapCode)ip->Imm; goto Trap;
                case Op.ConsumeFuel:
                    if (fuel < ip->Imm) { trap = TrapCode.OutOfFuel; goto Trap; }
                    fuel -= ip->Imm; ip++; continue;
                case Op.Br: ip += ip->Offset; continue;
                case Op.BrIfEqz: ip += (uint)r[ip->A] == 0 ? ip->Offset : 1; continue;
                case Op.BrIfNez: ip += (uint)r[ip->A] != 0 ? ip->Offset : 1; continue;
                case Op.BrTable: ip += 1 + (int)Math.Min((uint)r[ip->A], (uint)ip->Imm); continue;
                case Op.Copy: r[ip->A] = r[ip->B]; ip++; continue;
                case Op.CopyImm: r[ip->A] = ip->Imm; ip++; continue;
                case Op.CopySpan: new ReadOnlySpan<ulong>(r + ip->B, ip->C).CopyTo(new Span<ulong>(r + ip->A, ip->C)); ip++; continue;
                case Op.Select: r[ip->A] = (uint)r[(int)ip->Imm] != 0 ? r[ip->B] : r[ip->C]; ip++; continue;
                case Op.GlobalGet: r[ip->A] = globals[(int)ip->Imm].Bits; ip++; continue;
                case Op.GlobalSet: globals[(int)ip->Imm].Bits = r[ip->A]; ip++; continue;
                case Op.GlobalSetImm: globals[ip->B].Bits = ip->Imm; ip++; continue;
                case Op.RefFunc: r[ip->A] = instance.FunctionHandle((int)ip->Imm); ip++; continue;
                case Op.Return1: r[0] = r[ip->B]; goto case Op.Return;
                case Op.ReturnImm: r[0] = ip->Imm; goto case Op.Return;
                case Op.ReturnIfNez:
                    if ((uint)r[ip->A] == 0) { ip++; continue; }
                    goto case Op.Return;
                case Op.Return:
                {
                    if (--_depth == entryDepth)
                    {
                        _store.RemainingFuel = fuel;
                        return;
                    }
                    ref var caller = ref _frames[_depth];
                    ip = caller.ReturnIp;
                    bp = caller.Bp;
                    r = _base + bp;
                    if (!ReferenceEquals(caller.Instance, instance))
                    {
                        instance = caller.Instance;
                        globals = instance.Globals;
                    }
                    // A callee may have grown the memory (or run in another instance).
                    mem = MemoryOf(instance);
                    continue;
                }
                case Op.Call:
                case Op.CallIndirect:
                {
                    IFunction? callee;
                    if (ip->Op == Op.Call)
                        callee = instance.Function((int)ip->Imm);
                    else if ((callee = ResolveIndirect(instance, ip, r, out trap)) is null)
                        goto Trap;
                    if (callee is WasmFunction wasm && wasm.Entry.Compiled is { } target)
                    {
                        int calleeBp = bp + ip->A;
                        if (calleeBp + target.FrameSize > _registers.Length || _depth >= _frames.Length - 1)
                        {
                            if (!FrameFits() || !Fits(calleeBp + target.FrameSize))
                            {
                                trap = TrapCode.StackOverflow;
                                goto Trap;
                            }
                        }
                        _frames[_depth++] = new Frame(ip + 1, bp, instance);
                        bp = calleeBp;
                        r = _base + bp;
                        if (target.LocalCount > 0)
                            new Span<ulong>(r + target.ParamCount, target.LocalCount).Clear();
                        if (!ReferenceEquals(wasm.Instance, instance))
                        {
                            instance = wasm.Instance;
                            globals = instance.Globals;
                            mem = MemoryOf(instance);
                        }
                        ip = CodeOf(target);
                        continue;
                    }
                    // Cold: a host function, or a Wasm function compiled on this first call
                    // (then the call instruction runs again and takes the path above).
                    _top = bp + ip->A;
                    if (callee is WasmFunction cold)
                    {
                        _store.RemainingFuel = fuel;
                        CompileOnCall(cold.Entry);
                        fuel = _store.RemainingFuel;
                    }
                    else
                    {
                        fuel = CallHost(callee, instance, bp + ip->A, fuel);
                        ip++;
                    }
                    mem = MemoryOf(instance);
                    // A host function that called back into Wasm may have grown the register stack.
                    r = _base + bp;
                    continue;
                }

                // ---- memory and tables (rare: cold helpers) ----
                case Op.MemorySize: r[ip->A] = (uint)(mem.Length / MemoryType.PageSize); ip++; continue;
                case Op.MemoryGrow:
                case Op.MemoryCopy:
                case Op.MemoryFill:
                case Op.MemoryInit:
                case Op.DataDrop:
                case Op.TableGet:
                case Op.TableSet:
                case Op.TableSize:
                case Op.TableGrow:
                case Op.TableFill:
                case Op.TableCopy:
                case Op.TableInit:
                case Op.ElemDrop:
                    _store.RemainingFuel = fuel;
                    trap = ExecuteEntityOp(instance, ip, r);
                    fuel = _store.RemainingFuel;
                    if (trap != NoTrap) goto Trap;
                    mem = MemoryOf(instance);
                    ip++;
                    continue;

                // ---- numeric, loads and stores ----
                case Op.BrI32Eq: ip += (uint)r[ip->B] == (uint)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32Ne: ip += (uint)r[ip->B] != (uint)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32LtS: ip += (int)r[ip->B] < (int)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32LtU: ip += (uint)r[ip->B] < (uint)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32GtS: ip += (int)r[ip->B] > (int)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32GtU: ip += (uint)r[ip->B] > (uint)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32LeS: ip += (int)r[ip->B] <= (int)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32LeU: ip += (uint)r[ip->B] <= (uint)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32GeS: ip += (int)r[ip->B] >= (int)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32GeU: ip += (uint)r[ip->B] >= (uint)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI32EqImm: ip += (uint)r[ip->B] == (uint)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32NeImm: ip += (uint)r[ip->B] != (uint)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32LtSImm: ip += (int)r[ip->B] < (int)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32LtUImm: ip += (uint)r[ip->B] < (uint)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32GtSImm: ip += (int)r[ip->B] > (int)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32GtUImm: ip += (uint)r[ip->B] > (uint)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32LeSImm: ip += (int)r[ip->B] <= (int)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32LeUImm: ip += (uint)r[ip->B] <= (uint)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32GeSImm: ip += (int)r[ip->B] >= (int)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI32GeUImm: ip += (uint)r[ip->B] >= (uint)(uint)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64Eq: ip += r[ip->B] == r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64Ne: ip += r[ip->B] != r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64LtS: ip += (long)r[ip->B] < (long)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64LtU: ip += r[ip->B] < r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64GtS: ip += (long)r[ip->B] > (long)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64GtU: ip += r[ip->B] > r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64LeS: ip += (long)r[ip->B] <= (long)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64LeU: ip += r[ip->B] <= r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64GeS: ip += (long)r[ip->B] >= (long)r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64GeU: ip += r[ip->B] >= r[ip->C] ? ip->Offset : 1; continue;
                case Op.BrI64EqImm: ip += r[ip->B] == (ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64NeImm: ip += r[ip->B] != (ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64LtSImm: ip += (long)r[ip->B] < (long)(ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64LtUImm: ip += r[ip->B] < (ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64GtSImm: ip += (long)r[ip->B] > (long)(ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64GtUImm: ip += r[ip->B] > (ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64LeSImm: ip += (long)r[ip->B] <= (long)(ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64LeUImm: ip += r[ip->B] <= (ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64GeSImm: ip += (long)r[ip->B] >= (long)(ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.BrI64GeUImm: ip += r[ip->B] >= (ulong)(long)ip->HighImm ? ip->Offset : 1; continue;
                case Op.I32Eq: r[ip->A] = B((uint)r[ip->B] == (uint)r[ip->C]); ip++; continue;
                case Op.I32Ne: r[ip->A] = B((uint)r[ip->B] != (uint)r[ip->C]); ip++; continue;
                case Op.I32LtS: r[ip->A] = B((int)r[ip->B] < (int)r[ip->C]); ip++; continue;
                case Op.I32LtU: r[ip->A] = B((uint)r[ip->B] < (uint)r[ip->C]); ip++; continue;
                case Op.I32GtS: r[ip->A] = B((int)r[ip->B] > (int)r[ip->C]); ip++; continue;
                case Op.I32GtU: r[ip->A] = B((uint)r[ip->B] > (uint)r[ip->C]); ip++; continue;
                case Op.I32LeS: r[ip->A] = B((int)r[ip->B] <= (int)r[ip->C]); ip++; continue;
                case Op.I32LeU: r[ip->A] = B((uint)r[ip->B] <= (uint)r[ip->C]); ip++; continue;
                case Op.I32GeS: r[ip->A] = B((int)r[ip->B] >= (int)r[ip->C]); ip++; continue;
                case Op.I32GeU: r[ip->A] = B((uint)r[ip->B] >= (uint)r[ip->C]); ip++; continue;
                case Op.I32EqImm: r[ip->A] = B((uint)r[ip->B] == (uint)ip->Imm); ip++; continue;
                case Op.I32NeImm: r[ip->A] = B((uint)r[ip->B] != (uint)ip->Imm); ip++; continue;
                case Op.I32LtSImm: r[ip->A] = B((int)r[ip->B] < (int)ip->Imm); ip++; continue;
                case Op.I32LtUImm: r[ip->A] = B((uint)r[ip->B] < (uint)ip->Imm); ip++; continue;
                case Op.I32GtSImm: r[ip->A] = B((int)r[ip->B] > (int)ip->Imm); ip++; continue;
                case Op.I32GtUImm: r[ip->A] = B((uint)r[ip->B] > (uint)ip->Imm); ip++; continue;
                case Op.I32LeSImm: r[ip->A] = B((int)r[ip->B] <= (int)ip->Imm); ip++; continue;
                case Op.I32LeUImm: r[ip->A] = B((uint)r[ip->B] <= (uint)ip->Imm); ip++; continue;
                case Op.I32GeSImm: r[ip->A] = B((int)r[ip->B] >= (int)ip->Imm); ip++; continue;
                case Op.I32GeUImm: r[ip->A] = B((uint)r[ip->B] >= (uint)ip->Imm); ip++; continue;
                case Op.I64Eq: r[ip->A] = B(r[ip->B] == r[ip->C]); ip++; continue;
                case Op.I64Ne: r[ip->A] = B(r[ip->B] != r[ip->C]); ip++; continue;
                case Op.I64LtS: r[ip->A] = B((long)r[ip->B] < (long)r[ip->C]); ip++; continue;
                case Op.I64LtU: r[ip->A] = B(r[ip->B] < r[ip->C]); ip++; continue;
                case Op.I64GtS: r[ip->A] = B((long)r[ip->B] > (long)r[ip->C]); ip++; continue;
                case Op.I64GtU: r[ip->A] = B(r[ip->B] > r[ip->C]); ip++; continue;
                case Op.I64LeS: r[ip->A] = B((long)r[ip->B] <= (long)r[ip->C]); ip++; continue;
                case Op.I64LeU: r[ip->A] = B(r[ip->B] <= r[ip->C]); ip++; continue;
                case Op.I64GeS: r[ip->A] = B((long)r[ip->B] >= (long)r[ip->C]); ip++; continue;
                case Op.I64GeU: r[ip->A] = B(r[ip->B] >= r[ip->C]); ip++; continue;
                case Op.I64EqImm: r[ip->A] = B(r[ip->B] == ip->Imm); ip++; continue;
                case Op.I64NeImm: r[ip->A] = B(r[ip->B] != ip->Imm); ip++; continue;
                case Op.I64LtSImm: r[ip->A] = B((long)r[ip->B] < (long)ip->Imm); ip++; continue;
                case Op.I64LtUImm: r[ip->A] = B(r[ip->B] < ip->Imm); ip++; continue;
                case Op.I64GtSImm: r[ip->A] = B((long)r[ip->B] > (long)ip->Imm); ip++; continue;
                case Op.I64GtUImm: r[ip->A] = B(r[ip->B] > ip->Imm); ip++; continue;
                case Op.I64LeSImm: r[ip->A] = B((long)r[ip->B] <= (long)ip->Imm); ip++; continue;
                case Op.I64LeUImm: r[ip->A] = B(r[ip->B] <= ip->Imm); ip++; continue;
                case Op.I64GeSImm: r[ip->A] = B((long)r[ip->B] >= (long)ip->Imm); ip++; continue;
                case Op.I64GeUImm: r[ip->A] = B(r[ip->B] >= ip->Imm); ip++; continue;
                case Op.I32Add: r[ip->A] = (uint)r[ip->B] + (uint)r[ip->C]; ip++; continue;
                case Op.I64Add: r[ip->A] = r[ip->B] + r[ip->C]; ip++; continue;
                case Op.I32Sub: r[ip->A] = (uint)r[ip->B] - (uint)r[ip->C]; ip++; continue;
                case Op.I64Sub: r[ip->A] = r[ip->B] - r[ip->C]; ip++; continue;
                case Op.I32Mul: r[ip->A] = (uint)r[ip->B] * (uint)r[ip->C]; ip++; continue;
                case Op.I64Mul: r[ip->A] = r[ip->B] * r[ip->C]; ip++; continue;
                case Op.I32And: r[ip->A] = (uint)(r[ip->B] & r[ip->C]); ip++; continue;
                case Op.I64And: r[ip->A] = r[ip->B] & r[ip->C]; ip++; continue;
                case Op.I32Or: r[ip->A] = (uint)(r[ip->B] | r[ip->C]); ip++; continue;
                case Op.I64Or: r[ip->A] = r[ip->B] | r[ip->C]; ip++; continue;
                case Op.I32Xor: r[ip->A] = (uint)(r[ip->B] ^ r[ip->C]); ip++; continue;
                case Op.I64Xor: r[ip->A] = r[ip->B] ^ r[ip->C]; ip++; continue;
                case Op.I32Shl: r[ip->A] = (uint)r[ip->B] << (int)r[ip->C]; ip++; continue;
                case Op.I64Shl: r[ip->A] = r[ip->B] << (int)r[ip->C]; ip++; continue;
                case Op.I32ShrS: r[ip->A] = (uint)((int)r[ip->B] >> (int)r[ip->C]); ip++; continue;
                case Op.I64ShrS: r[ip->A] = (ulong)((long)r[ip->B] >> (int)r[ip->C]); ip++; continue;
                case Op.I32ShrU: r[ip->A] = (uint)r[ip->B] >> (int)r[ip->C]; ip++; continue;
                case Op.I64ShrU: r[ip->A] = r[ip->B] >> (int)r[ip->C]; ip++; continue;
                case Op.I32Rotl: r[ip->A] = BitOperations.RotateLeft((uint)r[ip->B], (int)r[ip->C]); ip++; continue;
                case Op.I64Rotl: r[ip->A] = BitOperations.RotateLeft(r[ip->B], (int)r[ip->C]); ip++; continue;
                case Op.I32Rotr: r[ip->A] = BitOperations.RotateRight((uint)r[ip->B], (int)r[ip->C]); ip++; continue;
                case Op.I64Rotr: r[ip->A] = BitOperations.RotateRight(r[ip->B], (int)r[ip->C]); ip++; continue;
                case Op.I32DivS:
                {
                    int x = (int)r[ip->B], y = (int)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    if (x == int.MinValue && y == -1) { trap = TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = (uint)(x / y); ip++; continue;
                }
                case Op.I32DivU:
                {
                    uint x = (uint)r[ip->B], y = (uint)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = x / y; ip++; continue;
                }
                case Op.I32RemS:
                {
                    int x = (int)r[ip->B], y = (int)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = y == -1 ? 0 : (uint)(x % y); ip++; continue;
                }
                case Op.I32RemU:
                {
                    uint x = (uint)r[ip->B], y = (uint)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = x % y; ip++; continue;
                }
                case Op.I64DivS:
                {
                    long x = (long)r[ip->B], y = (long)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    if (x == long.MinValue && y == -1) { trap = TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = (ulong)(x / y); ip++; continue;
                }
                case Op.I64DivU:
                {
                    ulong x = (ulong)r[ip->B], y = (ulong)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = x / y; ip++; continue;
                }
                case Op.I64RemS:
                {
                    long x = (long)r[ip->B], y = (long)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = y == -1 ? 0 : (ulong)(x % y); ip++; continue;
                }
                case Op.I64RemU:
                {
                    ulong x = (ulong)r[ip->B], y = (ulong)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = x % y; ip++; continue;
                }
                case Op.I32AddImm: r[ip->A] = (uint)r[ip->B] + (uint)ip->Imm; ip++; continue;
                case Op.I64AddImm: r[ip->A] = r[ip->B] + ip->Imm; ip++; continue;
                case Op.I32SubImm: r[ip->A] = (uint)r[ip->B] - (uint)ip->Imm; ip++; continue;
                case Op.I64SubImm: r[ip->A] = r[ip->B] - ip->Imm; ip++; continue;
                case Op.I32MulImm: r[ip->A] = (uint)r[ip->B] * (uint)ip->Imm; ip++; continue;
                case Op.I64MulImm: r[ip->A] = r[ip->B] * ip->Imm; ip++; continue;
                case Op.I32AndImm: r[ip->A] = (uint)(r[ip->B] & ip->Imm); ip++; continue;
                case Op.I64AndImm: r[ip->A] = r[ip->B] & ip->Imm; ip++; continue;
                case Op.I32OrImm: r[ip->A] = (uint)(r[ip->B] | ip->Imm); ip++; continue;
                case Op.I64OrImm: r[ip->A] = r[ip->B] | ip->Imm; ip++; continue;
                case Op.I32XorImm: r[ip->A] = (uint)(r[ip->B] ^ ip->Imm); ip++; continue;
                case Op.I64XorImm: r[ip->A] = r[ip->B] ^ ip->Imm; ip++; continue;
                case Op.I32ShlImm: r[ip->A] = (uint)r[ip->B] << (int)ip->Imm; ip++; continue;
                case Op.I64ShlImm: r[ip->A] = r[ip->B] << (int)ip->Imm; ip++; continue;
                case Op.I32ShrSImm: r[ip->A] = (uint)((int)r[ip->B] >> (int)ip->Imm); ip++; continue;
                case Op.I64ShrSImm: r[ip->A] = (ulong)((long)r[ip->B] >> (int)ip->Imm); ip++; continue;
                case Op.I32ShrUImm: r[ip->A] = (uint)r[ip->B] >> (int)ip->Imm; ip++; continue;
                case Op.I64ShrUImm: r[ip->A] = r[ip->B] >> (int)ip->Imm; ip++; continue;
                case Op.I32RotlImm: r[ip->A] = BitOperations.RotateLeft((uint)r[ip->B], (int)ip->Imm); ip++; continue;
                case Op.I64RotlImm: r[ip->A] = BitOperations.RotateLeft(r[ip->B], (int)ip->Imm); ip++; continue;
                case Op.I32RotrImm: r[ip->A] = BitOperations.RotateRight((uint)r[ip->B], (int)ip->Imm); ip++; continue;
                case Op.I64RotrImm: r[ip->A] = BitOperations.RotateRight(r[ip->B], (int)ip->Imm); ip++; continue;
                case Op.I32DivSImm:
                {
                    int x = (int)r[ip->B], y = (int)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    if (x == int.MinValue && y == -1) { trap = TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = (uint)(x / y); ip++; continue;
                }
                case Op.I32DivUImm:
                {
                    uint x = (uint)r[ip->B], y = (uint)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = x / y; ip++; continue;
                }
                case Op.I32RemSImm:
                {
                    int x = (int)r[ip->B], y = (int)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = y == -1 ? 0 : (uint)(x % y); ip++; continue;
                }
                case Op.I32RemSWrongSign:
                {
                    int x = (int)r[ip->B], y = (int)r[ip->C];
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = y == -1 ? 0 : (uint)-(x % y); ip++; continue;
                }
                case Op.I32RemSWrongSignImm:
                {
                    int x = (int)r[ip->B], y = (int)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = y == -1 ? 0 : (uint)-(x % y); ip++; continue;
                }
                case Op.I32RemUImm:
                {
                    uint x = (uint)r[ip->B], y = (uint)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = x % y; ip++; continue;
                }
                case Op.I64DivSImm:
                {
                    long x = (long)r[ip->B], y = (long)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    if (x == long.MinValue && y == -1) { trap = TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = (ulong)(x / y); ip++; continue;
                }
                case Op.I64DivUImm:
                {
                    ulong x = (ulong)r[ip->B], y = (ulong)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = x / y; ip++; continue;
                }
                case Op.I64RemSImm:
                {
                    long x = (long)r[ip->B], y = (long)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = y == -1 ? 0 : (ulong)(x % y); ip++; continue;
                }
                case Op.I64RemUImm:
                {
                    ulong x = (ulong)r[ip->B], y = (ulong)ip->Imm;
                    if (y == 0) { trap = TrapCode.IntegerDivisionByZero; goto Trap; }
                    r[ip->A] = x % y; ip++; continue;
                }
                case Op.I32Eqz: r[ip->A] = B((uint)r[ip->B] == 0); ip++; continue;
                case Op.I64Eqz: r[ip->A] = B(r[ip->B] == 0); ip++; continue;
                case Op.I32Clz: r[ip->A] = (ulong)BitOperations.LeadingZeroCount((uint)r[ip->B]); ip++; continue;
                case Op.I32Ctz: r[ip->A] = (ulong)BitOperations.TrailingZeroCount((uint)r[ip->B]); ip++; continue;
                case Op.I32Popcnt: r[ip->A] = (ulong)BitOperations.PopCount((uint)r[ip->B]); ip++; continue;
                case Op.I64Clz: r[ip->A] = (ulong)BitOperations.LeadingZeroCount(r[ip->B]); ip++; continue;
                case Op.I64Ctz: r[ip->A] = (ulong)BitOperations.TrailingZeroCount(r[ip->B]); ip++; continue;
                case Op.I64Popcnt: r[ip->A] = (ulong)BitOperations.PopCount(r[ip->B]); ip++; continue;
                case Op.I32WrapI64: r[ip->A] = (uint)r[ip->B]; ip++; continue;
                case Op.I64ExtendI32S: r[ip->A] = (ulong)(long)(int)r[ip->B]; ip++; continue;
                case Op.I64ExtendI32U: r[ip->A] = (uint)r[ip->B]; ip++; continue;
                case Op.I32Extend8S: r[ip->A] = (uint)(int)(sbyte)r[ip->B]; ip++; continue;
                case Op.I32Extend16S: r[ip->A] = (uint)(int)(short)r[ip->B]; ip++; continue;
                case Op.I64Extend8S: r[ip->A] = (ulong)(long)(sbyte)r[ip->B]; ip++; continue;
                case Op.I64Extend16S: r[ip->A] = (ulong)(long)(short)r[ip->B]; ip++; continue;
                case Op.I64Extend32S: r[ip->A] = (ulong)(long)(int)r[ip->B]; ip++; continue;
                case Op.RefIsNull: r[ip->A] = B(r[ip->B] == 0); ip++; continue;
                case Op.F32Abs: r[ip->A] = (uint)r[ip->B] & 0x7FFF_FFFFu; ip++; continue;
                case Op.F32Neg: r[ip->A] = (uint)r[ip->B] ^ 0x8000_0000u; ip++; continue;
                case Op.F64Abs: r[ip->A] = r[ip->B] & 0x7FFF_FFFF_FFFF_FFFFUL; ip++; continue;
                case Op.F64Neg: r[ip->A] = r[ip->B] ^ 0x8000_0000_0000_0000UL; ip++; continue;
                case Op.F32Ceil: r[ip->A] = Bits(MathF.Ceiling(F32(r[ip->B]))); ip++; continue;
                case Op.F32Floor: r[ip->A] = Bits(MathF.Floor(F32(r[ip->B]))); ip++; continue;
                case Op.F32Trunc: r[ip->A] = Bits(MathF.Truncate(F32(r[ip->B]))); ip++; continue;
                case Op.F32Nearest: r[ip->A] = Bits(MathF.Round(F32(r[ip->B]), MidpointRounding.ToEven)); ip++; continue;
                case Op.F32Sqrt: r[ip->A] = Bits(MathF.Sqrt(F32(r[ip->B]))); ip++; continue;
                case Op.F64Ceil: r[ip->A] = Bits(Math.Ceiling(F64(r[ip->B]))); ip++; continue;
                case Op.F64Floor: r[ip->A] = Bits(Math.Floor(F64(r[ip->B]))); ip++; continue;
                case Op.F64Trunc: r[ip->A] = Bits(Math.Truncate(F64(r[ip->B]))); ip++; continue;
                case Op.F64Nearest: r[ip->A] = Bits(Math.Round(F64(r[ip->B]), MidpointRounding.ToEven)); ip++; continue;
                case Op.F64Sqrt: r[ip->A] = Bits(Math.Sqrt(F64(r[ip->B]))); ip++; continue;
                case Op.I32TruncSatF32S: r[ip->A] = FloatOps.SatI32S(F32(r[ip->B])); ip++; continue;
                case Op.I32TruncSatF32U: r[ip->A] = FloatOps.SatI32U(F32(r[ip->B])); ip++; continue;
                case Op.I32TruncSatF64S: r[ip->A] = FloatOps.SatI32S(F64(r[ip->B])); ip++; continue;
                case Op.I32TruncSatF64U: r[ip->A] = FloatOps.SatI32U(F64(r[ip->B])); ip++; continue;
                case Op.I64TruncSatF32S: r[ip->A] = FloatOps.SatI64S(F32(r[ip->B])); ip++; continue;
                case Op.I64TruncSatF32U: r[ip->A] = FloatOps.SatI64U(F32(r[ip->B])); ip++; continue;
                case Op.I64TruncSatF64S: r[ip->A] = FloatOps.SatI64S(F64(r[ip->B])); ip++; continue;
                case Op.I64TruncSatF64U: r[ip->A] = FloatOps.SatI64U(F64(r[ip->B])); ip++; continue;
                case Op.F32ConvertI32S: r[ip->A] = Bits((float)(int)r[ip->B]); ip++; continue;
                case Op.F32ConvertI32U: r[ip->A] = Bits((float)(uint)r[ip->B]); ip++; continue;
                case Op.F32ConvertI64S: r[ip->A] = Bits((float)(long)r[ip->B]); ip++; continue;
                case Op.F32ConvertI64U: r[ip->A] = Bits((float)r[ip->B]); ip++; continue;
                case Op.F32DemoteF64: r[ip->A] = Bits((float)F64(r[ip->B])); ip++; continue;
                case Op.F64ConvertI32S: r[ip->A] = Bits((double)(int)r[ip->B]); ip++; continue;
                case Op.F64ConvertI32U: r[ip->A] = Bits((double)(uint)r[ip->B]); ip++; continue;
                case Op.F64ConvertI64S: r[ip->A] = Bits((double)(long)r[ip->B]); ip++; continue;
                case Op.F64ConvertI64U: r[ip->A] = Bits((double)r[ip->B]); ip++; continue;
                case Op.F64PromoteF32: r[ip->A] = Bits((double)F32(r[ip->B])); ip++; continue;
                case Op.F32Eq: r[ip->A] = B(F32(r[ip->B]) == F32(r[ip->C])); ip++; continue;
                case Op.F32Ne: r[ip->A] = B(F32(r[ip->B]) != F32(r[ip->C])); ip++; continue;
                case Op.F32Lt: r[ip->A] = B(F32(r[ip->B]) < F32(r[ip->C])); ip++; continue;
                case Op.F32Gt: r[ip->A] = B(F32(r[ip->B]) > F32(r[ip->C])); ip++; continue;
                case Op.F32Le: r[ip->A] = B(F32(r[ip->B]) <= F32(r[ip->C])); ip++; continue;
                case Op.F32Ge: r[ip->A] = B(F32(r[ip->B]) >= F32(r[ip->C])); ip++; continue;
                case Op.F32Add: r[ip->A] = Bits(F32(r[ip->B]) + F32(r[ip->C])); ip++; continue;
                case Op.F32Sub: r[ip->A] = Bits(F32(r[ip->B]) - F32(r[ip->C])); ip++; continue;
                case Op.F32Mul: r[ip->A] = Bits(F32(r[ip->B]) * F32(r[ip->C])); ip++; continue;
                case Op.F32Div: r[ip->A] = Bits(F32(r[ip->B]) / F32(r[ip->C])); ip++; continue;
                case Op.F32Min: r[ip->A] = Bits(FloatOps.Min(F32(r[ip->B]), F32(r[ip->C]))); ip++; continue;
                case Op.F32Max: r[ip->A] = Bits(FloatOps.Max(F32(r[ip->B]), F32(r[ip->C]))); ip++; continue;
                case Op.F64Eq: r[ip->A] = B(F64(r[ip->B]) == F64(r[ip->C])); ip++; continue;
                case Op.F64Ne: r[ip->A] = B(F64(r[ip->B]) != F64(r[ip->C])); ip++; continue;
                case Op.F64Lt: r[ip->A] = B(F64(r[ip->B]) < F64(r[ip->C])); ip++; continue;
                case Op.F64Gt: r[ip->A] = B(F64(r[ip->B]) > F64(r[ip->C])); ip++; continue;
                case Op.F64Le: r[ip->A] = B(F64(r[ip->B]) <= F64(r[ip->C])); ip++; continue;
                case Op.F64Ge: r[ip->A] = B(F64(r[ip->B]) >= F64(r[ip->C])); ip++; continue;
                case Op.F64Add: r[ip->A] = Bits(F64(r[ip->B]) + F64(r[ip->C])); ip++; continue;
                case Op.F64Sub: r[ip->A] = Bits(F64(r[ip->B]) - F64(r[ip->C])); ip++; continue;
                case Op.F64Mul: r[ip->A] = Bits(F64(r[ip->B]) * F64(r[ip->C])); ip++; continue;
                case Op.F64Div: r[ip->A] = Bits(F64(r[ip->B]) / F64(r[ip->C])); ip++; continue;
                case Op.F64Min: r[ip->A] = Bits(FloatOps.Min(F64(r[ip->B]), F64(r[ip->C]))); ip++; continue;
                case Op.F64Max: r[ip->A] = Bits(FloatOps.Max(F64(r[ip->B]), F64(r[ip->C]))); ip++; continue;
                case Op.F32Copysign: r[ip->A] = ((uint)r[ip->B] & 0x7FFF_FFFFu) | ((uint)r[ip->C] & 0x8000_0000u); ip++; continue;
                case Op.F64Copysign: r[ip->A] = (r[ip->B] & 0x7FFF_FFFF_FFFF_FFFFUL) | (r[ip->C] & 0x8000_0000_0000_0000UL); ip++; continue;
                case Op.I32TruncF32S:
                {
                    double d = F32(r[ip->B]);
                    if (!FloatOps.TryI32S(d, out uint v)) { trap = double.IsNaN(d) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I32TruncF32U:
                {
                    double d = F32(r[ip->B]);
                    if (!FloatOps.TryI32U(d, out uint v)) { trap = double.IsNaN(d) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I64TruncF32S:
                {
                    double d = F32(r[ip->B]);
                    if (!FloatOps.TryI64S(d, out ulong v)) { trap = double.IsNaN(d) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I64TruncF32U:
                {
                    double d = F32(r[ip->B]);
                    if (!FloatOps.TryI64U(d, out ulong v)) { trap = double.IsNaN(d) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I32TruncF64S:
                {
                    double d = F64(r[ip->B]);
                    if (!FloatOps.TryI32S(d, out uint v)) { trap = double.IsNaN(d) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I32TruncF64U:
                {
                    double d = F64(r[ip->B]);
                    if (!FloatOps.TryI32U(d, out uint v)) { trap = double.IsNaN(d) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I64TruncF64S:
                {
                    double d = F64(r[ip->B]);
                    if (!FloatOps.TryI64S(d, out ulong v)) { trap = double.IsNaN(d) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I64TruncF64U:
                {
                    double d = F64(r[ip->B]);
                    if (!FloatOps.TryI64U(d, out ulong v)) { trap = double.IsNaN(d) ? TrapCode.BadConversionToInteger : TrapCode.IntegerOverflow; goto Trap; }
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I32Load:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 4 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<uint>(ref At(mem, ea));
                    r[ip->A] = (ulong)v; ip++; continue;
                }
                case Op.I64Load:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 8 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<ulong>(ref At(mem, ea));
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I32Load8S:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 1 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<sbyte>(ref At(mem, ea));
                    r[ip->A] = (uint)(int)v; ip++; continue;
                }
                case Op.I32Load8U:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 1 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<byte>(ref At(mem, ea));
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I32Load16S:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 2 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<short>(ref At(mem, ea));
                    r[ip->A] = (uint)(int)v; ip++; continue;
                }
                case Op.I32Load16U:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 2 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<ushort>(ref At(mem, ea));
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I64Load8S:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 1 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<sbyte>(ref At(mem, ea));
                    r[ip->A] = (ulong)(long)v; ip++; continue;
                }
                case Op.I64Load8U:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 1 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<byte>(ref At(mem, ea));
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I64Load16S:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 2 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<short>(ref At(mem, ea));
                    r[ip->A] = (ulong)(long)v; ip++; continue;
                }
                case Op.I64Load16U:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 2 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<ushort>(ref At(mem, ea));
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I64Load32S:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 4 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<int>(ref At(mem, ea));
                    r[ip->A] = (ulong)(long)v; ip++; continue;
                }
                case Op.I64Load32U:
                {
                    ulong ea = (ulong)(uint)r[ip->B] + ip->Imm;
                    if (ea + 4 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    var v = Unsafe.ReadUnaligned<uint>(ref At(mem, ea));
                    r[ip->A] = v; ip++; continue;
                }
                case Op.I32Store:
                {
                    ulong ea = (ulong)(uint)r[ip->A] + ip->Imm;
                    if (ea + 4 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    Unsafe.WriteUnaligned(ref At(mem, ea), (uint)r[ip->B]); ip++; continue;
                }
                case Op.I64Store:
                {
                    ulong ea = (ulong)(uint)r[ip->A] + ip->Imm;
                    if (ea + 8 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    Unsafe.WriteUnaligned(ref At(mem, ea), (ulong)r[ip->B]); ip++; continue;
                }
                case Op.I32Store8:
                {
                    ulong ea = (ulong)(uint)r[ip->A] + ip->Imm;
                    if (ea + 1 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    Unsafe.WriteUnaligned(ref At(mem, ea), (byte)r[ip->B]); ip++; continue;
                }
                case Op.I32Store16:
                {
                    ulong ea = (ulong)(uint)r[ip->A] + ip->Imm;
                    if (ea + 2 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    Unsafe.WriteUnaligned(ref At(mem, ea), (ushort)r[ip->B]); ip++; continue;
                }
                case Op.I64Store8:
                {
                    ulong ea = (ulong)(uint)r[ip->A] + ip->Imm;
                    if (ea + 1 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    Unsafe.WriteUnaligned(ref At(mem, ea), (byte)r[ip->B]); ip++; continue;
                }
                case Op.I64Store16:
                {
                    ulong ea = (ulong)(uint)r[ip->A] + ip->Imm;
                    if (ea + 2 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    Unsafe.WriteUnaligned(ref At(mem, ea), (ushort)r[ip->B]); ip++; continue;
                }
                case Op.I64Store32:
                {
                    ulong ea = (ulong)(uint)r[ip->A] + ip->Imm;
                    if (ea + 4 > (ulong)mem.Length) { trap = TrapCode.MemoryOutOfBounds; goto Trap; }
                    Unsafe.WriteUnaligned(ref At(mem, ea), (uint)r[ip->B]); ip++; continue;
                }
                default: ThrowBadOpcode(ip->Op); return;
            }
        }
    Trap:
        _store.RemainingFuel = fuel;
        ThrowTrap(trap);
        return;
    }
}
