using System.Runtime.InteropServices;

namespace Replay.Engine.Stack.Bytecode;

/// <summary>
/// One instruction: an operation and two fixed-width immediates, 16 bytes. Every immediate is
/// decoded to these widths at translation, so the executor never parses anything.
/// </summary>
/// <remarks>A: a 32-bit operand (local depth, branch target, index, memory offset). B: a 64-bit operand (constant bits, fuel, drop/keep, second index).</remarks>
[StructLayout(LayoutKind.Sequential, Pack = 8)]
internal struct Instr
{
    public Op Op;
    public int A;
    public long B;

    public Instr(Op op, int a = 0, long b = 0)
    {
        Op = op;
        A = a;
        B = b;
    }

    public override readonly string ToString() => $"{Op} {A} {B}";
}
