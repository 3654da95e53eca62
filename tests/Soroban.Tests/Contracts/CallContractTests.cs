using System.Text;
using Replay.Engines;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Contracts;

/// <summary>
/// Module "d" through tests/Contracts/call.c on every engine variant: cross-contract calls,
/// try_call with rollback of storage and events, the re-entry rule, reserved names and the host's
/// depth limit.
/// </summary>
public sealed class CallContractTests
{
    public static TheoryData<string, int> Runs()
    {
        var data = new TheoryData<string, int>();
        foreach (var v in EngineCatalog.Variants)
        {
            foreach (var p in new[] { 20, 22, 23, 26 })
                data.Add(v.Name, p);
        }
        return data;
    }

    private static SCVal Address(Hash id) => new SCVal.Address(new SCAddress.Contract(id));

    private static readonly SCVal W = new SCVal.Symbol(new XdrString("w"u8.ToArray()));

    private static string Topic0(ContractEvent e) =>
        Encoding.ASCII.GetString(((SCVal.Symbol)((ContractEventBody.V0)e.Body).Value.Topics[0]).Value.Bytes);

    [Theory]
    [MemberData(nameof(Runs))]
    public void CallReturnsTheCalleesResult(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("call", "a");
        var b = ledger.Deploy("call", "b");
        var r = ledger.Invoke(v, a, "call_add", [Address(b), new SCVal.U32(40), new SCVal.U32(2)]);
        Assert.Null(r.Error);
        Assert.Equal(42u, Assert.IsType<SCVal.U32>(r.ReturnValue).Value);
        // Diagnostics: fn_call and fn_return for the top call and for the callee.
        var names = r.DiagnosticEvents.Select(d => Topic0(d.Event)).ToList();
        Assert.Equal(["fn_call", "fn_call", "fn_return", "fn_return"], names);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void FailedTryCallRollsBackStorageAndEvents(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("call", "a");
        var b = ledger.Deploy("call", "b");
        var w = ContractLedger.DataKey(b, W, ContractDataDurability.Persistent);
        var r = ledger.Invoke(v, a, "try_fail", [Address(b)], readWrite: [w]);
        Assert.Null(r.Error);
        // The callee's write is gone; only the caller's event is left.
        Assert.Null(Assert.Single(r.LedgerChanges, c => !c.ReadOnly).NewValue);
        var e = Assert.Single(r.ContractEvents).Event;
        Assert.Equal("caller", Topic0(e));
        Assert.Equal(a, e.ContractID);
        // The caller saw the callee's contract error as a value.
        Assert.Equal(new SCVal.Error(new SCError.Contract(5)).ToXdr(), ((ContractEventBody.V0)e.Body).Value.Data.ToXdr());
        // The callee's event stays among the diagnostic events, marked as from a failed call.
        var callee = Assert.Single(r.DiagnosticEvents, d => d.Event.Type == ContractEventType.Contract && Topic0(d.Event) == "callee");
        Assert.False(callee.InSuccessfulContractCall);
        Assert.Contains(r.DiagnosticEvents, d => Topic0(d.Event) == "error");
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void SucceedingTryCallKeepsItsEffects(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("call", "a");
        var b = ledger.Deploy("call", "b");
        var w = ContractLedger.DataKey(b, W, ContractDataDurability.Persistent);
        var r = ledger.Invoke(v, a, "try_ok", [Address(b)], readWrite: [w]);
        Assert.Null(r.Error);
        var written = Assert.Single(r.LedgerChanges, c => !c.ReadOnly).NewValue;
        Assert.Equal(new SCVal.U32(2).ToXdr(), ((LedgerEntryData.ContractData)written!.Data).Value.Val.ToXdr());
        Assert.Equal("callee", Topic0(Assert.Single(r.ContractEvents).Event));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void TryCallOfAMissingFunctionReturnsTheError(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("call", "a");
        var b = ledger.Deploy("call", "b");
        var r = ledger.Invoke(v, a, "try_missing", [Address(b)]);
        Assert.Null(r.Error);
        // [type, code] of the error value try_call gave the caller: the host's (WasmVm, MissingValue)
        // narrowed to (Context, InvalidAction), as every recoverable non-contract error is.
        var pair = Assert.IsType<SCVal.Vec>(r.ReturnValue).Value!;
        Assert.Equal((uint)SCErrorType.Context, Assert.IsType<SCVal.U32>(pair[0]).Value);
        Assert.Equal((uint)SCErrorCode.InvalidAction, Assert.IsType<SCVal.U32>(pair[1]).Value);
        // The granular error is in the diagnostic events.
        Assert.Contains(r.DiagnosticEvents, d => Topic0(d.Event) == "error"
            && ((ContractEventBody.V0)d.Event.Body).Value.Topics[1] is SCVal.Error { Value: SCError.WasmVm { Value: SCErrorCode.MissingValue } });
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void FailedCallFailsTheCaller(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("call", "a");
        var b = ledger.Deploy("call", "b");
        var w = ContractLedger.DataKey(b, W, ContractDataDurability.Persistent);
        var r = ledger.Invoke(v, a, "call_fail", [Address(b)], readWrite: [w]);
        Assert.NotNull(r.Error);
        Assert.Equal((SCErrorType.Contract, 5u), (r.Error.Type, r.Error.RawCode));
        Assert.Empty(r.LedgerChanges);
        Assert.Empty(r.ContractEvents);
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void ReentryAndReservedNamesAreRefused(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        var ledger = new ContractLedger(protocol);
        var a = ledger.Deploy("call", "a");
        var b = ledger.Deploy("call", "b");
        var reentry = ledger.Invoke(v, a, "reenter", [Address(b)]);
        Assert.NotNull(reentry.Error);
        Assert.Equal((SCErrorType.Context, SCErrorCode.InvalidAction), (reentry.Error.Type, reentry.Error.Code));
        var reserved = ledger.Invoke(v, a, "call_reserved", [Address(b)]);
        Assert.NotNull(reserved.Error);
        Assert.Equal((SCErrorType.Context, SCErrorCode.InvalidAction), (reserved.Error.Type, reserved.Error.Code));
        // The top-level invocation may not name a reserved function either.
        var top = ledger.Invoke(v, a, "__check");
        Assert.NotNull(top.Error);
        Assert.Equal((SCErrorType.Context, SCErrorCode.InvalidAction), (top.Error.Type, top.Error.Code));
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void CallDepthIsLimited(string variant, int protocol)
    {
        var v = EngineCatalog.GetVariant(variant);
        // Before protocol 21 every contract of the chain is parsed when called: a large budget.
        var ledger = new ContractLedger(protocol) { Instructions = 4_000_000_000, MemoryLimit = 4_000_000_000 };
        var chain = Enumerable.Range(0, 100).Select(i => ledger.Deploy("call", "chain" + i)).ToList();
        SCVal Chain(int n) => new SCVal.Vec(chain.Take(n).Select(Address).ToArray());
        // The host-function frame plus 99 contract frames: the limit of 100 frames.
        var deep = ledger.Invoke(v, chain[0], "depth", [Chain(99), new SCVal.U32(0)]);
        Assert.Null(deep.Error);
        Assert.Equal(98u, Assert.IsType<SCVal.U32>(deep.ReturnValue).Value);
        // One more frame: (Context, ExceededLimit).
        var tooDeep = ledger.Invoke(v, chain[0], "depth", [Chain(100), new SCVal.U32(0)]);
        Assert.NotNull(tooDeep.Error);
        Assert.Equal((SCErrorType.Context, SCErrorCode.ExceededLimit), (tooDeep.Error.Type, tooDeep.Error.Code));
    }
}
