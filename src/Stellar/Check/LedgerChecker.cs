using System.Buffers;
using System.IO.Compression;
using Replay.Stellar.Domain;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;
using ZstdSharp;

namespace Replay.Stellar.Check;

/// <summary>
/// Verifies ledger files against the codec: every LedgerCloseMeta decodes and re-encodes to the
/// same bytes, and every envelope of its transaction set hashes to one of its results. The
/// network is fixed by the caller or detected per file among <see cref="Network.Known"/>.
/// </summary>
public sealed class LedgerChecker(Network? network = null)
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 20);

    public CheckReport Run(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var report = new CheckReport();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                // Sorted so the report (and its failure order) is the same on every machine.
                var files = Directory.GetFiles(path, "*", SearchOption.AllDirectories);
                Array.Sort(files, StringComparer.Ordinal);
                foreach (var file in files)
                {
                    if (Open(file, report) is { } ledgerFile)
                        CheckFile(ledgerFile, report);
                }
            }
            else if (File.Exists(path))
            {
                var failuresBefore = report.Failures.Count;
                if (Open(path, report) is { } ledgerFile)
                    CheckFile(ledgerFile, report);
                else if (report.Failures.Count == failuresBefore)
                    report.Failures.Add(new CheckFailure(path, null, "not a LedgerCloseMeta stream or batch (plain, zstd or gzip)"));
            }
            else
            {
                report.Failures.Add(new CheckFailure(path, null, "no such file or directory"));
            }
        }
        return report;
    }

    private static LedgerFile? Open(string path, CheckReport report)
    {
        try
        {
            return LedgerFile.TryOpen(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.Failures.Add(new CheckFailure(path, null, "cannot read: " + e.Message));
            return null;
        }
    }

    public void CheckFile(LedgerFile file, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(report);
        report.Files++;
        var fileNetwork = network;
        try
        {
            foreach (var raw in file.RawLedgers())
            {
                report.Ledgers++;
                LedgerCloseMeta meta;
                try
                {
                    meta = LedgerFile.DecodeLedger(raw);
                }
                catch (XdrException e)
                {
                    report.Failures.Add(new CheckFailure(file.Path, null, e.Message));
                    continue;
                }
                var sequence = LedgerTransactions.SequenceOf(meta);
                CheckRoundTrip(file.Path, sequence, meta, raw.Bytes.Span, report);
                fileNetwork = CheckTransactions(file.Path, sequence, meta, fileNetwork, report);
            }
        }
        catch (Exception e) when (e is XdrException or StreamFormatException or InvalidDataException or ZstdException or IOException)
        {
            report.Failures.Add(new CheckFailure(file.Path, null, e.Message));
        }
        if (fileNetwork is not null)
            report.Networks[file.Path] = fileNetwork.Name;
    }

    private void CheckRoundTrip(string path, uint sequence, LedgerCloseMeta meta, ReadOnlySpan<byte> original, CheckReport report)
    {
        _buffer.ResetWrittenCount();
        try
        {
            XdrCodec.Encode(meta, _buffer);
        }
        catch (XdrException e)
        {
            report.Failures.Add(new CheckFailure(path, sequence, "re-encoding failed: " + e.Message));
            return;
        }
        var encoded = _buffer.WrittenSpan;
        if (encoded.SequenceEqual(original))
        {
            report.RoundTripIdentical++;
            return;
        }
        var at = encoded.CommonPrefixLength(original);
        report.Failures.Add(new CheckFailure(path, sequence,
            $"re-encoding differs from the original at byte {at} ({encoded.Length} bytes vs {original.Length})"));
    }

    private static Network? CheckTransactions(string path, uint sequence, LedgerCloseMeta meta, Network? fileNetwork, CheckReport report)
    {
        var envelopes = LedgerTransactions.EnvelopesOf(meta);
        var results = LedgerTransactions.ResultHashesOf(meta);
        report.Transactions += envelopes.Count;
        if (envelopes.Count == 0 && results.Count == 0)
            return fileNetwork;

        var resultSet = new HashSet<Hash>(results);
        fileNetwork ??= NetworkDetection.Detect(envelopes, resultSet);
        if (fileNetwork is null)
        {
            report.Failures.Add(new CheckFailure(path, sequence,
                $"no known network passphrase makes any of the {envelopes.Count} envelope hashes match a result; pass --network"));
            return null;
        }

        var matched = 0;
        var unmatched = new List<string>();
        foreach (var envelope in envelopes)
        {
            var hash = TransactionHash.Of(envelope, fileNetwork.Id);
            if (resultSet.Remove(hash))
                matched++;
            else
                unmatched.Add(hash.ToString());
        }
        report.HashMatched += matched;
        if (unmatched.Count > 0)
            report.Failures.Add(new CheckFailure(path, sequence,
                $"{unmatched.Count} of {envelopes.Count} envelopes have no result with their hash (first {unmatched[0]}, network {fileNetwork.Name})"));
        if (resultSet.Count > 0)
            report.Failures.Add(new CheckFailure(path, sequence,
                $"{resultSet.Count} of {results.Count} results match no envelope of the transaction set"));
        return fileNetwork;
    }
}
