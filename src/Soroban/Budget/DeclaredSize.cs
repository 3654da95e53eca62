namespace Replay.Soroban.Budget;

/// <summary>
/// Byte sizes the reference host declares for its in-memory types when metering allocations
/// and copies (fact: soroban-env-host/src/host/declared_size.rs at each linked commit). Only sizes
/// our host charges with are listed; each is the input unit of MemAlloc / MemCpy charges. Sizes
/// that changed between host versions are functions of the ledger protocol.
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
    /// <summary>A HostObject table entry: 48 bytes in hosts v21-v22, 64 from v23 (protocol 23) on.</summary>
    public static ulong HostObject(int protocol) => protocol <= 22 ? 48UL : 64UL;
    /// <summary>A Rust Vec header (also ScBytes / ScString / ScSymbol / BytesM / StringM / MeteredVector / MeteredOrdMap).</summary>
    public const ulong Vec = 24;
    /// <summary>A (K, V) pair: K + V + 8; a map entry (Val, Val) is 24.</summary>
    public const ulong ValPair = Val + Val + 8;
    /// <summary>ScVal.</summary>
    public const ulong ScVal = 64;
    /// <summary>ScMapEntry.</summary>
    public const ulong ScMapEntry = 128;
    /// <summary>ScAddress (and the muxed address object's payload): 33 bytes up to v22, 48 from v23 on.</summary>
    public static ulong ScAddress(int protocol) => protocol <= 22 ? 33UL : 48UL;
    /// <summary>ScNonceKey.</summary>
    public const ulong ScNonceKey = 33;
    /// <summary>A Context frame.</summary>
    public const ulong Context = 512;
    /// <summary>SymbolStr (SCSYMBOL_LIMIT bytes).</summary>
    public const ulong SymbolStr = 32;
    /// <summary>TimePoint / Duration.</summary>
    public const ulong TimePoint = 8;
    /// <summary>Hash / Uint256.</summary>
    public const ulong Hash = 32;
}
