namespace Replay.Wasm.Binary;

/// <summary>The module's bytes do not follow the binary format (the spec's "malformed").</summary>
public sealed class WasmDecodeException : WasmFrontEndException
{
    public WasmDecodeException(string rule, long offset, int functionIndex = -1, string? detail = null)
        : base(rule, detail, offset, functionIndex)
    {
    }
}
