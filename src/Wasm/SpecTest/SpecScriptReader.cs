using System.Globalization;
using System.Text.Json;
using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.SpecTest;

/// <summary>
/// Reads the JSON scripts wabt's <c>wast2json</c> writes. Values arrive as decimal strings of their
/// bits (i32/i64 unsigned, floats as bit patterns), NaN patterns as <c>nan:canonical</c> /
/// <c>nan:arithmetic</c>, references as <c>null</c> or an externref's number. Types no engine
/// implements are kept as "unsupported" so the runner can skip and count them.
/// </summary>
public static class SpecScriptReader
{
    /// <summary>Scripts larger than this are refused rather than read into memory.</summary>
    public const long MaxScriptBytes = 256L * 1024 * 1024;

    public static SpecScript ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new SpecScriptFormatException(path, 0, "file not found");
        if (info.Length > MaxScriptBytes)
            throw new SpecScriptFormatException(path, 0, $"{info.Length} bytes is larger than the {MaxScriptBytes} a script may have");
        return Parse(path, File.ReadAllBytes(path));
    }

    /// <param name="path">Where the script came from: module files are looked up beside it.</param>
    public static SpecScript Parse(string path, ReadOnlyMemory<byte> json)
    {
        var document = TryParse(json, out var error)
            ?? (RepairMissingCommas(json.Span) is { } repaired ? TryParse(repaired, out _) : null)
            ?? throw new SpecScriptFormatException(path, 0, $"not valid JSON: {error!.Message}", error);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("commands", out var commands) || commands.ValueKind != JsonValueKind.Array)
                throw new SpecScriptFormatException(path, 0, "expected an object with a \"commands\" array");
            string? source = root.TryGetProperty("source_filename", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var list = new List<SpecCommand>(commands.GetArrayLength());
            foreach (var c in commands.EnumerateArray())
                list.Add(ReadCommand(path, c));
            return new SpecScript(path, source, list);
        }
    }

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    /// <summary>
    /// Parses JSON, or returns null with the error. Used twice because wabt 1.0.32's wast2json omits
    /// the comma between the expected result types of an assert_trap on a multi-result function
    /// ("[{...}{...}]"): exactly that is repaired and parsed once more, and if that fails too the
    /// first error is the one reported.
    /// </summary>
    private static JsonDocument? TryParse(ReadOnlyMemory<byte> json, out JsonException? error)
    {
        try
        {
            error = null;
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            error = e;
            return null;
        }
    }

    /// <summary>Inserts a comma at every <c>}{</c> outside strings; null when there is none.</summary>
    public static byte[]? RepairMissingCommas(ReadOnlySpan<byte> json)
    {
        var output = new List<byte>(json.Length + 16);
        bool inString = false, escaped = false, changed = false;
        for (int i = 0; i < json.Length; i++)
        {
            byte b = json[i];
            if (inString)
            {
                if (escaped) escaped = false;
                else if (b == (byte)'\\') escaped = true;
                else if (b == (byte)'"') inString = false;
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b == (byte)'{' && i > 0 && json[i - 1] == (byte)'}')
            {
                output.Add((byte)',');
                changed = true;
            }
            output.Add(b);
        }
        return changed ? output.ToArray() : null;
    }

    private static SpecCommand ReadCommand(string path, JsonElement c)
    {
        if (c.ValueKind != JsonValueKind.Object)
            throw new SpecScriptFormatException(path, 0, "a command is not an object");
        int line = c.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number && l.TryGetInt32(out var n) ? n : 0;
        var ctx = new Context(path, line);
        string type = ctx.String(c, "type");
        return type switch
        {
            "module" => new ModuleCommand(line, ctx.OptionalString(c, "name"), ctx.String(c, "filename")),
            "register" => new RegisterCommand(line, ctx.OptionalString(c, "name"), ctx.String(c, "as")),
            "action" => new ActionCommand(line, ReadAction(ctx, c)),
            "assert_return" => new AssertReturnCommand(line, ReadAction(ctx, c), ReadExpected(ctx, c)),
            "assert_trap" => new AssertTrapCommand(line, ReadAction(ctx, c), ctx.String(c, "text"), Exhaustion: false),
            "assert_exhaustion" => new AssertTrapCommand(line, ReadAction(ctx, c), ctx.String(c, "text"), Exhaustion: true),
            "assert_invalid" => ReadModuleAssertion(ctx, c, ModuleAssertion.Invalid),
            "assert_malformed" => ReadModuleAssertion(ctx, c, ModuleAssertion.Malformed),
            "assert_unlinkable" => ReadModuleAssertion(ctx, c, ModuleAssertion.Unlinkable),
            "assert_uninstantiable" => ReadModuleAssertion(ctx, c, ModuleAssertion.Uninstantiable),
            _ => throw ctx.Error($"unknown command type \"{type}\""),
        };
    }

    private static AssertModuleCommand ReadModuleAssertion(Context ctx, JsonElement c, ModuleAssertion assertion)
    {
        string moduleType = ctx.OptionalString(c, "module_type") ?? "binary";
        if (moduleType is not ("binary" or "text"))
            throw ctx.Error($"unknown module_type \"{moduleType}\"");
        return new AssertModuleCommand(ctx.Line, assertion, ctx.String(c, "filename"), ctx.String(c, "text"), moduleType == "text");
    }

    private static SpecAction ReadAction(Context ctx, JsonElement c)
    {
        if (!c.TryGetProperty("action", out var a) || a.ValueKind != JsonValueKind.Object)
            throw ctx.Error("missing \"action\" object");
        string type = ctx.String(a, "type");
        var kind = type switch
        {
            "invoke" => SpecActionKind.Invoke,
            "get" => SpecActionKind.Get,
            _ => throw ctx.Error($"unknown action type \"{type}\""),
        };
        var args = new List<SpecArgument>();
        if (kind == SpecActionKind.Invoke)
        {
            if (!a.TryGetProperty("args", out var list) || list.ValueKind != JsonValueKind.Array)
                throw ctx.Error("invoke without an \"args\" array");
            foreach (var arg in list.EnumerateArray())
                args.Add(ReadArgument(ctx, arg));
        }
        return new SpecAction(kind, ctx.OptionalString(a, "module"), ctx.String(a, "field"), args);
    }

    private static List<ExpectedValue> ReadExpected(Context ctx, JsonElement c)
    {
        var result = new List<ExpectedValue>();
        if (!c.TryGetProperty("expected", out var list))
            return result;
        if (list.ValueKind != JsonValueKind.Array)
            throw ctx.Error("\"expected\" is not an array");
        foreach (var e in list.EnumerateArray())
            result.Add(ReadExpectedValue(ctx, e));
        return result;
    }

    /// <summary>An invoke argument: a concrete value (never a NaN pattern).</summary>
    internal static SpecArgument ReadArgument(Context ctx, JsonElement e)
    {
        var (typeName, type) = ReadType(ctx, e);
        if (type is null)
            return new SpecArgument(default, typeName);
        if (!e.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.String)
            throw ctx.Error($"{typeName} argument without a value");
        return new SpecArgument(ParseValue(ctx, type.Value, v.GetString()!));
    }

    /// <summary>An expected result: a value, a NaN pattern, or (no "value") any value of the type.</summary>
    internal static ExpectedValue ReadExpectedValue(Context ctx, JsonElement e)
    {
        var (typeName, type) = ReadType(ctx, e);
        if (type is null)
            return new ExpectedValue(ExpectedKind.Unsupported, default, 0, typeName);
        if (!e.TryGetProperty("value", out var v))
            return new ExpectedValue(ExpectedKind.AnyOfType, type.Value, 0);
        if (v.ValueKind != JsonValueKind.String)
            throw ctx.Error($"{typeName} value is not a string");
        string text = v.GetString()!;
        if (type.Value.IsFloat())
        {
            if (text == "nan:canonical") return new ExpectedValue(ExpectedKind.CanonicalNan, type.Value, 0);
            if (text == "nan:arithmetic") return new ExpectedValue(ExpectedKind.ArithmeticNan, type.Value, 0);
        }
        return ExpectedValue.Exact(ParseValue(ctx, type.Value, text));
    }

    /// <summary>The value type, or null with the type's name when it is one no engine implements.</summary>
    private static (string Name, ValType? Type) ReadType(Context ctx, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw ctx.Error("a value is not an object");
        string name = ctx.String(e, "type");
        ValType? type = name switch
        {
            "i32" => ValType.I32,
            "i64" => ValType.I64,
            "f32" => ValType.F32,
            "f64" => ValType.F64,
            "funcref" => ValType.FuncRef,
            "externref" => ValType.ExternRef,
            _ => null,
        };
        if (type is null && UnsupportedFeature.ForValueType(name) is null)
            throw ctx.Error($"unknown value type \"{name}\"");
        return (name, type);
    }

    internal static Value ParseValue(Context ctx, ValType type, string text)
    {
        if (type.IsReference())
        {
            if (text == "null")
                return Value.NullRef(type);
            if (type == ValType.ExternRef && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var payload) && payload != ulong.MaxValue)
                return Value.ExternRef(payload);
            throw ctx.Error($"{type.Name()} value \"{text}\" is neither null nor a host reference number");
        }
        bool negative = text.StartsWith('-');
        ulong bits;
        if (negative)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
                throw ctx.Error($"{type.Name()} value \"{text}\" is not a number");
            bits = (ulong)signed;
        }
        else if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out bits))
        {
            throw ctx.Error($"{type.Name()} value \"{text}\" is not a number");
        }
        bool narrow = type is ValType.I32 or ValType.F32;
        if (narrow && (negative ? (long)bits < int.MinValue : bits > uint.MaxValue))
            throw ctx.Error($"{type.Name()} value \"{text}\" does not fit in 32 bits");
        return type is ValType.I32 or ValType.F32 ? new Value(type, (uint)bits) : new Value(type, bits);
    }

    /// <summary>Where in which script a value is being read, for error messages.</summary>
    internal readonly record struct Context(string Path, int Line)
    {
        public SpecScriptFormatException Error(string message) => new(Path, Line, message);

        public string String(JsonElement e, string property) =>
            e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString()!
                : throw Error($"missing string \"{property}\"");

        public string? OptionalString(JsonElement e, string property) =>
            e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
