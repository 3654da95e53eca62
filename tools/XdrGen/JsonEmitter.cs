namespace Replay.Tools.XdrGen;

/// <summary>
/// The JSON view of each type as partial-class members: WriteJson and ReadJson in the shape the
/// Stellar CLI uses (snake_case fields, union cases by name, void cases as bare strings).
/// </summary>
public static class JsonEmitter
{
    public static void EmitStruct(CodeWriter w, Definition d, ShapeResolver resolver, JsonCodecs json)
    {
        var name = ShapeResolver.CsTypeName(d.Name);
        var fields = d.Fields.Select(f => (Xdr: f.Name, Json: Naming.JsonFieldName(f.Name), Prop: StructEmitter.PropertyName(f.Name, name), Shape: resolver.Resolve(f.Type))).ToList();
        var members = fields.Select(f => f.Prop).ToHashSet(StringComparer.Ordinal);
        string Q(string type) => members.Contains(type) ? "global::Replay.Stellar.Xdr." + type : type;

        w.Open($"public sealed partial class {name} : IXdrJson<{name}>");
        if (JsonCodecs.SpecialTypes.Contains(d.Name))
        {
            w.Line("public void WriteJson(Utf8JsonWriter j) => XdrJsonSpecial.Write(j, this);");
            w.Line();
            w.Line($"public static {name} ReadJson(JsonElement e) => XdrJsonSpecial.Read{name}(e);");
            w.Close();
            return;
        }
        w.Open("public void WriteJson(Utf8JsonWriter j)");
        w.Line("j.WriteStartObject();");
        foreach (var f in fields)
        {
            w.Line($"j.WritePropertyName(\"{f.Json}\");");
            w.Line(json.Write(f.Shape, f.Prop));
        }
        w.Line("j.WriteEndObject();");
        w.Close();
        w.Line();
        w.Line($"private static readonly string[] JsonFieldNames = [{string.Join(", ", fields.Select(f => $"\"{f.Json}\""))}];");
        w.Line();
        w.Open($"public static {name} ReadJson(JsonElement e)");
        w.Line($"XdrJson.ExpectObject(e, \"{d.Name}\", JsonFieldNames);");
        if (fields.Count == 0)
        {
            w.Line($"return new {name}();");
        }
        else
        {
            w.Open($"return new {name}");
            foreach (var f in fields)
                w.Line($"{f.Prop} = XdrJson.Field<{ShapeResolver.CsType(f.Shape, Q)}>(e, \"{f.Json}\", \".{f.Xdr}\", static v => {json.Read(f.Shape, "v", Q)}),");
            w.Close(";");
        }
        w.Close();
        w.Close();
    }

    public static void EmitUnion(CodeWriter w, Definition d, ShapeResolver resolver, JsonCodecs json)
    {
        var name = ShapeResolver.CsTypeName(d.Name);
        var cases = UnionEmitter.Cases(d, resolver);
        var scope = cases.Select(c => c.ClassName).Append("Value").ToHashSet(StringComparer.Ordinal);
        string Q(string type) => scope.Contains(type) ? "global::Replay.Stellar.Xdr." + type : type;

        w.Open($"public abstract partial class {name} : IXdrJson<{name}>");
        if (JsonCodecs.SpecialTypes.Contains(d.Name))
        {
            w.Line("public void WriteJson(Utf8JsonWriter j) => XdrJsonSpecial.Write(j, this);");
            w.Line();
            w.Line($"public static {name} ReadJson(JsonElement e) => XdrJsonSpecial.Read{name}(e);");
            w.Close();
            return;
        }
        w.Line("public abstract void WriteJson(Utf8JsonWriter j);");
        w.Line();
        w.Open($"public static {name} ReadJson(JsonElement e)");
        var voids = cases.Where(c => c.Payload is null).ToList();
        var valued = cases.Where(c => c.Payload is not null).ToList();
        w.Open("if (e.ValueKind == JsonValueKind.String)");
        w.Open("return e.GetString() switch");
        foreach (var c in voids)
            w.Line($"\"{JsonCaseName(c)}\" => {c.ClassName}.Instance,");
        w.Line($"var other => throw XdrJson.UnknownCase(\"{d.Name}\", other),");
        w.Close(";");
        w.Close();
        w.Line($"var (caseName, value) = XdrJson.SingleProperty(e, \"{d.Name}\");");
        w.Open("return caseName switch");
        foreach (var c in valued)
            w.Line($"\"{JsonCaseName(c)}\" => new {c.ClassName}(XdrJson.Arm<{ShapeResolver.CsType(c.Payload!, Q)}>(value, \".{c.Arm.Name}\", static v => {json.Read(c.Payload!, "v", Q)})),");
        w.Line($"_ => throw XdrJson.UnknownCase(\"{d.Name}\", caseName),");
        w.Close(";");
        w.Close();
        foreach (var c in cases)
        {
            w.Line();
            w.Open($"public sealed partial class {c.ClassName}");
            if (c.Payload is null)
            {
                w.Line($"public override void WriteJson(Utf8JsonWriter j) => j.WriteStringValue(\"{JsonCaseName(c)}\");");
            }
            else
            {
                w.Open("public override void WriteJson(Utf8JsonWriter j)");
                w.Line("j.WriteStartObject();");
                w.Line($"j.WritePropertyName(\"{JsonCaseName(c)}\");");
                w.Line(json.Write(c.Payload, "Value"));
                w.Line("j.WriteEndObject();");
                w.Close();
            }
            w.Close();
        }
        w.Close();
    }

    /// <summary>Cases are named after the discriminant: "v0" for integers, the snake_case member otherwise.</summary>
    private static string JsonCaseName(UnionEmitter.Case c) => c.JsonName;

    public static void EmitEnumHelpers(CodeWriter w, Definition d)
    {
        var name = ShapeResolver.CsTypeName(d.Name);
        w.Open($"public static void WriteJson(Utf8JsonWriter j, {name} value) => j.WriteStringValue(value switch");
        foreach (var m in d.Members.DistinctBy(m => m.Value))
            w.Line($"{name}.{EnumEmitter.MemberName(d, m)} => \"{Naming.Snake(EnumEmitter.MemberName(d, m))}\",");
        w.Line($"_ => throw new XdrJsonException($\"{{(int)value}} is not a declared {d.Name} value\"),");
        w.Close(");");
        w.Line();
        w.Open($"public static {name} ReadJson{name}(JsonElement e) => XdrJson.ReadString(e) switch");
        foreach (var m in d.Members)
            w.Line($"\"{Naming.Snake(EnumEmitter.MemberName(d, m))}\" => {name}.{EnumEmitter.MemberName(d, m)},");
        w.Line($"var other => throw XdrJson.UnknownCase(\"{d.Name}\", other),");
        w.Close(";");
        w.Line();
    }

    public static void EmitShapeHelpers(CodeWriter w, JsonCodecs json)
    {
        w.Open("internal static partial class XdrShapes");
        var done = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (true)
        {
            var pending = json.Helpers.Where(h => !done.Contains(h.Key)).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
            if (pending.Count == 0)
                break;
            foreach (var (mangled, s) in pending)
            {
                if (!first)
                    w.Line();
                first = false;
                EmitShapeHelper(w, json, mangled, s);
                done.Add(mangled);
            }
        }
        w.Close();
    }

    private static void EmitShapeHelper(CodeWriter w, JsonCodecs json, string mangled, Shape s)
    {
        static string Q(string t) => t;
        var type = ShapeResolver.CsType(s, Q);
        var element = s.Element!;
        var elementType = ShapeResolver.CsType(element, Q);
        if (s.Kind == ShapeKind.Optional)
        {
            w.Open($"public static void WriteJson{mangled}(Utf8JsonWriter j, {type} value)");
            w.Line("if (value is { } present)");
            w.Line($"    {json.Write(element, "present")}");
            w.Line("else");
            w.Line("    j.WriteNullValue();");
            w.Close();
            w.Line();
            w.Line($"public static {type} ReadJson{mangled}(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : ({type}){json.Read(element, "e", Q)};");
            return;
        }
        w.Open($"public static void WriteJson{mangled}(Utf8JsonWriter j, {type} value)");
        w.Line("j.WriteStartArray();");
        w.Line("foreach (var item in value)");
        w.Line($"    {json.Write(element, "item")}");
        w.Line("j.WriteEndArray();");
        w.Close();
        w.Line();
        w.Open($"public static {type} ReadJson{mangled}(JsonElement e)");
        var limit = s.Kind == ShapeKind.VarArray ? Codecs.Limit(s.Max) : s.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var exact = s.Kind == ShapeKind.FixedArray ? "true" : "false";
        w.Line($"var count = XdrJson.ExpectArray(e, {limit}, {exact});");
        w.Line($"var items = new {NewArray(elementType, "count")};");
        w.Line("var i = 0;");
        w.Open("try");
        w.Open("foreach (var item in e.EnumerateArray())");
        w.Line($"items[i] = {json.Read(element, "item", Q)};");
        w.Line("i++;");
        w.Close();
        w.Close();
        w.Line("catch (XdrJsonException x) when (x.TraceIndex(i))");
        w.Line("{");
        w.Line("    throw;");
        w.Line("}");
        w.Line("return items;");
        w.Close();
    }

    private static string NewArray(string elementType, string count)
    {
        var bracket = elementType.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? $"{elementType}[{count}]" : $"{elementType[..bracket]}[{count}]{elementType[bracket..]}";
    }
}
