using System.Runtime.CompilerServices;
using Replay.Stellar.Domain;
using Replay.Stellar.Streams;
using Replay.Stellar.Xdr;
using ZstdSharp;

namespace Replay.History.Sources;

/// <summary>
/// `meta:PATH`: a file of record-marked LedgerCloseMeta (or a SEP-54 batch), plain, zstd or
/// gzip; or a directory of them, searched recursively in name order, where every file is its own
/// chain (as the core-test networks are, each from its own genesis). Files that are not ledger
/// data (index.json) are skipped.
/// </summary>
public sealed class MetaSource : ILedgerSource, IRereadableSource
{
    /// <summary>Ledgers decoded by a look-ahead are kept for the main read, up to this many bytes of meta.</summary>
    private const long ReadAheadBudget = 64L << 20;

    private readonly string _path;
    private readonly Dictionary<string, Dictionary<long, SourcedLedger>> _readAhead = new(StringComparer.Ordinal);
    private long _readAheadBytes;

    public MetaSource(string path, Network? network = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = path;
        Network = network;
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new LedgerSourceException($"meta:{path}: no such file or directory");
    }

    public string Spec => "meta:" + _path;

    public Network? Network { get; }

    /// <summary>The ledger files, in the order they are read.</summary>
    public IReadOnlyList<string> Files()
    {
        if (File.Exists(_path))
            return [_path];
        var files = Directory.GetFiles(_path, "*", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        return files.Where(f => LedgerFile.TryOpen(f) is not null).ToList();
    }

    /// <summary>The chain a file's ledgers belong to.</summary>
    public static string ChainOf(string file) => "meta:" + Path.GetFullPath(file);

    public async IAsyncEnumerable<SourcedLedger> ReadAsync(LedgerRange range, [EnumeratorCancellation] CancellationToken cancellation)
    {
        foreach (var file in Files())
        {
            foreach (var ledger in ReadFile(file, keep: false))
            {
                cancellation.ThrowIfCancellationRequested();
                if (range.Last is { } last && ledger.Sequence > last)
                    break;
                yield return ledger;
            }
            if (_readAhead.Remove(file, out var left))
                _readAheadBytes -= left.Values.Sum(l => (long)l.EncodedSize);
            await Task.Yield();
        }
    }

    /// <summary>The file again from its start; what it decodes is kept (within a budget) so the main read does not decode it twice.</summary>
    public IEnumerable<SourcedLedger> Reread(LedgerProvenance first) => ReadFile((first ?? throw new ArgumentNullException(nameof(first))).Object, keep: true);

    /// <summary>One file's ledgers, decoded lazily; failures name the file, the offset and the last good ledger.</summary>
    public IEnumerable<SourcedLedger> ReadFile(string file) => ReadFile(file, keep: false);

    private IEnumerable<SourcedLedger> ReadFile(string file, bool keep)
    {
        if (!_readAhead.TryGetValue(file, out var cache))
            _readAhead[file] = cache = [];
        var chain = ChainOf(file);
        var opened = Guard(file, null, () => LedgerFile.Open(file));
        using var raws = Guard(file, null, () => opened.RawLedgers().GetEnumerator());
        uint? previous = null;
        while (true)
        {
            var more = Guard(file, previous, raws.MoveNext);
            if (!more)
                yield break;
            var raw = raws.Current;
            if (cache.TryGetValue(raw.Offset, out var ledger))
            {
                if (!keep)
                {
                    cache.Remove(raw.Offset);
                    _readAheadBytes -= ledger.EncodedSize;
                }
            }
            else
            {
                var meta = Guard(file, previous, () => LedgerFile.DecodeLedger(raw));
                ledger = new SourcedLedger(meta, new LedgerProvenance(Spec, file, raw.Offset, chain), raw.Bytes.Length);
                if (keep && _readAheadBytes + ledger.EncodedSize <= ReadAheadBudget)
                {
                    cache[raw.Offset] = ledger;
                    _readAheadBytes += ledger.EncodedSize;
                }
            }
            previous = ledger.Sequence;
            yield return ledger;
        }
    }

    private static T Guard<T>(string file, uint? previous, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is XdrException or StreamFormatException or ZstdException or InvalidDataException or IOException)
        {
            var after = previous is { } p ? $" after ledger {p}" : " before its first ledger";
            // The reader's own message already names the file: keep only what and where.
            var detail = e is StreamFormatException f ? f.Detail : e.Message;
            throw new LedgerSourceException($"{file}: corrupt or truncated{after}: {detail}", e);
        }
    }
}
