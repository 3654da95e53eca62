namespace Replay.Replayer.Pipeline;

/// <summary>
/// Sees a run's results in case order, with the ledger boundaries between them: where a run
/// keeps its results durably (the database), and where a nightly job may stop.
/// </summary>
public interface IRunObserver
{
    /// <summary>One compared case.</summary>
    ValueTask OnCaseAsync(CaseResult result, CancellationToken cancellation);

    /// <summary>
    /// Every result of the ledgers before <paramref name="nextLedger"/> has been delivered.
    /// Returns false to end the run here (the ledgers from <paramref name="nextLedger"/> on are
    /// left for the next run).
    /// </summary>
    ValueTask<bool> OnLedgerBoundaryAsync(uint nextLedger, CancellationToken cancellation);

    /// <summary>The run delivered everything up to the ledger before <paramref name="nextLedger"/> (null when it saw no ledger).</summary>
    ValueTask OnCompletedAsync(uint? nextLedger, CancellationToken cancellation);
}
