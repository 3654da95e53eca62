using System.Text.Json;

namespace Replay.Wasm.SpecTest;

/// <summary>One command that did not do what its script said, as reported to a user.</summary>
/// <param name="File">The script (its .wast name when known).</param>
/// <param name="Line">The command's line in that .wast.</param>
/// <param name="Command">The command kind and what it acted on.</param>
public sealed record SpecFailure(string File, int Line, string Command, string Expected, string Actual);

/// <summary>
/// The outcome of running spec scripts on one engine. Every command is counted exactly once as
/// passed, failed or skipped; skips are counted per reason. <see cref="MessageMismatches"/>
/// counts rejections that passed (the module was refused) but with wording other than the script's,
/// which is worth improving but is not a wrong verdict.
/// </summary>
public sealed class SpecRunResult
{
    /// <summary>How many failures and message mismatches are kept in detail.</summary>
    public const int MaxListed = 50;

    private readonly SortedDictionary<string, int> _skipReasons = new(StringComparer.Ordinal);
    private readonly List<SpecFailure> _failures = [];
    private readonly List<SpecFailure> _mismatches = [];

    public SpecRunResult(string engine, string mode)
    {
        Engine = engine;
        Mode = mode;
    }

    /// <summary>The engine's name ("stack", "register").</summary>
    public string Engine { get; }

    /// <summary>The compilation mode it ran in ("eager", "lazy-translation", "lazy").</summary>
    public string Mode { get; }

    public int Files { get; private set; }
    public int Commands => Passed + Failed + Skipped;
    public int Passed { get; private set; }
    public int Failed { get; private set; }
    public int Skipped { get; private set; }
    public int MessageMismatches { get; private set; }

    /// <summary>Skip reason → count, in ordinal order so output is stable.</summary>
    public IReadOnlyDictionary<string, int> SkipReasons => _skipReasons;

    /// <summary>The first <see cref="MaxListed"/> failures, in the order they happened.</summary>
    public IReadOnlyList<SpecFailure> Failures => _failures;

    /// <summary>The first <see cref="MaxListed"/> message mismatches: expected text vs our message.</summary>
    public IReadOnlyList<SpecFailure> MismatchedMessages => _mismatches;

    internal void AddFile() => Files++;

    internal void Pass() => Passed++;

    internal void Fail(SpecFailure failure)
    {
        Failed++;
        if (_failures.Count < MaxListed)
            _failures.Add(failure);
    }

    internal void Skip(string reason)
    {
        Skipped++;
        _skipReasons[reason] = _skipReasons.GetValueOrDefault(reason) + 1;
    }

    internal void MessageMismatch(SpecFailure mismatch)
    {
        MessageMismatches++;
        if (_mismatches.Count < MaxListed)
            _mismatches.Add(mismatch);
    }

    /// <summary>Writes the result as one JSON object with the keys the CLI documents.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("engine", Engine);
        writer.WriteString("mode", Mode);
        writer.WriteNumber("files", Files);
        writer.WriteNumber("commands", Commands);
        writer.WriteNumber("passed", Passed);
        writer.WriteNumber("failed", Failed);
        writer.WriteNumber("skipped", Skipped);
        writer.WriteStartObject("skipReasons");
        foreach (var (reason, count) in _skipReasons)
            writer.WriteNumber(reason, count);
        writer.WriteEndObject();
        writer.WriteNumber("messageMismatches", MessageMismatches);
        WriteList(writer, "failures", _failures);
        WriteList(writer, "messageMismatchExamples", _mismatches);
        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, string name, List<SpecFailure> list)
    {
        writer.WriteStartArray(name);
        foreach (var f in list)
        {
            writer.WriteStartObject();
            writer.WriteString("file", f.File);
            writer.WriteNumber("line", f.Line);
            writer.WriteString("command", f.Command);
            writer.WriteString("expected", f.Expected);
            writer.WriteString("actual", f.Actual);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
