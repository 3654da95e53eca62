using Replay.Wasm.Types;

namespace Replay.Engine.Register.Translation;

/// <summary>Where a value on the translator's operand stack lives.</summary>
internal enum OperandKind : byte
{
    /// <summary>Still in its local's register (local.get emits nothing).</summary>
    Local,

    /// <summary>In the temporary register of its stack position.</summary>
    Temp,

    /// <summary>A constant not yet in any register (constants emit nothing until used).</summary>
    Const,
}

/// <summary>
/// One entry of the translation-time operand stack. Register allocation is positional: the
/// value at stack height h, when it needs a register, lives in register <c>localCount + h</c>.
/// That makes block results, branch values and call arguments land where the next consumer
/// expects them without a separate allocator.
/// </summary>
internal readonly record struct Operand(OperandKind Kind, ValType Type, ushort Register, ulong Bits)
{
    public static Operand Local(ValType type, ushort local) => new(OperandKind.Local, type, local, 0);

    public static Operand Temp(ValType type, ushort register) => new(OperandKind.Temp, type, register, 0);

    /// <summary>
    /// A copy of a local's old value made by preservation. <paramref name="group"/> (non-zero) names
    /// the preservation: Wasmi gives all stack entries of one preserved local one register of its
    /// preservation space, so fuel counts groups, not entries.
    /// </summary>
    public static Operand Preserved(ValType type, ushort register, ulong group) => new(OperandKind.Temp, type, register, group);

    public static Operand Const(ValType type, ulong bits) => new(OperandKind.Const, type, 0, bits);

    public bool IsConst => Kind == OperandKind.Const;

    private const ulong PendingFlag = 1UL << 63;

    /// <summary>
    /// A local's value we copied at a loop's entry, which Wasmi still reads from the local (it
    /// preserves nothing at loop entry): the local is kept to charge Wasmi's later preservation.
    /// </summary>
    public static Operand LoopPending(ValType type, ushort register, ushort local) => new(OperandKind.Temp, type, register, PendingFlag | local);

    /// <summary>See <see cref="LoopPending"/>.</summary>
    public bool IsLoopPending => Kind == OperandKind.Temp && (Bits & PendingFlag) != 0;

    /// <summary>The local a <see cref="LoopPending"/> entry was copied from.</summary>
    public ushort PendingLocal => (ushort)Bits;

    /// <summary>An instruction's result: what Wasmi keeps in a register of its dynamic space.</summary>
    public bool IsDynamic => Kind == OperandKind.Temp && Bits == 0;

    /// <summary>A preserved local value (see <see cref="Preserved"/>).</summary>
    public bool IsPreserved => Kind == OperandKind.Temp && Bits != 0;
}
