namespace Replay.Soroban.Values;

/// <summary>
/// The low 8 bits of a <see cref="Val"/>: which kind of value the other 56 bits hold.
/// Codes below <see cref="SmallCodeUpperBound"/> are small values carried in the word itself;
/// codes strictly between <see cref="ObjectCodeLowerBound"/> and the protocol's object upper
/// bound are handles to host objects (fact: soroban-env-common/src/val.rs, enum Tag).
/// </summary>
public enum Tag : byte
{
    False = 0,
    True = 1,
    Void = 2,
    Error = 3,
    U32Val = 4,
    I32Val = 5,
    U64Small = 6,
    I64Small = 7,
    TimepointSmall = 8,
    DurationSmall = 9,
    U128Small = 10,
    I128Small = 11,
    U256Small = 12,
    I256Small = 13,
    SymbolSmall = 14,
    SmallCodeUpperBound = 15,
    ObjectCodeLowerBound = 63,
    U64Object = 64,
    I64Object = 65,
    TimepointObject = 66,
    DurationObject = 67,
    U128Object = 68,
    I128Object = 69,
    U256Object = 70,
    I256Object = 71,
    BytesObject = 72,
    StringObject = 73,
    SymbolObject = 74,
    VecObject = 75,
    MapObject = 76,
    AddressObject = 77,
    /// <summary>Object tag from protocol 23 (host v23) on.</summary>
    MuxedAddressObject = 78,
    /// <summary>Object tag of the protocol 28 interface (CAP-0085 executable references).</summary>
    ExecutableTagObject = 79,
    Bad = 0x7f,
}

/// <summary>Which tags exist depends on the host version a protocol links.</summary>
public static class Tags
{
    /// <summary>
    /// The exclusive upper bound of object tags for a ledger protocol: hosts up to v22 end at
    /// AddressObject (bound 78); v23-v27 add MuxedAddressObject (bound 79); the protocol 28
    /// interface adds ExecutableTagObject (bound 80).
    /// </summary>
    public static byte ObjectCodeUpperBound(int protocol) => protocol switch
    {
        <= 22 => 78,
        <= 27 => 79,
        _ => 80,
    };

    /// <summary>The tag of a raw tag byte for a protocol, or <see cref="Tag.Bad"/> when it names none.</summary>
    public static Tag FromByte(byte b, int protocol)
    {
        if (b < (byte)Tag.SmallCodeUpperBound)
            return (Tag)b;
        if (b > (byte)Tag.ObjectCodeLowerBound && b < ObjectCodeUpperBound(protocol))
            return (Tag)b;
        return Tag.Bad;
    }

    public static bool IsObject(Tag tag) => (byte)tag > (byte)Tag.ObjectCodeLowerBound && tag != Tag.Bad;
}
