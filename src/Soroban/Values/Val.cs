using Replay.Stellar.Xdr;

namespace Replay.Soroban.Values;

/// <summary>
/// A Soroban value: one 64-bit word. Low 8 bits are the <see cref="Tag"/>; the 56-bit body is
/// either a small value or split into a 32-bit major (high) and 24-bit minor (low) part
/// (fact: soroban-env-common/src/val.rs: TAG_BITS 8, MAJOR_BITS 32, MINOR_BITS 24).
/// Objects carry their handle in the major part and 0 in the minor part.
/// </summary>
public readonly record struct Val(ulong Payload)
{
    public const int TagBits = 8;
    public const int MinorBits = 24;
    public const ulong TagMask = (1UL << TagBits) - 1;
    public const ulong MinorMask = (1UL << MinorBits) - 1;

    public static readonly Val Void = FromBodyAndTag(0, Tag.Void);
    public static readonly Val True = FromBodyAndTag(0, Tag.True);
    public static readonly Val False = FromBodyAndTag(0, Tag.False);

    public byte TagByte => (byte)(Payload & TagMask);
    public ulong Body => Payload >> TagBits;
    public long SignedBody => (long)Payload >> TagBits;
    public uint Major => (uint)(Body >> MinorBits);
    public uint Minor => (uint)(Body & MinorMask);

    /// <summary>The tag as the latest protocol knows it (use <see cref="Tags.FromByte"/> for a protocol's view).</summary>
    public Tag Tag => Tags.FromByte(TagByte, int.MaxValue);

    public bool HasTag(Tag tag) => TagByte == (byte)tag;
    public bool IsVoid => Payload == Void.Payload;
    public bool IsTrue => Payload == True.Payload;
    public bool IsFalse => Payload == False.Payload;

    public static Val FromBodyAndTag(ulong body, Tag tag) => new((body << TagBits) | (byte)tag);
    public static Val FromMajorMinorAndTag(uint major, uint minor, Tag tag) =>
        FromBodyAndTag(((ulong)major << MinorBits) | minor, tag);

    public static Val FromBool(bool b) => b ? True : False;
    public static Val FromU32(uint u) => FromMajorMinorAndTag(u, 0, Tag.U32Val);
    public static Val FromI32(int i) => FromMajorMinorAndTag((uint)i, 0, Tag.I32Val);
    public static Val FromObjectHandle(uint handle, Tag tag) => FromMajorMinorAndTag(handle, 0, tag);

    /// <summary>An error value: the type in the minor part, the code in the major part.</summary>
    public static Val FromError(SCErrorType type, uint code) => FromMajorMinorAndTag(code, (uint)type, Tag.Error);

    /// <summary>The largest value a 56-bit unsigned small body holds.</summary>
    public const ulong MaxSmallUnsigned = (1UL << 56) - 1;
    public const long MinSmallSigned = -(1L << 55);
    public const long MaxSmallSigned = (1L << 55) - 1;

    public static bool FitsSmallUnsigned(ulong u) => u <= MaxSmallUnsigned;
    public static bool FitsSmallSigned(long i) => i >= MinSmallSigned && i <= MaxSmallSigned;

    public static Val FromSmallUnsigned(ulong u, Tag tag) => FromBodyAndTag(u, tag);
    public static Val FromSmallSigned(long i, Tag tag) => new(((ulong)i << TagBits) | (byte)tag);

    public uint AsU32 => Major;
    public int AsI32 => (int)Major;
    public uint ObjectHandle => Major;

    public override string ToString() => $"Val(0x{Payload:x16})";
}
