namespace Replay.Soroban.Budget;

/// <summary>
/// Byte sizes the reference host declares for its in-memory types when metering allocations
/// and copies (fact: soroban-env-host/src/host/declared_size.rs). Only sizes our host charges
/// with are listed; each is the input unit of MemAlloc / MemCpy charges.
/// </summary>
public static class DeclaredSize
{
    public const ulong U8 = 1;
    public const ulong U32 = 4;
    public const ulong U64 = 8;
    public const ulong U128 = 16;
    /// <summary>A Val and every Val wrapper (objects, U32Val, Symbol...).</summary>
    public const ulong Val = 8;
    /// <summary>U256 / I256.</summary>
    public const ulong U256 = 32;
    /// <summary>A HostObject table entry.</summary>
    public const ulong HostObject = 48;
    /// <summary>A Rust Vec header (also ScBytes / ScString / ScSymbol / BytesM / StringM / MeteredVector / MeteredOrdMap).</summary>
    public const ulong Vec = 24;
    /// <summary>A (K, V) pair: K + V + 8; a map entry (Val, Val) is 24.</summary>
    public const ulong ValPair = Val + Val + 8;
    /// <summary>ScVal.</summary>
    public const ulong ScVal = 64;
    /// <summary>ScMapEntry.</summary>
    public const ulong ScMapEntry = 128;
    /// <summary>ScAddress.</summary>
    public const ulong ScAddress = 33;
    /// <summary>A Context frame.</summary>
    public const ulong Context = 512;
    /// <summary>SymbolStr (SCSYMBOL_LIMIT bytes).</summary>
    public const ulong SymbolStr = 32;
    /// <summary>TimePoint / Duration.</summary>
    public const ulong TimePoint = 8;
    /// <summary>Hash / Uint256.</summary>
    public const ulong Hash = 32;
}
