using Replay.Stellar.Xdr;

namespace Replay.Stellar.Streams;

/// <summary>
/// A file of ledgers in any of the containers the tool meets: record-marked LedgerCloseMeta
/// streams and SEP-54 LedgerCloseMetaBatch objects, each plain, zstd- or gzip-compressed.
/// The kind is decided from content, so misnamed files are read correctly. Ledgers are read one
/// at a time within <see cref="LedgerReadLimits"/>; <see cref="Read"/> does the same for any stream.
/// </summary>
public sealed class LedgerFile
{
    private LedgerFile(string path, LedgerContainer container, LedgerReadLimits limits)
    {
        Path = path;
        Container = container;
        Limits = limits;
    }

    public string Path { get; }

    public LedgerContainer Container { get; }

    public LedgerReadLimits Limits { get; }

    /// <summary>
    /// Opens <paramref name="path"/> if its content is ledger data; null otherwise (an index.json,
    /// but also a file damaged in its first bytes: use <see cref="Open"/> to learn why).
    /// </summary>
    public static LedgerFile? TryOpen(string path, LedgerReadLimits? limits = null)
    {
        try
        {
            return Open(path, limits);
        }
        catch (StreamFormatException)
        {
            return null;
        }
    }

    /// <summary>Like <see cref="TryOpen"/> but content that is not ledger data is a <see cref="StreamFormatException"/> saying why.</summary>
    public static LedgerFile Open(string path, LedgerReadLimits? limits = null)
    {
        limits ??= LedgerReadLimits.Default;
        using var file = OpenRead(path);
        using var content = LedgerStream.Open(file, path, limits);
        if (!content.IsLedgerData)
            throw new StreamFormatException(content.Verdict.Reason ?? "not ledger data", 0, path);
        return new LedgerFile(path, content.Container, limits);
    }

    /// <summary>
    /// The encoded LedgerCloseMeta values of any stream (a data-lake object fetched over HTTP, a
    /// file, memory) in order, with their offsets in the decompressed content. The container is
    /// detected from the content; content that is not ledger data, a malformed container or
    /// corrupt compression is a <see cref="StreamFormatException"/> naming <paramref name="sourceName"/>.
    /// The stream is read once, front to back, and is not disposed.
    /// </summary>
    public static IEnumerable<RawRecord> Read(Stream stream, string sourceName, LedgerReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadRecords(stream, sourceName, limits).Select(r => r.Raw);
    }

    /// <summary>The encoded LedgerCloseMeta values in file order, with their offsets in the decompressed content.</summary>
    public IEnumerable<RawRecord> RawLedgers() => Records().Select(r => r.Raw);

    /// <summary>Decoded ledgers in file order.</summary>
    public IEnumerable<LedgerCloseMeta> Ledgers() => Records().Select(r => r.Decoded ?? DecodeLedger(r.Raw, Limits));

    /// <summary>Decodes one ledger, reporting failures with the ledger's offset in the file's content.</summary>
    public static LedgerCloseMeta DecodeLedger(RawRecord raw) => DecodeLedger(raw, LedgerReadLimits.Default);

    /// <summary>Decodes one ledger within <see cref="LedgerReadLimits.MaxDecodedBytes"/> of memory.</summary>
    public static LedgerCloseMeta DecodeLedger(RawRecord raw, LedgerReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            return XdrCodec.Decode<LedgerCloseMeta>(raw.Bytes.Span, XdrLimits.DefaultMaxDepth, limits.MaxDecodedBytes);
        }
        catch (XdrException e)
        {
            e.AddBaseOffset(raw.Offset);
            throw;
        }
    }

    internal IEnumerable<LedgerRecord> Records()
    {
        using var file = OpenRead(Path);
        foreach (var record in ReadRecords(file, Path, Limits))
            yield return record;
    }

    internal static IEnumerable<LedgerRecord> ReadRecords(Stream stream, string sourceName, LedgerReadLimits? limits)
    {
        using var content = LedgerStream.Open(stream, sourceName, limits);
        foreach (var record in content.Records())
            yield return record;
    }

    /// <summary>Opens a file for one front-to-back read (the stream readers buffer themselves).</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
}
