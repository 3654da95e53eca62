using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Json;

/// <summary>
/// The types whose JSON form is not their structure: keys and addresses as strkeys, 128/256-bit
/// integer parts as one decimal string, asset codes as text. These follow the Stellar CLI.
/// </summary>
public static class XdrJsonSpecial
{
    public static void Write(Utf8JsonWriter j, PublicKey value) => j.WriteStringValue(ToStrKey(value));

    public static PublicKey ReadPublicKey(JsonElement e) =>
        new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(XdrJson.ReadStrKey(e, StrKeyKind.AccountId)));

    public static void Write(Utf8JsonWriter j, MuxedAccount value)
    {
        ArgumentNullException.ThrowIfNull(j);
        switch (value)
        {
            case MuxedAccount.Ed25519 key:
                j.WriteStringValue(StrKey.Encode(StrKeyKind.AccountId, key.Value.ToArray()));
                break;
            case MuxedAccount.MuxedEd25519 muxed:
                j.WriteStringValue(Muxed(muxed.Value.Ed25519, muxed.Value.Id));
                break;
            default:
                throw new XdrJsonException("unknown MuxedAccount case");
        }
    }

    public static MuxedAccount ReadMuxedAccount(JsonElement e)
    {
        var (kind, payload) = DecodeStrKey(e);
        return kind switch
        {
            StrKeyKind.AccountId => new MuxedAccount.Ed25519(Uint256.FromBytes(payload)),
            StrKeyKind.MuxedAccount => new MuxedAccount.MuxedEd25519(new MuxedAccountMed25519
            {
                Ed25519 = Uint256.FromBytes(payload.AsSpan(0, 32)),
                Id = BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(32)),
            }),
            _ => throw new XdrJsonException($"a MuxedAccount is a G or M strkey, not a {kind}"),
        };
    }

    public static void Write(Utf8JsonWriter j, MuxedAccountMed25519 value)
    {
        ArgumentNullException.ThrowIfNull(value);
        j.WriteStringValue(Muxed(value.Ed25519, value.Id));
    }

    public static MuxedAccountMed25519 ReadMuxedAccountMed25519(JsonElement e)
    {
        var payload = XdrJson.ReadStrKey(e, StrKeyKind.MuxedAccount);
        return new MuxedAccountMed25519 { Ed25519 = Uint256.FromBytes(payload.AsSpan(0, 32)), Id = BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(32)) };
    }

    public static void Write(Utf8JsonWriter j, MuxedEd25519Account value)
    {
        ArgumentNullException.ThrowIfNull(value);
        j.WriteStringValue(Muxed(value.Ed25519, value.Id));
    }

    public static MuxedEd25519Account ReadMuxedEd25519Account(JsonElement e)
    {
        var payload = XdrJson.ReadStrKey(e, StrKeyKind.MuxedAccount);
        return new MuxedEd25519Account { Ed25519 = Uint256.FromBytes(payload.AsSpan(0, 32)), Id = BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(32)) };
    }

    public static void Write(Utf8JsonWriter j, SignerKey value)
    {
        ArgumentNullException.ThrowIfNull(j);
        j.WriteStringValue(value switch
        {
            SignerKey.Ed25519 k => StrKey.Encode(StrKeyKind.AccountId, k.Value.ToArray()),
            SignerKey.PreAuthTx k => StrKey.Encode(StrKeyKind.PreAuthTx, k.Value.ToArray()),
            SignerKey.HashX k => StrKey.Encode(StrKeyKind.Sha256Hash, k.Value.ToArray()),
            SignerKey.Ed25519SignedPayload k => SignedPayload(k.Value),
            _ => throw new XdrJsonException("unknown SignerKey case"),
        });
    }

    public static SignerKey ReadSignerKey(JsonElement e)
    {
        var (kind, payload) = DecodeStrKey(e);
        return kind switch
        {
            StrKeyKind.AccountId => new SignerKey.Ed25519(Uint256.FromBytes(payload)),
            StrKeyKind.PreAuthTx => new SignerKey.PreAuthTx(Uint256.FromBytes(payload)),
            StrKeyKind.Sha256Hash => new SignerKey.HashX(Uint256.FromBytes(payload)),
            StrKeyKind.SignedPayload => new SignerKey.Ed25519SignedPayload(SignedPayload(payload)),
            _ => throw new XdrJsonException($"a SignerKey is a G, T, X or P strkey, not a {kind}"),
        };
    }

    public static void Write(Utf8JsonWriter j, SignerKeyEd25519SignedPayload value)
    {
        ArgumentNullException.ThrowIfNull(j);
        j.WriteStringValue(SignedPayload(value));
    }

    public static SignerKeyEd25519SignedPayload ReadSignerKeyEd25519SignedPayload(JsonElement e) =>
        SignedPayload(XdrJson.ReadStrKey(e, StrKeyKind.SignedPayload));

    public static void Write(Utf8JsonWriter j, SCAddress value)
    {
        ArgumentNullException.ThrowIfNull(j);
        j.WriteStringValue(value switch
        {
            SCAddress.Account a => ToStrKey(a.Value),
            SCAddress.Contract c => StrKey.Encode(StrKeyKind.Contract, c.Value.ToArray()),
            SCAddress.MuxedAccount m => Muxed(m.Value.Ed25519, m.Value.Id),
            SCAddress.ClaimableBalance b => ClaimableBalance(b.Value),
            SCAddress.LiquidityPool p => StrKey.Encode(StrKeyKind.LiquidityPool, p.Value.ToArray()),
            _ => throw new XdrJsonException("unknown SCAddress case"),
        });
    }

    public static SCAddress ReadSCAddress(JsonElement e)
    {
        var (kind, payload) = DecodeStrKey(e);
        return kind switch
        {
            StrKeyKind.AccountId => new SCAddress.Account(new PublicKey.PublicKeyTypeEd25519(Uint256.FromBytes(payload))),
            StrKeyKind.Contract => new SCAddress.Contract(Hash.FromBytes(payload)),
            StrKeyKind.MuxedAccount => new SCAddress.MuxedAccount(new MuxedEd25519Account
            {
                Ed25519 = Uint256.FromBytes(payload.AsSpan(0, 32)),
                Id = BinaryPrimitives.ReadUInt64BigEndian(payload.AsSpan(32)),
            }),
            StrKeyKind.ClaimableBalance => new SCAddress.ClaimableBalance(new ClaimableBalanceID.ClaimableBalanceIdTypeV0(Hash.FromBytes(payload.AsSpan(1)))),
            StrKeyKind.LiquidityPool => new SCAddress.LiquidityPool(Hash.FromBytes(payload)),
            _ => throw new XdrJsonException($"an SCAddress is a G, C, M, B or L strkey, not a {kind}"),
        };
    }

    public static void Write(Utf8JsonWriter j, ClaimableBalanceID value)
    {
        ArgumentNullException.ThrowIfNull(j);
        j.WriteStringValue(ClaimableBalance(value));
    }

    public static ClaimableBalanceID ReadClaimableBalanceID(JsonElement e) =>
        new ClaimableBalanceID.ClaimableBalanceIdTypeV0(Hash.FromBytes(XdrJson.ReadStrKey(e, StrKeyKind.ClaimableBalance).AsSpan(1)));

    public static void Write(Utf8JsonWriter j, Int128Parts value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Decimal(j, new Int128((ulong)value.Hi, value.Lo).ToString(CultureInfo.InvariantCulture));
    }

    public static Int128Parts ReadInt128Parts(JsonElement e)
    {
        var v = ReadBig(e, BigInteger.MinusOne << 127, (BigInteger.One << 127) - 1);
        var bits = (Int128)v;
        return new Int128Parts { Hi = (long)(bits >> 64), Lo = (ulong)(bits & ulong.MaxValue) };
    }

    public static void Write(Utf8JsonWriter j, UInt128Parts value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Decimal(j, new UInt128(value.Hi, value.Lo).ToString(CultureInfo.InvariantCulture));
    }

    public static UInt128Parts ReadUInt128Parts(JsonElement e)
    {
        var bits = (UInt128)ReadBig(e, BigInteger.Zero, (BigInteger.One << 128) - 1);
        return new UInt128Parts { Hi = (ulong)(bits >> 64), Lo = (ulong)bits };
    }

    public static void Write(Utf8JsonWriter j, Int256Parts value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = ((BigInteger)value.HiHi << 192) | ((BigInteger)value.HiLo << 128) | ((BigInteger)value.LoHi << 64) | value.LoLo;
        Decimal(j, v.ToString(CultureInfo.InvariantCulture));
    }

    public static Int256Parts ReadInt256Parts(JsonElement e)
    {
        var v = ReadBig(e, BigInteger.MinusOne << 255, (BigInteger.One << 255) - 1);
        var mask = (BigInteger)ulong.MaxValue;
        return new Int256Parts
        {
            HiHi = (long)(v >> 192),
            HiLo = (ulong)((v >> 128) & mask),
            LoHi = (ulong)((v >> 64) & mask),
            LoLo = (ulong)(v & mask),
        };
    }

    public static void Write(Utf8JsonWriter j, UInt256Parts value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = ((BigInteger)value.HiHi << 192) | ((BigInteger)value.HiLo << 128) | ((BigInteger)value.LoHi << 64) | value.LoLo;
        Decimal(j, v.ToString(CultureInfo.InvariantCulture));
    }

    public static UInt256Parts ReadUInt256Parts(JsonElement e)
    {
        var v = ReadBig(e, BigInteger.Zero, (BigInteger.One << 256) - 1);
        var mask = (BigInteger)ulong.MaxValue;
        return new UInt256Parts
        {
            HiHi = (ulong)(v >> 192),
            HiLo = (ulong)((v >> 128) & mask),
            LoHi = (ulong)((v >> 64) & mask),
            LoLo = (ulong)(v & mask),
        };
    }

    /// <summary>An AssetCode is written as its code text; reading picks the 4- or 12-byte form by length.</summary>
    public static void Write(Utf8JsonWriter j, AssetCode value)
    {
        switch (value)
        {
            case AssetCode.CreditAlphanum4 a4:
                XdrJson.WriteAssetCode(j, a4.Value.ToArray());
                break;
            case AssetCode.CreditAlphanum12 a12:
                XdrJson.WriteAssetCode(j, a12.Value.ToArray());
                break;
            default:
                throw new XdrJsonException("unknown AssetCode case");
        }
    }

    public static AssetCode ReadAssetCode(JsonElement e)
    {
        var length = EscapedBytes.Unescape(XdrJson.ReadString(e)).Length;
        return length <= 4
            ? new AssetCode.CreditAlphanum4(AssetCode4.FromBytes(XdrJson.ReadAssetCode(e, 4)))
            : new AssetCode.CreditAlphanum12(AssetCode12.FromBytes(XdrJson.ReadAssetCode(e, 12)));
    }

    private static string ToStrKey(PublicKey key) => key switch
    {
        PublicKey.PublicKeyTypeEd25519 k => StrKey.Encode(StrKeyKind.AccountId, k.Value.ToArray()),
        _ => throw new XdrJsonException("unknown PublicKey case"),
    };

    private static string Muxed(Uint256 key, ulong id)
    {
        Span<byte> payload = stackalloc byte[40];
        key.CopyTo(payload);
        BinaryPrimitives.WriteUInt64BigEndian(payload[32..], id);
        return StrKey.Encode(StrKeyKind.MuxedAccount, payload);
    }

    private static string ClaimableBalance(ClaimableBalanceID id) => id switch
    {
        ClaimableBalanceID.ClaimableBalanceIdTypeV0 v0 => StrKey.Encode(StrKeyKind.ClaimableBalance, [0, .. v0.Value.ToArray()]),
        _ => throw new XdrJsonException("unknown ClaimableBalanceID case"),
    };

    // P strkey payload: key, then the payload as XDR opaque<64> (length, bytes, zero padding).
    private static string SignedPayload(SignerKeyEd25519SignedPayload value)
    {
        var inner = value.Payload;
        var padded = (inner.Length + 3) & ~3;
        var payload = new byte[32 + 4 + padded];
        value.Ed25519.CopyTo(payload);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(32), (uint)inner.Length);
        inner.CopyTo(payload.AsSpan(36));
        return StrKey.Encode(StrKeyKind.SignedPayload, payload);
    }

    private static SignerKeyEd25519SignedPayload SignedPayload(byte[] payload)
    {
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(32));
        return new SignerKeyEd25519SignedPayload { Ed25519 = Uint256.FromBytes(payload.AsSpan(0, 32)), Payload = payload.AsSpan(36, length).ToArray() };
    }

    private static (StrKeyKind Kind, byte[] Payload) DecodeStrKey(JsonElement e)
    {
        try
        {
            return StrKey.Decode(XdrJson.ReadString(e));
        }
        catch (FormatException x)
        {
            throw new XdrJsonException(x.Message);
        }
    }

    private static void Decimal(Utf8JsonWriter j, string digits)
    {
        ArgumentNullException.ThrowIfNull(j);
        j.WriteStringValue(digits);
    }

    /// <summary>
    /// A decimal integer in [min, max], as a string (or a JSON number): optional sign, digits only,
    /// any number of leading zeros (as the Stellar CLI accepts). The digits are checked and the
    /// zeros skipped before parsing, so a million-digit string costs one pass, not a big-number parse.
    /// </summary>
    private static BigInteger ReadBig(JsonElement e, BigInteger min, BigInteger max)
    {
        var text = e.ValueKind == JsonValueKind.Number ? e.GetRawText() : XdrJson.ReadString(e);
        var digits = text.AsSpan();
        var negative = false;
        if (!digits.IsEmpty && digits[0] is '+' or '-')
        {
            negative = digits[0] == '-';
            digits = digits[1..];
        }
        // 2^256 has 78 digits: anything longer without its leading zeros is out of every range here.
        const int MaxDigits = 78;
        var significant = digits.TrimStart('0');
        var ok = !digits.IsEmpty && !digits.ContainsAnyExceptInRange('0', '9') && significant.Length <= MaxDigits
            && !(negative && min.IsZero);
        if (ok)
        {
            var magnitude = significant.IsEmpty ? BigInteger.Zero : BigInteger.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
            var v = negative ? -magnitude : magnitude;
            if (v >= min && v <= max)
                return v;
        }
        throw new XdrJsonException($"'{TextPreview.Shorten(text)}' is not an integer in [{min}, {max}]");
    }
}
