using Replay.Engine.Register.Ir;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Execution;

/// <summary>
/// A suspended caller on the executor's explicit frame stack: where to resume, its register
/// base and its instance. Wasm calls never recurse on the .NET stack.
/// </summary>
internal unsafe struct Frame(Instr* returnIp, int bp, Instance instance)
{
    public Instr* ReturnIp = returnIp;
    public int Bp = bp;
    public Instance Instance = instance;
}
