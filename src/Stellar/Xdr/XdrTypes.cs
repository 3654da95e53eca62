using System.Buffers;
using System.Text.Json;
using Replay.Stellar.Json;

namespace Replay.Stellar.Xdr;

/// <summary>Reads one value of a type from XDR and writes its JSON view.</summary>
public delegate void XdrToJson(ref XdrReader reader, Utf8JsonWriter writer);

/// <summary>Reads the JSON view of a value and writes its XDR.</summary>
public delegate void JsonToXdr(JsonElement element, ref XdrWriter writer);

/// <summary>A schema type chosen at run time: its names and its conversions.</summary>
public sealed record XdrTypeInfo(string XdrName, string CliName, XdrToJson ToJson, JsonToXdr FromJson)
{
    /// <summary>Decodes exactly one value from <paramref name="xdr"/> and writes it as JSON.</summary>
    public void WriteJson(ReadOnlySpan<byte> xdr, Utf8JsonWriter writer)
    {
        var reader = new XdrReader(xdr);
        try
        {
            ToJson(ref reader, writer);
            reader.EnsureAtEnd();
        }
        catch (XdrException e)
        {
            e.PrependSegment(XdrName);
            throw;
        }
    }

    /// <summary>Encodes the value the JSON describes.</summary>
    public byte[] ReadJson(JsonElement json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new XdrWriter(buffer);
        try
        {
            FromJson(json, ref writer);
        }
        catch (XdrJsonException e)
        {
            e.PrependSegment(XdrName);
            throw;
        }
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>Lookup of every schema type by its XDR name (SCVal) or the Stellar CLI's name (ScVal).</summary>
public static partial class XdrTypes
{
    private static readonly Lazy<XdrTypeInfo[]> AllTypes = new(Create);

    private static readonly Lazy<Dictionary<string, XdrTypeInfo>> ByName = new(() =>
    {
        var map = new Dictionary<string, XdrTypeInfo>(StringComparer.Ordinal);
        foreach (var t in AllTypes.Value)
        {
            map.TryAdd(t.XdrName, t);
            map.TryAdd(t.CliName, t);
        }
        return map;
    });

    public static IReadOnlyList<XdrTypeInfo> All => AllTypes.Value;

    /// <summary>The type with this name (XDR or CLI spelling, exact case first, then ignoring case), or null.</summary>
    public static XdrTypeInfo? Find(string name)
    {
        if (ByName.Value.TryGetValue(name, out var exact))
            return exact;
        return AllTypes.Value.FirstOrDefault(t =>
            string.Equals(t.XdrName, name, StringComparison.OrdinalIgnoreCase) || string.Equals(t.CliName, name, StringComparison.OrdinalIgnoreCase));
    }
}
