using System.Globalization;

namespace Replay.Tools.XdrGen;

/// <summary>
/// Produces the decode expression and encode statement for one shape. Arrays and optionals are
/// delegated to named helpers in XdrShapes (collected here) so each is written once however often used.
/// </summary>
public sealed class Codecs(ShapeResolver resolver)
{
    private readonly SortedDictionary<string, Shape> _helpers = new(StringComparer.Ordinal);

    public ShapeResolver Resolver { get; } = resolver;

    /// <summary>Array and optional shapes that need a helper, by helper name.</summary>
    public IReadOnlyDictionary<string, Shape> Helpers => _helpers;

    public static string Limit(uint max) =>
        max == uint.MaxValue ? "XdrLimits.Unbounded" : max.ToString(CultureInfo.InvariantCulture);

    public string Decode(Shape s, Func<string, string> q)
    {
        switch (s.Kind)
        {
            case ShapeKind.Int: return "r.ReadInt32()";
            case ShapeKind.UInt: return "r.ReadUInt32()";
            case ShapeKind.Hyper: return "r.ReadInt64()";
            case ShapeKind.UHyper: return "r.ReadUInt64()";
            case ShapeKind.Bool: return "r.ReadBool()";
            case ShapeKind.VarOpaque: return $"r.ReadOpaque({Limit(s.Max)})";
            case ShapeKind.String: return $"r.ReadString({Limit(s.Max)})";
            case ShapeKind.Fixed or ShapeKind.Struct or ShapeKind.Union: return $"{q(s.Name!)}.Decode(ref r)";
            case ShapeKind.Enum: return $"XdrEnum.Read{s.Name}(ref r)";
            default:
                Register(s);
                return $"XdrShapes.Read{ShapeResolver.Mangle(s)}(ref r)";
        }
    }

    public string Encode(Shape s, string value, string what)
    {
        switch (s.Kind)
        {
            case ShapeKind.Int: return $"w.WriteInt32({value});";
            case ShapeKind.UInt: return $"w.WriteUInt32({value});";
            case ShapeKind.Hyper: return $"w.WriteInt64({value});";
            case ShapeKind.UHyper: return $"w.WriteUInt64({value});";
            case ShapeKind.Bool: return $"w.WriteBool({value});";
            case ShapeKind.VarOpaque: return $"w.WriteOpaque({value}, {Limit(s.Max)});";
            case ShapeKind.String: return $"w.WriteString({value}, {Limit(s.Max)});";
            case ShapeKind.Fixed: return $"{value}.Encode(ref w);";
            case ShapeKind.Struct or ShapeKind.Union: return $"({value} ?? throw w.Error(\"{what} is null\")).Encode(ref w);";
            case ShapeKind.Enum: return $"XdrEnum.Write(ref w, {value});";
            default:
                Register(s);
                return $"XdrShapes.Write{ShapeResolver.Mangle(s)}(ref w, {value});";
        }
    }

    private void Register(Shape s)
    {
        _helpers.TryAdd(ShapeResolver.Mangle(s), s with { Alias = null });
        if (s.Element is { } e && e.Kind is ShapeKind.VarArray or ShapeKind.FixedArray or ShapeKind.Optional)
            Register(e);
    }
}
