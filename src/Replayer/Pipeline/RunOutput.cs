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

    /// <summary>
    /// After a recorded run's triage: each divergence file's signature gets the database's status
    /// ("status": new, known, regressed) and "known" follows it (allow-listed or seen by an earlier
    /// run), so the files, summary.json and the database say the same.
    /// </summary>
    public void ApplyTriage(IReadOnlyDictionary<string, (string Status, string? AllowReason)> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        foreach (var (file, node) in Documents())
        {
            if (node["signature"] is not System.Text.Json.Nodes.JsonObject sig || sig["hash"]?.GetValue<string>() is not { } hash || !known.TryGetValue(hash, out var s))
                continue;
            sig["known"] = s.Status is "known" or "fixed";
            sig["status"] = s.Status;
            if (s.AllowReason is not null)
                node["allowReason"] = s.AllowReason;
            using var buffer = new MemoryStream();
            using (var w = new System.Text.Json.Utf8JsonWriter(buffer, ComparisonJson.Indented))
                node.WriteTo(w);
            buffer.WriteByte((byte)'\n');
            File.WriteAllBytes(file, buffer.ToArray());
        }
    }

    /// <summary>The signatures of the divergence files written so far.</summary>
    public IReadOnlyList<string> SignatureHashes() =>
        [.. Documents().Select(d => d.Node["signature"]?["hash"]?.GetValue<string>()).OfType<string>().Distinct().Order(StringComparer.Ordinal)];

    private List<(string File, System.Text.Json.Nodes.JsonObject Node)> Documents() =>
        [.. System.IO.Directory.EnumerateFiles(_divergences, "*.json").Order(StringComparer.Ordinal)
            .Select(f => (f, System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(f), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 512 })!.AsObject()))];

    public void Dispose() => _outcomes.Dispose();
}
