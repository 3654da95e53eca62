namespace Replay.Soroban.Values;

/// <summary>
/// Symbols of up to 9 characters from [_0-9A-Za-z] packed 6 bits each into a Val body
/// (fact: soroban-env-common/src/symbol.rs: '_' = 1, digits 2.., 'A'.. = 12, 'a'.. = 38).
/// </summary>
public static class SymbolSmall
{
    public const int MaxChars = 9;
    /// <summary>The longest symbol object (SCSYMBOL_LIMIT in the XDR).</summary>
    public const int MaxSymbolLength = 32;
    private const int CodeBits = 6;
    private const ulong SmallMask = (1UL << (MaxChars * CodeBits)) - 1;

    /// <summary>The 6-bit code of a symbol character, or -1 when the byte is not allowed.</summary>
    public static int Encode(byte b) => b switch
    {
        (byte)'_' => 1,
        >= (byte)'0' and <= (byte)'9' => 2 + (b - '0'),
        >= (byte)'A' and <= (byte)'Z' => 12 + (b - 'A'),
        >= (byte)'a' and <= (byte)'z' => 38 + (b - 'a'),
        _ => -1,
    };

    public static bool IsValidChar(byte b) => Encode(b) >= 0;

    /// <summary>Packs bytes into a small symbol, or returns false (too long or a bad character).</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out Val val)
    {
        val = default;
        if (bytes.Length > MaxChars)
            return false;
        ulong accum = 0;
        foreach (var b in bytes)
        {
            var code = Encode(b);
            if (code < 0)
                return false;
            accum = (accum << CodeBits) | (uint)code;
        }
        val = Val.FromBodyAndTag(accum, Tag.SymbolSmall);
        return true;
    }

    /// <summary>A small symbol's body is valid when only its low 54 bits are used.</summary>
    /// <summary>A small symbol from an ASCII name the host itself uses ("fn_call", "error"...): at most 9 valid characters.</summary>
    public static Val FromString(string name) =>
        TryFromBytes(System.Text.Encoding.ASCII.GetBytes(name), out var v)
            ? v
            : throw new ArgumentException($"'{name}' is not a small symbol", nameof(name));

    public static bool IsValidBody(ulong body) => (body & SmallMask) == body;

    /// <summary>The characters of a small symbol, in order.</summary>
    public static byte[] Decode(Val v)
    {
        var body = v.Body;
        Span<byte> buf = stackalloc byte[MaxChars];
        var n = 0;
        for (var shift = (MaxChars - 1) * CodeBits; shift >= 0; shift -= CodeBits)
        {
            var code = (int)((body >> shift) & 0x3f);
            if (code == 0)
                continue;
            buf[n++] = code switch
            {
                1 => (byte)'_',
                < 12 => (byte)('0' + code - 2),
                < 38 => (byte)('A' + code - 12),
                _ => (byte)('a' + code - 38),
            };
        }
        return buf[..n].ToArray();
    }
}
