using Replay.Stellar.Xdr;

namespace Replay.Stellar.Streams;

/// <summary>A ledger as read from a container: its bytes, and its decoded value when framing had to decode it anyway.</summary>
internal readonly record struct LedgerRecord(RawRecord Raw, LedgerCloseMeta? Decoded);

/// <summary>
/// Reads a LedgerCloseMetaBatch (SEP-54) from a stream one ledger at a time. Ledgers in a batch
/// carry no length, so each is found by decoding it from a window of the stream; when the window
/// ends first, the window is refilled (doubling, up to the ledger limit) and the ledger decoded
/// again. Doubling keeps the retries' total work within twice the ledger's size, and the window
/// never holds more than one ledger limit of bytes, however large the batch.
/// </summary>
internal sealed class BatchReader(Stream content, LedgerReadLimits limits, string? sourceName)
{
    private const int InitialWindow = 1 << 16;
    private const int HeaderBytes = 12;

    private byte[] _window = new byte[Math.Min(InitialWindow, limits.MaxLedgerBytes)];
    private int _start;
    private int _end;
    private long _windowOffset;
    private bool _eof;

    public IEnumerable<LedgerRecord> Read()
    {
        while (_end - _start < HeaderBytes)
        {
            if (!FillMore())
                throw new StreamFormatException($"stream ends inside the batch header ({_end - _start} of {HeaderBytes} bytes)", _windowOffset + _end, sourceName);
        }
        var header = new XdrReader(_window.AsSpan(_start, HeaderBytes));
        var first = header.ReadUInt32();
        var last = header.ReadUInt32();
        var count = header.ReadUInt32();
        _start += HeaderBytes;
        for (var index = 0u; index < count; index++)
            yield return Next(index, first, last);
        if (_end > _start || FillMore())
            throw new StreamFormatException($"data continues after the batch's {count} ledgers", _windowOffset + _start, sourceName);
    }

    private LedgerRecord Next(uint index, uint first, uint last)
    {
        while (true)
        {
            XdrException failure;
            try
            {
                var reader = new XdrReader(_window.AsSpan(_start, _end - _start));
                var meta = LedgerCloseMeta.Decode(ref reader);
                var raw = new RawRecord(_window.AsSpan(_start, reader.Position).ToArray(), _windowOffset + _start);
                _start += reader.Position;
                return new LedgerRecord(raw, meta);
            }
            catch (XdrException e)
            {
                failure = e;
            }
            if (failure.EndOfInput)
            {
                if (FillMore())
                    continue;
                if (!_eof)
                {
                    throw new StreamFormatException(
                        $"ledger {index} of the batch of {first} to {last} does not end within {LedgerReadLimits.Describe(limits.MaxLedgerBytes)}",
                        _windowOffset + _start, sourceName);
                }
            }
            // Same path shape as decoding the batch as one value: LedgerCloseMetaBatch.ledgerCloseMetas[i]...
            failure.PrependIndex((int)Math.Min(index, int.MaxValue));
            failure.PrependSegment(".ledgerCloseMetas");
            failure.PrependSegment("LedgerCloseMetaBatch");
            failure.AddBaseOffset(_windowOffset + _start);
            throw failure;
        }
    }

    /// <summary>
    /// Makes more content available after the current position: compacts the window, doubles it if
    /// full (never past the ledger limit) and reads until it is full or the stream ends.
    /// False when nothing could be added (end of stream, or the window is at its limit).
    /// </summary>
    private bool FillMore()
    {
        if (_eof)
            return false;
        var available = _end - _start;
        if (available >= limits.MaxLedgerBytes)
            return false;
        if (_start > 0)
        {
            _window.AsSpan(_start, available).CopyTo(_window);
            _windowOffset += _start;
            _start = 0;
            _end = available;
        }
        if (_end == _window.Length)
            Array.Resize(ref _window, (int)Math.Min(2L * _window.Length, limits.MaxLedgerBytes));
        var before = _end;
        while (_end < _window.Length)
        {
            var n = content.Read(_window.AsSpan(_end));
            if (n == 0)
            {
                _eof = true;
                break;
            }
            _end += n;
        }
        return _end > before;
    }
}
