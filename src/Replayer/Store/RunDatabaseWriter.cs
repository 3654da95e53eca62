using Replay.Diff;
using Replay.History.Cases;
using Replay.Replayer.Pipeline;

namespace Replay.Replayer.Store;

/// <summary>
/// Keeps a run's results in the run store as they come: cases are buffered and written in
/// batches at ledger boundaries (a ledger's cases are never split over two transactions), each
/// batch together with the nightly cursor when the run has a job. A kill at any point leaves
/// whole ledgers written and the cursor at the first ledger not written.
/// </summary>
public sealed class RunDatabaseWriter(RunStore store, long runId, IReadOnlyList<string> engineKeys, AllowList allow, string tool,
    string? job = null, int batchSize = 500, Func<uint, bool>? stopAtBoundary = null) : IRunObserver
{
    private readonly List<StoredCase> _buffer = [];

    /// <summary>Cases written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Batches (transactions) written so far.</summary>
    public int Batches { get; private set; }

    /// <summary>The ledger of the first case seen, or null.</summary>
    public uint? FirstLedger { get; private set; }

    public ValueTask OnCaseAsync(CaseResult result, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(result);
        FirstLedger ??= result.Case.Id.Ledger;
        var findings = DivergenceArtifact.Findings(result, allow, tool)
            .Select(f => new StoredFinding(f.Signature, f.Json, CaseBinary.Encode(result.Case)))
            .ToList();
        _buffer.Add(new StoredCase(result.Comparison, ComparisonJson.OutcomeLine(result.Comparison, engineKeys), findings));
        return ValueTask.CompletedTask;
    }

    public async ValueTask<bool> OnLedgerBoundaryAsync(uint nextLedger, CancellationToken cancellation)
    {
        var stop = stopAtBoundary?.Invoke(nextLedger) == true;
        if (_buffer.Count >= batchSize || stop)
            await FlushAsync(nextLedger, cancellation).ConfigureAwait(false);
        return !stop;
    }

    public async ValueTask OnCompletedAsync(uint? nextLedger, CancellationToken cancellation) =>
        await FlushAsync(nextLedger, cancellation).ConfigureAwait(false);

    private async Task FlushAsync(uint? nextLedger, CancellationToken cancellation)
    {
        var cursor = job is not null && nextLedger is { } next ? (job, next) : ((string, uint)?)null;
        if (_buffer.Count == 0 && cursor is null)
            return;
        await store.WriteBatchAsync(runId, engineKeys, _buffer, cursor, cancellation).ConfigureAwait(false);
        Written += _buffer.Count;
        Batches++;
        _buffer.Clear();
    }
}
