using System.Buffers;

namespace Replay.Stellar.Check;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that keeps nothing: each chunk written is compared with the
/// expected bytes at once, so checking that a value re-encodes to its original costs one small
/// scratch buffer instead of a second copy of the value.
/// </summary>
internal sealed class ComparingBufferWriter : IBufferWriter<byte>
{
    private byte[] _scratch = new byte[1 << 16];
    private ReadOnlyMemory<byte> _expected;

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Offset of the first byte that differs (or where one side ended first), or null while equal.</summary>
    public long? FirstDifference { get; private set; }

    public bool MatchesAll => FirstDifference is null && Written == _expected.Length;

    public void Reset(ReadOnlyMemory<byte> expected)
    {
        _expected = expected;
        Written = 0;
        FirstDifference = null;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > _scratch.Length)
            throw new InvalidOperationException("advanced past the span handed out");
        if (FirstDifference is null)
        {
            var written = _scratch.AsSpan(0, count);
            var rest = Written < _expected.Length ? _expected.Span[(int)Written..] : [];
            var common = written.CommonPrefixLength(rest);
            if (common < count)
                FirstDifference = Written + common;
        }
        Written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (sizeHint > _scratch.Length)
            _scratch = new byte[Math.Max(sizeHint, 2 * _scratch.Length)];
        return _scratch;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
}
