namespace Replay.Tools.XdrGen;

/// <summary>An XDR struct becomes a sealed class with one property per field, in wire order.</summary>
public static class StructEmitter
{
    public static void Emit(CodeWriter w, Definition d, Codecs codecs)
    {
        var name = ShapeResolver.CsTypeName(d.Name);
        var fields = d.Fields.Select(f => (Xdr: f.Name, Prop: PropertyName(f.Name, name), Shape: codecs.Resolver.Resolve(f.Type))).ToList();
        var members = fields.Select(f => f.Prop).ToHashSet(StringComparer.Ordinal);
        string Q(string type) => members.Contains(type) ? "global::Replay.Stellar.Xdr." + type : type;

        w.Doc($"XDR struct {d.Name} ({d.File}).", d.Source);
        w.Open($"public sealed partial class {name} : IXdrType<{name}>");
        w.Line($"public static string XdrName => \"{d.Name}\";");
        w.Line();
        foreach (var f in fields)
        {
            var type = ShapeResolver.CsType(f.Shape, Q);
            var required = f.Shape.IsValueType || f.Shape.Kind == ShapeKind.Optional ? "" : "required ";
            w.Line($"/// <summary>XDR field <c>{f.Xdr}</c>.</summary>");
            w.Line($"public {required}{type} {f.Prop} {{ get; set; }}");
            w.Line();
        }

        if (fields.Count > 0)
        {
            // Path steps for errors, indexed by the field being decoded when the error surfaced.
            w.Line($"private static readonly string[] XdrFieldPath = [{string.Join(", ", fields.Select(f => $"\".{f.Xdr}\""))}];");
            w.Line();
        }

        w.Open($"public static {name} Decode(ref XdrReader r)");
        w.Line("r.Enter();");
        if (fields.Count == 0)
        {
            w.Line("r.Leave();");
            w.Line($"return new {name}();");
        }
        else
        {
            w.Line("var field = 0;");
            w.Open("try");
            for (var i = 0; i < fields.Count; i++)
            {
                w.Line($"var f{i} = {codecs.Decode(fields[i].Shape, Q)};");
                if (i + 1 < fields.Count)
                    w.Line($"field = {i + 1};");
            }
            w.Line("r.Leave();");
            w.Open($"return new {name}");
            for (var i = 0; i < fields.Count; i++)
                w.Line($"{fields[i].Prop} = f{i},");
            w.Close(";");
            w.Close();
            // A filter that never matches: the path is recorded without catching (see XdrException.Trace).
            w.Line("catch (XdrException e) when (e.Trace(XdrFieldPath[field]))");
            w.Line("{");
            w.Line("    throw;");
            w.Line("}");
        }
        w.Close();
        w.Line();

        w.Open("public void Encode(ref XdrWriter w)");
        w.Line("w.Enter();");
        foreach (var f in fields)
            w.Line(codecs.Encode(f.Shape, f.Prop, $"{d.Name}.{f.Xdr}"));
        w.Line("w.Leave();");
        w.Close();
        w.Line();
        w.Line($"public static {name} FromXdr(ReadOnlySpan<byte> data) => XdrCodec.Decode<{name}>(data);");
        w.Line();
        w.Line($"public byte[] ToXdr() => XdrCodec.Encode(this);");
        w.Close();
    }

    /// <summary>C# forbids a member named like its type; such fields get a "Value" suffix.</summary>
    public static string PropertyName(string xdrField, string typeName)
    {
        var p = Naming.Pascal(xdrField);
        return p == typeName ? p + "Value" : p;
    }
}
