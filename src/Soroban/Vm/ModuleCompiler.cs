using Replay.Wasm.Runtime;

namespace Replay.Soroban.Vm;

/// <summary>
/// Compiles <paramref name="wasm"/> on <paramref name="engine"/>. The host compiles through one
/// when the invoker supplies it (which may reuse compiled modules across invocations, keyed by
/// the Wasm and the engine's mode), else with <see cref="IEngine.Compile"/> each time.
/// </summary>
public delegate ICompiledModule ModuleCompiler(IEngine engine, ReadOnlyMemory<byte> wasm);
