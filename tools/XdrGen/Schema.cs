using System.Text.Json;

namespace Replay.Tools.XdrGen;

/// <summary>A type expression as xdr.json spells it (a reference, a primitive, or an array/optional of one).</summary>
public sealed record TypeExpr(string Kind, string? Name, TypeExpr? Element, uint? Max, int? Size)
{
    public static TypeExpr Parse(JsonElement e)
    {
        var kind = e.GetProperty("kind").GetString()!;
        string? name = e.TryGetProperty("name", out var n) ? n.GetString() : null;
        TypeExpr? element = e.TryGetProperty("element", out var el) ? Parse(el) : null;
        uint? max = null;
        if (e.TryGetProperty("max_size", out var ms)) max = ms.GetUInt32();
        if (e.TryGetProperty("max_count", out var mc)) max = mc.GetUInt32();
        int? size = null;
        if (e.TryGetProperty("size", out var s)) size = s.GetInt32();
        if (e.TryGetProperty("count", out var c)) size = c.GetInt32();
        return new TypeExpr(kind, name, element, max, size);
    }
}

public sealed record Field(string Name, TypeExpr Type);

public sealed record EnumMember(string Name, int Value);

/// <summary>One <c>case</c> label of a union arm; <see cref="Name"/> is absent for integer discriminants.</summary>
public sealed record UnionCase(int Value, string? Name);

/// <summary>A union arm: the case labels it covers and its payload (null for void).</summary>
public sealed record UnionArm(IReadOnlyList<UnionCase> Cases, string? Name, TypeExpr? Type);

/// <summary>One top-level definition of xdr.json.</summary>
public sealed record Definition(
    string Kind,
    string Name,
    string File,
    string Source,
    TypeExpr? Type,
    IReadOnlyList<Field> Fields,
    IReadOnlyList<EnumMember> Members,
    string MemberPrefix,
    string? DiscriminantName,
    TypeExpr? DiscriminantType,
    IReadOnlyList<UnionArm> Arms,
    long ConstValue);

/// <summary>The whole schema, in declaration order.</summary>
public sealed class Schema
{
    public required IReadOnlyList<Definition> Definitions { get; init; }

    public required IReadOnlyDictionary<string, Definition> ByName { get; init; }

    public static Schema Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var files = doc.RootElement.GetProperty("files").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString()!).ToList();
        var defs = new List<Definition>();
        foreach (var d in doc.RootElement.GetProperty("definitions").EnumerateArray())
            defs.Add(ParseDefinition(d, files));
        return new Schema { Definitions = defs, ByName = defs.ToDictionary(d => d.Name, StringComparer.Ordinal) };
    }

    private static Definition ParseDefinition(JsonElement d, List<string> files)
    {
        var kind = d.GetProperty("kind").GetString()!;
        var fields = new List<Field>();
        if (d.TryGetProperty("fields", out var fs))
            foreach (var f in fs.EnumerateArray())
                fields.Add(new Field(f.GetProperty("name").GetString()!, TypeExpr.Parse(f.GetProperty("type"))));
        var members = new List<EnumMember>();
        if (d.TryGetProperty("members", out var ms))
            foreach (var m in ms.EnumerateArray())
                members.Add(new EnumMember(m.GetProperty("name").GetString()!, m.GetProperty("value").GetInt32()));
        var arms = new List<UnionArm>();
        if (d.TryGetProperty("arms", out var arr))
        {
            foreach (var a in arr.EnumerateArray())
            {
                var cases = a.GetProperty("cases").EnumerateArray()
                    .Select(c => new UnionCase(c.GetProperty("value").GetInt32(), c.TryGetProperty("name", out var cn) ? cn.GetString() : null))
                    .ToList();
                string? armName = a.TryGetProperty("name", out var an) && an.ValueKind == JsonValueKind.String ? an.GetString() : null;
                TypeExpr? armType = a.TryGetProperty("type", out var at) ? TypeExpr.Parse(at) : null;
                arms.Add(new UnionArm(cases, armName, armType));
            }
        }
        string? discName = null;
        TypeExpr? discType = null;
        if (d.TryGetProperty("discriminant", out var disc))
        {
            discName = disc.GetProperty("name").GetString();
            discType = TypeExpr.Parse(disc.GetProperty("type"));
        }
        return new Definition(
            kind,
            d.GetProperty("name").GetString()!,
            files[d.GetProperty("file_index").GetInt32()],
            d.GetProperty("source").GetString()!,
            d.TryGetProperty("type", out var t) ? TypeExpr.Parse(t) : null,
            fields,
            members,
            d.TryGetProperty("member_prefix", out var mp) ? mp.GetString() ?? "" : "",
            discName,
            discType,
            arms,
            d.TryGetProperty("value", out var v) ? v.GetInt64() : 0);
    }
}
