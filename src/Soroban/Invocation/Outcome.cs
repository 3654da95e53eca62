using Replay.Stellar.Xdr;
using Replay.Wasm;
using Replay.Wasm.Runtime;

namespace Replay.Soroban.Invocation;

/// <summary>How an operation ended, at the level the comparison starts from.</summary>
public enum OutcomeStatus
{
    /// <summary>The operation succeeded (<see cref="InvokeHostFunctionResultCode.Success"/>).</summary>
    Success,

    /// <summary>
    /// The operation failed with <see cref="Outcome.ResultCode"/>, the code stellar-core maps the
    /// failure to: before the host was called (footprint checks, <see cref="Outcome.HostCalled"/>
    /// false), in the host, or in core's checks after it (entry sizes, events size, refundable fee).
    /// </summary>
    Failed,

    /// <summary>
    /// The operation needs something this host does not implement yet (<see cref="Outcome.NotImplemented"/>
    /// names it): no result is claimed, and nothing else in the outcome is meaningful.
    /// </summary>
    NotImplemented,
}

/// <summary>Which engine produced an outcome: its identity and the compilation mode it ran in.</summary>
public sealed record OutcomeEngine(EngineIdentity Identity, CompilationMode Mode)
{
    /// <summary>"stack/Eager", "register/Lazy": the same names as the engine catalog's variants.</summary>
    public string Name => $"{Identity.Name}/{Mode}";

    public override string ToString() => Name;
}

/// <summary>
/// Why the host failed: the error the host returned (as the reference's <c>HostError</c> carries
/// it) and, when the error is a Wasm trap of the engine, the trap's kind.
/// </summary>
/// <param name="Error">The ScError (type and code; a contract's own code for <see cref="SCErrorType.Contract"/>).</param>
/// <param name="Trap">The engine's trap when the failure was a Wasm trap (the error is then (WasmVm, ...) or (Budget, ExceededLimit) for fuel); null otherwise.</param>
/// <param name="Message">What failed, for people (never compared).</param>
public sealed record OutcomeError(SCError Error, TrapCode? Trap, string Message);

/// <summary>CPU instructions and memory bytes of the host's budget, and the engine's fuel.</summary>
public readonly record struct ResourceUse(ulong Cpu, ulong Mem, ulong Fuel)
{
    public static ResourceUse operator -(ResourceUse a, ResourceUse b) =>
        new(a.Cpu - b.Cpu, a.Mem - b.Mem, a.Fuel - b.Fuel);

    public static ResourceUse operator +(ResourceUse a, ResourceUse b) =>
        new(a.Cpu + b.Cpu, a.Mem + b.Mem, a.Fuel + b.Fuel);
}

/// <summary>One of the <c>core_metrics</c> figures stellar-core appends as diagnostic events (name as its topic).</summary>
public readonly record struct CoreMetric(string Name, ulong Value);

/// <summary>
/// What running one InvokeHostFunction operation on one engine produced, in the form
/// stellar-core records it, so that it compares field by field with the network's recording
/// (<c>RecordedOutcome</c> of a replay case) and with the other engine's outcome.
/// </summary>
/// <remarks>
/// <para>Produced by <c>Invoker.Run(case, engine)</c>. Everything here is deterministic: no wall-clock
/// figures (core's <c>invoke_time_nsecs</c> metric is left out of <see cref="CoreMetrics"/>).</para>
/// <para>Ledger changes: core writes an operation's changes in the order of its ledger transaction's
/// hash map, whose hash is seeded per process, so that order is not reproducible. We give them in
/// the host's storage order (footprint keys in the reference's key order; each entry's TTL change
/// right after the entry); compare them per ledger key.</para>
/// </remarks>
public sealed record Outcome
{
    public required OutcomeEngine Engine { get; init; }

    public required OutcomeStatus Status { get; init; }

    /// <summary>The operation's result code as core sets it; null only for <see cref="OutcomeStatus.NotImplemented"/>.</summary>
    public required InvokeHostFunctionResultCode? ResultCode { get; init; }

    /// <summary>"not implemented: ..." naming what is missing, for <see cref="OutcomeStatus.NotImplemented"/>; else null.</summary>
    public string? NotImplemented { get; init; }

    /// <summary>Whether core called the host (false when its footprint checks failed the operation first).</summary>
    public required bool HostCalled { get; init; }

    /// <summary>The host function's return value (success only).</summary>
    public SCVal? ReturnValue { get; init; }

    /// <summary>SHA-256 of InvokeHostFunctionSuccessPreImage (return value and contract events): the operation result's hash on success.</summary>
    public Hash? SuccessHash { get; init; }

    /// <summary>The host's error when the host failed; null on success and when core failed the operation by its own checks.</summary>
    public OutcomeError? Error { get; init; }

    /// <summary>
    /// The operation's ledger entry changes in core's meta form: UPDATED, CREATED, REMOVED and
    /// RESTORED entries, empty on failure. Core's STATE entries (the pre-image before each UPDATED
    /// or REMOVED) are left out: they are the case's input, not the operation's output, and a TTL
    /// entry's pre-image carries a last-modified ledger the case does not hold. Compare with a
    /// recording's changes without its STATE entries. See remarks for the order.
    /// </summary>
    public IReadOnlyList<LedgerEntryChange> LedgerChanges { get; init; } = [];

    /// <summary>Contract events as core records them (successful operations only, in emission order).</summary>
    public IReadOnlyList<ContractEvent> ContractEvents { get; init; } = [];

    /// <summary>
    /// The diagnostic events core records for the operation when diagnostics are on: the host's
    /// (fn_call, fn_return, log, error events...) and core's own error events, in order, without
    /// the trailing <c>core_metrics</c> events (those are <see cref="CoreMetrics"/>).
    /// </summary>
    public IReadOnlyList<DiagnosticEvent> DiagnosticEvents { get; init; } = [];

    /// <summary>
    /// core's <c>core_metrics</c> figures in the order core emits them, without <c>invoke_time_nsecs</c>.
    /// Given whether or not diagnostics are on (core records them only when they are, so a
    /// recording without diagnostic events has none to compare); empty for <see cref="OutcomeStatus.NotImplemented"/>.
    /// </summary>
    public IReadOnlyList<CoreMetric> CoreMetrics { get; init; } = [];

    /// <summary>Everything the budget and the engine consumed for the invocation (core's <c>cpu_insn</c> and <c>mem_byte</c>), and the fuel.</summary>
    public ResourceUse Consumed { get; init; }

    /// <summary>The part of <see cref="Consumed"/> spent instantiating contracts (parsing, linking, instantiation charges, and any fuel an engine charges for it).</summary>
    public ResourceUse Instantiation { get; init; }

    /// <summary><see cref="Consumed"/> minus <see cref="Instantiation"/>.</summary>
    public ResourceUse Execution => Consumed - Instantiation;

    /// <summary>The rent fee of the operation's ledger changes (success only), as core computes it for the refundable fee.</summary>
    public long? RentFee { get; init; }
}
