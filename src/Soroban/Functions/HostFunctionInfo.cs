namespace Replay.Soroban.Functions;

/// <summary>
/// The declared type of a host function argument or result (env.json's names; <see cref="Int64"/>
/// and <see cref="UInt64"/> are raw i64/u64 words that are not Vals).
/// </summary>
public enum ValType
{
    Val,
    Void,
    Bool,
    Error,
    U32Val,
    I32Val,
    U64Val,
    I64Val,
    U128Val,
    I128Val,
    U256Val,
    I256Val,
    TimepointVal,
    DurationVal,
    Symbol,
    StorageType,
    ContractTtlExtension,
    U64Object,
    I64Object,
    TimepointObject,
    DurationObject,
    U128Object,
    I128Object,
    U256Object,
    I256Object,
    BytesObject,
    StringObject,
    SymbolObject,
    VecObject,
    MapObject,
    AddressObject,
    MuxedAddressObject,
    ExecutableTagObject,
    Int64,
    UInt64,
}

public readonly record struct HostFunctionArg(string Name, ValType Type);

/// <summary>One host function of the interface: where a contract imports it from, its signature and protocol range.</summary>
public sealed record HostFunctionInfo(
    string Module,
    string ModuleName,
    string Export,
    string Name,
    IReadOnlyList<HostFunctionArg> Args,
    ValType Return,
    int? MinProtocol,
    int? MaxProtocol)
{
    /// <summary>Whether the function exists in the host linked for a ledger protocol (introduced at or before it).</summary>
    public bool KnownAt(int protocol) => MinProtocol is not { } min || min <= protocol;

    /// <summary>Whether a protocol is inside the function's supported range.</summary>
    public bool SupportedAt(int protocol) =>
        (MinProtocol is not { } min || protocol >= min) && (MaxProtocol is not { } max || protocol <= max);
}

/// <summary>An implementation: takes the host and the call's raw words (absolute Vals), returns the raw result.</summary>
public delegate ulong HostFunctionImpl(Host.Host host, ReadOnlySpan<ulong> args);
