using Replay.History.Cases;
using Replay.Soroban.Invocation;

namespace Replay.Diff;

/// <summary>What the network recorded for a case, as outcome lines carry it.</summary>
/// <param name="Status">"success" or "failed".</param>
/// <param name="ResultCode">The operation result code's name in the Stellar CLI's JSON.</param>
/// <param name="Cpu">core_metrics cpu_insn, when core emitted metrics.</param>
/// <param name="Mem">core_metrics mem_byte, when core emitted metrics.</param>
public sealed record RecordedSummary(string Status, string ResultCode, ulong? Cpu, ulong? Mem)
{
    public static RecordedSummary Of(RecordedOutcome r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new RecordedSummary(r.OperationResult == Stellar.Xdr.InvokeHostFunctionResultCode.Success ? "success" : "failed",
            EngineRunSummary.ResultCodeName(r.OperationResult), r.CpuInstructions, r.MemoryBytes);
    }
}

/// <summary>
/// Everything the pipeline concludes about one case: each engine's run, each engine against the
/// recording, the reference engine against every other, the case's overall verdict and class,
/// and the signatures of its findings.
/// </summary>
public sealed record CaseComparison
{
    /// <summary>The engine whose cost model the network ran (Wasmi 0.31): only its CPU and memory are compared with core's metrics.</summary>
    public const string NetworkEngine = "stack";

    public required CaseFacts Facts { get; init; }

    /// <summary>One summary per engine variant, the reference (first) engine first.</summary>
    public required IReadOnlyList<EngineRunSummary> Runs { get; init; }

    public required RecordedSummary Recorded { get; init; }

    /// <summary>Each run against the recording, in the order of <see cref="Runs"/>.</summary>
    public required IReadOnlyList<RecordedComparison> VsRecorded { get; init; }

    /// <summary>The first run against each other run (empty with one engine).</summary>
    public required IReadOnlyList<EngineComparison> Engines { get; init; }

    /// <summary>The worst of <see cref="Engines"/> (divergent, then cost-only, then identical; not-replayable when nothing could be compared); null with one engine.</summary>
    public EnginesVerdict? Verdict { get; init; }

    /// <summary>The class of the first divergent comparison; null unless <see cref="Verdict"/> is divergent.</summary>
    public DivergenceClass? Class { get; init; }

    /// <summary>One per divergent engine pair, then one per run that differs from the recording.</summary>
    public required IReadOnlyList<DivergenceSignature> Signatures { get; init; }

    /// <summary>Whether the network engine's CPU could be checked against core's metrics, and whether it was exact.</summary>
    public bool CpuChecked { get; init; }

    public bool CpuExact { get; init; }

    /// <summary>Compares a case's outcomes: <paramref name="outcomes"/>[0] is the reference every other is compared with.</summary>
    public static CaseComparison Compare(ReplayCase c, IReadOnlyList<Outcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
            throw new ArgumentException("no outcome to compare", nameof(outcomes));
        var facts = CaseFacts.Of(c);
        var runs = outcomes.Select(EngineRunSummary.Of).ToArray();
        var vsRecorded = outcomes.Select(o => OutcomeComparer.CompareWithRecording(c, o, o.Engine.Identity.Name == NetworkEngine)).ToArray();
        var engines = outcomes.Skip(1).Select(o => OutcomeComparer.CompareEngines(outcomes[0], o)).ToArray();
        EnginesVerdict? verdict = null;
        DivergenceClass? cls = null;
        if (engines.Length > 0)
        {
            verdict = engines.Any(e => e.Verdict == EnginesVerdict.Divergent) ? EnginesVerdict.Divergent
                : engines.Any(e => e.Verdict == EnginesVerdict.CostOnly) ? EnginesVerdict.CostOnly
                : engines.All(e => e.Verdict == EnginesVerdict.NotReplayable) ? EnginesVerdict.NotReplayable
                : EnginesVerdict.Identical;
            cls = engines.FirstOrDefault(e => e.Verdict == EnginesVerdict.Divergent)?.Class;
        }
        var signatures = new List<DivergenceSignature>();
        for (var i = 0; i < engines.Length; i++)
        {
            if (engines[i].Class is { } k)
                signatures.Add(DivergenceSignature.Of(k.Name(), engines[i].Difference, facts, runs[0].Error, runs[i + 1].Error));
        }
        for (var i = 0; i < vsRecorded.Length; i++)
        {
            if (vsRecorded[i].Verdict == RecordedVerdict.Differ)
                signatures.Add(DivergenceSignature.Of("recorded:" + runs[i].Engine, vsRecorded[i].Difference, facts, "recorded " + RecordedSummary.Of(c.Recorded).ResultCode, runs[i].Error));
        }
        var network = outcomes.FirstOrDefault(o => o.Engine.Identity.Name == NetworkEngine && o.Status != OutcomeStatus.NotImplemented);
        var cpuChecked = network is not null && c.Recorded.CpuInstructions is not null;
        return new CaseComparison
        {
            Facts = facts,
            Runs = runs,
            Recorded = RecordedSummary.Of(c.Recorded),
            VsRecorded = vsRecorded,
            Engines = engines,
            Verdict = verdict,
            Class = cls,
            Signatures = signatures,
            CpuChecked = cpuChecked,
            CpuExact = cpuChecked && c.Recorded.CpuInstructions == network!.Consumed.Cpu,
        };
    }
}
