using Replay.Diff;
using Replay.Engine.Register;
using Replay.Engines;
using Replay.History.Cases;
using Replay.Soroban.Profile;

namespace Replay.Replayer.Pipeline;

/// <summary>One deliberate fault of the self-test and what the pipeline must make of it.</summary>
/// <param name="Name">"rem_s-sign", "fuel-off-by-one", "lazy-validation".</param>
/// <param name="Expected">What must come out: for divergences, the classes allowed; for a cost fault, none (cost-only).</param>
public sealed record SelfTestFault(string Name, RegisterFaults Fault, string Description, IReadOnlyList<DivergenceClass> Expected, bool CostOnly);

/// <summary>What one fault produced, compared with the clean run.</summary>
/// <param name="Changed">Cases whose verdict or class differs from the clean run.</param>
/// <param name="NewDivergences">Cases divergent with the fault and not (or in another class) without it.</param>
/// <param name="CostChanged">Cases the faulty engine ran at another cost than the clean one, without a new divergence.</param>
/// <param name="Classes">The classes of <paramref name="NewDivergences"/>, by count.</param>
/// <param name="Signatures">The distinct signature hashes of the new divergences.</param>
/// <param name="Stable">Whether rerunning the new divergences (one worker, no module cache) gave the same signatures.</param>
/// <param name="Passed">Whether the fault was found, in the expected class, with stable signatures.</param>
/// <param name="Reason">Why it failed, when it did.</param>
public sealed record SelfTestResult(
    SelfTestFault Fault,
    int Changed,
    int NewDivergences,
    int CostChanged,
    IReadOnlyDictionary<string, int> Classes,
    IReadOnlyList<string> Signatures,
    bool Stable,
    bool Passed,
    string? Reason);

/// <summary>
/// `replay selftest`: replays a corpus with a register engine broken three ways, one at a time,
/// and checks that the pipeline finds each bug, in the right class, with stable signatures:
/// a wrong i32.rem_s sign (a wrong result), an off-by-one fuel charge (a cost difference only,
/// or a budget flip near a limit), and a body that fails lazy validation (lazy-validation).
/// </summary>
public static class SelfTest
{
    public static IReadOnlyList<SelfTestFault> Faults { get; } =
    [
        new("rem_s-sign", RegisterFaults.RemSWrongSign, "i32.rem_s returns its remainder with the wrong sign",
            [DivergenceClass.Result, DivergenceClass.ErrorCode, DivergenceClass.TrapKind, DivergenceClass.LedgerChanges, DivergenceClass.Events], false),
        new("fuel-off-by-one", RegisterFaults.FuelOffByOne, "every function call charges one unit of fuel too many",
            [DivergenceClass.BudgetFlip], true),
        new("lazy-validation", RegisterFaults.LazyBrTableInvalid, "a body using br_table fails validation on its first call (lazy compilation)",
            [DivergenceClass.LazyValidation], false),
    ];

    /// <summary>Runs the clean engines, then each fault, over <paramref name="cases"/> (in order; add <see cref="SelfTestProbes"/> for faults the corpus cannot reveal).</summary>
    public static async Task<IReadOnlyList<SelfTestResult>> RunAsync(IReadOnlyList<ReplayCase> cases, CompilationModeName mode, int parallel,
        Action<string>? log, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var clean = await CompareAllAsync(cases, EngineSet.Create(["stack", "register"], [mode.Name], cache: true), parallel, cancellation).ConfigureAwait(false);
        log?.Invoke($"clean: {clean.Count(c => c.Comparison.Verdict == EnginesVerdict.Divergent)} divergent, {clean.Count(c => c.Comparison.Verdict == EnginesVerdict.CostOnly)} cost-only");
        var results = new List<SelfTestResult>();
        foreach (var fault in Faults)
        {
            var set = Faulty(fault.Fault, mode, cache: true);
            var faulty = await CompareAllAsync(cases, set, parallel, cancellation).ConfigureAwait(false);
            var result = Judge(fault, clean, faulty, cases, mode);
            log?.Invoke($"{fault.Name}: {(result.Passed ? "found" : "NOT FOUND")}: {result.NewDivergences} new divergences, {result.CostChanged} cases at another cost");
            results.Add(result);
        }
        return results;
    }

    /// <summary>The stack engine against a register engine with <paramref name="faults"/> (never reachable from the CLI's engine options).</summary>
    public static EngineSet Faulty(RegisterFaults faults, CompilationModeName mode, bool cache) =>
        EngineSet.Create(["stack", "register"], [mode.Name], cache,
            v => v.Engine == EngineCatalog.Register ? new RegisterEngine(SorobanProfile.Config(v.Engine.Generation, v.Mode), faults) : null);

    private static async Task<List<CaseResult>> CompareAllAsync(IReadOnlyList<ReplayCase> cases, EngineSet engines, int parallel, CancellationToken cancellation)
    {
        var results = new List<CaseResult>(cases.Count);
        await foreach (var item in ReplayPipeline.RunAsync(Source(cases), new PipelineOptions { Engines = engines, Parallel = parallel, DeterminismEvery = 0 }, cancellation).ConfigureAwait(false))
            results.Add(item.Result!);
        return results;
    }

#pragma warning disable CS1998 // an async iterator over a list: the pipeline takes an async source
    private static async IAsyncEnumerable<CaseBuildResult> Source(IReadOnlyList<ReplayCase> cases)
    {
        foreach (var c in cases)
            yield return new BuiltCase(c);
    }
#pragma warning restore CS1998

    private static SelfTestResult Judge(SelfTestFault fault, List<CaseResult> clean, List<CaseResult> faulty, IReadOnlyList<ReplayCase> cases, CompilationModeName mode)
    {
        var changed = 0;
        var costChanged = 0;
        var divergent = new List<CaseResult>();
        for (var i = 0; i < clean.Count; i++)
        {
            var a = clean[i].Comparison;
            var b = faulty[i].Comparison;
            if (a.Verdict == b.Verdict && a.Class == b.Class)
            {
                if (a.Runs[^1].Consumed != b.Runs[^1].Consumed)
                    costChanged++;
                continue;
            }
            changed++;
            if (b.Verdict == EnginesVerdict.Divergent)
                divergent.Add(faulty[i]);
            else
                costChanged++;
        }
        var classes = divergent.GroupBy(d => d.Comparison.Class!.Value.Name()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var signatures = divergent.SelectMany(d => EngineSignatures(d.Comparison)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // Stability: the same cases again, one at a time, compiling afresh.
        var again = Faulty(fault.Fault, mode, cache: false);
        var rerun = divergent.SelectMany(d => EngineSignatures(CaseExecutor.Execute(d.Case, again, determinismCheck: false).Comparison))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var stable = rerun.SequenceEqual(signatures, StringComparer.Ordinal);

        string? reason = null;
        var wrong = divergent.Where(d => !fault.Expected.Contains(d.Comparison.Class!.Value)).ToList();
        if (fault.CostOnly && costChanged == 0)
            reason = "no case changed cost";
        else if (!fault.CostOnly && divergent.Count == 0)
            reason = "no new divergence";
        else if (wrong.Count > 0)
            reason = $"{wrong.Count} divergence(s) in another class: {string.Join(", ", wrong.Take(3).Select(w => $"{w.Case.Id} {w.Comparison.Class!.Value.Name()}"))}";
        else if (!stable)
            reason = "signatures differ when the divergent cases are rerun";
        return new SelfTestResult(fault, changed, divergent.Count, costChanged, classes, signatures, stable, reason is null, reason);
    }

    private static IEnumerable<string> EngineSignatures(CaseComparison c) =>
        c.Signatures.Where(s => !s.Class.StartsWith("recorded:", StringComparison.Ordinal)).Select(s => s.Hash);
}

/// <summary>A --modes name ("lazy", "eager", "lazy-translation").</summary>
public readonly record struct CompilationModeName(string Name)
{
    public static CompilationModeName Lazy => new("lazy");
}
