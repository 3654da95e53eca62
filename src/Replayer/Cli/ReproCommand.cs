using System.CommandLine;
using System.Text;
using System.Text.Json;
using Replay.Diff;
using Replay.Engines;
using Replay.History.Cases;
using Replay.Replayer.Pipeline;
using Replay.Soroban.Invocation;
using Replay.Soroban.Profile;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;

namespace Replay.Replayer.Cli;

/// <summary>
/// `replay repro FILE [--extract DIR] [--json]`: reruns one finding from its divergence file
/// alone (no history, no database) on the engines it names, and prints the field-level diff.
/// Exit 1 when the finding reproduces, 0 when it no longer does, 2 when the file cannot be used.
/// </summary>
public sealed class ReproCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "A divergence file (from `replay run --out DIR`, in DIR/divergences/)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var divergence = new Option<long?>("--divergence") { Description = "With --db: the id of a stored divergence (the report's repro command names it)" };
        var extract = new Option<string?>("--extract") { Description = "Write the case (binary and JSON), its contracts' Wasm and the invocation's arguments to this directory, for a debugger" };
        var command = new Command("repro", "Rerun one divergence from its file (or from the database) and print the field-level diff") { file, divergence, extract };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(file);
            var id = parse.GetValue(divergence);
            string path;
            string document;
            if (id is { } divergenceId)
            {
                if (given is not null)
                    throw new UserError("repro: give FILE or --divergence ID (with --db), not both");
                var connection = globals.ConnectionString(parse)
                    ?? throw new UserError($"repro: --divergence reads the database: pass --db CONN or set {GlobalOptions.DbEnvironmentVariable}");
                var database = new Store.Database(connection);
                Store.StoredDivergence? stored;
                try
                {
                    stored = await new Store.RunStore(database, AllowList.Empty).ReadDivergenceAsync(divergenceId, ct).ConfigureAwait(false);
                }
                catch (Npgsql.NpgsqlException e)
                {
                    throw new UserError($"repro: the run store at {database.Endpoint} failed: {(e is Npgsql.PostgresException p ? p.SqlState + ": " + p.MessageText : e.Message)}", e);
                }
                if (stored is null)
                    throw new UserError($"repro: no divergence {divergenceId} in {database.Endpoint}");
                path = $"divergence {divergenceId} ({database.Endpoint})";
                document = stored.Document;
                if (parse.GetValue(globals.Json) is false)
                    await output.WriteLineAsync($"divergence {divergenceId}: {stored.Source} ledger {stored.Ledger} tx {stored.TxHash} op {stored.OpIndex}, signature {stored.Signature}{(stored.Open ? "" : " (closed: a later replay of the case no longer showed it)")}").ConfigureAwait(false);
            }
            else
            {
                path = given ?? throw new UserError("repro: give a divergence FILE, or --divergence ID with --db");
                if (!File.Exists(path))
                    throw new UserError($"{path}: no such file");
                document = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
            }
            DivergenceArtifactHeader header;
            try
            {
                header = DivergenceArtifact.Read(document);
            }
            catch (FormatException e)
            {
                throw new UserError($"{path}: {e.Message}", e);
            }
            var outcomes = new List<Outcome>();
            foreach (var name in header.Engines)
            {
                EngineVariant variant;
                try
                {
                    variant = EngineCatalog.GetVariant(name);
                }
                catch (ArgumentOutOfRangeException)
                {
                    throw new UserError($"{path}: engine variant '{name}' is not one of {string.Join(", ", EngineCatalog.Variants.Select(v => v.Name))}");
                }
                var engine = variant.Create(SorobanProfile.Config(variant.Engine.Generation, variant.Mode));
                outcomes.Add(Invoker.Run(header.Case, engine));
            }
            if (parse.GetValue(extract) is { } dir)
                Extract(header.Case, dir, output);

            var comparison = CaseComparison.Compare(header.Case, outcomes);
            FieldDifference? difference;
            string verdict;
            string? cls;
            string firstName, secondName;
            if (header.Kind == "engines")
            {
                var e = comparison.Engines[0];
                difference = e.Difference;
                verdict = e.Verdict.Name();
                cls = e.Class?.Name();
                (firstName, secondName) = (e.First, e.Second);
            }
            else
            {
                var v = comparison.VsRecorded[0];
                difference = v.Difference;
                verdict = v.Verdict.Name();
                cls = v.Verdict == RecordedVerdict.Differ ? "recorded:" + v.Engine : null;
                (firstName, secondName) = ("recorded", v.Engine);
            }
            var reproduced = verdict is "divergent" or "differ";
            var signature = comparison.Signatures.FirstOrDefault(s => header.Kind == "engines" ? !s.Class.StartsWith("recorded:", StringComparison.Ordinal) : s.Class.StartsWith("recorded:", StringComparison.Ordinal));
            var sameSignature = signature?.Hash == header.SignatureHash;
            if (parse.GetValue(globals.Json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("case", header.Case.Id.ToString());
                    w.WriteBoolean("reproduced", reproduced);
                    w.WriteString("verdict", verdict);
                    w.WriteString("class", cls);
                    w.WritePropertyName("difference");
                    ComparisonJson.WriteDifference(w, difference, firstName, secondName);
                    w.WriteString("signature", signature?.Hash);
                    w.WriteBoolean("sameSignature", sameSignature);
                    w.WriteStartArray("runs");
                    foreach (var r in comparison.Runs)
                        ComparisonJson.WriteRun(w, r);
                    w.WriteEndArray();
                    w.WriteEndObject();
                });
            }
            else
            {
                await output.WriteLineAsync($"{header.Case.Id}: {string.Join(" vs ", header.Engines)}{(header.Kind == "recorded" ? " vs recorded" : "")}").ConfigureAwait(false);
                foreach (var r in comparison.Runs)
                    await output.WriteLineAsync($"  {r.Engine}: {r.Status} {r.ResultCode}{(r.Error is { } err ? $" ({err})" : "")}; cpu {r.Consumed.Cpu}, mem {r.Consumed.Mem}, fuel {r.Consumed.Fuel}").ConfigureAwait(false);
                if (reproduced)
                {
                    await output.WriteLineAsync($"reproduced: {verdict}{(cls is null ? "" : $" ({cls})")} at {difference!.Path}").ConfigureAwait(false);
                    await output.WriteLineAsync($"  {firstName}: {difference.First ?? "(absent)"}").ConfigureAwait(false);
                    await output.WriteLineAsync($"  {secondName}: {difference.Second ?? "(absent)"}").ConfigureAwait(false);
                    await output.WriteLineAsync(sameSignature
                        ? $"signature {signature!.Hash} (as recorded in the {(id is null ? "file" : "database")})"
                        : $"signature {signature?.Hash ?? "(none)"} differs from the {(id is null ? "file" : "database")}'s {header.SignatureHash}").ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync($"not reproduced: {verdict}").ConfigureAwait(false);
                }
            }
            return reproduced ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>case.case and case.json, every contract Wasm the case holds (HASH.wasm), and invocation.json (the host function with its arguments, as the Stellar CLI's JSON).</summary>
    private static void Extract(ReplayCase c, string dir, TextWriter output)
    {
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, "case.case"), CaseBinary.Encode(c));
            File.WriteAllText(Path.Combine(dir, "case.json"), CaseJson.ToJson(c) + "\n", new UTF8Encoding(false));
            var written = new List<string>();
            foreach (var f in c.Footprint)
            {
                if (f.Entry?.Data is LedgerEntryData.ContractCode { Value: var code })
                {
                    var name = code.Hash + ".wasm";
                    File.WriteAllBytes(Path.Combine(dir, name), code.Code);
                    written.Add(name);
                }
            }
            if (c.HostFunction is HostFunction.UploadContractWasm up)
            {
                var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(up.Value)) + ".wasm";
                File.WriteAllBytes(Path.Combine(dir, name), up.Value);
                written.Add(name);
            }
            using (var stream = File.Create(Path.Combine(dir, "invocation.json")))
            using (var w = new Utf8JsonWriter(stream, ComparisonJson.Indented))
            {
                var facts = CaseFacts.Of(c);
                w.WriteStartObject();
                w.WriteString("kind", facts.Kind);
                w.WriteString("contract", facts.Contract);
                w.WriteString("function", facts.Function);
                w.WriteString("wasmHash", facts.WasmHash);
                if (c.HostFunction is HostFunction.InvokeContract ic)
                {
                    w.WriteStartArray("args");
                    foreach (var a in ic.Value.Args)
                        w.WriteRawValue(XdrJsonText.ToJson(a));
                    w.WriteEndArray();
                }
                w.WritePropertyName("hostFunction");
                w.WriteRawValue(XdrJsonText.ToJson(c.HostFunction));
                w.WriteEndObject();
            }
            output.WriteLine($"extracted to {dir}: case.case, case.json, invocation.json{string.Concat(written.Select(n => ", " + n))}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{dir}: cannot write the extracted case: {e.Message}", e);
        }
    }
}
