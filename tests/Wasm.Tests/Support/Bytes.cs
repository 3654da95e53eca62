using System.Text;
using Replay.Wasm.Binary;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Support;

/// <summary>Encoders for the binary format's primitives, so tests can build exactly the bytes they mean.</summary>
internal static class Bytes
{
    public static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    public static byte[] U32(uint v)
    {
        var o = new List<byte>();
        do
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            if (v != 0) b |= 0x80;
            o.Add(b);
        } while (v != 0);
        return [.. o];
    }

    public static byte[] S64(long v)
    {
        var o = new List<byte>();
        while (true)
        {
            byte b = (byte)(v & 0x7F);
            v >>= 7;
            bool done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            if (!done) b |= 0x80;
            o.Add(b);
            if (done) return [.. o];
        }
    }

    public static byte[] Name(string s)
    {
        var utf8 = Encoding.UTF8.GetBytes(s);
        return Cat(U32((uint)utf8.Length), utf8);
    }

    public static byte[] Cat(params byte[][] parts)
    {
        var o = new List<byte>();
        foreach (var p in parts) o.AddRange(p);
        return [.. o];
    }

    public static byte[] Vec(params byte[][] items) => Cat([U32((uint)items.Length), .. items]);

    public static byte[] Section(SectionId id, params byte[][] content)
    {
        var body = Cat(content);
        return Cat([(byte)id], U32((uint)body.Length), body);
    }

    public static byte[] Module(params byte[][] sections) => Cat([Header, .. sections]);

    public static byte[] FuncType(ValType[] parameters, ValType[] results) =>
        Cat([0x60], Vec(parameters.Select(p => new[] { (byte)p }).ToArray()), Vec(results.Select(r => new[] { (byte)r }).ToArray()));

    /// <summary>A code-section entry: size, local declarations, instructions (which must end with 0x0B).</summary>
    public static byte[] Body(byte[] locals, byte[] code)
    {
        var inner = Cat(locals, code);
        return Cat(U32((uint)inner.Length), inner);
    }

    public static byte[] NoLocals => [0x00];
}
