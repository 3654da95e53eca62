using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Replay.Diff;

/// <summary>
/// What identifies a kind of finding across cases and runs: its class, the first differing
/// path (list indices dropped, so the same fault in another transaction has the same
/// signature), the contract's Wasm hash, the function and the errors. <see cref="Hash"/> is
/// the stable key (allow-lists and the database use it); the parts are for people.
/// </summary>
/// <param name="Class">A divergence class name ("budget-flip"...), or "recorded:ENGINE" for an engine that differs from the recording.</param>
/// <param name="Path">The first differing path with list indices replaced by [] ("diagnosticEvents[].event.body").</param>
/// <param name="WasmHash">The contract's Wasm hash (hex), or "" when the case has none.</param>
/// <param name="Function">The invoked function, or "".</param>
/// <param name="Error">Each side's error ("Budget/ExceededLimit"), or "none", joined by " | ".</param>
public sealed partial record DivergenceSignature(string Class, string Path, string WasmHash, string Function, string Error)
{
    /// <summary>Bumped if the parts or their canonical form ever change (old hashes then no longer match).</summary>
    public const int Version = 1;

    /// <summary>Lower-case hex SHA-256 of the canonical form: version and the five parts, one per line.</summary>
    public string Hash { get; } = Compute(Class, Path, WasmHash, Function, Error);

    /// <summary>The first 16 hex digits of <see cref="Hash"/>, for tables and file names.</summary>
    public string ShortHash => Hash[..16];

    public static DivergenceSignature Of(string cls, FieldDifference? difference, CaseFacts facts, string? firstError, string? secondError)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new DivergenceSignature(cls, NormalizePath(difference?.Path ?? ""), facts.WasmHash ?? "", facts.Function ?? "",
            $"{firstError ?? "none"} | {secondError ?? "none"}");
    }

    /// <summary>The path without list indices: "contractEvents[3].body" becomes "contractEvents[].body".</summary>
    public static string NormalizePath(string path) => Indices().Replace(path ?? "", "[]");

    private static string Compute(string cls, string path, string wasm, string function, string error)
    {
        var canonical = string.Create(CultureInfo.InvariantCulture, $"soroban-replay signature v{Version}\n{cls}\n{path}\n{wasm}\n{function}\n{error}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Indices();
}

/// <summary>One allow-listed signature and why it is allowed.</summary>
public sealed record AllowEntry(string Signature, string Reason);

/// <summary>
/// Known findings that do not fail a run: a JSON file
/// <c>{"version": 1, "entries": [{"signature": "HEX64", "reason": "why this is expected"}, ...]}</c>.
/// Every entry needs a full 64-digit signature hash and a non-empty reason; other properties
/// (the signature's parts, for people) are allowed and ignored.
/// </summary>
public sealed class AllowList
{
    private readonly Dictionary<string, AllowEntry> _entries;

    private AllowList(Dictionary<string, AllowEntry> entries) => _entries = entries;

    public static AllowList Empty { get; } = new(new Dictionary<string, AllowEntry>(StringComparer.Ordinal));

    public IReadOnlyCollection<AllowEntry> Entries => _entries.Values;

    public bool Allows(DivergenceSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return _entries.ContainsKey(signature.Hash);
    }

    public AllowEntry? EntryFor(DivergenceSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return _entries.GetValueOrDefault(signature.Hash);
    }

    /// <summary>Reads an allow-list file; <see cref="FormatException"/> names the file and the entry that is wrong.</summary>
    public static AllowList Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    public static AllowList Parse(string json, string name)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{name}: not JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{name}: expected an object with \"version\" and \"entries\"");
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
                throw new FormatException($"{name}: \"version\" must be 1");
            if (!root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{name}: \"entries\" must be an array");
            var map = new Dictionary<string, AllowEntry>(StringComparer.Ordinal);
            var i = 0;
            foreach (var e in entries.EnumerateArray())
            {
                var where = string.Create(CultureInfo.InvariantCulture, $"{name}: entries[{i}]");
                if (e.ValueKind != JsonValueKind.Object)
                    throw new FormatException($"{where}: expected an object");
                var signature = e.TryGetProperty("signature", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : null;
                if (signature is null || signature.Length != 64 || !signature.All(char.IsAsciiHexDigitLower))
                    throw new FormatException($"{where}: \"signature\" must be a signature hash (64 lower-case hex digits)");
                var reason = e.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : null;
                if (string.IsNullOrWhiteSpace(reason))
                    throw new FormatException($"{where}: \"reason\" must say why the signature is allowed");
                if (!map.TryAdd(signature, new AllowEntry(signature, reason)))
                    throw new FormatException($"{where}: signature {signature} is listed twice");
                i++;
            }
            return new AllowList(map);
        }
    }

    /// <summary>An allow-list document listing <paramref name="signatures"/> with a reason each (for `--write-allow`-style tooling and tests).</summary>
    public static string Write(IEnumerable<(DivergenceSignature Signature, string Reason)> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("version", 1);
            w.WriteStartArray("entries");
            foreach (var (s, reason) in signatures)
            {
                w.WriteStartObject();
                w.WriteString("signature", s.Hash);
                w.WriteString("reason", reason);
                w.WriteString("class", s.Class);
                w.WriteString("path", s.Path);
                w.WriteString("wasmHash", s.WasmHash);
                w.WriteString("function", s.Function);
                w.WriteString("error", s.Error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
