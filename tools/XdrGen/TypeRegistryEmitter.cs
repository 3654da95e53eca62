namespace Replay.Tools.XdrGen;

/// <summary>
/// XdrTypes: every named type (including typedefs) by XDR name and by the Stellar CLI's name, with
/// XDR-to-JSON and JSON-to-XDR functions, so tools can work on a type chosen at run time.
/// </summary>
public static class TypeRegistryEmitter
{
    public static string Emit(CodeWriter w, Schema schema, Codecs codecs, JsonCodecs json)
    {
        static string Q(string t) => t;
        w.Doc("Every type of the schema, for tools that pick the type at run time (replay xdr decode/encode).");
        w.Open("public static partial class XdrTypes");
        w.Line("private static XdrTypeInfo[] Create() =>");
        w.Line("[");
        w.Indent();
        foreach (var d in schema.Definitions.Where(d => d.Kind != "const"))
        {
            var shape = d.Kind == "typedef" ? codecs.Resolver.Resolve(d.Type!) with { Alias = d.Name } : codecs.Resolver.ResolveName(d.Name);
            if (d.Kind == "typedef" && d.Type!.Kind == "opaque_fixed")
                shape = codecs.Resolver.ResolveName(d.Name);
            var decode = codecs.Decode(shape, Q);
            var writeJson = json.Write(shape, "v");
            var readJson = json.Read(shape, "e", Q);
            var encode = codecs.Encode(shape, "v", d.Name);
            w.Line($"new(\"{d.Name}\", \"{Naming.RustTypeName(d.Name)}\",");
            w.Line($"    static (ref XdrReader r, Utf8JsonWriter j) => {{ var v = {decode}; {writeJson} }},");
            w.Line($"    static (JsonElement e, ref XdrWriter w) => {{ var v = {readJson}; {encode} }}),");
        }
        w.Outdent();
        w.Line("];");
        w.Close();
        return w.ToString().TrimEnd('\n') + "\n";
    }
}
