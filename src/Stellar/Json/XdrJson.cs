using System.Globalization;
using System.Text.Json;
using Replay.Stellar.Domain;

namespace Replay.Stellar.Json;

/// <summary>
/// Primitive pieces of the JSON view, shared by the generated code: 64-bit integers as decimal
/// strings, opaque bytes as lower-case hex, strings escaped (<see cref="EscapedBytes"/>), keys as strkeys.
/// Readers are strict and throw <see cref="XdrJsonException"/> naming what was expected.
/// </summary>
public static class XdrJson
{
    public static void WriteInteger(Utf8JsonWriter j, long value) =>
        j.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));

    public static void WriteInteger(Utf8JsonWriter j, ulong value) =>
        j.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));

    public static void WriteHex(Utf8JsonWriter j, ReadOnlySpan<byte> bytes) => j.WriteStringValue(Convert.ToHexStringLower(bytes));

    public static void WriteEscaped(Utf8JsonWriter j, ReadOnlySpan<byte> bytes) => j.WriteStringValue(EscapedBytes.Escape(bytes));

    public static void WriteStrKey(Utf8JsonWriter j, StrKeyKind kind, ReadOnlySpan<byte> payload) =>
        j.WriteStringValue(StrKey.Encode(kind, payload));

    /// <summary>
    /// Asset codes drop their trailing zero padding, but a 12-byte code keeps at least 5 bytes
    /// (<c>"ABCD\0"</c>), as the Stellar CLI writes it: text of 4 bytes or fewer reads back as a
    /// 4-byte code, so the padding is what keeps an alphanum12 asset alphanum12 through JSON.
    /// </summary>
    public static void WriteAssetCode(Utf8JsonWriter j, ReadOnlySpan<byte> code)
    {
        var keep = code.Length > 4 ? 5 : 0;
        var length = code.Length;
        while (length > keep && code[length - 1] == 0)
            length--;
        WriteEscaped(j, code[..length]);
    }

    /// <summary>Fixed opaques declared inline (IP addresses, curve keys) are written as arrays of numbers.</summary>
    public static void WriteByteList(Utf8JsonWriter j, ReadOnlySpan<byte> bytes)
    {
        j.WriteStartArray();
        foreach (var b in bytes)
            j.WriteNumberValue(b);
        j.WriteEndArray();
    }

    public static int ReadInt32(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw Expected("a 32-bit signed integer", e);

    public static uint ReadUInt32(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetUInt32(out var v) ? v : throw Expected("a 32-bit unsigned integer", e);

    /// <summary>64-bit integers are written as strings; numbers are accepted too, as the CLI does.</summary>
    public static long ReadInt64(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var v) => v,
        JsonValueKind.String when long.TryParse(e.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw Expected("a 64-bit signed integer", e),
    };

    public static ulong ReadUInt64(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetUInt64(out var v) => v,
        JsonValueKind.String when ulong.TryParse(e.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw Expected("a 64-bit unsigned integer", e),
    };

    public static bool ReadBool(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Expected("true or false", e),
    };

    public static string ReadString(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Expected("a string", e);

    public static byte[] ReadHex(JsonElement e, uint max)
    {
        var text = ReadString(e);
        if (text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
            throw new XdrJsonException($"'{TextPreview.Shorten(text)}' is not hex");
        if ((uint)(text.Length / 2) > max)
            throw new XdrJsonException($"{text.Length / 2} bytes exceed the maximum {max}");
        return Convert.FromHexString(text);
    }

    public static byte[] ReadHexFixed(JsonElement e, int length)
    {
        var bytes = ReadHex(e, uint.MaxValue);
        return bytes.Length == length ? bytes : throw new XdrJsonException($"expected {length} bytes of hex, got {bytes.Length}");
    }

    public static byte[] ReadEscaped(JsonElement e, uint max)
    {
        var bytes = EscapedBytes.Unescape(ReadString(e));
        return (uint)bytes.Length <= max ? bytes : throw new XdrJsonException($"{bytes.Length} bytes exceed the maximum {max}");
    }

    public static byte[] ReadStrKey(JsonElement e, StrKeyKind kind)
    {
        try
        {
            return StrKey.Decode(kind, ReadString(e));
        }
        catch (FormatException x)
        {
            throw new XdrJsonException(x.Message);
        }
    }

    public static byte[] ReadAssetCode(JsonElement e, int length)
    {
        var bytes = EscapedBytes.Unescape(ReadString(e));
        if (bytes.Length > length)
            throw new XdrJsonException($"asset code of {bytes.Length} bytes does not fit in {length}");
        Array.Resize(ref bytes, length);
        return bytes;
    }

    public static byte[] ReadByteList(JsonElement e, int length)
    {
        if (ExpectArray(e, (uint)length, exact: true) != length)
            throw new XdrJsonException($"expected {length} numbers");
        var bytes = new byte[length];
        var i = 0;
        foreach (var item in e.EnumerateArray())
            bytes[i++] = item.ValueKind == JsonValueKind.Number && item.TryGetByte(out var b) ? b : throw Expected("a byte (0-255)", item);
        return bytes;
    }

    /// <summary>Checks an array's length against its declared bound; returns the count.</summary>
    public static int ExpectArray(JsonElement e, uint max, bool exact)
    {
        if (e.ValueKind != JsonValueKind.Array)
            throw Expected("an array", e);
        var count = e.GetArrayLength();
        if (exact ? (uint)count != max : (uint)count > max)
            throw new XdrJsonException(exact ? $"array needs exactly {max} elements, has {count}" : $"array of {count} elements exceeds the maximum {max}");
        return count;
    }

    /// <summary>A struct's object: every field present, none unknown.</summary>
    public static void ExpectObject(JsonElement e, string type, string[] fields)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw Expected($"an object for {type}", e);
        foreach (var p in e.EnumerateObject())
        {
            if (Array.IndexOf(fields, p.Name) < 0)
                throw new XdrJsonException($"{type} has no field '{TextPreview.Shorten(p.Name)}'");
        }
    }

    public static T Field<T>(JsonElement obj, string name, string pathSegment, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!obj.TryGetProperty(name, out var value))
        {
            var missing = new XdrJsonException($"missing field '{name}'");
            missing.PrependSegment(pathSegment);
            throw missing;
        }
        try
        {
            return read(value);
        }
        catch (XdrJsonException x) when (x.Trace(pathSegment))
        {
            throw;
        }
    }

    /// <summary>A union case with a value: an object with exactly one property, the case name.</summary>
    public static (string Name, JsonElement Value) SingleProperty(JsonElement e, string type)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw Expected($"a {type} case (a string or a one-property object)", e);
        (string, JsonElement)? found = null;
        foreach (var p in e.EnumerateObject())
        {
            if (found is not null)
                throw new XdrJsonException($"a {type} case object must have exactly one property");
            found = (p.Name, p.Value);
        }
        return found ?? throw new XdrJsonException($"a {type} case object must have exactly one property");
    }

    public static T Arm<T>(JsonElement value, string pathSegment, Func<JsonElement, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read(value);
        }
        catch (XdrJsonException x) when (x.Trace(pathSegment))
        {
            throw;
        }
    }

    public static XdrJsonException UnknownCase(string type, string? name) =>
        new($"'{(name is null ? null : TextPreview.Shorten(name))}' is not a {type} case");

    private static XdrJsonException Expected(string what, JsonElement e) =>
        new($"expected {what}, found {TextPreview.Shorten(e.GetRawText())}");
}
