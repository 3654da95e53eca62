using System.IO.Compression;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;
using ZstdSharp;

namespace Replay.History.Sources;

/// <summary>
/// Ledgers from bytes held in memory (an HTTP body, a data-lake object): decompression recognised
/// by magic number, then record-marked LedgerCloseMeta or one LedgerCloseMetaBatch. This is the
/// one place that decodes objects not read from a file; file sources use <see cref="LedgerFile"/>.
/// </summary>
public static class LedgerContent
{
    /// <summary>Ceiling on one decompressed object, as for batch files.</summary>
    public const long MaxContentBytes = LedgerFile.MaxBatchBytes;

    /// <summary>The bytes, decompressed when they start with a zstd or gzip magic number.</summary>
    public static byte[] Decompress(byte[] data, string name)
    {
        ArgumentNullException.ThrowIfNull(data);
        var compression = ContentSniffer.CompressionOf(data);
        if (compression is null)
            return data;
        try
        {
            using var input = new MemoryStream(data, writable: false);
            using Stream decompressing = compression == Compression.Zstd
                ? new DecompressionStream(input, leaveOpen: true)
                : new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
            using var output = new MemoryStream(data.Length * 4);
            var buffer = new byte[1 << 16];
            int n;
            while ((n = decompressing.Read(buffer)) > 0)
            {
                if (output.Length + n > MaxContentBytes)
                    throw new LedgerSourceException($"{name}: decompresses to more than {MaxContentBytes} bytes");
                output.Write(buffer, 0, n);
            }
            return output.ToArray();
        }
        catch (Exception e) when (e is ZstdException or InvalidDataException or IOException)
        {
            throw new LedgerSourceException($"{name}: corrupt {compression.Value.ToString().ToLowerInvariant()} data: {e.Message}", e);
        }
    }

    /// <summary>Every ledger of decompressed content, with its offset in it.</summary>
    public static List<(LedgerCloseMeta Meta, long Offset, int Size)> Decode(byte[] content, string name)
    {
        ArgumentNullException.ThrowIfNull(content);
        var framing = ContentSniffer.FramingOf(content, content.Length)
            ?? throw new LedgerSourceException($"{name}: not a LedgerCloseMeta stream or batch");
        try
        {
            return framing == Framing.Batch ? DecodeBatch(content) : DecodeRecords(content);
        }
        catch (XdrException e)
        {
            throw new LedgerSourceException($"{name}: malformed ledger data: {e.Message}", e);
        }
        catch (StreamFormatException e)
        {
            throw new LedgerSourceException($"{name}: malformed record marks: {e.Message}", e);
        }
    }

    /// <summary>Decompresses then decodes; any failure names <paramref name="name"/>.</summary>
    public static List<(LedgerCloseMeta Meta, long Offset, int Size)> DecompressAndDecode(byte[] data, string name) =>
        Decode(Decompress(data, name), name);

    private static List<(LedgerCloseMeta, long, int)> DecodeRecords(byte[] content)
    {
        var list = new List<(LedgerCloseMeta, long, int)>();
        using var stream = new MemoryStream(content, writable: false);
        var reader = new RecordMarkedReader(stream);
        while (reader.Next() is { } record)
            list.Add((LedgerFile.DecodeLedger(record), record.Offset, record.Bytes.Length));
        return list;
    }

    private static List<(LedgerCloseMeta, long, int)> DecodeBatch(byte[] content)
    {
        var list = new List<(LedgerCloseMeta, long, int)>();
        var reader = new XdrReader(content);
        var start = reader.ReadUInt32();
        var end = reader.ReadUInt32();
        var count = reader.ReadCount(XdrLimits.Unbounded, 4);
        if ((long)end - start + 1 != count)
            throw new XdrException($"batch {start}-{end} holds {count} ledgers", 8);
        for (var i = 0; i < count; i++)
        {
            var at = reader.Position;
            LedgerCloseMeta meta;
            try
            {
                meta = LedgerCloseMeta.Decode(ref reader);
            }
            catch (XdrException e)
            {
                e.PrependIndex(i);
                e.PrependSegment("LedgerCloseMetaBatch.ledgerCloseMetas");
                throw;
            }
            list.Add((meta, at, reader.Position - at));
        }
        reader.EnsureAtEnd();
        return list;
    }
}
