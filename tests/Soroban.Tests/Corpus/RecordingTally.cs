using Replay.History.Cases;
using Replay.Soroban.Invocation;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests.Corpus;

/// <summary>
/// Counts of how the stack engine's outcomes compare with what stellar-core recorded, shared by
/// the corpus verifications: every run is not implemented, exact to the recording
/// (<see cref="CorpusInvocationTests.DifferencesFromRecording"/>), an INSUFFICIENT_REFUNDABLE_FEE
/// failure the case cannot judge (the host succeeded and priced no rent), or a mismatch; and, where
/// core_metrics were recorded, whether cpu_insn and mem_byte are exact.
/// </summary>
internal sealed class RecordingTally
{
    public int Total { get; private set; }

    public int Exact { get; private set; }

    public int WithMetrics { get; private set; }

    public int CpuExact { get; private set; }

    public int MemExact { get; private set; }

    /// <summary>"not implemented: ..." of each run the host could not make.</summary>
    public List<string> NotImplemented { get; } = [];

    /// <summary>Transaction hashes of the unjudged refundable-fee failures.</summary>
    public List<string> Unjudged { get; } = [];

    /// <summary>"case label: differences" of each run that differs from its recording.</summary>
    public List<string> Mismatches { get; } = [];

    /// <summary>Counts one run; true when it is exact to its recording. <paramref name="label"/> follows the case id in a mismatch.</summary>
    public bool Add(ReplayCase c, Outcome o, string label = "")
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(o);
        Total++;
        if (o.Status == OutcomeStatus.NotImplemented)
        {
            NotImplemented.Add(o.NotImplemented!);
            return false;
        }
        if (c.Recorded.CpuInstructions is { } cpu)
        {
            WithMetrics++;
            if (cpu == o.Consumed.Cpu)
                CpuExact++;
            if (c.Recorded.MemoryBytes == o.Consumed.Mem)
                MemExact++;
        }
        var differences = CorpusInvocationTests.DifferencesFromRecording(c, o);
        if (differences.Count == 0)
        {
            Exact++;
            return true;
        }
        if (c.Recorded.OperationResult == InvokeHostFunctionResultCode.InsufficientRefundableFee
            && o.ResultCode == InvokeHostFunctionResultCode.Success && o.RentFee is null)
            Unjudged.Add(c.Id.TransactionHash.ToString());
        else
            Mismatches.Add($"{c.Id}{label}: {string.Join(", ", differences)}");
        return false;
    }
}
