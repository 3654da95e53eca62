namespace Replay.Tools.XdrGen;

/// <summary>
/// An XDR union becomes an abstract class with one sealed nested class per case label, so only
/// declared discriminants can be built and pattern matching reads like the schema
/// (<c>case TransactionMeta.V3 v3:</c>). Void cases are singletons: decoding them allocates nothing.
/// </summary>
public static class UnionEmitter
{
    /// <summary>One case label: its nested class, XDR spelling, C# literal, value, arm, and its name in the JSON view.</summary>
    public sealed record Case(string ClassName, string CaseXdrName, string DiscriminantLiteral, int Value, UnionArm Arm, Shape? Payload, string JsonName);

    public static string DiscriminantProperty(Definition d) => d.DiscriminantName == "v" ? "Version" : Naming.Pascal(d.DiscriminantName!);

    /// <summary>One entry per case label, with the nested class that represents it.</summary>
    public static List<Case> Cases(Definition d, ShapeResolver resolver)
    {
        var name = ShapeResolver.CsTypeName(d.Name);
        var discShape = resolver.Resolve(d.DiscriminantType!);
        var discProp = DiscriminantProperty(d);
        var discType = ShapeResolver.CsType(discShape, t => t);
        var enumDef = discShape.Kind == ShapeKind.Enum ? resolver.Schema.ByName[d.DiscriminantType!.Name!] : null;

        var cases = new List<Case>();
        foreach (var arm in d.Arms)
        {
            var payload = arm.Type is null ? null : resolver.Resolve(arm.Type);
            foreach (var c in arm.Cases)
            {
                string className, literal, xdrCase;
                if (enumDef is not null)
                {
                    var member = enumDef.Members.First(m => m.Value == c.Value && (c.Name is null || m.Name == c.Name));
                    className = EnumEmitter.MemberName(enumDef, member);
                    literal = $"{discType}.{className}";
                    xdrCase = member.Name;
                }
                else
                {
                    className = "V" + c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    literal = discShape.Kind == ShapeKind.UInt ? $"{c.Value}u" : $"{c.Value}";
                    xdrCase = c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                var jsonName = enumDef is not null ? Naming.Snake(className) : "v" + xdrCase;
                if (className == name || className == discProp || className == "Value")
                    className += "Case";
                cases.Add(new Case(className, xdrCase, literal, c.Value, arm, payload, jsonName));
            }
        }
        return cases;
    }

    public static void Emit(CodeWriter w, Definition d, Codecs codecs)
    {
        var name = ShapeResolver.CsTypeName(d.Name);
        var resolver = codecs.Resolver;
        var discShape = resolver.Resolve(d.DiscriminantType!);
        var discProp = DiscriminantProperty(d);
        var cases = Cases(d, resolver);
        var scope = cases.Select(c => c.ClassName).Append(discProp).Append("Value").ToHashSet(StringComparer.Ordinal);
        string Q(string type) => scope.Contains(type) ? "global::Replay.Stellar.Xdr." + type : type;
        var qualifiedDiscType = ShapeResolver.CsType(discShape, Q);

        w.Doc($"XDR union {d.Name} ({d.File}): one nested class per case.", d.Source);
        w.Open($"public abstract partial class {name} : IXdrType<{name}>");
        w.Line($"private protected {name}()");
        w.Line("{");
        w.Line("}");
        w.Line();
        w.Line($"public static string XdrName => \"{d.Name}\";");
        w.Line();
        w.Line($"/// <summary>The discriminant (<c>{d.DiscriminantName}</c>) this case is encoded with.</summary>");
        w.Line($"public abstract {qualifiedDiscType} {discProp} {{ get; }}");
        w.Line();
        w.Line("public abstract void Encode(ref XdrWriter w);");
        w.Line();
        w.Line($"public static {name} FromXdr(ReadOnlySpan<byte> data) => XdrCodec.Decode<{name}>(data);");
        w.Line();
        w.Line($"public byte[] ToXdr() => XdrCodec.Encode<{name}>(this);");
        w.Line();

        w.Open($"public static {name} Decode(ref XdrReader r)");
        w.Line("r.Enter();");
        var readDisc = discShape.Kind switch
        {
            ShapeKind.Enum => $"XdrEnum.Read{discShape.Name}(ref r)",
            ShapeKind.UInt => "r.ReadUInt32()",
            _ => "r.ReadInt32()",
        };
        w.Line($"var d = {readDisc};");
        w.Line($"{name} result;");
        w.Open("switch (d)");
        foreach (var c in cases)
        {
            w.Line($"case {Literal(c, Q)}:");
            if (c.Payload is null)
            {
                w.Line($"    result = {c.ClassName}.Instance;");
            }
            else
            {
                w.Line("    try");
                w.Line("    {");
                w.Line($"        result = new {c.ClassName}({codecs.Decode(c.Payload, Q)});");
                w.Line("    }");
                w.Line($"    catch (XdrException e) when (e.Trace(\".{c.Arm.Name}\"))");
                w.Line("    {");
                w.Line("        throw;");
                w.Line("    }");
            }
            w.Line("    break;");
        }
        w.Line("default:");
        w.Line($"    throw r.Undeclared(\"{d.Name} case\", (int)d);");
        w.Close();
        w.Line("r.Leave();");
        w.Line("return result;");
        w.Close();

        foreach (var c in cases)
        {
            w.Line();
            var armText = c.Payload is null ? "void" : $"{c.Arm.Name}";
            w.Line($"/// <summary>Case <c>{c.CaseXdrName}</c>: {armText}.</summary>");
            w.Open($"public sealed partial class {c.ClassName} : {name}");
            if (c.Payload is null)
            {
                w.Line($"private {c.ClassName}()");
                w.Line("{");
                w.Line("}");
                w.Line();
                w.Line($"public static {c.ClassName} Instance {{ get; }} = new();");
            }
            else
            {
                var type = ShapeResolver.CsType(c.Payload, Q);
                w.Line($"public {c.ClassName}({type} value) => Value = value;");
                w.Line();
                w.Line($"/// <summary>XDR arm <c>{c.Arm.Name}</c>.</summary>");
                w.Line($"public {type} Value {{ get; set; }}");
            }
            w.Line();
            w.Line($"public override {qualifiedDiscType} {discProp} => {Literal(c, Q)};");
            w.Line();
            w.Open("public override void Encode(ref XdrWriter w)");
            w.Line("w.Enter();");
            w.Line(discShape.Kind switch
            {
                ShapeKind.Enum => $"w.WriteInt32((int){Literal(c, Q)});",
                ShapeKind.UInt => $"w.WriteUInt32({c.DiscriminantLiteral});",
                _ => $"w.WriteInt32({c.DiscriminantLiteral});",
            });
            if (c.Payload is not null)
                w.Line(codecs.Encode(c.Payload, "Value", $"{d.Name}.{c.Arm.Name}"));
            w.Line("w.Leave();");
            w.Close();
            w.Close();
        }
        w.Close();
    }

    private static string Literal(Case c, Func<string, string> q)
    {
        var dot = c.DiscriminantLiteral.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? c.DiscriminantLiteral : q(c.DiscriminantLiteral[..dot]) + c.DiscriminantLiteral[dot..];
    }
}
