using System.Buffers.Binary;
using System.Text;
using Replay.Soroban.Values;

namespace Replay.Tools.Observations;

/// <summary>
/// Builds the small modules rs-soroban-env's dispatch tests synthesize for each host function
/// (its <c>wasm_module_calling_*</c>): written here from the Wasm binary format, laid out as that
/// test's module emitter lays it out, so the bytes (and so the parse and instantiation charges)
/// are the same:
/// <list type="bullet">
/// <item>a <c>contractenvmetav0</c> custom section: the XDR interface-version entry (kind 0, protocol, pre-release 0);</item>
/// <item>one function type, (i64 × arity) → i64, shared by the import and the exported function;</item>
/// <item>the host function imported as (module export, function export);</item>
/// <item>a funcref table of 128 (no maximum), one page of memory (no maximum), a mutable i64 global set to 42;</item>
/// <item>exports "memory" (memory 0) then "test" (function 1);</item>
/// <item>the body: no locals in one declared group, each argument pushed, the import called, its result dropped,
/// the small symbol "pass" returned.</item>
/// </list>
/// </summary>
public static class SynthWasm
{
    public static byte[] CallingHostFunction(string module, string export, int arity, uint protocol)
    {
        var m = new List<byte> { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };

        var meta = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(meta.AsSpan(4), protocol);
        var custom = new List<byte>();
        Name(custom, "contractenvmetav0");
        custom.AddRange(meta);
        Section(m, 0, custom);

        var types = new List<byte> { 0x01, 0x60 };
        U(types, (ulong)arity);
        for (var i = 0; i < arity; i++)
            types.Add(0x7e);
        types.AddRange([0x01, 0x7e]);
        Section(m, 1, types);

        var imports = new List<byte> { 0x01 };
        Name(imports, module);
        Name(imports, export);
        imports.AddRange([0x00, 0x00]);
        Section(m, 2, imports);

        Section(m, 3, [0x01, 0x00]);
        var table = new List<byte> { 0x01, 0x70, 0x00 };
        U(table, 128);
        Section(m, 4, table);
        Section(m, 5, [0x01, 0x00, 0x01]);
        Section(m, 6, [0x01, 0x7e, 0x01, 0x42, 42, 0x0b]);

        var exports = new List<byte> { 0x02 };
        Name(exports, "memory");
        exports.AddRange([0x02, 0x00]);
        Name(exports, "test");
        exports.AddRange([0x00, 0x01]);
        Section(m, 7, exports);

        var body = new List<byte> { 0x01, 0x00, 0x7e };
        for (var i = 0; i < arity; i++)
        {
            body.Add(0x20);
            U(body, (ulong)i);
        }
        body.AddRange([0x10, 0x00, 0x1a, 0x42]);
        S(body, (long)SymbolSmall.FromString("pass").Payload);
        body.Add(0x0b);
        var code = new List<byte> { 0x01 };
        U(code, (ulong)body.Count);
        code.AddRange(body);
        Section(m, 10, code);
        return [.. m];
    }

    /// <summary>
    /// <c>wasm_module_with_a_bit_of_everything</c> (testutils of f0bc81b8), laid out by the same
    /// emitter: the interface-version meta; one type () → i64; the import t._ (dummy0); a funcref
    /// table of 128, one page of memory, a mutable i64 global of 42; exports "memory" then "test"
    /// (function 1); an active element segment (table 0, offset 0) holding function 1; the body
    /// (one empty i64 local group) i64.const 1, i64.const 2, i64.add, drop, the small symbol
    /// "pass"; an active data segment of 512 zero bytes at 0x1234 of memory 0.
    /// <paramref name="explicitTableIndex"/> picks the element segment's encoding: the explicit
    /// table-index form (flag 2, table 0, elemkind funcref) or the MVP form (flag 0).
    /// </summary>
    public static byte[] ABitOfEverything(uint protocol, bool explicitTableIndex)
    {
        var m = new List<byte> { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };
        var meta = new byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(meta.AsSpan(4), protocol);
        var custom = new List<byte>();
        Name(custom, "contractenvmetav0");
        custom.AddRange(meta);
        Section(m, 0, custom);
        Section(m, 1, [0x01, 0x60, 0x00, 0x01, 0x7e]);
        var imports = new List<byte> { 0x01 };
        Name(imports, "t");
        Name(imports, "_");
        imports.AddRange([0x00, 0x00]);
        Section(m, 2, imports);
        Section(m, 3, [0x01, 0x00]);
        var table = new List<byte> { 0x01, 0x70, 0x00 };
        U(table, 128);
        Section(m, 4, table);
        Section(m, 5, [0x01, 0x00, 0x01]);
        Section(m, 6, [0x01, 0x7e, 0x01, 0x42, 42, 0x0b]);
        var exports = new List<byte> { 0x02 };
        Name(exports, "memory");
        exports.AddRange([0x02, 0x00]);
        Name(exports, "test");
        exports.AddRange([0x00, 0x01]);
        Section(m, 7, exports);
        Section(m, 9, explicitTableIndex
            ? [0x01, 0x02, 0x00, 0x41, 0x00, 0x0b, 0x00, 0x01, 0x01]
            : [0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x01]);
        var body = new List<byte> { 0x01, 0x00, 0x7e, 0x42, 0x01, 0x42, 0x02, 0x7c, 0x1a, 0x42 };
        S(body, (long)SymbolSmall.FromString("pass").Payload);
        body.Add(0x0b);
        var code = new List<byte> { 0x01 };
        U(code, (ulong)body.Count);
        code.AddRange(body);
        Section(m, 10, code);
        var data = new List<byte> { 0x01, 0x00, 0x41 };
        S(data, 0x1234);
        data.Add(0x0b);
        U(data, 512);
        data.AddRange(new byte[512]);
        Section(m, 11, data);
        return [.. m];
    }

    private static void Section(List<byte> m, byte id, List<byte> content)
    {
        m.Add(id);
        U(m, (ulong)content.Count);
        m.AddRange(content);
    }

    private static void Name(List<byte> to, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        U(to, (ulong)bytes.Length);
        to.AddRange(bytes);
    }

    private static void U(List<byte> to, ulong v)
    {
        do
        {
            var b = (byte)(v & 0x7f);
            v >>= 7;
            to.Add(v != 0 ? (byte)(b | 0x80) : b);
        }
        while (v != 0);
    }

    private static void S(List<byte> to, long v)
    {
        while (true)
        {
            var b = (byte)(v & 0x7f);
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0))
            {
                to.Add(b);
                return;
            }
            to.Add((byte)(b | 0x80));
        }
    }
}
