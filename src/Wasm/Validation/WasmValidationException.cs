using Replay.Wasm.Binary;

namespace Replay.Wasm.Validation;

/// <summary>The module is well-formed but breaks a validation rule (the spec's "invalid").</summary>
public sealed class WasmValidationException : WasmFrontEndException
{
    public WasmValidationException(string rule, long offset, int functionIndex = -1, string? detail = null)
        : base(rule, detail, offset, functionIndex)
    {
    }
}
