using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.History.Sources;

/// <summary>
/// Ledgers from bytes held in memory (an HTTP body, a data-lake object), read through the same
/// hardened stream reader as files (<see cref="LedgerFile.Read"/>): container and compression
/// recognised from content, sizes and decoding memory bounded by <see cref="LedgerReadLimits"/>.
/// Any failure is a <see cref="LedgerSourceException"/> naming the object.
/// </summary>
public static class LedgerContent
{
    /// <summary>Every ledger of the object, decoded, with its offset in the decompressed content and its encoded size.</summary>
    public static List<(LedgerCloseMeta Meta, long Offset, int Size)> DecompressAndDecode(byte[] data, string name, LedgerReadLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var effective = limits ?? LedgerReadLimits.Default;
        var list = new List<(LedgerCloseMeta, long, int)>();
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            foreach (var raw in LedgerFile.Read(stream, name, effective))
                list.Add((LedgerFile.DecodeLedger(raw, effective), raw.Offset, raw.Bytes.Length));
            return list;
        }
        catch (XdrException e)
        {
            throw new LedgerSourceException($"{name}: malformed ledger data: {e.Message}", e);
        }
        catch (StreamFormatException e)
        {
            throw new LedgerSourceException($"{name}: {e.Detail}", e);
        }
    }
}
