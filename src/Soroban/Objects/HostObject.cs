using System.Numerics;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Objects;

/// <summary>
/// A value held in the host's object table and referred to by a handle in an object
/// <see cref="Val"/> (fact: soroban-env-host/src/host_object.rs, enum HostObject). Objects are
/// immutable: every "mutating" host function makes a new object.
/// </summary>
public abstract class HostObject
{
    private protected HostObject()
    {
    }

    /// <summary>The object tag a handle to this object carries.</summary>
    public abstract Tag Tag { get; }

    /// <summary>
    /// Rank of the object kind when comparing objects of different kinds (fact:
    /// host/comparison.rs host_obj_discriminant: U64 0 ... Address 13; later hosts append).
    /// </summary>
    public abstract int Discriminant { get; }
}

public sealed class VecObject(Val[] items) : HostObject
{
    public Val[] Items { get; } = items;
    public override Tag Tag => Tag.VecObject;
    public override int Discriminant => 11;
}

/// <summary>A map: entries sorted by key, keys unique.</summary>
public sealed class MapObject(MapEntry[] entries) : HostObject
{
    public MapEntry[] Entries { get; } = entries;
    public override Tag Tag => Tag.MapObject;
    public override int Discriminant => 12;
}

public readonly record struct MapEntry(Val Key, Val Value);

public sealed class U64Object(ulong value) : HostObject
{
    public ulong Value { get; } = value;
    public override Tag Tag => Tag.U64Object;
    public override int Discriminant => 0;
}

public sealed class I64Object(long value) : HostObject
{
    public long Value { get; } = value;
    public override Tag Tag => Tag.I64Object;
    public override int Discriminant => 1;
}

public sealed class TimepointObject(ulong value) : HostObject
{
    public ulong Value { get; } = value;
    public override Tag Tag => Tag.TimepointObject;
    public override int Discriminant => 2;
}

public sealed class DurationObject(ulong value) : HostObject
{
    public ulong Value { get; } = value;
    public override Tag Tag => Tag.DurationObject;
    public override int Discriminant => 3;
}

public sealed class U128Object(UInt128 value) : HostObject
{
    public UInt128 Value { get; } = value;
    public override Tag Tag => Tag.U128Object;
    public override int Discriminant => 4;
}

public sealed class I128Object(Int128 value) : HostObject
{
    public Int128 Value { get; } = value;
    public override Tag Tag => Tag.I128Object;
    public override int Discriminant => 5;
}

/// <summary>An unsigned 256-bit integer, kept in [0, 2^256).</summary>
public sealed class U256Object(BigInteger value) : HostObject
{
    public BigInteger Value { get; } = value;
    public override Tag Tag => Tag.U256Object;
    public override int Discriminant => 6;
}

/// <summary>A signed 256-bit integer, kept in [-2^255, 2^255).</summary>
public sealed class I256Object(BigInteger value) : HostObject
{
    public BigInteger Value { get; } = value;
    public override Tag Tag => Tag.I256Object;
    public override int Discriminant => 7;
}

/// <summary>Bytes, strings and symbols: a byte array (strings need not be UTF-8).</summary>
public abstract class BufObject(byte[] bytes) : HostObject
{
    public byte[] Bytes { get; } = bytes;
}

public sealed class BytesObject(byte[] bytes) : BufObject(bytes)
{
    public override Tag Tag => Tag.BytesObject;
    public override int Discriminant => 8;
}

public sealed class StringObject(byte[] bytes) : BufObject(bytes)
{
    public override Tag Tag => Tag.StringObject;
    public override int Discriminant => 9;
}

public sealed class SymbolObject(byte[] bytes) : BufObject(bytes)
{
    public override Tag Tag => Tag.SymbolObject;
    public override int Discriminant => 10;
}

public sealed class AddressObject(SCAddress address) : HostObject
{
    public SCAddress Address { get; } = address;
    public override Tag Tag => Tag.AddressObject;
    public override int Discriminant => 13;
}

/// <summary>A muxed account address (protocol 23 on): its own object kind, ranked after Address.</summary>
public sealed class MuxedAddressObject(SCAddress address) : HostObject
{
    public SCAddress Address { get; } = address;
    public override Tag Tag => Tag.MuxedAddressObject;
    public override int Discriminant => 14;
}
