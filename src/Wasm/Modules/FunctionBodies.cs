using System.Collections;
using Replay.Wasm.Binary;

namespace Replay.Wasm.Modules;

/// <summary>
/// The defined functions' bodies. The decoder records only where each body lies; its local
/// declarations are decoded the first time the body is asked for. Lazy compilation then pays
/// nothing per function it never calls, as in Wasmi 0.32+, where a body's locals are read by
/// its validator. A malformed declaration is a <see cref="WasmDecodeException"/> from the
/// indexer, every time it is asked (Eager and LazyTranslation ask for every body at compile).
/// Thread-safe: decoding is pure, and racing readers keep one result.
/// </summary>
public sealed class FunctionBodies : IReadOnlyList<FunctionBody>
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly int _firstFunctionIndex;
    private readonly FunctionBody?[] _decoded;

    internal FunctionBodies(ReadOnlyMemory<byte> bytes, int[] offsets, int[] lengths, int firstFunctionIndex)
    {
        _bytes = bytes;
        _offsets = offsets;
        _lengths = lengths;
        _firstFunctionIndex = firstFunctionIndex;
        _decoded = new FunctionBody?[offsets.Length];
    }

    /// <summary>Number of bodies (the defined functions).</summary>
    public int Length => _offsets.Length;

    int IReadOnlyCollection<FunctionBody>.Count => Length;

    /// <summary>Body <paramref name="index"/> (function <c>ImportedFunctionCount + index</c>), its locals decoded.</summary>
    public FunctionBody this[int index]
    {
        get
        {
            var body = Volatile.Read(ref _decoded[index]);
            if (body is not null)
                return body;
            body = ModuleDecoder.DecodeBody(_bytes.Span, _firstFunctionIndex + index, _offsets[index], _lengths[index]);
            return Interlocked.CompareExchange(ref _decoded[index], body, null) ?? body;
        }
    }

    /// <summary>Body <paramref name="index"/>'s length in bytes (locals and code), without decoding it.</summary>
    public int LengthOf(int index) => _lengths[index];

    public IEnumerator<FunctionBody> GetEnumerator()
    {
        for (var i = 0; i < Length; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
