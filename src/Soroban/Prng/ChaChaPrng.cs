using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace Replay.Soroban.Prng;

/// <summary>
/// rand_chacha's ChaCha20Rng as rand_core 0.6's BlockRng drives it: a 32-byte seed is the
/// ChaCha20 key, the stream (nonce) is 0, the 64-bit block counter starts at 0, and output is
/// consumed as little-endian u32 words from a 64-word buffer (four blocks) refilled as it runs out.
/// The keystream comes from BouncyCastle's ChaChaEngine (20 rounds, 64-bit counter, 8-byte IV).
/// Word-level semantics follow rand_core: <c>fill_bytes</c> consumes whole words and drops the
/// unused bytes of the last one; <c>next_u64</c> is low word then high word, straddling a refill.
/// </summary>
public sealed class ChaChaPrng : IRandomSource
{
    private const int BufferWords = 64;
    private readonly ChaChaEngine _engine = new(20);
    private readonly uint[] _results = new uint[BufferWords];
    private readonly byte[] _zeros = new byte[BufferWords * 4];
    private readonly byte[] _block = new byte[BufferWords * 4];
    private int _index = BufferWords;

    public ChaChaPrng(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
            throw new ArgumentException("a ChaCha20 seed is 32 bytes", nameof(seed));
        _engine.Init(true, new ParametersWithIV(new KeyParameter(seed.ToArray()), new byte[8]));
    }

    private void Generate()
    {
        _engine.ProcessBytes(_zeros, 0, _zeros.Length, _block, 0);
        for (var i = 0; i < BufferWords; i++)
            _results[i] = BitConverter.ToUInt32(_block, i * 4);
    }

    private void GenerateAndSet(int index)
    {
        Generate();
        _index = index;
    }

    public uint NextU32()
    {
        if (_index >= BufferWords)
            GenerateAndSet(0);
        return _results[_index++];
    }

    public ulong NextU64()
    {
        var index = _index;
        if (index < BufferWords - 1)
        {
            _index += 2;
            return ((ulong)_results[index + 1] << 32) | _results[index];
        }
        if (index >= BufferWords)
        {
            GenerateAndSet(2);
            return ((ulong)_results[1] << 32) | _results[0];
        }
        var x = (ulong)_results[BufferWords - 1];
        GenerateAndSet(1);
        return ((ulong)_results[0] << 32) | x;
    }

    public void FillBytes(Span<byte> dest)
    {
        var read = 0;
        Span<byte> word = stackalloc byte[4];
        while (read < dest.Length)
        {
            if (_index >= BufferWords)
                GenerateAndSet(0);
            var availableBytes = (BufferWords - _index) * 4;
            var n = Math.Min(availableBytes, dest.Length - read);
            var consumedWords = (n + 3) / 4;
            for (var w = 0; w < consumedWords; w++)
            {
                BitConverter.TryWriteBytes(word, _results[_index + w]);
                var take = Math.Min(4, n - w * 4);
                word[..take].CopyTo(dest[(read + w * 4)..]);
            }
            _index += consumedWords;
            read += n;
        }
    }
}
