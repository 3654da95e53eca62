namespace Replay.Tools.XdrGen;

/// <summary>Writes XdrShapes: one read and one write method per array or optional shape the schema uses.</summary>
public static class ShapeHelperEmitter
{
    public static void Emit(CodeWriter w, Codecs codecs)
    {
        w.Doc("Codecs for the array and optional shapes used by the schema, shared by every type that uses them.");
        w.Open("internal static partial class XdrShapes");
        // Helpers can register further helpers while being written (nested arrays), so iterate to a fixed point.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var first = true;
        while (true)
        {
            var pending = codecs.Helpers.Where(h => !done.Contains(h.Key)).OrderBy(h => h.Key, StringComparer.Ordinal).ToList();
            if (pending.Count == 0)
                break;
            foreach (var (mangled, shape) in pending)
            {
                if (!first)
                    w.Line();
                first = false;
                EmitOne(w, codecs, mangled, shape);
                done.Add(mangled);
            }
        }
        w.Close();
    }

    private static void EmitOne(CodeWriter w, Codecs codecs, string mangled, Shape s)
    {
        static string Q(string t) => t;
        var type = ShapeResolver.CsType(s, Q);
        var element = s.Element!;
        var elementType = ShapeResolver.CsType(element, Q);
        if (s.Kind == ShapeKind.Optional)
        {
            w.Line($"public static {type} Read{mangled}(ref XdrReader r) => r.ReadPresent() ? ({type}){codecs.Decode(element, Q)} : null;");
            w.Line();
            w.Open($"public static void Write{mangled}(ref XdrWriter w, {type} value)");
            w.Open("if (value is { } present)");
            w.Line("w.WriteBool(true);");
            w.Line(codecs.Encode(element, "present", "optional value"));
            w.Close();
            w.Line("else");
            w.Line("{");
            w.Line("    w.WriteBool(false);");
            w.Line("}");
            w.Close();
            return;
        }

        var minSize = codecs.Resolver.MinSize(element);
        w.Open($"public static {type} Read{mangled}(ref XdrReader r)");
        if (s.Kind == ShapeKind.VarArray)
        {
            w.Line($"var count = r.ReadCount({Codecs.Limit(s.Max)}, {minSize});");
            w.Line("if (count == 0)");
            w.Line("    return [];");
        }
        else
        {
            w.Line($"const int count = {s.Size};");
        }
        w.Line($"var items = new {NewArray(elementType, "count")};");
        w.Line("var i = 0;");
        w.Open("try");
        w.Line("for (; i < count; i++)");
        w.Line($"    items[i] = {codecs.Decode(element, Q)};");
        w.Close();
        w.Line("catch (XdrException e) when (e.TraceIndex(i))");
        w.Line("{");
        w.Line("    throw;");
        w.Line("}");
        w.Line("return items;");
        w.Close();
        w.Line();
        w.Open($"public static void Write{mangled}(ref XdrWriter w, {type} value)");
        w.Line("if (value is null)");
        w.Line("    throw w.Error(\"array is null\");");
        if (s.Kind == ShapeKind.VarArray)
        {
            w.Line($"w.WriteCount(value.Length, {Codecs.Limit(s.Max)});");
        }
        else
        {
            w.Line($"if (value.Length != {s.Size})");
            w.Line($"    throw w.Error($\"fixed array needs {s.Size} elements, has {{value.Length}}\");");
        }
        w.Line("foreach (var item in value)");
        w.Line($"    {codecs.Encode(element, "item", "array element")}");
        w.Close();
    }

    // "new T[n]" for an element that is itself an array must put the size first: new U[n][].
    private static string NewArray(string elementType, string count)
    {
        var bracket = elementType.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? $"{elementType}[{count}]" : $"{elementType[..bracket]}[{count}]{elementType[bracket..]}";
    }
}
