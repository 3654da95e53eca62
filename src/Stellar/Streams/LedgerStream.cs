namespace Replay.Stellar.Streams;

/// <summary>
/// Ledger data read once, front to back, from any stream (a file, an HTTP body, memory): the
/// container is decided from the first bytes, then ledgers come one at a time in bounded memory
/// (<see cref="LedgerReadLimits"/>). Disposing it releases the decompressor, not the source stream.
/// </summary>
public sealed class LedgerStream : IDisposable
{
    private readonly Stream _content;
    private readonly LedgerReadLimits _limits;
    private bool _read;

    private LedgerStream(Stream content, string sourceName, Compression compression, ContentVerdict verdict, LedgerReadLimits limits)
    {
        _content = content;
        SourceName = sourceName;
        Compression = compression;
        Verdict = verdict;
        _limits = limits;
    }

    public string SourceName { get; }

    public Compression Compression { get; }

    /// <summary>What the content is; when it is not ledgers, <see cref="ContentVerdict.Reason"/> says why.</summary>
    public ContentVerdict Verdict { get; }

    public bool IsLedgerData => Verdict.Kind == ContentKind.Ledgers;

    /// <summary>The container; only meaningful when <see cref="IsLedgerData"/>.</summary>
    public LedgerContainer Container => new(Compression, Verdict.Framing ?? Framing.RecordMarked);

    /// <summary>
    /// Looks at the first bytes of <paramref name="source"/> (decompressing if they are zstd or
    /// gzip) and prepares to read ledgers from it. Content that is not ledger data is not an error
    /// here (see <see cref="Verdict"/>); corrupt compression is a <see cref="StreamFormatException"/>.
    /// </summary>
    public static LedgerStream Open(Stream source, string sourceName, LedgerReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sourceName);
        limits ??= LedgerReadLimits.Default;
        long? remaining = source.CanSeek ? source.Length - source.Position : null;
        var magic = ReadUpTo(source, 4);
        var compression = ContentSniffer.CompressionOf(magic) ?? Compression.None;
        Stream raw = new PrefixedStream(magic, source, leaveOpen: true);
        var content = compression == Compression.None ? raw : new DecompressingStream(raw, compression, limits, sourceName);
        try
        {
            var head = ReadUpTo(content, ContentSniffer.HeadLength);
            var verdict = ContentSniffer.Classify(head, compression == Compression.None ? remaining : null);
            return new LedgerStream(new PrefixedStream(head, content, leaveOpen: false), sourceName, compression, verdict, limits);
        }
        catch
        {
            content.Dispose();
            throw;
        }
    }

    /// <summary>The encoded LedgerCloseMeta values in order, with their offsets in the decompressed content.</summary>
    public IEnumerable<RawRecord> RawLedgers() => Records().Select(r => r.Raw);

    /// <summary>
    /// Ledgers in order; a batch's ledgers come with their decoded value (finding where one ends
    /// means decoding it). Fails at once if the content is not ledger data; a stream is read once.
    /// </summary>
    internal IEnumerable<LedgerRecord> Records()
    {
        if (!IsLedgerData)
            throw new StreamFormatException(Verdict.Reason ?? "not ledger data", 0, SourceName);
        if (_read)
            throw new InvalidOperationException($"{SourceName}: a ledger stream is read once");
        _read = true;
        return Verdict.Framing == Framing.Batch
            ? new BatchReader(_content, _limits, SourceName).Read()
            : RecordMarked();
    }

    private IEnumerable<LedgerRecord> RecordMarked()
    {
        var reader = new RecordMarkedReader(_content, _limits.MaxLedgerBytes, SourceName);
        while (reader.Next() is { } record)
            yield return new LedgerRecord(record, null);
    }

    public void Dispose() => _content.Dispose();

    private static byte[] ReadUpTo(Stream s, int count)
    {
        var buffer = new byte[count];
        var total = 0;
        while (total < count)
        {
            var n = s.Read(buffer.AsSpan(total));
            if (n == 0)
                break;
            total += n;
        }
        return total == count ? buffer : buffer[..total];
    }
}
