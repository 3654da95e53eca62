using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Replay.Engine.Register.Ir;
using Replay.Engine.Register.Runtime;
using Replay.Engine.Register.Translation;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Engine.Register.Execution;

/// <summary>The executor's rare paths, kept out of the interpreter loop so it stays small.</summary>
internal sealed unsafe partial class Executor
{
    /// <summary>Returned by the cold helpers when nothing trapped.</summary>
    private const TrapCode NoTrap = (TrapCode)byte.MaxValue;

    private Func<ulong, bool>? _charge;

    /// <summary>Compiles a function on its first call, charging the compilation fuel in the lazy modes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private CompiledFunc CompileOnCall(FuncEntry entry)
    {
        var charge = _meter ? (_charge ??= _store.TryChargeCompilation) : null;
        return entry.Compile(charge);
    }

    /// <summary>call_indirect's lookup (the store's, shared by both engines); null with the trap when it fails.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private IFunction? ResolveIndirect(Instance instance, Instr* ip, ulong* r, out TrapCode trap) =>
        _store.ResolveIndirect(instance.Tables[ip->C], (uint)r[ip->B], instance.SignatureIdOfType((int)ip->Imm), out trap);

    /// <summary>
    /// Calls a host function through the shared <see cref="HostCall"/> boundary, with arguments
    /// from, and results to, the registers from <paramref name="offset"/>; returns the fuel to
    /// resume with.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong CallHost(IFunction callee, Instance instance, int offset, ulong fuel)
    {
        var type = callee.Type;
        int n = Math.Max(type.ParamCount, type.ResultCount);
        // Registers beyond the arguments stay free for the host if it calls back into Wasm.
        _top += n;
        return HostCall.FromWasm(_store, callee, instance.Caller, new RegisterCells(this, offset, n), fuel);
    }

    /// <summary>
    /// A host call's registers. Located from the stack's base after the call too: a host
    /// function that calls back into Wasm may have grown (moved) the register stack.
    /// </summary>
    private readonly struct RegisterCells(Executor executor, int offset, int count) : IHostCallCells
    {
        public Span<ulong> Get() => new(executor._base + offset, count);
    }

    /// <summary>
    /// Memory growth, bulk memory and table operators. Bulk operators first check that fuel
    /// covers their per-byte (per 64) or per-element (per 8) price, run, and charge only if they
    /// succeeded, as Wasmi 0.32+ does.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private TrapCode ExecuteEntityOp(Instance instance, Instr* ip, ulong* r)
    {
        IGrowthFuel? growthFuel = _meter ? _store : null;
        int low = (int)(uint)ip->Imm;
        int high = (int)(ip->Imm >> 32);
        switch (ip->Op)
        {
            case Op.MemoryGrow:
                r[ip->A] = (uint)(int)instance.Memories[0].Grow((uint)r[ip->B], growthFuel);
                return NoTrap;
            case Op.MemoryCopy:
            {
                uint n = (uint)r[ip->C];
                if (!CanPay(n / 64UL)) return TrapCode.OutOfFuel;
                instance.Memories[0].Copy((uint)r[ip->A], (uint)r[ip->B], n);
                Pay(n / 64UL);
                return NoTrap;
            }
            case Op.MemoryFill:
            {
                uint n = (uint)r[ip->C];
                if (!CanPay(n / 64UL)) return TrapCode.OutOfFuel;
                instance.Memories[0].Fill((uint)r[ip->A], (byte)r[ip->B], n);
                Pay(n / 64UL);
                return NoTrap;
            }
            case Op.MemoryInit:
            {
                uint n = (uint)r[ip->C];
                if (!CanPay(n / 64UL)) return TrapCode.OutOfFuel;
                instance.Memories[0].Init((uint)r[ip->A], instance.DataSegments[low].Span, (uint)r[ip->B], n);
                Pay(n / 64UL);
                return NoTrap;
            }
            case Op.DataDrop:
                instance.DropDataSegment((uint)low);
                return NoTrap;
            case Op.TableGet:
                r[ip->A] = instance.Tables[low].GetBits((uint)r[ip->B]);
                return NoTrap;
            case Op.TableSet:
                instance.Tables[low].SetBits((uint)r[ip->A], r[ip->B]);
                return NoTrap;
            case Op.TableSize:
                r[ip->A] = instance.Tables[low].Size;
                return NoTrap;
            case Op.TableGrow:
                r[ip->A] = (uint)(int)instance.Tables[low].Grow((uint)r[ip->C], r[ip->B], growthFuel);
                return NoTrap;
            case Op.TableFill:
            {
                uint n = (uint)r[ip->C];
                if (!CanPay(n / FuncBuilder.CopiesPerFuel)) return TrapCode.OutOfFuel;
                instance.Tables[low].Fill((uint)r[ip->A], r[ip->B], n);
                Pay(n / FuncBuilder.CopiesPerFuel);
                return NoTrap;
            }
            case Op.TableCopy:
            {
                uint n = (uint)r[ip->C];
                if (!CanPay(n / FuncBuilder.CopiesPerFuel)) return TrapCode.OutOfFuel;
                Table.Copy(instance.Tables[low], (uint)r[ip->A], instance.Tables[high], (uint)r[ip->B], n);
                Pay(n / FuncBuilder.CopiesPerFuel);
                return NoTrap;
            }
            case Op.TableInit:
            {
                uint n = (uint)r[ip->C];
                if (!CanPay(n / FuncBuilder.CopiesPerFuel)) return TrapCode.OutOfFuel;
                instance.Tables[high].Init((uint)r[ip->A], instance.ElementSegments[low], (uint)r[ip->B], n);
                Pay(n / FuncBuilder.CopiesPerFuel);
                return NoTrap;
            }
            case Op.ElemDrop:
                instance.DropElementSegment((uint)low);
                return NoTrap;
            default:
                ThrowBadOpcode(ip->Op);
                return NoTrap;
        }
    }

    private bool CanPay(ulong price) => !_meter || _store.RemainingFuel >= price;

    private void Pay(ulong price)
    {
        if (_meter)
            _store.RemainingFuel -= price;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTrap(TrapCode code) => throw new TrapException(code);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadOpcode(Op op) => throw new InvalidOperationException($"register engine: no handler for {op} (translator bug)");
}
