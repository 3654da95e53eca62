using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Replay.Diff;

/// <summary>
/// The first difference between two outcomes (or an outcome and the recording), down to the
/// field: its path ("returnValue.vec[2].u32", "ledgerChanges[1].updated.data.contract_data.val")
/// and the value on each side as the Stellar CLI's JSON (null where a side has nothing there).
/// </summary>
/// <param name="Path">Dotted path; list elements as [i]. The first segment is the outcome field.</param>
/// <param name="First">The first side's value at <paramref name="Path"/> (compact JSON), or null when absent.</param>
/// <param name="Second">The second side's value, or null when absent.</param>
public sealed record FieldDifference(string Path, string? First, string? Second)
{
    /// <summary>The outcome field the path starts with ("returnValue", "ledgerChanges"...).</summary>
    public string Field => Path.Split('.', '[')[0];

    /// <summary>
    /// The first difference between two JSON texts below <paramref name="root"/>: descends while
    /// both sides are objects (keys in order, then by name) or arrays, and stops at the first node
    /// that differs. Null when the texts are equal as JSON.
    /// </summary>
    public static FieldDifference? Between(string root, string? first, string? second)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (first is null || second is null)
            return string.Equals(first, second, StringComparison.Ordinal) ? null : new FieldDifference(root, first, second);
        using var a = JsonDocument.Parse(first, new JsonDocumentOptions { MaxDepth = 512 });
        using var b = JsonDocument.Parse(second, new JsonDocumentOptions { MaxDepth = 512 });
        return Between(root, a.RootElement, b.RootElement);
    }

    private static FieldDifference? Between(string path, JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Object && b.ValueKind == JsonValueKind.Object)
        {
            var names = new List<string>();
            foreach (var p in a.EnumerateObject())
                names.Add(p.Name);
            foreach (var p in b.EnumerateObject())
            {
                if (!names.Contains(p.Name))
                    names.Add(p.Name);
            }
            foreach (var name in names)
            {
                var inA = a.TryGetProperty(name, out var va);
                var inB = b.TryGetProperty(name, out var vb);
                var sub = path + "." + name;
                if (!inA || !inB)
                    return new FieldDifference(sub, inA ? Compact(va) : null, inB ? Compact(vb) : null);
                if (Between(sub, va, vb) is { } d)
                    return d;
            }
            return null;
        }
        if (a.ValueKind == JsonValueKind.Array && b.ValueKind == JsonValueKind.Array)
        {
            var la = a.GetArrayLength();
            var lb = b.GetArrayLength();
            for (var i = 0; i < Math.Max(la, lb); i++)
            {
                var sub = path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (i >= la || i >= lb)
                    return new FieldDifference(sub, i < la ? Compact(a[i]) : null, i < lb ? Compact(b[i]) : null);
                if (Between(sub, a[i], b[i]) is { } d)
                    return d;
            }
            return null;
        }
        var ca = Compact(a);
        var cb = Compact(b);
        return string.Equals(ca, cb, StringComparison.Ordinal) ? null : new FieldDifference(path, ca, cb);
    }

    /// <summary>A JSON element re-written compactly (stable: the writer keeps property order).</summary>
    public static string Compact(JsonElement e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 512,
        }))
        {
            e.WriteTo(w);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
