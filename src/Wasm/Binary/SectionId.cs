namespace Replay.Wasm.Binary;

/// <summary>Binary section ids, as encoded.</summary>
public enum SectionId : byte
{
    Custom = 0,
    Type = 1,
    Import = 2,
    Function = 3,
    Table = 4,
    Memory = 5,
    Global = 6,
    Export = 7,
    Start = 8,
    Element = 9,
    Code = 10,
    Data = 11,
    DataCount = 12,
}

internal static class SectionOrder
{
    /// <summary>
    /// Position a non-custom section must take. Ids are in order except data count (12), which
    /// sits between element (9) and code (10) so a single pass can check memory.init/data.drop.
    /// </summary>
    public static int Rank(SectionId id) => id switch
    {
        SectionId.DataCount => 10,
        SectionId.Code => 11,
        SectionId.Data => 12,
        _ => (int)id,
    };
}
