namespace Replay.Wasm.SpecTest;

/// <summary>
/// A forgiving look at a module's section structure for signs of proposals we do not implement:
/// the tag section (exceptions), shared or 64-bit memories, several memories, non-function type
/// forms (GC), v128 or typed references in signatures, arithmetic in constant expressions
/// (extended-const), constant expressions reading globals the module defines (GC). Independent of our decoder on purpose: it must recognise exactly the
/// modules that decoder rejects. Any structure it cannot follow yields "nothing found".
/// </summary>
internal ref struct ModuleProbe
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _pos;
    private int _memories;
    private uint _importedGlobals;

    private ModuleProbe(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _pos = 8;
    }

    public static string? Find(ReadOnlySpan<byte> wasm)
    {
        if (wasm.Length < 8)
            return null;
        var probe = new ModuleProbe(wasm);
        try
        {
            return probe.Sections();
        }
        catch (ProbeEnd)
        {
            return null;
        }
    }

    /// <summary>
    /// The module names the binary imports from, as far as its import section can be read (empty if
    /// it cannot). Used to find registered instances a skipped module would have changed.
    /// </summary>
    public static IReadOnlyList<string> ImportedModuleNames(ReadOnlySpan<byte> wasm)
    {
        var names = new List<string>();
        if (wasm.Length < 8)
            return names;
        var probe = new ModuleProbe(wasm);
        try
        {
            probe.CollectImportModules(names);
        }
        catch (ProbeEnd)
        {
            // Whatever was read before the end stays: those imports are real.
        }
        return names;
    }

    private void CollectImportModules(List<string> names)
    {
        while (_pos < _bytes.Length)
        {
            byte id = Byte();
            uint size = U32();
            if (size > (uint)(_bytes.Length - _pos))
                return;
            if (id != 2)
            {
                _pos += (int)size;
                continue;
            }
            uint count = U32();
            for (uint i = 0; i < count; i++)
            {
                uint length = U32();
                if (length > (uint)(_bytes.Length - _pos))
                    return;
                names.Add(System.Text.Encoding.UTF8.GetString(_bytes.Slice(_pos, (int)length)));
                _pos += (int)length;
                Skip(U32());
                byte kind = Byte();
                switch (kind)
                {
                    case 0: U32(); break;
                    case 1: Table(); break;
                    case 2: Memory(); break;
                    case 3: Global(); break;
                    default: return;
                }
            }
            return;
        }
    }

    private string? Sections()
    {
        while (_pos < _bytes.Length)
        {
            byte id = Byte();
            uint size = U32();
            if (size > (uint)(_bytes.Length - _pos))
                return null;
            int end = _pos + (int)size;
            string? found = id switch
            {
                1 => Types(),
                2 => Imports(),
                5 => Memories(),
                6 => Globals(),
                9 => Elements(),
                11 => Data(),
                13 => UnsupportedFeature.Exceptions,
                _ => null,
            };
            if (found is not null)
                return found;
            _pos = end;
        }
        return null;
    }

    private string? Types()
    {
        uint count = U32();
        for (uint i = 0; i < count; i++)
        {
            byte form = Byte();
            if (form != 0x60)
                return UnsupportedFeature.Gc;
            for (int list = 0; list < 2; list++)
            {
                uint n = U32();
                for (uint k = 0; k < n; k++)
                {
                    var f = ValType(Byte());
                    if (f is not null)
                        return f;
                }
            }
        }
        return null;
    }

    private string? Imports()
    {
        uint count = U32();
        for (uint i = 0; i < count; i++)
        {
            Skip(U32());
            Skip(U32());
            byte kind = Byte();
            string? found = kind switch
            {
                0 => FunctionImport(),
                1 => Table(),
                2 => Memory(),
                3 => ImportedGlobal(),
                4 => UnsupportedFeature.Exceptions,
                _ => null,
            };
            if (found is not null)
                return found;
        }
        return null;
    }

    private string? Memories()
    {
        uint count = U32();
        for (uint i = 0; i < count; i++)
        {
            var found = Memory();
            if (found is not null)
                return found;
        }
        return null;
    }

    private string? Memory()
    {
        if (++_memories > 1)
            return UnsupportedFeature.MultiMemory;
        byte flags = Byte();
        if ((flags & 0x04) != 0)
            return UnsupportedFeature.Memory64;
        if ((flags & 0x02) != 0)
            return UnsupportedFeature.Threads;
        U32();
        if ((flags & 0x01) != 0)
            U32();
        return null;
    }

    private string? Table()
    {
        var found = ValType(Byte());
        if (found is not null)
            return found;
        byte flags = Byte();
        U32();
        if ((flags & 0x01) != 0)
            U32();
        return null;
    }

    private string? Global()
    {
        var found = ValType(Byte());
        Byte();
        return found;
    }

    private string? ImportedGlobal()
    {
        _importedGlobals++;
        return Global();
    }

    private string? Globals()
    {
        uint count = U32();
        for (uint i = 0; i < count; i++)
        {
            var found = Global() ?? InitExpression();
            if (found is not null)
                return found;
        }
        return null;
    }

    /// <summary>
    /// The first element segment's offset, when it is active (kinds 0, 2, 4, 6). Later segments would
    /// need their element lists parsed to be found; the first is where the suite's cases sit.
    /// </summary>
    private string? Elements()
    {
        if (U32() == 0)
            return null;
        uint kind = U32();
        if ((kind & 0x01) != 0)
            return null;
        if ((kind & 0x02) != 0)
            U32();
        return InitExpression();
    }

    /// <summary>Active data segments' offsets (kinds 0 and 2), skipping their bytes.</summary>
    private string? Data()
    {
        uint count = U32();
        for (uint i = 0; i < count; i++)
        {
            uint kind = U32();
            if (kind == 2)
                U32();
            if (kind != 1 && InitExpression() is { } found)
                return found;
            Skip(U32());
        }
        return null;
    }

    /// <summary>Walks a constant expression; arithmetic in it is the extended-const proposal.</summary>
    private string? InitExpression()
    {
        while (true)
        {
            byte op = Byte();
            switch (op)
            {
                case 0x0B: return null;
                case 0x41: case 0x42: case 0xD2: Leb(); break;
                case 0x23:
                    // Referring to a global defined in the module itself came with the GC proposal.
                    if (U32() >= _importedGlobals)
                        return UnsupportedFeature.Gc;
                    break;
                case 0x43: Skip(4); break;
                case 0x44: Skip(8); break;
                case 0xD0: Byte(); break;
                case 0x6A: case 0x6B: case 0x6C: case 0x7C: case 0x7D: case 0x7E: return UnsupportedFeature.ExtendedConst;
                case 0xFD: return UnsupportedFeature.Simd;
                default: return null;
            }
        }
    }

    private static string? ValType(byte code) => code switch
    {
        0x7B => UnsupportedFeature.Simd,
        0x63 or 0x64 => UnsupportedFeature.FunctionReferences,
        0x69 => UnsupportedFeature.Exceptions,
        0x6E or 0x6D or 0x6C or 0x6B or 0x6A or 0x71 or 0x72 or 0x73 => UnsupportedFeature.Gc,
        _ => null,
    };

    /// <summary>A function import names a type index, which says nothing about proposals.</summary>
    private string? FunctionImport()
    {
        U32();
        return null;
    }

    private byte Byte() => _pos < _bytes.Length ? _bytes[_pos++] : throw new ProbeEnd();

    private void Skip(uint n)
    {
        if (n > (uint)(_bytes.Length - _pos))
            throw new ProbeEnd();
        _pos += (int)n;
    }

    private uint U32()
    {
        uint result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = Byte();
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
        throw new ProbeEnd();
    }

    private void Leb()
    {
        for (int i = 0; i < 10; i++)
        {
            if ((Byte() & 0x80) == 0)
                return;
        }
        throw new ProbeEnd();
    }

    /// <summary>The probe ran off what it can follow; internal control flow only, never escapes <see cref="Find"/>.</summary>
    private sealed class ProbeEnd : Exception
    {
    }
}
