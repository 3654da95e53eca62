namespace Replay.Stellar.Check;

/// <summary>One problem found while checking: the file, the ledger sequence if known, and what went wrong.</summary>
public sealed record CheckFailure(string File, uint? Ledger, string Error);

/// <summary>A path found while walking the inputs that was deliberately not checked, and why (text, a file reached twice).</summary>
public sealed record CheckSkip(string File, string Reason);

/// <summary>Totals of a corpus check. Every ledger should round-trip and every transaction pair with its result.</summary>
public sealed class CheckReport
{
    /// <summary>Input files read or found unreadable (skipped paths are not counted).</summary>
    public int Files { get; set; }

    public long Ledgers { get; set; }

    public long Transactions { get; set; }

    /// <summary>Ledgers whose re-encoding equals the original bytes.</summary>
    public long RoundTripIdentical { get; set; }

    /// <summary>Transactions whose recomputed hash matched a result of the same ledger.</summary>
    public long HashMatched { get; set; }

    public List<CheckFailure> Failures { get; } = [];

    /// <summary>Paths not checked, each with its reason; a skip never makes a check fail.</summary>
    public List<CheckSkip> Skipped { get; } = [];

    /// <summary>Which network each file's transactions hash under (file path to network name).</summary>
    public SortedDictionary<string, string> Networks { get; } = new(StringComparer.Ordinal);

    public bool Passed => Failures.Count == 0 && RoundTripIdentical == Ledgers && HashMatched == Transactions;
}
