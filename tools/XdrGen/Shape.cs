namespace Replay.Tools.XdrGen;

public enum ShapeKind
{
    Int,
    UInt,
    Hyper,
    UHyper,
    Bool,
    /// <summary>Fixed-length opaque, represented by a generated inline-array struct.</summary>
    Fixed,
    VarOpaque,
    String,
    Struct,
    Union,
    Enum,
    VarArray,
    FixedArray,
    Optional,
}

/// <summary>
/// A type expression with typedefs resolved away: what the value looks like on the wire and in C#.
/// <see cref="Alias"/> keeps the outermost typedef name (AccountID, ContractID...) because the JSON
/// view renders some aliases differently from their underlying type.
/// </summary>
public sealed record Shape(ShapeKind Kind, string? Name, Shape? Element, uint Max, int Size, string? Alias)
{
    public bool IsComposite => Kind is ShapeKind.Struct or ShapeKind.Union;

    public bool IsValueType => Kind is ShapeKind.Int or ShapeKind.UInt or ShapeKind.Hyper or ShapeKind.UHyper
        or ShapeKind.Bool or ShapeKind.Fixed or ShapeKind.String or ShapeKind.Enum;

}

/// <summary>Resolves type expressions against the schema and answers per-shape questions (C# type, minimum wire size).</summary>
public sealed class ShapeResolver(Schema schema)
{
    private readonly Dictionary<string, int> _minSize = new(StringComparer.Ordinal);

    public Schema Schema { get; } = schema;

    public Shape Resolve(TypeExpr t)
    {
        switch (t.Kind)
        {
            case "int": return Prim(ShapeKind.Int);
            case "unsigned_int": return Prim(ShapeKind.UInt);
            case "hyper": return Prim(ShapeKind.Hyper);
            case "unsigned_hyper": return Prim(ShapeKind.UHyper);
            case "bool": return Prim(ShapeKind.Bool);
            case "opaque_fixed": return new Shape(ShapeKind.Fixed, "Opaque" + t.Size, null, 0, t.Size!.Value, null);
            case "opaque_var": return new Shape(ShapeKind.VarOpaque, null, null, t.Max ?? uint.MaxValue, 0, null);
            case "string": return new Shape(ShapeKind.String, null, null, t.Max ?? uint.MaxValue, 0, null);
            case "var_array": return new Shape(ShapeKind.VarArray, null, Resolve(t.Element!), t.Max ?? uint.MaxValue, 0, null);
            case "array": return new Shape(ShapeKind.FixedArray, null, Resolve(t.Element!), 0, t.Size!.Value, null);
            case "optional": return new Shape(ShapeKind.Optional, null, Resolve(t.Element!), 0, 0, null);
            case "ref": return ResolveName(t.Name!);
            default: throw new InvalidOperationException($"unknown type kind '{t.Kind}'");
        }
    }

    private static Shape Prim(ShapeKind k) => new(k, null, null, 0, 0, null);

    public Shape ResolveName(string name)
    {
        if (!Schema.ByName.TryGetValue(name, out var d))
            throw new InvalidOperationException($"reference to undefined type '{name}'");
        return d.Kind switch
        {
            "struct" => new Shape(ShapeKind.Struct, CsTypeName(name), null, 0, 0, null),
            "union" => new Shape(ShapeKind.Union, CsTypeName(name), null, 0, 0, null),
            "enum" => new Shape(ShapeKind.Enum, CsTypeName(name), null, 0, 0, null),
            // A fixed opaque typedef becomes its own value type (Hash, Uint256...); other typedefs are transparent.
            "typedef" when d.Type!.Kind == "opaque_fixed" =>
                new Shape(ShapeKind.Fixed, CsTypeName(name), null, 0, d.Type.Size!.Value, name),
            // The outermost typedef names the value (ContractID over Hash): the JSON view depends on it.
            "typedef" => Resolve(d.Type!) with { Alias = name },
            _ => throw new InvalidOperationException($"'{name}' is a {d.Kind}, not a type"),
        };
    }

    public static string CsTypeName(string xdrName) => Naming.Pascal(xdrName);

    /// <summary>C# type of a shape; <paramref name="qualify"/> decides whether a named type needs its namespace.</summary>
    public static string CsType(Shape s, Func<string, string> qualify) => s.Kind switch
    {
        ShapeKind.Int => "int",
        ShapeKind.UInt => "uint",
        ShapeKind.Hyper => "long",
        ShapeKind.UHyper => "ulong",
        ShapeKind.Bool => "bool",
        ShapeKind.VarOpaque => "byte[]",
        ShapeKind.String => "XdrString",
        ShapeKind.Fixed or ShapeKind.Struct or ShapeKind.Union or ShapeKind.Enum => qualify(s.Name!),
        ShapeKind.VarArray or ShapeKind.FixedArray => ArrayOf(CsType(s.Element!, qualify)),
        ShapeKind.Optional => CsType(s.Element!, qualify) + "?",
        _ => throw new InvalidOperationException(s.Kind.ToString()),
    };

    // "T[]" of "U[]" is "U[][]"; an array of optionals would need parentheses but XDR has none.
    private static string ArrayOf(string element) => element + "[]";

    /// <summary>Unique, readable name for the helper that codes a composite shape (arrays, optionals).</summary>
    public static string Mangle(Shape s) => s.Kind switch
    {
        ShapeKind.Int => "Int",
        ShapeKind.UInt => "UInt",
        ShapeKind.Hyper => "Hyper",
        ShapeKind.UHyper => "UHyper",
        ShapeKind.Bool => "Bool",
        ShapeKind.VarOpaque => "Opaque" + (s.Max == uint.MaxValue ? "" : s.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ShapeKind.String => "String" + (s.Max == uint.MaxValue ? "" : s.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ShapeKind.Fixed when s.Alias is "ContractID" or "PoolID" => s.Alias,
        ShapeKind.Fixed or ShapeKind.Struct or ShapeKind.Union or ShapeKind.Enum => s.Name!,
        ShapeKind.VarArray => Mangle(s.Element!) + "Array" + (s.Max == uint.MaxValue ? "" : "Max" + s.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ShapeKind.FixedArray => Mangle(s.Element!) + "Array" + s.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ShapeKind.Optional => "Optional" + Mangle(s.Element!),
        _ => throw new InvalidOperationException(s.Kind.ToString()),
    };

    /// <summary>
    /// Fewest bytes any value of the shape can occupy. Decoders divide the bytes left by this to
    /// reject impossible counts before allocating; an underestimate only weakens that check.
    /// </summary>
    public int MinSize(Shape s) => s.Kind switch
    {
        ShapeKind.Int or ShapeKind.UInt or ShapeKind.Bool or ShapeKind.Enum => 4,
        ShapeKind.Hyper or ShapeKind.UHyper => 8,
        ShapeKind.Fixed => (s.Size + 3) & ~3,
        ShapeKind.VarOpaque or ShapeKind.String or ShapeKind.VarArray or ShapeKind.Optional => 4,
        ShapeKind.FixedArray => s.Size * MinSize(s.Element!),
        ShapeKind.Struct or ShapeKind.Union => MinSizeOf(s.Name!),
        _ => 4,
    };

    private int MinSizeOf(string csName)
    {
        if (_minSize.TryGetValue(csName, out var known))
            return known;
        _minSize[csName] = 4; // provisional while recursing (recursion only goes through arrays/optionals, which are 4)
        var d = Schema.Definitions.First(x => CsTypeName(x.Name) == csName);
        int size;
        if (d.Kind == "struct")
        {
            size = 0;
            foreach (var f in d.Fields)
                size += MinSize(Resolve(f.Type));
        }
        else
        {
            var smallestArm = int.MaxValue;
            foreach (var a in d.Arms)
                smallestArm = Math.Min(smallestArm, a.Type is null ? 0 : MinSize(Resolve(a.Type)));
            size = 4 + (smallestArm == int.MaxValue ? 0 : smallestArm);
        }
        _minSize[csName] = size;
        return size;
    }
}
