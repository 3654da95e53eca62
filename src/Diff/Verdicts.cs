namespace Replay.Diff;

/// <summary>How one engine's outcome of a case compares with another engine's.</summary>
public enum EnginesVerdict
{
    /// <summary>Same result, events, ledger changes and costs.</summary>
    Identical,

    /// <summary>Same result, events and ledger changes; CPU, memory or fuel differ.</summary>
    CostOnly,

    /// <summary>Something observable differs; <see cref="DivergenceClass"/> says what kind.</summary>
    Divergent,

    /// <summary>No comparison: an engine could not run the case (the host does not implement something it needs).</summary>
    NotReplayable,
}

/// <summary>What kind of divergence a divergent case is, most specific first (the first that applies wins).</summary>
public enum DivergenceClass
{
    /// <summary>
    /// An error raised when a function is first called on one engine (lazy compilation), and at
    /// upload or not at all on the other; or a module refused on one engine that an engine
    /// validating lazily accepted.
    /// </summary>
    LazyValidation,

    /// <summary>A depth limit (Wasm stack overflow, host call depth) reached on one engine only.</summary>
    StackFlip,

    /// <summary>A budget or fuel limit reached on one engine only.</summary>
    BudgetFlip,

    /// <summary>Both engines trapped, with different trap kinds.</summary>
    TrapKind,

    /// <summary>Both engines failed, with different errors (or result codes).</summary>
    ErrorCode,

    /// <summary>The result differs: success on one and failure on the other, or another return value.</summary>
    Result,

    /// <summary>Same result; the ledger changes differ.</summary>
    LedgerChanges,

    /// <summary>Same result and ledger changes; contract or diagnostic events differ.</summary>
    Events,
}

/// <summary>How an engine's outcome compares with what the network recorded.</summary>
public enum RecordedVerdict
{
    Match,
    Differ,

    /// <summary>The case cannot be judged (a reason says why): the host lacks something, or the recording lacks what the judgement needs.</summary>
    NotReplayable,
}

/// <summary>The names verdicts and classes have in JSON, files and the database: kebab-case, stable.</summary>
public static class VerdictNames
{
    public static string Name(this EnginesVerdict v) => v switch
    {
        EnginesVerdict.Identical => "identical",
        EnginesVerdict.CostOnly => "cost-only",
        EnginesVerdict.Divergent => "divergent",
        EnginesVerdict.NotReplayable => "not-replayable",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    public static string Name(this DivergenceClass c) => c switch
    {
        DivergenceClass.LazyValidation => "lazy-validation",
        DivergenceClass.StackFlip => "stack-flip",
        DivergenceClass.BudgetFlip => "budget-flip",
        DivergenceClass.TrapKind => "trap-kind",
        DivergenceClass.ErrorCode => "error-code",
        DivergenceClass.Result => "result",
        DivergenceClass.LedgerChanges => "ledger-changes",
        DivergenceClass.Events => "events",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    public static string Name(this RecordedVerdict v) => v switch
    {
        RecordedVerdict.Match => "match",
        RecordedVerdict.Differ => "differ",
        RecordedVerdict.NotReplayable => "not-replayable",
        _ => throw new ArgumentOutOfRangeException(nameof(v), v, null),
    };

    public static IReadOnlyList<DivergenceClass> AllClasses { get; } = Enum.GetValues<DivergenceClass>();

    public static EnginesVerdict ParseEnginesVerdict(string name) =>
        Enum.GetValues<EnginesVerdict>().FirstOrDefault(v => v.Name() == name, (EnginesVerdict)(-1)) is var v && (int)v >= 0
            ? v : throw new FormatException($"unknown engines verdict '{name}'");

    public static DivergenceClass ParseClass(string name) =>
        AllClasses.FirstOrDefault(c => c.Name() == name, (DivergenceClass)(-1)) is var c && (int)c >= 0
            ? c : throw new FormatException($"unknown divergence class '{name}'");

    public static RecordedVerdict ParseRecordedVerdict(string name) =>
        Enum.GetValues<RecordedVerdict>().FirstOrDefault(v => v.Name() == name, (RecordedVerdict)(-1)) is var v && (int)v >= 0
            ? v : throw new FormatException($"unknown recorded verdict '{name}'");
}
