using Replay.Stellar.Xdr;

namespace Replay.History.Cases;

/// <summary>What building one InvokeHostFunction operation produced: a case, or why there is none.</summary>
public abstract record CaseBuildResult(CaseId Id);

/// <summary>A complete, exact replay case.</summary>
public sealed record BuiltCase(ReplayCase Case) : CaseBuildResult(Case.Id);

/// <summary>
/// The operation ran but its inputs cannot be rebuilt exactly (state not known from genesis or a
/// checkpoint, settings unknown...). Never replaced by a case built from guessed state.
/// </summary>
public sealed record NotReplayable(CaseId Id, string Reason, string Detail, LedgerKey[] MissingKeys) : CaseBuildResult(Id)
{
    /// <summary>Ledger entries (footprint keys, their TTLs, or config settings) the state does not know.</summary>
    public const string MissingState = "missing-state";

    /// <summary>The ledger header before this ledger's upgrades is not known (first ledger read carries a version or reserve upgrade).</summary>
    public const string UnknownHeader = "unknown-pre-upgrade-header";
}

/// <summary>
/// The operation never ran: its transaction failed before apply (bad sequence, insufficient fee,
/// invalid Soroban data...) or an earlier operation of a failed transaction stopped it.
/// </summary>
public sealed record NotApplied(CaseId Id, TransactionResultCode TransactionResult, OperationResultCode? OperationResult) : CaseBuildResult(Id);
