using Replay.Stellar.Xdr;

namespace Replay.Stellar.Streams;

/// <summary>A ledger as read from a container: its bytes, and its decoded value when framing had to decode it anyway.</summary>
internal readonly record struct LedgerRecord(RawRecord Raw, LedgerCloseMeta? Decoded);

/// <summary>
/// Reads a LedgerCloseMetaBatch (SEP-54) from a stream one ledger at a time. Ledgers in a batch
/// carry no length, so each is found by decoding it from a window of the stream that holds up to
/// one ledger limit of bytes. The window is topped up whenever less than half of it is left, so
/// bytes are moved at most once on average and only a ledger larger than half the limit can
/// find the window short; it is then decoded once more after a full refill. However long the
/// batch, memory stays at one window, one ledger's bytes and one decoded ledger.
/// </summary>
internal sealed class BatchReader(Stream content, LedgerReadLimits limits, string? sourceName)
{
    private const int InitialWindow = 1 << 16;
    private const int HeaderBytes = 12;

    /// <summary>After a failed attempt that allocated this much, garbage is collected before the next.</summary>
    private const long CollectAfterAttemptBytes = 16 << 20;

    private byte[] _window = new byte[Math.Min(InitialWindow, limits.MaxLedgerBytes)];
    private int _start;
    private int _end;
    private long _windowOffset;
    private bool _eof;

    private int Available => _end - _start;

    public IEnumerable<LedgerRecord> Read()
    {
        TopUp();
        if (Available < HeaderBytes)
            throw new StreamFormatException($"stream ends inside the batch header ({Available} of {HeaderBytes} bytes)", _windowOffset + _end, sourceName);
        var header = new XdrReader(_window.AsSpan(_start, HeaderBytes));
        var first = header.ReadUInt32();
        var last = header.ReadUInt32();
        var count = header.ReadUInt32();
        _start += HeaderBytes;
        for (var index = 0u; index < count; index++)
            yield return Next(index, first, last);
        TopUp();
        if (Available > 0)
            throw new StreamFormatException($"data continues after the batch's {count} ledgers", _windowOffset + _start, sourceName);
    }

    private LedgerRecord Next(uint index, uint first, uint last)
    {
        if (Available < limits.MaxLedgerBytes / 2)
            TopUp();
        while (true)
        {
            XdrException failure;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var reader = new XdrReader(_window.AsSpan(_start, Available), XdrLimits.DefaultMaxDepth, limits.MaxDecodedBytes);
                var meta = LedgerCloseMeta.Decode(ref reader);
                var raw = new RawRecord(_window.AsSpan(_start, reader.Position).ToArray(), _windowOffset + _start);
                _start += reader.Position;
                return new LedgerRecord(raw, meta);
            }
            catch (XdrException e)
            {
                failure = e;
            }
            if (failure.EndOfInput && !_eof)
            {
                if (Available >= limits.MaxLedgerBytes)
                {
                    throw new StreamFormatException(
                        $"ledger {index} of the batch of {first} to {last} does not end within {LedgerReadLimits.Describe(limits.MaxLedgerBytes)}",
                        _windowOffset + _start, sourceName);
                }
                // The attempt's partial ledger is garbage; a big one goes before the next attempt is made.
                if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore >= CollectAfterAttemptBytes)
                    GC.Collect();
                TopUp();
                continue;
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
    /// Moves what is left to the front of the window and reads until the window holds a full
    /// ledger limit or the stream ends, growing the array (doubling) only as bytes arrive.
    /// </summary>
    private void TopUp()
    {
        if (_eof)
            return;
        if (_start > 0)
        {
            _window.AsSpan(_start, Available).CopyTo(_window);
            _windowOffset += _start;
            _end = Available;
            _start = 0;
        }
        while (_end < limits.MaxLedgerBytes)
        {
            if (_end == _window.Length)
                Array.Resize(ref _window, (int)Math.Min(2L * _window.Length, limits.MaxLedgerBytes));
            var n = content.Read(_window.AsSpan(_end));
            if (n == 0)
            {
                _eof = true;
                return;
            }
            _end += n;
        }
    }
}
