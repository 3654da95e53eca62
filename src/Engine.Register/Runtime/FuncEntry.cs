using Replay.Engine.Register.Translation;
using Replay.Wasm.Binary;
using Replay.Wasm.Runtime;

namespace Replay.Engine.Register.Runtime;

/// <summary>
/// One defined function's slot in a compiled module's code map (wasmi's code map entry):
/// uncompiled, compiled, or failed. Compilation happens at most once: callers racing on a
/// cold function serialise on the entry's lock, and the loser finds the result (or the
/// failure) the winner stored. Failures are sticky: every call rethrows an equal error.
/// </summary>
internal sealed class FuncEntry(RegisterModule module, int functionIndex)
{
    // Created on the first compilation attempt: most functions of a lazily compiled module
    // are never called, and a module may have thousands.
    private Lock? _gate;
    private CompiledFunc? _compiled;
    private Exception? _failure;

    public int FunctionIndex { get; } = functionIndex;

    /// <summary>The compiled code, or null while the function has not been compiled.</summary>
    public CompiledFunc? Compiled => Volatile.Read(ref _compiled);

    /// <summary>Installs eagerly compiled code.</summary>
    public void Set(CompiledFunc compiled) => Volatile.Write(ref _compiled, compiled);

    /// <summary>
    /// Compiles on first call. <paramref name="charge"/> is asked first for the compilation
    /// fuel (the body's bytes times the mode's factor, as Wasmi does before it translates); when it
    /// refuses, nothing is compiled and the call traps out of fuel.
    /// </summary>
    public CompiledFunc Compile(Func<ulong, bool>? charge)
    {
        var gate = Volatile.Read(ref _gate) ?? Interlocked.CompareExchange(ref _gate, new Lock(), null) ?? _gate;
        lock (gate)
        {
            if (_compiled is { } done)
                return done;
            if (_failure is not null)
                throw new FunctionCompilationException((uint)FunctionIndex, _failure);
            if (charge is not null && !charge(module.CompilationFuel(FunctionIndex)))
                throw new TrapException(TrapCode.OutOfFuel);
            try
            {
                var compiled = module.Translate(FunctionIndex, validate: module.Mode == CompilationMode.Lazy);
                Volatile.Write(ref _compiled, compiled);
                return compiled;
            }
            catch (Exception e) when (e is WasmFrontEndException or RegisterLimitException)
            {
                _failure = e;
                throw new FunctionCompilationException((uint)FunctionIndex, e);
            }
        }
    }
}
