using System.Buffers;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.State;

/// <summary>
/// A ledger key as the state stores it: its XDR bytes (equal keys have equal bytes) with the hash
/// computed once. Generated XDR classes compare by reference, so they cannot key a map.
/// </summary>
public readonly struct StateKey : IEquatable<StateKey>
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _scratch;

    private readonly byte[] _bytes;
    private readonly int _hash;

    public StateKey(byte[] bytes)
    {
        _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));
        var h = new HashCode();
        h.AddBytes(bytes);
        _hash = h.ToHashCode();
    }

    public ReadOnlySpan<byte> Bytes => _bytes;

    public byte[] ToArray() => _bytes;

    public static StateKey Of(LedgerKey key)
    {
        var buffer = _scratch ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        XdrCodec.Encode(key, buffer);
        return new StateKey(buffer.WrittenSpan.ToArray());
    }

    /// <summary>
    /// The key of an entry, encoded straight from the entry's fields (the same bytes as encoding
    /// <see cref="LedgerKeys.KeyOf(LedgerEntry)"/>, without building the key first).
    /// </summary>
    public static StateKey Of(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = _scratch ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var w = new XdrWriter(buffer);
        switch (entry.Data)
        {
            case LedgerEntryData.Account a:
                w.WriteInt32((int)LedgerEntryType.Account);
                a.Value.AccountID.Encode(ref w);
                break;
            case LedgerEntryData.Trustline t:
                w.WriteInt32((int)LedgerEntryType.Trustline);
                t.Value.AccountID.Encode(ref w);
                t.Value.Asset.Encode(ref w);
                break;
            case LedgerEntryData.ContractData d:
                w.WriteInt32((int)LedgerEntryType.ContractData);
                d.Value.Contract.Encode(ref w);
                d.Value.Key.Encode(ref w);
                w.WriteInt32((int)d.Value.Durability);
                break;
            case LedgerEntryData.ContractCode c:
                w.WriteInt32((int)LedgerEntryType.ContractCode);
                c.Value.Hash.Encode(ref w);
                break;
            case LedgerEntryData.Ttl ttl:
                w.WriteInt32((int)LedgerEntryType.Ttl);
                ttl.Value.KeyHash.Encode(ref w);
                break;
            default:
                return Of(LedgerKeys.KeyOf(entry));
        }
        w.Flush();
        return new StateKey(buffer.WrittenSpan.ToArray());
    }

    public LedgerKey Decode() => XdrCodec.Decode<LedgerKey>(_bytes);

    /// <summary>
    /// The key of this (contract data or code) key's TTL entry, built from the bytes already at
    /// hand: the TTL discriminant then SHA-256 of this key's XDR (see <see cref="LedgerKeys.TtlKeyOf"/>).
    /// </summary>
    public StateKey TtlKey()
    {
        var bytes = new byte[4 + 32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, (int)LedgerEntryType.Ttl);
        System.Security.Cryptography.SHA256.HashData(_bytes, bytes.AsSpan(4));
        return new StateKey(bytes);
    }

    /// <summary>Contract data or contract code: the entries with a TTL.</summary>
    public bool IsSoroban => Type is LedgerEntryType.ContractData or LedgerEntryType.ContractCode;

    /// <summary>The entry type, read from the key's discriminant (its first four bytes).</summary>
    public LedgerEntryType Type => (LedgerEntryType)(_bytes[3] | (_bytes[2] << 8) | (_bytes[1] << 16) | (_bytes[0] << 24));

    public bool Equals(StateKey other) => _hash == other._hash && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => obj is StateKey k && Equals(k);

    public override int GetHashCode() => _hash;

    public static bool operator ==(StateKey left, StateKey right) => left.Equals(right);

    public static bool operator !=(StateKey left, StateKey right) => !left.Equals(right);

    public override string ToString() => Convert.ToHexStringLower(_bytes);
}

/// <summary>The entry types the host can read, and the only ones the state keeps.</summary>
public static class HostReadable
{
    public static bool IsKept(LedgerEntryType type) => type is LedgerEntryType.Account or LedgerEntryType.Trustline
        or LedgerEntryType.ContractData or LedgerEntryType.ContractCode or LedgerEntryType.Ttl or LedgerEntryType.ConfigSetting;

    public static bool IsKept(LedgerKey key) => IsKept(TypeOf(key));

    public static bool IsKept(LedgerEntry entry) => IsKept(TypeOf(entry.Data));

    public static LedgerEntryType TypeOf(LedgerKey key) => key switch
    {
        LedgerKey.Account => LedgerEntryType.Account,
        LedgerKey.Trustline => LedgerEntryType.Trustline,
        LedgerKey.ContractData => LedgerEntryType.ContractData,
        LedgerKey.ContractCode => LedgerEntryType.ContractCode,
        LedgerKey.Ttl => LedgerEntryType.Ttl,
        LedgerKey.ConfigSetting => LedgerEntryType.ConfigSetting,
        LedgerKey.Offer => LedgerEntryType.Offer,
        LedgerKey.Data => LedgerEntryType.Data,
        LedgerKey.ClaimableBalance => LedgerEntryType.ClaimableBalance,
        LedgerKey.LiquidityPool => LedgerEntryType.LiquidityPool,
        _ => throw new ArgumentException($"unknown ledger key {key?.GetType().Name}", nameof(key)),
    };

    public static LedgerEntryType TypeOf(LedgerEntryData data) => data switch
    {
        LedgerEntryData.Account => LedgerEntryType.Account,
        LedgerEntryData.Trustline => LedgerEntryType.Trustline,
        LedgerEntryData.ContractData => LedgerEntryType.ContractData,
        LedgerEntryData.ContractCode => LedgerEntryType.ContractCode,
        LedgerEntryData.Ttl => LedgerEntryType.Ttl,
        LedgerEntryData.ConfigSetting => LedgerEntryType.ConfigSetting,
        LedgerEntryData.Offer => LedgerEntryType.Offer,
        LedgerEntryData.Data => LedgerEntryType.Data,
        LedgerEntryData.ClaimableBalance => LedgerEntryType.ClaimableBalance,
        LedgerEntryData.LiquidityPool => LedgerEntryType.LiquidityPool,
        _ => throw new ArgumentException($"unknown ledger entry {data?.GetType().Name}", nameof(data)),
    };
}
