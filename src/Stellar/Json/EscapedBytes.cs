using System.Text;

namespace Replay.Stellar.Json;

/// <summary>
/// The text form the Stellar CLI gives XDR strings and asset codes, which may hold any bytes:
/// printable ASCII as is, backslash doubled, \0 \t \n \r, and every other byte as \xNN.
/// </summary>
public static class EscapedBytes
{
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'\\': sb.Append(@"\\"); break;
                case 0: sb.Append(@"\0"); break;
                case (byte)'\t': sb.Append(@"\t"); break;
                case (byte)'\n': sb.Append(@"\n"); break;
                case (byte)'\r': sb.Append(@"\r"); break;
                case >= 0x20 and <= 0x7E: sb.Append((char)b); break;
                default:
                    sb.Append(@"\x").Append(Convert.ToHexStringLower([b]));
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Reverses <see cref="Escape"/>; characters outside ASCII stand for their UTF-8 bytes.</summary>
    public static byte[] Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\')
            {
                if (c < 0x80)
                {
                    output.Add((byte)c);
                    continue;
                }
                var rune = Rune.GetRuneAt(text, i);
                var n = rune.EncodeToUtf8(utf8);
                for (var k = 0; k < n; k++)
                    output.Add(utf8[k]);
                i += rune.Utf16SequenceLength - 1;
                continue;
            }
            if (i + 1 >= text.Length)
                throw new XdrJsonException("string ends with a lone backslash");
            var e = text[++i];
            switch (e)
            {
                case '\\': output.Add((byte)'\\'); break;
                case '0': output.Add(0); break;
                case 't': output.Add((byte)'\t'); break;
                case 'n': output.Add((byte)'\n'); break;
                case 'r': output.Add((byte)'\r'); break;
                case 'x' when i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]):
                    output.Add(Convert.FromHexString(text.AsSpan(i + 1, 2))[0]);
                    i += 2;
                    break;
                default:
                    throw new XdrJsonException($"invalid escape '\\{e}' in string");
            }
        }
        return [.. output];
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
