using Replay.Engine.Stack.Bytecode;
using Replay.Wasm.Modules;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Stack.Runtime;

/// <summary>A module translated for the stack engine: one code array for all bodies, one header per function.</summary>
internal sealed class StackModule(WasmModule module, Instr[] code, FuncHeader[] headers, StackEngine engine) : ICompiledModule
{
    public WasmModule Module { get; } = module;

    /// <summary>Every defined function's instructions, back to back.</summary>
    public Instr[] Code { get; } = code;

    /// <summary>Indexed by function index; entries of imported functions are unused.</summary>
    public FuncHeader[] Headers { get; } = headers;

    public StackEngine Engine { get; } = engine;
}
