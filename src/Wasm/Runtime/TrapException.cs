namespace Replay.Wasm.Runtime;

/// <summary>
/// A WebAssembly trap. Thrown out of a call (never caught inside an interpreter loop):
/// the engine has already written its state back, so the store stays usable.
/// </summary>
public sealed class TrapException : Exception
{
    public TrapException(TrapCode code) : base(code.SpecMessage()) => Code = code;

    public TrapException(TrapCode code, string detail) : base($"{code.SpecMessage()}: {detail}") => Code = code;

    public TrapCode Code { get; }
}
