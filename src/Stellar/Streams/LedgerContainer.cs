namespace Replay.Stellar.Streams;

/// <summary>How a file's ledgers are compressed.</summary>
public enum Compression
{
    None,
    Zstd,
    Gzip,
}

/// <summary>How ledgers are framed once decompressed.</summary>
public enum Framing
{
    /// <summary>Record-marked stream of LedgerCloseMeta (stellar-core's --metadata-output-stream, history tools).</summary>
    RecordMarked,

    /// <summary>One LedgerCloseMetaBatch value (SEP-54 data lake objects).</summary>
    Batch,
}

/// <summary>What a ledger file turned out to be, decided from its bytes rather than its name.</summary>
public readonly record struct LedgerContainer(Compression Compression, Framing Framing)
{
    public override string ToString() => Compression == Compression.None
        ? Framing.ToString()
        : $"{Framing}+{Compression}";
}
