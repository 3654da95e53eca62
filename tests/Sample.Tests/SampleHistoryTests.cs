using System.Security.Cryptography;
using Replay.Engines;
using Replay.History;
using Replay.History.Archive;
using Replay.History.Building;
using Replay.History.Cases;
using Replay.History.Sources;
using Replay.History.State;
using Replay.Replayer.Cli;
using Replay.Soroban.Invocation;
using Replay.Soroban.Profile;
using Replay.Stellar.Xdr;

namespace Replay.Sample.Tests;

/// <summary>The sample history: deterministic, reproducible from the committed contracts and seed, and checked by the case builder.</summary>
public class SampleHistoryTests
{
    private static string ContractsDir => Path.Combine(Repository.Root, "samples", "contracts");

    private static string Committed => Path.Combine(Repository.Root, "samples", "sample");

    // The committed sample (SampleOptions defaults: ledgers 2-320, seed 16), as `replay cases --check` counts it.
    private const long Ledgers = 319;
    private const long Invocations = 2538;
    private const long PreStates = 2511;
    private const long Successes = 2031;

    private static Dictionary<string, string> Hashes(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    private static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sample-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void SameSeedGivesTheSameBytesAndAnotherSeedOthers()
    {
        var a = TempDir();
        var b = TempDir();
        var c = TempDir();
        try
        {
            SampleBuilder.Build(new SampleOptions(70, 5), ContractsDir, a);
            SampleBuilder.Build(new SampleOptions(70, 5), ContractsDir, b);
            SampleBuilder.Build(new SampleOptions(70, 6), ContractsDir, c);
            var first = Hashes(a);
            Assert.Equal(first, Hashes(b));
            // 70 ledgers: batches 0-63 and 64-70; checkpoint 63 in the archive.
            Assert.Contains("lake/FFFFFFFF--0-4095/FFFFFFFF--0-63.xdr.zst", first.Keys);
            Assert.Contains("lake/FFFFFFFF--0-4095/FFFFFFBF--64-127.xdr.zst", first.Keys);
            Assert.Contains("archive/history/00/00/00/history-0000003f.json", first.Keys);
            Assert.NotEqual(first["lake/FFFFFFFF--0-4095/FFFFFFBF--64-127.xdr.zst"], Hashes(c)["lake/FFFFFFFF--0-4095/FFFFFFBF--64-127.xdr.zst"]);
        }
        finally
        {
            foreach (var dir in new[] { a, b, c })
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CommittedSampleIsRebuiltByteForByte()
    {
        var dir = TempDir();
        try
        {
            SampleBuilder.Build(new SampleOptions(), ContractsDir, dir);
            Assert.Equal(Hashes(Committed), Hashes(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(CaseRunSummary Summary, List<CaseBuildResult> Results, List<string> Warnings)> RunAsync(
        ILedgerSource source, IStateBootstrap? bootstrap = null, uint first = 0)
    {
        var warnings = new List<string>();
        var runner = new CaseRunner(new CaseRunOptions
        {
            Source = source,
            Range = new LedgerRange(first, null),
            RangeGiven = false,
            Stores = new InMemoryLedgerStateStoreFactory(),
            TestNetworkConfig = null,
            Bootstrap = bootstrap,
            Warn = warnings.Add,
        });
        var results = new List<CaseBuildResult>();
        await foreach (var r in runner.RunAsync())
            results.Add(r);
        return (runner.Summary, results, warnings);
    }

    [Fact]
    public async Task CommittedLakeChecksCompletely()
    {
        var lake = await DataLakeSource.OpenAsync(Path.Combine(Committed, "lake"), null, CancellationToken.None);
        var (summary, results, warnings) = await RunAsync(lake);
        Assert.Empty(warnings);
        Assert.Equal(Ledgers, summary.Ledgers);
        Assert.Equal(Invocations, summary.Transactions);
        Assert.Equal(Invocations, summary.Invocations);
        Assert.Equal(Invocations, summary.Cases);
        Assert.Equal(0, summary.NotApplied);
        Assert.Empty(summary.NotReplayable);
        Assert.Equal((PreStates, PreStates), (summary.PreState.Matched, summary.PreState.Checked));
        Assert.Equal((Ledgers, Ledgers), (summary.TxSetHash.Matched, summary.TxSetHash.Checked));
        Assert.Equal((Successes, Successes), (summary.SuccessHash.Matched, summary.SuccessHash.Checked));
        Assert.Equal(0, summary.StateMismatches);
        Assert.Equal(Invocations, results.Count);
    }

    /// <summary>Every case rebuilt from the lake runs on the stack engine (the sample network's own) exactly as recorded.</summary>
    [Fact]
    public async Task EveryCaseReplaysOnTheStackEngineAsRecorded()
    {
        var lake = await DataLakeSource.OpenAsync(Path.Combine(Committed, "lake"), null, CancellationToken.None);
        var (_, results, _) = await RunAsync(lake);
        var variant = EngineCatalog.Variants.First(v => v.Engine == EngineCatalog.Stack);
        var engine = variant.Create(SorobanProfile.Config(variant.Engine.Generation, variant.Mode));
        var compared = 0;
        foreach (var c in results.OfType<BuiltCase>().Select(b => b.Case))
        {
            var outcome = Invoker.Run(c, engine);
            var where = c.Id.ToString();
            Assert.True(outcome.Status != OutcomeStatus.NotImplemented, where);
            Assert.Equal(c.Recorded.OperationResult, outcome.ResultCode);
            Assert.Equal(c.Recorded.SuccessHash, outcome.SuccessHash);
            Assert.Equal(c.Recorded.CpuInstructions, outcome.CoreMetrics.Single(m => m.Name == "cpu_insn").Value);
            Assert.Equal(c.Recorded.MemoryBytes, outcome.CoreMetrics.Single(m => m.Name == "mem_byte").Value);
            var recordedChanges = c.Recorded.LedgerChanges.Where(x => x is not LedgerEntryChange.State).Select(x => Convert.ToHexString(XdrCodec.Encode(x))).ToList();
            Assert.Equal(recordedChanges, outcome.LedgerChanges.Select(x => Convert.ToHexString(XdrCodec.Encode(x))).ToList());
            var recordedDiagnostics = c.Recorded.DiagnosticEvents.Take(c.Recorded.DiagnosticEvents.Length - outcome.CoreMetrics.Count);
            Assert.Equal(recordedDiagnostics.Select(d => Convert.ToHexString(XdrCodec.Encode(d))), outcome.DiagnosticEvents.Select(d => Convert.ToHexString(XdrCodec.Encode(d))));
            compared++;
        }
        Assert.Equal(Invocations, compared);
    }

    /// <summary>Starting mid-history from the archive's checkpoint 127 gives the same cases as reading from genesis.</summary>
    [Fact]
    public async Task ArchiveCheckpointStartsMidHistory()
    {
        var archive = await HistoryArchive.OpenAsync(Path.Combine(Committed, "archive"), null, 127, CancellationToken.None);
        var lake = await DataLakeSource.OpenAsync(Path.Combine(Committed, "lake"), null, CancellationToken.None);
        var (summary, results, warnings) = await RunAsync(lake, archive, 128);
        Assert.Empty(warnings);
        Assert.Empty(summary.NotReplayable);
        Assert.True(summary.AllChecksMatched);
        var full = await RunAsync(await DataLakeSource.OpenAsync(Path.Combine(Committed, "lake"), null, CancellationToken.None));
        var expected = full.Results.OfType<BuiltCase>().Where(b => b.Case.Id.Ledger >= 128).Select(b => CaseJson.ToJson(Without(b.Case))).ToList();
        var actual = results.OfType<BuiltCase>().Select(b => CaseJson.ToJson(Without(b.Case))).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i].Split('\n');
            var a = actual[i].Split('\n');
            var line = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(k => e[k] != a[k], -1);
            Assert.True(line < 0 && e.Length == a.Length, line < 0 ? $"case {i}: lengths differ" : $"case {i}, line {line}: from genesis {e[line]}, from the checkpoint {a[line]}");
        }
    }

    // The provenance says what the state rests on (genesis or the checkpoint). The state size
    // window is exact from the checkpoint, and unknown from genesis once core has resampled it
    // (ledger 64) without recording it. Nothing else may differ.
    private static ReplayCase Without(ReplayCase c) => new()
    {
        Id = c.Id,
        Provenance = c.Provenance with { State = "", Source = "" },
        LedgerInfo = c.LedgerInfo,
        Settings = c.Settings with { StateSizeWindow = null },
        HostFunction = c.HostFunction,
        Resources = c.Resources,
        ArchivedEntryIndices = c.ArchivedEntryIndices,
        ResourceFee = c.ResourceFee,
        SourceAccount = c.SourceAccount,
        Auth = c.Auth,
        Footprint = c.Footprint,
        PrngSeed = c.PrngSeed,
        Recorded = c.Recorded,
    };

    // The committed sample's authorization entries (ledgers 7-320), as the scan below counts them.
    private const int SourceCredentials = 143;
    private const int AddressCredentials = 297;
    private const int CustomAccountCredentials = 86;
    private const int Trees = 77;
    private const int Expired = 16;
    private const int WrongSignatures = 41;
    private const int ReusedNonces = 21;

    /// <summary>
    /// The lake carries authorization entries: source-account credentials, address credentials of
    /// classic accounts and of the custom account, trees of two invocations, and the failures the
    /// network records (each Trapped with the host's diagnostic): signatures expired before the
    /// ledger, signatures that do not verify, nonces an earlier transaction consumed. Every
    /// accepted address credential wrote its nonce entry.
    /// </summary>
    [Fact]
    public async Task LakeCarriesAuthorizedInvocationsAndTheirFailures()
    {
        var lake = await DataLakeSource.OpenAsync(Path.Combine(Committed, "lake"), null, CancellationToken.None);
        var (_, results, _) = await RunAsync(lake);
        int source = 0, address = 0, custom = 0, trees = 0, expired = 0, wrong = 0, reused = 0;
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        var customKey = Workload.AccountKey.PublicKeyBytes;
        foreach (var c in results.OfType<BuiltCase>().Select(b => b.Case))
        {
            var where = c.Id.ToString();
            foreach (var entry in c.Auth)
            {
                if (entry.RootInvocation.SubInvocations.Length > 0)
                    trees++;
                if (entry.Credentials is SorobanCredentials.SourceAccount)
                {
                    source++;
                    Assert.Equal(InvokeHostFunctionResultCode.Success, c.Recorded.OperationResult);
                    continue;
                }
                var creds = Assert.IsType<SorobanCredentials.Address>(entry.Credentials).Value;
                address++;
                var nonceKey = new LedgerKey.ContractData(new LedgerKeyContractData
                {
                    Contract = creds.Address,
                    Key = new SCVal.LedgerKeyNonce(new SCNonceKey { Nonce = creds.Nonce }),
                    Durability = ContractDataDurability.Temporary,
                });
                Assert.Contains(Convert.ToHexString(XdrCodec.Encode<LedgerKey>(nonceKey)), c.Resources.Footprint.ReadWrite.Select(k => Convert.ToHexString(XdrCodec.Encode(k))));
                var id = Convert.ToHexString(XdrCodec.Encode(creds.Address)) + "/" + creds.Nonce.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var payload = SHA256.HashData(XdrCodec.Encode<HashIDPreimage>(new HashIDPreimage.SorobanAuthorization(new HashIDPreimageSorobanAuthorization
                {
                    NetworkID = c.LedgerInfo.NetworkId,
                    Nonce = creds.Nonce,
                    SignatureExpirationLedger = creds.SignatureExpirationLedger,
                    Invocation = entry.RootInvocation,
                })));
                bool verifies;
                if (creds.Address is SCAddress.Contract)
                {
                    custom++;
                    verifies = Verify(customKey, payload, Assert.IsType<SCVal.Bytes>(creds.Signature).Value);
                }
                else
                {
                    var account = Assert.IsType<SCAddress.Account>(creds.Address).Value;
                    var map = Assert.IsType<SCVal.Map>(Assert.Single(Assert.IsType<SCVal.Vec>(creds.Signature).Value!)).Value!;
                    var publicKey = Assert.IsType<SCVal.Bytes>(map[0].Val).Value;
                    Assert.Equal(((PublicKey.PublicKeyTypeEd25519)account).Value.ToArray(), publicKey);
                    verifies = Verify(publicKey, payload, Assert.IsType<SCVal.Bytes>(map[1].Val).Value);
                }
                string? failure = null;
                if (creds.SignatureExpirationLedger < c.LedgerInfo.SequenceNumber)
                {
                    expired++;
                    failure = "signature has expired";
                }
                else if (!verifies)
                {
                    wrong++;
                    failure = "failed account authentication with error";
                }
                else if (consumed.Contains(id))
                {
                    reused++;
                    failure = "nonce already exists for address";
                }
                if (failure is not null)
                {
                    Assert.True(c.Recorded.OperationResult == InvokeHostFunctionResultCode.Trapped, where);
                    var message = System.Text.Encoding.UTF8.GetBytes(failure);
                    Assert.True(c.Recorded.DiagnosticEvents.Any(d => XdrCodec.Encode(d).AsSpan().IndexOf(message) >= 0), $"{where}: no diagnostic '{failure}'");
                }
                else if (c.Recorded.OperationResult == InvokeHostFunctionResultCode.Success)
                {
                    consumed.Add(id);
                    Assert.Contains(c.Recorded.LedgerChanges, x => x is LedgerEntryChange.Created { Value.Data: LedgerEntryData.ContractData d }
                        && d.Value.Key is SCVal.LedgerKeyNonce n && n.Value.Nonce == creds.Nonce);
                }
            }
        }
        Assert.Equal(
            (SourceCredentials, AddressCredentials, CustomAccountCredentials, Trees, Expired, WrongSignatures, ReusedNonces),
            (source, address, custom, trees, expired, wrong, reused));
    }

    private static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        var verifier = new Org.BouncyCastle.Crypto.Signers.Ed25519Signer();
        verifier.Init(false, new Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters(publicKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    [Fact]
    public async Task SampleIsASourceName()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["cases", "--source", "sample", "--check", "--json"], output, error);
        Assert.True(code == 0, error.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.Equal(Invocations, json.RootElement.GetProperty("cases").GetInt64());
    }
}
