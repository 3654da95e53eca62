using System.Buffers.Binary;
using Replay.Stellar.Json;

namespace Replay.Stellar.Domain;

/// <summary>The kinds of strkey SEP-23 defines; the value is the version byte (kind << 3), which fixes the first letter.</summary>
public enum StrKeyKind : byte
{
    /// <summary>B: claimable balance (type byte + 32-byte hash).</summary>
    ClaimableBalance = 1 << 3,

    /// <summary>C: contract id.</summary>
    Contract = 2 << 3,

    /// <summary>G: ed25519 public key (account).</summary>
    AccountId = 6 << 3,

    /// <summary>L: liquidity pool id.</summary>
    LiquidityPool = 11 << 3,

    /// <summary>M: muxed account (key + 64-bit id).</summary>
    MuxedAccount = 12 << 3,

    /// <summary>P: signed payload signer (key + length-prefixed payload of up to 64 bytes).</summary>
    SignedPayload = 15 << 3,

    /// <summary>S: ed25519 secret seed.</summary>
    Seed = 18 << 3,

    /// <summary>T: pre-authorized transaction hash.</summary>
    PreAuthTx = 19 << 3,

    /// <summary>X: sha256 hash signer.</summary>
    Sha256Hash = 23 << 3,
}

/// <summary>
/// SEP-23 strkeys: base32 (RFC 4648, no padding) of version byte, payload and CRC-16/XModem
/// (little-endian). Decoding is strict: canonical base32 only, checksum and payload length checked.
/// </summary>
public static class StrKey
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Characters in the longest strkey there is (a signed payload with 64 payload bytes).</summary>
    public const int MaxLength = 165;

    /// <summary>
    /// Encodes a payload of the kind's shape. A signed payload may be empty here (XDR allows it, and
    /// the Stellar CLI prints such signers this way) although <see cref="Decode(string)"/> refuses it.
    /// </summary>
    public static string Encode(StrKeyKind kind, ReadOnlySpan<byte> payload)
    {
        if (!IsValidPayloadLength(kind, payload, allowEmptySignedPayload: true))
            throw new ArgumentException($"a {kind} strkey cannot hold {payload.Length} bytes", nameof(payload));
        var raw = new byte[1 + payload.Length + 2];
        raw[0] = (byte)kind;
        payload.CopyTo(raw.AsSpan(1));
        BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(1 + payload.Length), Crc16XModem.Compute(raw.AsSpan(0, 1 + payload.Length)));
        return ToBase32(raw);
    }

    /// <summary>Decodes a strkey of the expected kind; FormatException explains what is wrong.</summary>
    public static byte[] Decode(StrKeyKind expected, string text)
    {
        var (kind, payload) = Decode(text);
        if (kind != expected)
            throw new FormatException($"strkey '{TextPreview.Shorten(text)}' is a {kind}, expected a {expected}");
        return payload;
    }

    public static (StrKeyKind Kind, byte[] Payload) Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = TextPreview.Shorten(text);
        // The longest strkey (a signed payload: 1 + 32 + 4 + 64 + 2 bytes) has 165 characters.
        if (text.Length > MaxLength)
            throw new FormatException($"'{shown}' is too long for a strkey ({text.Length} characters, at most {MaxLength})");
        var raw = FromBase32(text) ?? throw new FormatException($"'{shown}' is not canonical base32");
        if (raw.Length < 3)
            throw new FormatException($"strkey '{shown}' is too short");
        var kind = (StrKeyKind)raw[0];
        if (!Enum.IsDefined(kind))
            throw new FormatException($"strkey '{shown}' has unknown version byte {raw[0]}");
        var body = raw.AsSpan(0, raw.Length - 2);
        var crc = BinaryPrimitives.ReadUInt16LittleEndian(raw.AsSpan(raw.Length - 2));
        if (crc != Crc16XModem.Compute(body))
            throw new FormatException($"strkey '{shown}' has a bad checksum");
        var payload = body[1..].ToArray();
        if (!IsValidPayloadLength(kind, payload, allowEmptySignedPayload: false))
            throw new FormatException($"strkey '{shown}' has a {payload.Length}-byte payload, invalid for a {kind}");
        return (kind, payload);
    }

    private static bool IsValidPayloadLength(StrKeyKind kind, ReadOnlySpan<byte> payload, bool allowEmptySignedPayload) => kind switch
    {
        StrKeyKind.MuxedAccount => payload.Length == 40,
        StrKeyKind.ClaimableBalance => payload.Length == 33 && payload[0] == 0,
        StrKeyKind.SignedPayload => IsValidSignedPayload(payload, allowEmptySignedPayload),
        _ => payload.Length == 32,
    };

    // key(32) + uint32 length (1..64, or 0 when allowed) + payload zero-padded to a multiple of 4, as XDR would encode it.
    private static bool IsValidSignedPayload(ReadOnlySpan<byte> p, bool allowEmpty)
    {
        if (p.Length < 36)
            return false;
        var inner = BinaryPrimitives.ReadUInt32BigEndian(p[32..]);
        if (inner > 64 || (inner == 0 && !allowEmpty))
            return false;
        var padded = (int)((inner + 3) & ~3u);
        if (p.Length != 36 + padded)
            return false;
        return !p[(36 + (int)inner)..].ContainsAnyExcept((byte)0);
    }

    private static string ToBase32(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, o = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[o++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        if (bits > 0)
            chars[o++] = Alphabet[(buffer << (5 - bits)) & 31];
        return new string(chars, 0, o);
    }

    /// <summary>Null unless the text is canonical: alphabet only, a possible length, unused tail bits zero.</summary>
    private static byte[]? FromBase32(string text)
    {
        var tailBits = text.Length * 5 % 8;
        if (text.Length == 0 || tailBits >= 5)
            return null;
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, o = 0;
        foreach (var c in text)
        {
            var v = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
                return null;
            buffer = ((buffer << 5) | v) & 0xFFFF;
            bits += 5;
            if (bits >= 8)
            {
                bytes[o++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return (buffer & ((1 << bits) - 1)) == 0 ? bytes : null;
    }
}
