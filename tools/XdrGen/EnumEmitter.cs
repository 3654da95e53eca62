namespace Replay.Tools.XdrGen;

/// <summary>
/// An XDR enum becomes a C# enum plus strict read/write helpers in XdrEnum: a value the schema does
/// not declare is an error, never a silently carried number.
/// </summary>
public static class EnumEmitter
{
    public static string MemberName(Definition d, EnumMember m) =>
        Naming.MemberPascal(Naming.StripPrefix(m.Name, d.MemberPrefix));

    public static void Emit(CodeWriter w, Definition d)
    {
        var name = ShapeResolver.CsTypeName(d.Name);
        w.Doc($"XDR enum {d.Name} ({d.File}).", d.Source);
        w.Open($"public enum {name}");
        foreach (var m in d.Members)
        {
            w.Line($"/// <summary><c>{m.Name}</c></summary>");
            w.Line($"{MemberName(d, m)} = {m.Value},");
        }
        w.Close();
    }

    public static void EmitHelpers(CodeWriter w, Definition d)
    {
        var name = ShapeResolver.CsTypeName(d.Name);
        var values = d.Members.Select(m => m.Value).Distinct().Order().ToList();
        var contiguous = values[^1] - values[0] == values.Count - 1;
        var test = contiguous
            ? (values[0] == 0 ? $"(uint)v <= {values[^1]}u" : $"v >= {values[0]} && v <= {values[^1]}")
            : "v is " + string.Join(" or ", values);
        w.Line($"/// <summary>True when <paramref name=\"value\"/> is a declared {d.Name} member.</summary>");
        w.Open($"public static bool IsDefined({name} value)");
        w.Line("var v = (int)value;");
        w.Line($"return {test};");
        w.Close();
        w.Line();
        w.Open($"public static {name} Read{name}(ref XdrReader r)");
        w.Line("var v = r.ReadInt32();");
        w.Line($"return IsDefined(({name})v) ? ({name})v : throw r.Undeclared(\"{d.Name}\", v);");
        w.Close();
        w.Line();
        w.Open($"public static void Write(ref XdrWriter w, {name} value)");
        w.Line($"if (!IsDefined(value))");
        w.Line($"    throw w.Error($\"{{(int)value}} is not a declared {d.Name} value\");");
        w.Line("w.WriteInt32((int)value);");
        w.Close();
        w.Line();
        w.Line($"/// <summary>The XDR spelling of a member (e.g. for messages).</summary>");
        w.Open($"public static string XdrNameOf({name} value) => value switch");
        foreach (var m in d.Members.DistinctBy(m => m.Value))
            w.Line($"{name}.{MemberName(d, m)} => \"{m.Name}\",");
        w.Line("_ => ((int)value).ToString(System.Globalization.CultureInfo.InvariantCulture),");
        w.Close(";");
        w.Line();
    }
}
