using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Json;

/// <summary>JSON text of XDR values: parsing it as the Stellar CLI does, and writing it for callers that hold a value.</summary>
public static class XdrJsonText
{
    /// <summary>
    /// Deepest nesting of JSON arrays and objects accepted, as in the Stellar CLI (serde_json's
    /// recursion limit: 127 levels parse, 128 do not). An ScVal vec takes two levels per value.
    /// </summary>
    public const int MaxParseDepth = 127;

    /// <summary>
    /// Deepest nesting written. Decoded XDR may nest <see cref="XdrLimits.DefaultMaxDepth"/> levels,
    /// each one or two JSON levels, so writing never runs out of depth before decoding does.
    /// </summary>
    public const int MaxWriteDepth = 2 * XdrLimits.DefaultMaxDepth + 8;

    /// <summary>Options for writing the JSON view: compact, non-ASCII unescaped, deep enough for any decodable value.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = MaxWriteDepth,
    };

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = MaxParseDepth };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string ToJson<T>(T value) where T : IXdrJson<T>
    {
        ArgumentNullException.ThrowIfNull(value);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            value.WriteJson(writer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Parses the JSON view of a <typeparamref name="T"/>; errors name the path inside the value.</summary>
    public static T FromJson<T>(string json) where T : IXdrJson<T>, IXdrType<T>
    {
        using var doc = Parse(json);
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

    /// <summary>
    /// Parses JSON text for reading XDR values from it. Beyond JSON syntax (a <see cref="JsonException"/>),
    /// text that cannot stand for a string is an <see cref="XdrJsonException"/> here, before any value
    /// is read: bytes that are not UTF-8, and escapes of lone surrogates (<c>"\ud800"</c>), which the
    /// Stellar CLI refuses too.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8)
    {
        var span = utf8.Span;
        if (!Utf8.IsValid(span))
            throw new XdrJsonException($"input is not UTF-8: invalid byte sequence at byte {FirstInvalidUtf8(span)}");
        var doc = JsonDocument.Parse(utf8, ParseOptions);
        try
        {
            RefuseLoneSurrogates(span);
        }
        catch
        {
            doc.Dispose();
            throw;
        }
        return doc;
    }

    /// <inheritdoc cref="Parse(ReadOnlyMemory{byte})"/>
    public static JsonDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException e)
        {
            throw new XdrJsonException($"input holds a lone surrogate at character {e.Index}");
        }
        return Parse(utf8);
    }

    // Only escaped strings can hide a lone surrogate once the bytes are valid UTF-8.
    private static void RefuseLoneSurrogates(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxParseDepth });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                throw new XdrJsonException($"string at byte {reader.TokenStartIndex} escapes a lone surrogate, which is not text");
            }
        }
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var at = 0;
        while (at < utf8.Length)
        {
            if (System.Buffers.OperationStatus.Done != Rune.DecodeFromUtf8(utf8[at..], out _, out var consumed))
                return at;
            at += consumed;
        }
        return at;
    }
}
