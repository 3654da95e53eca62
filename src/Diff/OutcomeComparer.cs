using System.Text;
using System.Text.Json;
using Replay.History.Cases;
using Replay.Soroban.Invocation;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;
using Replay.Wasm.Runtime;

namespace Replay.Diff;

/// <summary>One engine's outcome against another's.</summary>
/// <param name="First">The first engine variant (the reference, "stack/Eager").</param>
/// <param name="Second">The second ("register/Lazy").</param>
/// <param name="Class">The divergence's class; null unless <paramref name="Verdict"/> is divergent.</param>
/// <param name="Difference">The first differing field (divergent only).</param>
/// <param name="Costs">Second minus first.</param>
public sealed record EngineComparison(
    string First,
    string Second,
    EnginesVerdict Verdict,
    DivergenceClass? Class,
    FieldDifference? Difference,
    CostDelta Costs);

/// <summary>One engine's outcome against the network's recording.</summary>
/// <param name="Difference">The first differing field (differ only).</param>
/// <param name="Reason">Why the case cannot be judged (not-replayable only).</param>
public sealed record RecordedComparison(string Engine, RecordedVerdict Verdict, FieldDifference? Difference, string? Reason)
{
    /// <summary>The differing outcome field ("returnValue", "coreMetrics"...), or null.</summary>
    public string? Field => Difference?.Field;
}

/// <summary>
/// Compares outcomes field by field: the result code, the host's error, the return value, the
/// ledger changes (as a set: core records them in its hash map's order), contract events,
/// diagnostic events, and, against the recording, core's metrics. Fields are first compared as
/// XDR bytes; only a difference is rendered as the Stellar CLI's JSON to find its path.
/// </summary>
public static class OutcomeComparer
{
    /// <summary>The reason a case whose refundable-fee check could not be made is not judged against the recording.</summary>
    public const string RefundableFeeUnjudged = "refundable-fee-unjudged";

    public static EngineComparison CompareEngines(Outcome first, Outcome second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var costs = CostDelta.Between(first.Consumed, first.Instantiation, second.Consumed, second.Instantiation);
        if (first.Status == OutcomeStatus.NotImplemented && second.Status == OutcomeStatus.NotImplemented)
            return new EngineComparison(first.Engine.Name, second.Engine.Name, EnginesVerdict.NotReplayable, null, null, costs);
        var difference = FirstDifference(first, second);
        if (difference is null)
        {
            // Identical: the same totals and the same budget spent instantiating. How an engine's
            // fuel splits into compilation and execution is reported (the cost deltas), not judged:
            // fuel is paid through the CPU budget, whose total is compared.
            var verdict = first.Consumed == second.Consumed
                && first.Instantiation.Cpu == second.Instantiation.Cpu && first.Instantiation.Mem == second.Instantiation.Mem
                ? EnginesVerdict.Identical : EnginesVerdict.CostOnly;
            return new EngineComparison(first.Engine.Name, second.Engine.Name, verdict, null, null, costs);
        }
        return new EngineComparison(first.Engine.Name, second.Engine.Name, EnginesVerdict.Divergent, Classify(first, second, difference), difference, costs);
    }

    /// <summary>The class of a divergence (the outcomes differ at <paramref name="difference"/>).</summary>
    public static DivergenceClass Classify(Outcome first, Outcome second, FieldDifference difference)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(difference);
        var a = first.Error;
        var b = second.Error;
        if (IsLazyCompilationFailure(a) != IsLazyCompilationFailure(b)
            || RejectedWhatALazyEngineAccepted(first, second) || RejectedWhatALazyEngineAccepted(second, first))
            return DivergenceClass.LazyValidation;
        if (IsDepthLimit(a) != IsDepthLimit(b))
            return DivergenceClass.StackFlip;
        if (IsBudgetLimit(first) != IsBudgetLimit(second))
            return DivergenceClass.BudgetFlip;
        if (a?.Trap is { } ta && b?.Trap is { } tb && ta != tb)
            return DivergenceClass.TrapKind;
        var failedA = first.Status == OutcomeStatus.Failed;
        var failedB = second.Status == OutcomeStatus.Failed;
        if (failedA && failedB && (first.ResultCode != second.ResultCode || !SameError(a, b)))
            return DivergenceClass.ErrorCode;
        if (failedA != failedB || difference.Field is "status" or "resultCode" or "error" or "returnValue")
            return DivergenceClass.Result;
        if (difference.Field == "ledgerChanges")
            return DivergenceClass.LedgerChanges;
        return DivergenceClass.Events;
    }

    /// <summary>A function body that failed to compile when first called (lazy compilation): a Wasmi error at call time, not a trap.</summary>
    public static bool IsLazyCompilationFailure(OutcomeError? e) =>
        e is { Trap: null, Error: SCError.WasmVm { Value: SCErrorCode.InvalidAction } }
        && e.Message.Contains(FunctionCompilationException.MessageMarker, StringComparison.Ordinal);

    /// <summary>
    /// The other side of lazy validation: <paramref name="rejecting"/> refused a module (a Wasm
    /// error that is not a trap, (WasmVm, InvalidAction)) where <paramref name="accepting"/>, an
    /// engine that validates bodies only when it first calls them, succeeded.
    /// </summary>
    public static bool RejectedWhatALazyEngineAccepted(Outcome rejecting, Outcome accepting)
    {
        ArgumentNullException.ThrowIfNull(rejecting);
        ArgumentNullException.ThrowIfNull(accepting);
        return rejecting.Error is { Trap: null, Error: SCError.WasmVm { Value: SCErrorCode.InvalidAction } }
            && accepting.Status == OutcomeStatus.Success && accepting.Engine.Mode == CompilationMode.Lazy;
    }

    /// <summary>A depth limit: the Wasm stack overflowed, or the host's call depth limit was reached.</summary>
    public static bool IsDepthLimit(OutcomeError? e) =>
        e is not null && (e.Trap == TrapCode.StackOverflow || e.Error is SCError.Context { Value: SCErrorCode.ExceededLimit });

    /// <summary>A budget limit (CPU, memory, fuel) reached: the host's budget error, or core's resource-limit result.</summary>
    public static bool IsBudgetLimit(Outcome o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (IsDepthLimit(o.Error))
            return false;
        return o.Error?.Error is SCError.Budget { Value: SCErrorCode.ExceededLimit }
            || (o.Error is null && o.ResultCode == InvokeHostFunctionResultCode.ResourceLimitExceeded);
    }

    private static bool SameError(OutcomeError? a, OutcomeError? b) =>
        (a is null && b is null)
        || (a is not null && b is not null && a.Trap == b.Trap && XdrCodec.Encode(a.Error).AsSpan().SequenceEqual(XdrCodec.Encode(b.Error)));

    /// <summary>The first differing field of two engines' outcomes, or null when they agree (costs aside).</summary>
    public static FieldDifference? FirstDifference(Outcome a, Outcome b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Status != b.Status)
            return new FieldDifference("status", Quote(EngineRunSummary.StatusName(a.Status)), Quote(EngineRunSummary.StatusName(b.Status)));
        if (a.ResultCode != b.ResultCode)
            return new FieldDifference("resultCode", CodeJson(a.ResultCode), CodeJson(b.ResultCode));
        if (!SameError(a.Error, b.Error))
            return FieldDifference.Between("error", ErrorJson(a.Error), ErrorJson(b.Error));
        return Values("returnValue", a.ReturnValue, b.ReturnValue)
            ?? Set("ledgerChanges", a.LedgerChanges, b.LedgerChanges)
            ?? List("contractEvents", a.ContractEvents, b.ContractEvents)
            ?? Diagnostics(a.DiagnosticEvents, b.DiagnosticEvents, withCosts: false);
    }

    /// <summary>
    /// Diagnostic events compared as a list; without costs, core's cost-carrying diagnostics are
    /// compared with their consumed figure masked (<see cref="CostDiagnostics"/>). A difference is
    /// reported on the events as they are.
    /// </summary>
    private static FieldDifference? Diagnostics(IReadOnlyList<DiagnosticEvent> a, IReadOnlyList<DiagnosticEvent> b, bool withCosts)
    {
        if (withCosts)
            return List("diagnosticEvents", a, b);
        if (List("diagnosticEvents", [.. a.Select(CostDiagnostics.WithoutCost)], [.. b.Select(CostDiagnostics.WithoutCost)]) is null)
            return null;
        return List("diagnosticEvents", a, b);
    }

    /// <summary>
    /// An engine's outcome against the recording: the result code, the return value, the ledger
    /// changes (without core's STATE pre-images, which are the case's input), contract events,
    /// diagnostic events and, when <paramref name="withCosts"/>, core's metrics (CPU and memory
    /// figures follow the network's engine, so only its model is compared on them).
    /// </summary>
    public static RecordedComparison CompareWithRecording(ReplayCase c, Outcome o, bool withCosts)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(o);
        var engine = o.Engine.Name;
        if (o.Status == OutcomeStatus.NotImplemented)
            return new RecordedComparison(engine, RecordedVerdict.NotReplayable, null, o.NotImplemented ?? "not implemented");
        var r = c.Recorded;
        FieldDifference? d = null;
        if (o.ResultCode != r.OperationResult)
            d = new FieldDifference("resultCode", CodeJson(r.OperationResult), CodeJson(o.ResultCode));
        d ??= Values("returnValue", r.ReturnValue, o.ReturnValue)
            ?? Set("ledgerChanges", [.. r.LedgerChanges.Where(x => x is not LedgerEntryChange.State)], o.LedgerChanges)
            ?? List("contractEvents", r.ContractEvents, o.ContractEvents);
        var metrics = r.DiagnosticEvents.Select(MetricOf).ToArray();
        if (d is null)
        {
            var diagnostics = r.DiagnosticEvents.Where((_, i) => metrics[i] is null).ToArray();
            d = Diagnostics(diagnostics, o.DiagnosticEvents, withCosts);
        }
        if (d is null && withCosts && r.DiagnosticEvents.Length > 0)
        {
            var recorded = metrics.OfType<CoreMetric>().Where(m => m.Name != "invoke_time_nsecs").ToArray();
            if (!recorded.SequenceEqual(o.CoreMetrics))
                d = FieldDifference.Between("coreMetrics", MetricsJson(recorded), MetricsJson(o.CoreMetrics));
        }
        if (d is null)
            return new RecordedComparison(engine, RecordedVerdict.Match, null, null);
        // Core's refundable-fee check is not made where the rent price is not known exactly (before
        // protocol 23, or a state size window the chain could not rebuild): the host's success then
        // stands and cannot be judged.
        if (r.OperationResult == InvokeHostFunctionResultCode.InsufficientRefundableFee
            && o.ResultCode == InvokeHostFunctionResultCode.Success && o.RentFee is null)
            return new RecordedComparison(engine, RecordedVerdict.NotReplayable, null, RefundableFeeUnjudged);
        return new RecordedComparison(engine, RecordedVerdict.Differ, d, null);
    }

    /// <summary>A core_metrics diagnostic event's name and value, or null for any other event.</summary>
    public static CoreMetric? MetricOf(DiagnosticEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Event.Body is ContractEventBody.V0 { Value: { Topics: [SCVal.Symbol { Value: var t0 }, SCVal.Symbol { Value: var name }], Data: SCVal.U64 { Value: var value } } }
            && t0.ToString() == "core_metrics"
                ? new CoreMetric(name.ToString(), value)
                : null;
    }

    private static FieldDifference? Values<T>(string field, T? a, T? b) where T : class, IXdrType<T>, IXdrJson<T>
    {
        if (a is null && b is null)
            return null;
        if (a is not null && b is not null && XdrCodec.Encode(a).AsSpan().SequenceEqual(XdrCodec.Encode(b)))
            return null;
        return FieldDifference.Between(field, a is null ? null : XdrJsonText.ToJson(a), b is null ? null : XdrJsonText.ToJson(b));
    }

    private static FieldDifference? List<T>(string field, IReadOnlyList<T> a, IReadOnlyList<T> b) where T : IXdrType<T>, IXdrJson<T>
    {
        if (a.Count == b.Count)
        {
            var same = true;
            for (var i = 0; i < a.Count && same; i++)
                same = XdrCodec.Encode(a[i]).AsSpan().SequenceEqual(XdrCodec.Encode(b[i]));
            if (same)
                return null;
        }
        return FieldDifference.Between(field, ArrayJson(a), ArrayJson(b));
    }

    /// <summary>Ledger changes as a set: both sides sorted by their XDR before comparing.</summary>
    private static FieldDifference? Set(string field, IReadOnlyList<LedgerEntryChange> a, IReadOnlyList<LedgerEntryChange> b)
    {
        var ea = a.Select(x => (Bytes: XdrCodec.Encode(x), Change: x)).OrderBy(x => x.Bytes, ByteOrder.Instance).ToList();
        var eb = b.Select(x => (Bytes: XdrCodec.Encode(x), Change: x)).OrderBy(x => x.Bytes, ByteOrder.Instance).ToList();
        if (ea.Count == eb.Count && ea.Zip(eb).All(p => p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes)))
            return null;
        return FieldDifference.Between(field, ArrayJson(ea.Select(x => x.Change).ToList()), ArrayJson(eb.Select(x => x.Change).ToList()));
    }

    private static string ArrayJson<T>(IReadOnlyList<T> items) where T : IXdrJson<T>
    {
        var sb = new StringBuilder("[");
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                sb.Append(',');
            sb.Append(XdrJsonText.ToJson(items[i]));
        }
        return sb.Append(']').ToString();
    }

    private static string? ErrorJson(OutcomeError? e)
    {
        if (e is null)
            return null;
        var sb = new StringBuilder("{\"error\":").Append(XdrJsonText.ToJson(e.Error));
        if (e.Trap is { } trap)
            sb.Append(",\"trap\":").Append(Quote(trap.ToString()));
        return sb.Append('}').ToString();
    }

    private static string? CodeJson(InvokeHostFunctionResultCode? code) =>
        code is { } c ? Quote(EngineRunSummary.ResultCodeName(c)) : null;

    private static string MetricsJson(IEnumerable<CoreMetric> metrics)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var m in metrics)
                w.WriteNumber(m.Name, m.Value);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
