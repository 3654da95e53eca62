using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Json;

/// <summary>JSON text of typed values, for callers that hold a value rather than its bytes.</summary>
public static class XdrJsonText
{
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson<T>(T value) where T : IXdrJson<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
            value.WriteJson(writer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Parses the JSON view of a <typeparamref name="T"/>; errors name the path inside the value.</summary>
    public static T FromJson<T>(string json) where T : IXdrJson<T>, IXdrType<T>
    {
        using var doc = JsonDocument.Parse(json);
        try
        {
            return T.ReadJson(doc.RootElement);
        }
        catch (XdrJsonException e)
        {
            e.PrependSegment(T.XdrName);
            throw;
        }
    }
}
