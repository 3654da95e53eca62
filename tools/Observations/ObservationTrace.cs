using System.Globalization;
using System.Text.Json;

namespace Replay.Tools.Observations;

public enum StepKind
{
    Begin,
    Call,
    Return,
    Push,
    Pop,
    End,
}

/// <summary>One step of an rs-soroban-env observation trace, with the running budget after it.</summary>
/// <param name="Error">For a failed return, the "(type, code)" the step names, e.g. "Value, InvalidInput"; else null.</param>
public sealed record TraceStep(int Index, StepKind Kind, string Function, ulong Cpu, ulong Mem, bool? Ok, string Text, string? Error = null);

/// <summary>
/// Parses rs-soroban-env observation files (soroban-env-host/observations/&lt;protocol&gt;/*.json):
/// a JSON object whose keys are "&lt;index&gt; &lt;begin|call f(args)|ret f -&gt; result|end&gt;" and whose
/// values list changed fields ("cpu:N, mem:N, ..."); a field omitted is unchanged.
/// </summary>
public static class ObservationTrace
{
    public static IReadOnlyList<TraceStep> Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException("an observation trace is a JSON object");
        var steps = new List<TraceStep>();
        ulong cpu = 0, mem = 0;
        foreach (var prop in doc.RootElement.EnumerateObject())
        {
            var key = prop.Name.TrimStart();
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !int.TryParse(key.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                throw new FormatException($"trace key '{prop.Name}' has no step index");
            var text = key[(space + 1)..];
            var value = prop.Value.GetString() ?? "";
            foreach (var field in value.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            {
                if (field.StartsWith("cpu:", StringComparison.Ordinal))
                    cpu = ParseNumber(field[4..], prop.Name);
                else if (field.StartsWith("mem:", StringComparison.Ordinal))
                    mem = ParseNumber(field[4..], prop.Name);
            }
            steps.Add(ParseStep(index, text, cpu, mem));
        }
        return steps;
    }

    // A frame id is "<kind>:<id>:<function>" (e.g. "VM:58f13912:add"); the function is the last part.
    private static string FrameFunction(string id)
    {
        var colon = id.LastIndexOf(':');
        return colon < 0 ? id : id[(colon + 1)..];
    }

    private static ulong ParseNumber(string s, string where) =>
        ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"trace step '{where}' has a bad number '{s}'");

    private static TraceStep ParseStep(int index, string text, ulong cpu, ulong mem)
    {
        if (text == "begin")
            return new TraceStep(index, StepKind.Begin, "", cpu, mem, null, text);
        if (text == "end")
            return new TraceStep(index, StepKind.End, "", cpu, mem, null, text);
        if (text.StartsWith("call ", StringComparison.Ordinal))
        {
            var rest = text[5..];
            var paren = rest.IndexOf('(', StringComparison.Ordinal);
            var name = paren < 0 ? rest : rest[..paren];
            return new TraceStep(index, StepKind.Call, name, cpu, mem, null, text);
        }
        if (text.StartsWith("ret ", StringComparison.Ordinal))
        {
            var rest = text[4..];
            var arrow = rest.IndexOf(" -> ", StringComparison.Ordinal);
            var name = arrow < 0 ? rest : rest[..arrow];
            var outcome = arrow < 0 ? "" : rest[(arrow + 4)..];
            bool? ok = arrow < 0 ? null : outcome.StartsWith("Ok(", StringComparison.Ordinal);
            const string errorPrefix = "Err(Error(";
            string? error = outcome.StartsWith(errorPrefix, StringComparison.Ordinal) && outcome.EndsWith("))", StringComparison.Ordinal)
                ? outcome[errorPrefix.Length..^2]
                : null;
            return new TraceStep(index, StepKind.Return, name, cpu, mem, ok, text, error);
        }
        if (text.StartsWith("push ", StringComparison.Ordinal))
        {
            // "push VM:<hash>:<function>(<args>)": the function after the frame id's second colon.
            var rest = text[5..];
            var paren = rest.IndexOf('(', StringComparison.Ordinal);
            var id = paren < 0 ? rest : rest[..paren];
            return new TraceStep(index, StepKind.Push, FrameFunction(id), cpu, mem, null, text);
        }
        if (text.StartsWith("pop ", StringComparison.Ordinal))
        {
            var rest = text[4..];
            var arrow = rest.IndexOf(" -> ", StringComparison.Ordinal);
            var id = arrow < 0 ? rest : rest[..arrow];
            var outcome = arrow < 0 ? "" : rest[(arrow + 4)..];
            bool? ok = arrow < 0 ? null : outcome.StartsWith("Ok(", StringComparison.Ordinal);
            const string errorPrefix = "Err(Error(";
            string? error = outcome.StartsWith(errorPrefix, StringComparison.Ordinal) && outcome.EndsWith("))", StringComparison.Ordinal)
                ? outcome[errorPrefix.Length..^2]
                : null;
            return new TraceStep(index, StepKind.Pop, FrameFunction(id), cpu, mem, ok, text, error);
        }
        throw new FormatException($"trace step {index} '{text}' is not begin, call, ret, push, pop or end");
    }
}
