using Replay.Diff;
using Replay.History.Cases;
using Replay.Soroban.Invocation;

namespace Replay.Replayer.Pipeline;

/// <summary>The first divergent host step of one divergent engine pair (the reference against <see cref="Second"/>).</summary>
/// <param name="FirstSteps">How many host steps the first engine's trace has (the second's when the step is null: they are equal).</param>
/// <param name="LastFirst">The first engine's last step, when the traces agree throughout (the divergence comes after it).</param>
public sealed record PairSteps(string First, string Second, StepDivergence? Step, bool Truncated, int FirstSteps, int SecondSteps, HostStep? LastFirst, HostStep? LastSecond);

/// <summary>Everything the pipeline produced for one case.</summary>
public sealed record CaseResult(ReplayCase Case, IReadOnlyList<Outcome> Outcomes, CaseComparison Comparison, IReadOnlyList<PairSteps> Steps);

/// <summary>The reference engine gave two different outcomes for the same case: the run cannot be trusted.</summary>
public sealed class NondeterminismException(CaseId id, string detail)
    : Exception($"nondeterminism: the reference engine gave two different outcomes for case {id}: {detail}")
{
    public CaseId Case { get; } = id;
}

/// <summary>Running a case failed in a way no outcome describes (a bug of the tool): the run stops, naming the case.</summary>
public sealed class CaseFailedException(CaseId id, Exception inner)
    : Exception($"case {id}: internal error: {inner.GetType().Name}: {inner.Message}", inner)
{
    public CaseId Case { get; } = id;
}

/// <summary>Runs one case on every engine of a set, compares, and on a divergence traces the host calls of both sides.</summary>
public static class CaseExecutor
{
    public static CaseResult Execute(ReplayCase c, EngineSet engines, bool determinismCheck)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(engines);
        var outcomes = new Outcome[engines.Runners.Count];
        for (var i = 0; i < outcomes.Length; i++)
            outcomes[i] = engines.Runners[i].Run(c);
        if (determinismCheck)
            CheckDeterminism(c, engines.Runners[0], outcomes[0]);
        var comparison = CaseComparison.Compare(c, outcomes);
        var steps = new List<PairSteps>();
        for (var i = 0; i < comparison.Engines.Count; i++)
        {
            if (comparison.Engines[i].Verdict == EnginesVerdict.Divergent)
                steps.Add(TraceDivergence(c, engines.Runners[0], engines.Runners[i + 1]));
        }
        return new CaseResult(c, outcomes, comparison, steps);
    }

    /// <summary>
    /// The A/A check: the reference engine again, compiling afresh (no module cache), must give
    /// the same outcome field for field and the same costs.
    /// </summary>
    public static void CheckDeterminism(ReplayCase c, EngineRunner reference, Outcome first)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(first);
        var again = reference.Run(c, useCache: false);
        if (first.Status == OutcomeStatus.NotImplemented && again.Status == OutcomeStatus.NotImplemented)
            return;
        if (OutcomeComparer.FirstDifference(first, again) is { } d)
            throw new NondeterminismException(c.Id, $"{d.Path}: {d.First ?? "(none)"} then {d.Second ?? "(none)"}");
        if (first.Consumed != again.Consumed || first.Instantiation != again.Instantiation)
            throw new NondeterminismException(c.Id,
                $"costs: cpu {first.Consumed.Cpu} then {again.Consumed.Cpu}, mem {first.Consumed.Mem} then {again.Consumed.Mem}, fuel {first.Consumed.Fuel} then {again.Consumed.Fuel}");
    }

    /// <summary>Reruns both engines with host-call tracing and finds the first step where they differ.</summary>
    public static PairSteps TraceDivergence(ReplayCase c, EngineRunner first, EngineRunner second)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var a = new HostStepRecorder();
        var b = new HostStepRecorder();
        first.Run(c, a);
        second.Run(c, b);
        return new PairSteps(first.Variant, second.Variant, StepDivergence.Find(a.Steps, b.Steps), a.Truncated || b.Truncated,
            a.Steps.Count, b.Steps.Count, a.Steps.Count > 0 ? a.Steps[^1] : null, b.Steps.Count > 0 ? b.Steps[^1] : null);
    }
}
