using Replay.Stellar.Xdr;

namespace Replay.Soroban.Values;

/// <summary>
/// An error raised by the host: the (ScErrorType, code) pair the reference host's
/// <c>HostError</c> carries. For <see cref="SCErrorType.Contract"/> the code is the contract's
/// own u32; otherwise it is an <see cref="SCErrorCode"/>.
/// </summary>
public sealed class HostError : Exception
{
    public HostError(SCErrorType type, SCErrorCode code, string message)
        : base($"({type}, {code}): {message}")
    {
        Type = type;
        RawCode = (uint)code;
    }

    private HostError(SCErrorType type, uint rawCode, string message)
        : base($"({type}, #{rawCode}): {message}")
    {
        Type = type;
        RawCode = rawCode;
    }

    public HostError()
        : this(SCErrorType.Context, SCErrorCode.InternalError, "unspecified host error")
    {
    }

    public HostError(string message)
        : this(SCErrorType.Context, SCErrorCode.InternalError, message)
    {
    }

    public HostError(string message, Exception inner)
        : base(message, inner)
    {
        Type = SCErrorType.Context;
        RawCode = (uint)SCErrorCode.InternalError;
    }

    public static HostError ContractError(uint code, string message) => new(SCErrorType.Contract, code, message);

    /// <summary>An error from an error Val (type in the minor part, code in the major part).</summary>
    public static HostError FromErrorVal(Val v, string message) => new((SCErrorType)v.Minor, v.Major, message);

    public SCErrorType Type { get; }

    /// <summary>The Wasm trap this error came from, when a contract trapped (the error is then the trap's mapping).</summary>
    public Replay.Wasm.Runtime.TrapCode? WasmTrap { get; init; }

    /// <summary>The code as a u32 (an <see cref="SCErrorCode"/> unless the type is Contract).</summary>
    public uint RawCode { get; }

    public SCErrorCode Code => (SCErrorCode)RawCode;

    public Val ToVal() => Val.FromError(Type, RawCode);

    public bool Is(SCErrorType type, SCErrorCode code) => Type == type && RawCode == (uint)code;
}
