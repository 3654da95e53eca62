using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Diff.Tests;

/// <summary>Hand-built outcomes: each test changes one thing from a plain success.</summary>
internal static class Outcomes
{
    public static readonly OutcomeEngine Stack = new(new EngineIdentity("stack", "test", "test"), CompilationMode.Eager);
    public static readonly OutcomeEngine Register = new(new EngineIdentity("register", "test", "test"), CompilationMode.Lazy);

    public static Outcome Success(OutcomeEngine engine, int value = 5, ulong cpu = 1000, ulong mem = 2000, ulong fuel = 30) => new()
    {
        Engine = engine,
        Status = OutcomeStatus.Success,
        ResultCode = InvokeHostFunctionResultCode.Success,
        HostCalled = true,
        ReturnValue = new SCVal.I32(value),
        Consumed = new ResourceUse(cpu, mem, fuel),
        Instantiation = new ResourceUse(400, 900, 0),
    };

    public static Outcome Failure(OutcomeEngine engine, SCError error, TrapCode? trap = null, string message = "failed",
        InvokeHostFunctionResultCode code = InvokeHostFunctionResultCode.Trapped) => new()
    {
        Engine = engine,
        Status = OutcomeStatus.Failed,
        ResultCode = code,
        HostCalled = true,
        Error = new OutcomeError(error, trap, message),
        Consumed = new ResourceUse(1000, 2000, 30),
        Instantiation = new ResourceUse(400, 900, 0),
    };

    public static Outcome NotImplemented(OutcomeEngine engine) => new()
    {
        Engine = engine,
        Status = OutcomeStatus.NotImplemented,
        ResultCode = null,
        HostCalled = false,
        NotImplemented = "not implemented: something",
    };

    public static LedgerEntryChange Ttl(byte key, uint liveUntil) => new LedgerEntryChange.Updated(new LedgerEntry
    {
        LastModifiedLedgerSeq = 10,
        Data = new LedgerEntryData.Ttl(new TTLEntry { KeyHash = Hash.FromBytes(Enumerable.Repeat(key, 32).ToArray()), LiveUntilLedgerSeq = liveUntil }),
        Ext = LedgerEntryExt.V0.Instance,
    });

    public static ContractEvent Event(uint data) => new()
    {
        Ext = ExtensionPoint.V0.Instance,
        ContractID = null,
        Type = ContractEventType.Contract,
        Body = new ContractEventBody.V0(new ContractEventV0 { Topics = [new SCVal.U32(1)], Data = new SCVal.U32(data) }),
    };
}
