using Replay.Wasm.Runtime;

namespace Replay.Wasm.SpecTest;

/// <summary>
/// An argument of an invoke action: a concrete <see cref="Value"/>, or a value of a type no engine
/// implements (v128), named by <see cref="UnsupportedType"/> so the command is skipped, not failed.
/// </summary>
public readonly record struct SpecArgument(Value Value, string? UnsupportedType = null)
{
    public bool IsSupported => UnsupportedType is null;

    public override string ToString() => UnsupportedType ?? Value.ToString();
}
