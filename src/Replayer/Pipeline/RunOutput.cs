using System.Text;
using Replay.Diff;

namespace Replay.Replayer.Pipeline;

/// <summary>
/// `--out DIR`: outcomes.jsonl (one line per case, in case order), divergences/ (one
/// self-contained file per finding) and, when the run completes, summary.json. Files of an
/// earlier run in the directory are replaced, never mixed in.
/// </summary>
public sealed class RunOutput : IDisposable
{
    public const string OutcomesFile = "outcomes.jsonl";
    public const string SummaryFile = "summary.json";
    public const string DivergencesDirectory = "divergences";

    private readonly StreamWriter _outcomes;
    private readonly string _divergences;
    private readonly string _tool;

    private RunOutput(string directory, string tool)
    {
        Directory = directory;
        _tool = tool;
        _divergences = Path.Combine(directory, DivergencesDirectory);
        System.IO.Directory.CreateDirectory(_divergences);
        foreach (var old in System.IO.Directory.EnumerateFiles(_divergences, "*.json"))
            File.Delete(old);
        File.Delete(Path.Combine(directory, SummaryFile));
        _outcomes = new StreamWriter(Path.Combine(directory, OutcomesFile), append: false, new UTF8Encoding(false)) { NewLine = "\n" };
    }

    public string Directory { get; }

    /// <summary>Opens DIR for a run (creating it); <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> when it cannot be written.</summary>
    public static RunOutput Create(string directory, string tool)
    {
        ArgumentNullException.ThrowIfNull(directory);
        System.IO.Directory.CreateDirectory(directory);
        return new RunOutput(directory, tool);
    }

    public void Write(CaseResult r, IReadOnlyList<string> keys, AllowList allow)
    {
        ArgumentNullException.ThrowIfNull(r);
        _outcomes.WriteLine(ComparisonJson.OutcomeLine(r.Comparison, keys));
        foreach (var (signature, json) in DivergenceArtifact.Findings(r, allow, _tool))
            File.WriteAllText(Path.Combine(_divergences, DivergenceArtifact.FileName(r.Case.Id, signature)), json + "\n", new UTF8Encoding(false));
    }

    public void WriteSummary(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        _outcomes.Flush();
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, ComparisonJson.Indented))
            ComparisonJson.WriteSummary(w, summary);
        buffer.WriteByte((byte)'\n');
        File.WriteAllBytes(Path.Combine(Directory, SummaryFile), buffer.ToArray());
    }

    public void Dispose() => _outcomes.Dispose();
}
