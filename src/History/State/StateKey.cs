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

    public static StateKey Of(LedgerEntry entry) => Of(LedgerKeys.KeyOf(entry));

    public LedgerKey Decode() => XdrCodec.Decode<LedgerKey>(_bytes);

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
