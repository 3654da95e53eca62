using System.Runtime.InteropServices;

namespace Replay.Engine.Register.Ir;

/// <summary>
/// One register-machine instruction: an opcode, three 16-bit register operands and one
/// 64-bit immediate, decoded to fixed widths at translation so the executor never parses.
/// Registers index the current frame (parameters, then locals, then temporaries). What the
/// fields mean depends on <see cref="Op"/>; <see cref="Op"/>'s documentation gives each layout.
/// 16 bytes, so four instructions share a cache line (a test pins the size).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
internal struct Instr
{
    public Op Op;
    public ushort A;
    public ushort B;
    public ushort C;
    public ulong Imm;

    public Instr(Op op, ushort a = 0, ushort b = 0, ushort c = 0, ulong imm = 0)
    {
        Op = op;
        A = a;
        B = b;
        C = c;
        Imm = imm;
    }

    /// <summary>Branch offset (target minus this instruction's index) kept in the low half of <see cref="Imm"/>.</summary>
    public readonly int Offset => (int)(uint)Imm;

    /// <summary>The 32-bit operand a fused compare-and-branch keeps in the high half of <see cref="Imm"/>.</summary>
    public readonly int HighImm => (int)(Imm >> 32);

    public override readonly string ToString() => $"{Op} {A} {B} {C} #{Imm}";
}
