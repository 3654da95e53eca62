using Replay.Soroban.Budget;
using Replay.Soroban.Functions;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Host;

// Module "x" (context): the functions that need no contract frame or storage
// (fact: host.rs obj_cmp, get_ledger_*, fail_with_error, log_from_linear_memory).
public sealed partial class Host
{
    private LedgerInfo RequireLedger() =>
        Ledger ?? throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "ledger info is not set");

    internal Val GetLedgerVersion() => Val.FromU32(RequireLedger().ProtocolVersion);

    internal Val GetLedgerSequence() => Val.FromU32(RequireLedger().SequenceNumber);

    /// <summary>A U64Val: small when it fits 56 bits, else an object through the native obj_from_u64 call.</summary>
    public Val U64ToVal(ulong u) =>
        Val.FitsSmallUnsigned(u)
            ? Val.FromSmallUnsigned(u, Tag.U64Small)
            : new Val(Invoke(HostFunctionTable.Named("obj_from_u64"), [u]));

    internal Val GetLedgerTimestamp() => U64ToVal(RequireLedger().Timestamp);

    internal Val GetLedgerNetworkId() => BytesFromSlice(RequireLedger().NetworkId);

    /// <summary>
    /// <c>get_max_live_until_ledger</c>: sequence + saturating(max entry TTL − 1); overflow is a
    /// network misconfiguration, (Context, InternalError) (ledger_info.rs max_live_until_ledger_checked).
    /// </summary>
    internal Val GetMaxLiveUntilLedger()
    {
        var li = RequireLedger();
        var sum = (ulong)li.SequenceNumber + (li.MaxEntryTtl == 0 ? 0 : li.MaxEntryTtl - 1);
        if (sum > uint.MaxValue)
            throw new HostError(SCErrorType.Context, SCErrorCode.InternalError, "max live-until ledger overflows");
        return Val.FromU32((uint)sum);
    }

    /// <summary>
    /// <c>fail_with_error</c>: a contract error fails with that error; any other error type is
    /// (Context, UnexpectedType).
    /// </summary>
    internal Val FailWithError(Val error)
    {
        if (error.Minor == (uint)SCErrorType.Contract)
            throw Error(error, "failing with contract error", Val.FromU32(error.Major));
        throw Err(SCErrorType.Context, SCErrorCode.UnexpectedType, "contract attempted to fail with non-ContractError error code", error);
    }

    /// <summary>
    /// <c>log_from_linear_memory</c>: with diagnostics on, reads the message bytes and the Vals
    /// from the guest's memory (in the budget's shadow mode, errors swallowed) and records a
    /// "log" diagnostic event; always returns Void and never charges the real budget.
    /// </summary>
    internal Val LogFromLinearMemory(uint msgPos, uint msgLen, uint valsPos, uint valsLen)
    {
        WithDebugMode(() =>
        {
            var memory = MemoryOfCurrentFrame();
            ChargeBulkInitCopy(msgLen, DeclaredSize.U8);
            var msg = new byte[msgLen];
            ReadBytesFromLinearMemory(memory, msgPos, msg);
            ChargeBulkInitCopy(msgLen, DeclaredSize.U8);
            var text = System.Text.Encoding.UTF8.GetString(msg);
            ChargeBulkInitCopy((ulong)valsLen + 1, DeclaredSize.Val);
            Budget.Charge(ContractCostType.MemCpy, (ulong)valsLen * 8);
            var vals = new Val[valsLen];
            ReadValsFromLinearMemory(memory, valsPos, vals);
            LogDiagnostics(text, vals);
        });
        return Val.Void;
    }
}
