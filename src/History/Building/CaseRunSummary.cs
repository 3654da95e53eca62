namespace Replay.History.Building;

/// <summary>Counts of one `replay cases` run; the JSON summary prints exactly these.</summary>
public sealed class CaseRunSummary
{
    public long Ledgers { get; set; }
    public long Transactions { get; set; }

    /// <summary>InvokeHostFunction operations seen (cases + not applied + not replayable).</summary>
    public long Invocations { get; set; }

    public long Cases { get; set; }
    public long NotApplied { get; set; }

    /// <summary>Not-replayable operations by reason.</summary>
    public SortedDictionary<string, long> NotReplayable { get; } = new(StringComparer.Ordinal);

    public CheckCount PreState { get; } = new();
    public CheckCount TxSetHash { get; } = new();
    public CheckCount SuccessHash { get; } = new();

    /// <summary>Ledgers (protocol 23+) whose rebuilt state size window's average equals the meta's totalByteSizeOfLiveSorobanState.</summary>
    public CheckCount StateSizeWindow { get; } = new();

    /// <summary>Upgrades that rewrote the window: the rebuilt Soroban state size against the size they recorded.</summary>
    public CheckCount StateSizeReset { get; } = new();

    /// <summary>Bytes of uncompressed LedgerCloseMeta processed (for throughput figures).</summary>
    public long MetaBytes { get; set; }

    /// <summary>STATE pre-images in the meta that contradicted the rebuilt state (each reported as a warning).</summary>
    public long StateMismatches { get; set; }

    public bool AllChecksMatched => PreState.Matched == PreState.Checked && TxSetHash.Matched == TxSetHash.Checked
        && SuccessHash.Matched == SuccessHash.Checked && StateSizeWindow.Matched == StateSizeWindow.Checked
        && StateSizeReset.Matched == StateSizeReset.Checked;
}

/// <summary>How many values a check compared and how many were equal.</summary>
public sealed class CheckCount
{
    public long Checked { get; private set; }
    public long Matched { get; private set; }

    public bool Record(bool matched)
    {
        Checked++;
        if (matched)
            Matched++;
        return matched;
    }
}
