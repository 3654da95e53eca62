using Replay.Stellar.Domain;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Check;

/// <summary>
/// Verifies ledger files against the codec: every LedgerCloseMeta decodes and re-encodes to the
/// same bytes, and every envelope of its transaction set hashes to one of its results. The
/// network is fixed by the caller or detected per file among <see cref="Network.Known"/>.
/// </summary>
/// <remarks>
/// Every file found is accounted for: it is checked (and counted), or it fails (and is counted),
/// or it is listed in <see cref="CheckReport.Skipped"/> with the reason (text such as a JSON index
/// inside a directory, a file reached a second time through a link). Files are read one ledger at
/// a time within <see cref="LedgerReadLimits"/>, and a file stops being read after
/// <see cref="MaxFailuresPerFile"/> failures, so neither memory nor time depends on how a file is
/// broken.
/// </remarks>
public sealed class LedgerChecker(Network? network = null, LedgerReadLimits? limits = null)
{
    /// <summary>Failures listed for one file before the rest of it is given up on.</summary>
    public const int MaxFailuresPerFile = 100;

    /// <summary>Ledgers this large are followed by a garbage collection (real ledgers are a few MB).</summary>
    private const int CollectAfterLedgerBytes = 8 << 20;

    private readonly ComparingBufferWriter _comparer = new();
    private readonly LedgerReadLimits _limits = limits ?? LedgerReadLimits.Default;

    public CheckReport Run(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var report = new CheckReport();
        var walker = new InputWalker();
        foreach (var path in paths)
            walker.Add(path);
        foreach (var entry in walker.Entries)
        {
            switch (entry.Kind)
            {
                case InputKind.Skipped:
                    report.Skipped.Add(new CheckSkip(entry.Path, entry.Reason!));
                    break;
                case InputKind.Failed:
                    if (!entry.IsDirectory)
                        report.Files++;
                    report.Failures.Add(new CheckFailure(entry.Path, null, entry.Reason!));
                    break;
                default:
                    CheckPath(entry.Path, entry.Explicit, report);
                    break;
            }
        }
        return report;
    }

    /// <summary>
    /// Reads one file. Text that is not ledger data is skipped when it was found in a directory;
    /// named on the command line, every file must be ledger data.
    /// </summary>
    private void CheckPath(string path, bool explicitlyNamed, CheckReport report)
    {
        FileStream file;
        try
        {
            file = LedgerFile.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            report.Files++;
            report.Failures.Add(new CheckFailure(path, null, "cannot read: " + e.Message));
            return;
        }
        using (file)
        {
            LedgerStream content;
            try
            {
                content = LedgerStream.Open(file, path, _limits);
            }
            catch (Exception e) when (e is StreamFormatException or IOException or UnauthorizedAccessException)
            {
                report.Files++;
                report.Failures.Add(new CheckFailure(path, null, Describe(e)));
                return;
            }
            using (content)
            {
                if (content.Verdict.Kind == ContentKind.Text && !explicitlyNamed)
                {
                    report.Skipped.Add(new CheckSkip(path, content.Verdict.Reason!));
                    return;
                }
                report.Files++;
                if (!content.IsLedgerData)
                {
                    report.Failures.Add(new CheckFailure(path, null, content.Verdict.Reason!));
                    return;
                }
                CheckLedgers(path, content.Records(), report);
            }
        }
    }

    /// <summary>Checks an opened file; the file counts as one, whatever becomes of its ledgers.</summary>
    public void CheckFile(LedgerFile file, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(report);
        report.Files++;
        CheckLedgers(file.Path, file.Records(), report);
    }

    private void CheckLedgers(string path, IEnumerable<LedgerRecord> records, CheckReport report)
    {
        var fileNetwork = network;
        var failures = 0;
        bool Fail(uint? ledger, string error)
        {
            report.Failures.Add(new CheckFailure(path, ledger, error));
            if (++failures < MaxFailuresPerFile)
                return false;
            report.Failures.Add(new CheckFailure(path, null, $"{MaxFailuresPerFile} failures: the rest of the file is not read"));
            return true;
        }

        try
        {
            foreach (var record in records)
            {
                report.Ledgers++;
                if (CheckLedger(record, ref fileNetwork, report, Fail))
                    break;
                // A large ledger's decoded graph is garbage now, most of it promoted while it was
                // built; collecting it before the next one keeps two from ever being held at once.
                if (record.Raw.Bytes.Length >= CollectAfterLedgerBytes)
                    GC.Collect();
            }
        }
        catch (Exception e) when (e is XdrException or StreamFormatException or IOException or UnauthorizedAccessException)
        {
            Fail(null, Describe(e));
        }
        if (fileNetwork is not null)
            report.Networks[path] = fileNetwork.Name;
    }

    /// <summary>Checks one ledger; true when a failure reached the per-file limit.</summary>
    private bool CheckLedger(LedgerRecord record, ref Network? fileNetwork, CheckReport report, Func<uint?, string, bool> fail)
    {
        LedgerCloseMeta meta;
        try
        {
            meta = record.Decoded ?? LedgerFile.DecodeLedger(record.Raw, _limits);
        }
        catch (XdrException e)
        {
            return fail(null, e.Message);
        }
        var sequence = LedgerTransactions.SequenceOf(meta);
        if (CheckRoundTrip(meta, record.Raw.Bytes) is { } difference)
        {
            if (fail(sequence, difference))
                return true;
        }
        else
        {
            report.RoundTripIdentical++;
        }
        fileNetwork = CheckTransactions(sequence, meta, fileNetwork, report, fail, out var stop);
        return stop;
    }

    private static string Describe(Exception e) => e is StreamFormatException s ? s.Detail : e.Message;

    /// <summary>Null when <paramref name="meta"/> re-encodes to exactly <paramref name="original"/>; otherwise what differs.</summary>
    private string? CheckRoundTrip(LedgerCloseMeta meta, ReadOnlyMemory<byte> original)
    {
        _comparer.Reset(original);
        try
        {
            XdrCodec.Encode(meta, _comparer);
        }
        catch (XdrException e)
        {
            return "re-encoding failed: " + e.Message;
        }
        if (_comparer.MatchesAll)
            return null;
        var at = _comparer.FirstDifference ?? Math.Min(_comparer.Written, original.Length);
        return $"re-encoding differs from the original at byte {at} ({_comparer.Written} bytes vs {original.Length})";
    }

    /// <summary>Pairs envelopes with results; <paramref name="stop"/> when a failure hit the per-file limit.</summary>
    private static Network? CheckTransactions(uint sequence, LedgerCloseMeta meta, Network? fileNetwork, CheckReport report, Func<uint?, string, bool> fail, out bool stop)
    {
        stop = false;
        var envelopes = LedgerTransactions.EnvelopesOf(meta);
        var results = LedgerTransactions.ResultHashesOf(meta);
        report.Transactions += envelopes.Count;
        if (envelopes.Count == 0 && results.Count == 0)
            return fileNetwork;

        var resultSet = new HashSet<Hash>(results);
        fileNetwork ??= NetworkDetection.Detect(envelopes, resultSet);
        if (fileNetwork is null)
        {
            stop = fail(sequence, $"no known network passphrase makes any of the {envelopes.Count} envelope hashes match a result; pass --network");
            return null;
        }

        var matched = 0;
        var unmatched = 0;
        string? firstUnmatched = null;
        foreach (var envelope in envelopes)
        {
            var hash = TransactionHash.Of(envelope, fileNetwork.Id);
            if (resultSet.Remove(hash))
            {
                matched++;
            }
            else
            {
                unmatched++;
                firstUnmatched ??= hash.ToString();
            }
        }
        report.HashMatched += matched;
        if (unmatched > 0)
            stop = fail(sequence, $"{unmatched} of {envelopes.Count} envelopes have no result with their hash (first {firstUnmatched}, network {fileNetwork.Name})");
        if (resultSet.Count > 0 && !stop)
            stop = fail(sequence, $"{resultSet.Count} of {results.Count} results match no envelope of the transaction set");
        return fileNetwork;
    }
}
