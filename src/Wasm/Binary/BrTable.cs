namespace Replay.Wasm.Binary;

/// <summary>
/// The immediate of br_table: label depths kept as their already-checked LEB128 bytes, so
/// reading the operator allocates nothing however many targets it has. Enumerate with foreach
/// (targets in order, default not included); every enumeration re-decodes the bytes.
/// </summary>
public readonly ref struct BrTable
{
    private readonly ReadOnlySpan<byte> _encoded;

    internal BrTable(ReadOnlySpan<byte> encoded, int count, uint defaultTarget)
    {
        _encoded = encoded;
        Count = count;
        Default = defaultTarget;
    }

    /// <summary>Number of targets, not counting the default.</summary>
    public int Count { get; }

    /// <summary>The depth used when the index is out of range.</summary>
    public uint Default { get; }

    public Enumerator GetEnumerator() => new(_encoded);

    /// <summary>Decodes the targets one by one; the bytes were validated when the operator was read.</summary>
    public ref struct Enumerator
    {
        private WasmReader _reader;

        internal Enumerator(ReadOnlySpan<byte> encoded)
        {
            _reader = new WasmReader(encoded, 0);
            Current = 0;
        }

        public uint Current { get; private set; }

        public bool MoveNext()
        {
            if (_reader.AtEnd) return false;
            Current = _reader.ReadVarU32();
            return true;
        }
    }
}
