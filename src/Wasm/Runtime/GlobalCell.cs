using Replay.Wasm.Types;

namespace Replay.Wasm.Runtime;

/// <summary>A global variable. Interpreters read and write <see cref="Bits"/> directly.</summary>
public sealed class GlobalCell(GlobalType type, ulong bits) : IGlobal
{
    /// <summary>The value's bit pattern (floats as raw bits, references as handles).</summary>
    public ulong Bits = bits;

    public ExternKind Kind => ExternKind.Global;

    public GlobalType Type { get; } = type;

    public Value Value
    {
        get => new(Type.ValueType, Bits);
        set
        {
            if (!Type.Mutable)
                throw new InvalidOperationException("global is immutable");
            if (value.Type != Type.ValueType)
                throw new ArgumentException($"a {Type.ValueType.Name()} global cannot hold a {value.Type.Name()}", nameof(value));
            Bits = value.Bits;
        }
    }
}
