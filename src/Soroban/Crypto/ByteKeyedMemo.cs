using System.Collections.Concurrent;

namespace Replay.Soroban.Crypto;

/// <summary>
/// Remembers the results of a pure function of bytes (signature checks, point decoding): the
/// pipeline runs every case on two engines and sometimes twice on one, so the host repeats the
/// same expensive checks on the same bytes. Only the computation is shared; the caller charges
/// the budget as before. Thread-safe; bounded (it starts again past its capacity).
/// </summary>
internal sealed class ByteKeyedMemo<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<Key, TValue> _values = new();

    /// <summary>The value for the concatenation of the parts, computed by <paramref name="compute"/> when not yet known.</summary>
    public TValue GetOrCompute(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Func<TValue> compute)
    {
        // Parts of fixed length first (callers pass keys and signatures before messages), so the concatenation is unambiguous.
        var bytes = new byte[a.Length + b.Length + c.Length + 8];
        a.CopyTo(bytes);
        b.CopyTo(bytes.AsSpan(a.Length));
        c.CopyTo(bytes.AsSpan(a.Length + b.Length));
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 8), (long)(uint)a.Length | ((long)b.Length << 32));
        var key = new Key(bytes);
        if (_values.TryGetValue(key, out var known))
            return known;
        var value = compute();
        if (_values.Count >= capacity)
            _values.Clear();
        _values.TryAdd(key, value);
        return value;
    }

    private readonly struct Key(byte[] bytes) : IEquatable<Key>
    {
        private readonly byte[] _bytes = bytes;
        private readonly int _hash = Hash(bytes);

        private static int Hash(byte[] bytes)
        {
            var h = new HashCode();
            h.AddBytes(bytes);
            return h.ToHashCode();
        }

        public bool Equals(Key other) => _hash == other._hash && _bytes.AsSpan().SequenceEqual(other._bytes);

        public override bool Equals(object? obj) => obj is Key k && Equals(k);

        public override int GetHashCode() => _hash;
    }
}
