using System.IO.Compression;
using Replay.Stellar.Xdr;
using ZstdSharp;

namespace Replay.Stellar.Streams;

/// <summary>
/// A file of ledgers in any of the containers the tool meets: record-marked LedgerCloseMeta
/// streams and SEP-54 LedgerCloseMetaBatch objects, each plain, zstd- or gzip-compressed.
/// The kind is decided from content, so misnamed files are read correctly.
/// </summary>
public sealed class LedgerFile
{
    /// <summary>Ceiling on a decompressed batch held in memory (data-lake objects are a few MB).</summary>
    public const int MaxBatchBytes = 1 << 30;

    private LedgerFile(string path, LedgerContainer container)
    {
        Path = path;
        Container = container;
    }

    public string Path { get; }

    public LedgerContainer Container { get; }

    /// <summary>Opens <paramref name="path"/> if its content is ledger data; null otherwise (e.g. an index.json).</summary>
    public static LedgerFile? TryOpen(string path)
    {
        Span<byte> head = stackalloc byte[16];
        Compression compression;
        int got;
        using (var file = File.OpenRead(path))
        {
            got = ReadUpTo(file, head[..4]);
            compression = ContentSniffer.CompressionOf(head[..got]) ?? Compression.None;
        }
        long? total = compression == Compression.None ? new FileInfo(path).Length : null;
        using (var content = OpenContent(path, compression))
            got = ReadUpTo(content, head);
        var framing = ContentSniffer.FramingOf(head[..got], total);
        return framing is { } f ? new LedgerFile(path, new LedgerContainer(compression, f)) : null;
    }

    /// <summary>Like <see cref="TryOpen"/> but a file that is not ledger data is an error.</summary>
    public static LedgerFile Open(string path) =>
        TryOpen(path) ?? throw new StreamFormatException($"{path}: not a LedgerCloseMeta stream or batch (plain, zstd or gzip)", 0);

    /// <summary>The encoded LedgerCloseMeta values in file order, with their offsets in the decompressed content.</summary>
    public IEnumerable<RawRecord> RawLedgers() =>
        Container.Framing == Framing.RecordMarked ? RecordMarkedLedgers() : BatchLedgers();

    /// <summary>Decoded ledgers in file order.</summary>
    public IEnumerable<LedgerCloseMeta> Ledgers()
    {
        foreach (var raw in RawLedgers())
            yield return DecodeLedger(raw);
    }

    /// <summary>Decodes one ledger, reporting failures with the ledger's offset in the file's content.</summary>
    public static LedgerCloseMeta DecodeLedger(RawRecord raw)
    {
        try
        {
            return XdrCodec.Decode<LedgerCloseMeta>(raw.Bytes.Span);
        }
        catch (XdrException e)
        {
            e.AddBaseOffset(raw.Offset);
            throw;
        }
    }

    private IEnumerable<RawRecord> RecordMarkedLedgers()
    {
        using var content = OpenContent(Path, Container.Compression);
        var reader = new RecordMarkedReader(content);
        while (reader.Next() is { } record)
            yield return record;
    }

    private IEnumerable<RawRecord> BatchLedgers()
    {
        var bytes = ReadAllContent();
        var offsets = BatchLayout(bytes);
        for (var i = 0; i < offsets.Count - 1; i++)
            yield return new RawRecord(bytes.AsMemory(offsets[i], offsets[i + 1] - offsets[i]), offsets[i]);
    }

    /// <summary>
    /// Start offsets of each LedgerCloseMeta in a batch, plus the end offset. Locating them means
    /// decoding each ledger once; the batch must end exactly where its last ledger does.
    /// </summary>
    private static List<int> BatchLayout(byte[] bytes)
    {
        var reader = new XdrReader(bytes);
        var offsets = new List<int>();
        var index = -1;
        try
        {
            reader.ReadUInt32();
            reader.ReadUInt32();
            var count = reader.ReadCount(XdrLimits.Unbounded, 4);
            for (index = 0; index < count; index++)
            {
                offsets.Add(reader.Position);
                LedgerCloseMeta.Decode(ref reader);
            }
            index = -1;
            offsets.Add(reader.Position);
            reader.EnsureAtEnd();
        }
        catch (XdrException e)
        {
            // Same path shape as decoding the batch as one value: LedgerCloseMetaBatch.ledgerCloseMetas[i]...
            if (index >= 0)
            {
                e.PrependIndex(index);
                e.PrependSegment(".ledgerCloseMetas");
            }
            e.PrependSegment("LedgerCloseMetaBatch");
            throw;
        }
        return offsets;
    }

    private byte[] ReadAllContent()
    {
        if (Container.Compression == Compression.None)
            return File.ReadAllBytes(Path);
        using var content = OpenContent(Path, Container.Compression);
        using var collected = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        while ((n = content.Read(buffer)) > 0)
        {
            if (collected.Length + n > MaxBatchBytes)
                throw new StreamFormatException($"decompressed batch exceeds {MaxBatchBytes} bytes", collected.Length);
            collected.Write(buffer, 0, n);
        }
        return collected.ToArray();
    }

    private static Stream OpenContent(string path, Compression compression)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return compression switch
            {
                Compression.Zstd => new DecompressionStream(file, leaveOpen: false),
                Compression.Gzip => new GZipStream(file, CompressionMode.Decompress, leaveOpen: false),
                _ => file,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static int ReadUpTo(Stream s, Span<byte> buffer)
    {
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var n = s.Read(buffer[total..]);
                if (n == 0)
                    break;
                total += n;
            }
        }
        catch (Exception e) when (e is InvalidDataException or ZstdException or IOException)
        {
            // A corrupt compressed header: whatever was read (maybe nothing) decides.
        }
        return total;
    }
}
