namespace Replay.Stellar.Xdr;

/// <summary>Bounds that keep hostile input from exhausting the stack or memory.</summary>
public static class XdrLimits
{
    /// <summary>
    /// Maximum nesting of structs and unions. Real ledgers nest a few dozen levels; anything
    /// deeper is an ScVal (or similar) recursion bomb and is refused before it overflows the stack.
    /// </summary>
    public const int DefaultMaxDepth = 500;

    /// <summary>No bound on the memory a decoding may allocate (see <see cref="XdrReader(ReadOnlySpan{byte}, int, long)"/>).</summary>
    public const long Unlimited = long.MaxValue;

    /// <summary>Largest length the protocol can express (2^32 - 1); used where XDR declares no bound.</summary>
    public const uint Unbounded = uint.MaxValue;
}
