using Replay.History.Archive;
using Replay.History.Cases;
using Replay.History.Http;
using Replay.History.Sources;
using Replay.History.State;
using Replay.History.Tests.Sources;
using Replay.History.Tests.Support;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.State;

public sealed class ArchiveBootstrapTests
{
    /// <summary>A protocol 27 network whose persistent entry is evicted at ledger 23 (to the hot archive) and restored from it at 33.</summary>
    private const string EvictingNetwork = "048c93e37abb62ea.xdr";

    private static string File => TestData.CorpusFile(EvictingNetwork);

    private static async Task<InMemoryLedgerStateStore> StateAtAsync(uint last)
    {
        var stores = new KeptStores();
        await Runs.RunAsync(new MetaSource(File), new LedgerRange(0, last), stores);
        return stores.Single;
    }

    /// <summary>
    /// An archive at checkpoint <paramref name="checkpoint"/>: an older bucket (level 1 snap) holds
    /// the state at <paramref name="older"/>, the newest bucket (level 0 curr) what changed since,
    /// with DEADENTRY for what was deleted, and an offer the host never reads. The hot archive
    /// holds what was evicted.
    /// </summary>
    private static async Task<TestArchive> WriteArchiveAsync(uint checkpoint, uint older)
    {
        var atOlder = await StateAtAsync(older);
        var atCheckpoint = await StateAtAsync(checkpoint);
        var archive = new TestArchive(TestData.TempDirectory());
        var protocol = atCheckpoint.Chain!.LastHeader!.LedgerVersion;
        var offer = new LedgerEntry
        {
            LastModifiedLedgerSeq = 3,
            Data = new LedgerEntryData.Offer(new OfferEntry
            {
                SellerID = new PublicKey.PublicKeyTypeEd25519(default),
                OfferID = 7,
                Selling = Asset.Native.Instance,
                Buying = Asset.Native.Instance,
                Amount = 1,
                Price = new Price { N = 1, D = 1 },
                Flags = 0,
                Ext = OfferEntryExt.V0.Instance,
            }),
            Ext = LedgerEntryExt.V0.Instance,
        };
        var oldBucket = archive.WriteLiveBucket(
            atOlder.Live.Where(kv => kv.Value is not null).OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal)
                .Select(kv => (BucketEntry)new BucketEntry.Liveentry(kv.Value!))
                .Append(new BucketEntry.Initentry(offer)),
            protocol);
        var changed = atCheckpoint.Live.Where(kv => kv.Value is not null
                && !(atOlder.Live.TryGetValue(kv.Key, out var was) && was is not null && XdrCodec.Encode(was).AsSpan().SequenceEqual(XdrCodec.Encode(kv.Value))))
            .OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal)
            .Select(kv => (BucketEntry)new BucketEntry.Liveentry(kv.Value!));
        var deleted = atOlder.Live.Keys.Where(k => !atCheckpoint.Live.ContainsKey(k)).OrderBy(k => k.ToString(), StringComparer.Ordinal)
            .Select(k => (BucketEntry)new BucketEntry.Deadentry(k.Decode())).ToList();
        Assert.NotEmpty(deleted);
        var newBucket = archive.WriteLiveBucket(changed.Concat(deleted), protocol);
        Assert.NotEmpty(atCheckpoint.HotArchive);
        var hot = archive.WriteHotBucket(atCheckpoint.HotArchive.OrderBy(kv => kv.Key.ToString(), StringComparer.Ordinal)
            .Select(kv => (HotArchiveBucketEntry)new HotArchiveBucketEntry.Archived(kv.Value)), protocol);
        archive.WriteHeader(atCheckpoint.Chain.LastHeader);
        archive.WriteState(checkpoint, Network.CoreTests.Passphrase, [(newBucket, null), (null, oldBucket)], [(hot, null)]);
        return archive;
    }

    private static void AssertSameState(InMemoryLedgerStateStore expected, InMemoryLedgerStateStore actual)
    {
        static SortedDictionary<string, string> Flatten(IEnumerable<KeyValuePair<StateKey, LedgerEntry?>> entries) => new(
            entries.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key.ToString(), kv => Convert.ToHexString(XdrCodec.Encode(kv.Value!))),
            StringComparer.Ordinal);
        Assert.Equal(Flatten(expected.Live), Flatten(actual.Live));
        Assert.Equal(Flatten(expected.HotArchive.Select(kv => new KeyValuePair<StateKey, LedgerEntry?>(kv.Key, kv.Value))),
            Flatten(actual.HotArchive.Select(kv => new KeyValuePair<StateKey, LedgerEntry?>(kv.Key, kv.Value))));
        Assert.Equal(expected.Chain!.LastLedger, actual.Chain!.LastLedger);
    }

    [SharedFact]
    public async Task Bootstrapping_at_a_checkpoint_then_applying_meta_gives_the_state_and_cases_of_a_run_from_genesis()
    {
        const uint checkpoint = 28;
        var archive = await WriteArchiveAsync(checkpoint, older: 20);

        var fromGenesis = new KeptStores();
        var genesisRun = await Runs.RunAsync(new MetaSource(File), stores: fromGenesis);

        var bootstrap = await HistoryArchive.OpenAsync(archive.Root, null, null, CancellationToken.None);
        Assert.Equal(checkpoint, bootstrap.Checkpoint);
        var fromArchive = new KeptStores();
        var archiveRun = await Runs.RunAsync(new MetaSource(File), stores: fromArchive, bootstrap: bootstrap);

        AssertSameState(fromGenesis.Single, fromArchive.Single);
        Assert.Equal(StateBasis.Checkpoint, fromArchive.Single.Chain!.Basis);
        Assert.DoesNotContain(fromArchive.Single.Live.Values, e => e?.Data is LedgerEntryData.Offer);

        // Cases after the checkpoint are the same (the restore from the hot archive at 33 among them).
        var after = genesisRun.Results.Where(r => r.Id.Ledger > checkpoint).ToList();
        Assert.Equal(after.Count, archiveRun.Results.Count);
        Assert.Contains(archiveRun.Results.OfType<BuiltCase>(), c => c.Case.Footprint.Any(f => f.State == FootprintEntryState.Evicted));
        Assert.Equal(DataLakeSourceTests.Inputs(after), DataLakeSourceTests.Inputs(archiveRun.Results));
        Assert.All(archiveRun.Results.OfType<BuiltCase>(), c => Assert.Equal($"archive checkpoint 28 ({archive.Root})", c.Case.Provenance.State));
        Assert.True(archiveRun.Summary.AllChecksMatched);
        Assert.Empty(archiveRun.Warnings);
    }

    [SharedFact]
    public async Task The_archive_can_be_read_over_http_through_the_same_pipeline()
    {
        var archive = await WriteArchiveAsync(28, older: 20);
        await using var server = await LoopbackServer.StartAsync();
        foreach (var (key, bytes) in archive.Files())
            server.Put("archive/" + key, bytes);
        var bucket = archive.Buckets.Keys.First();
        server.Fail("archive/" + HistoryArchive.CategoryPath("bucket", bucket, ".xdr.gz"), new Fault.Status(502), new Fault.Truncate());
        using var reader = new NetworkReader(DataLakeSourceTests.Quick);
        var overHttp = await HistoryArchive.OpenAsync(new Uri(server.BaseUrl, "archive").ToString(), reader, 28, CancellationToken.None);
        var local = await HistoryArchive.OpenAsync(archive.Root, null, 28, CancellationToken.None);
        var a = await overHttp.LoadAsync(CancellationToken.None);
        var b = await local.LoadAsync(CancellationToken.None);
        Assert.Equal(b.Live.Count, a.Live.Count);
        Assert.Equal(b.HotArchive.Count, a.HotArchive.Count);
        Assert.Equal(28u, a.Header!.LedgerSeq);
        Assert.Equal(0, server.PendingFaults);
    }

    [Fact]
    public async Task A_malformed_has_and_a_bucket_that_does_not_match_its_hash_are_reported_naming_the_object()
    {
        var archive = new TestArchive(TestData.TempDirectory());
        archive.WriteText(".well-known/stellar-history.json", "{\"version\":2,\"currentLedger\":63,\"currentBuckets\":[{\"curr\":\"xyz\",\"snap\":\"00\"}]}");
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => HistoryArchive.OpenAsync(archive.Root, null, null, CancellationToken.None));
        Assert.Equal($"{Path.Combine(archive.Root, ".well-known/stellar-history.json")}: malformed history archive state: currentBuckets[0].curr 'xyz' is not a 64-digit lower-case hex hash", e.Message);

        var bucket = archive.WriteLiveBucket([], 23);
        System.IO.File.WriteAllBytes(archive.Buckets[bucket], System.IO.File.ReadAllBytes(archive.Buckets[bucket])[..10]);
        archive.WriteState(63, "p", [(bucket, null)], []);
        var opened = await HistoryArchive.OpenAsync(archive.Root, null, null, CancellationToken.None);
        var corrupt = await Assert.ThrowsAsync<LedgerSourceException>(() => opened.LoadAsync(CancellationToken.None));
        Assert.StartsWith(archive.Buckets[bucket] + ": ", corrupt.Message, StringComparison.Ordinal);

        var wrongName = archive.WriteLiveBucket([], 22);
        var renamed = archive.Buckets[bucket];
        System.IO.File.Copy(archive.Buckets[wrongName], renamed, overwrite: true);
        var mismatch = await Assert.ThrowsAsync<LedgerSourceException>(() => opened.LoadAsync(CancellationToken.None));
        Assert.Equal($"{renamed}: content hashes to {wrongName}, not to its name", mismatch.Message);
    }
}

public sealed class PubnetArchiveTests
{
    /// <summary>
    /// The pubnet batch alone cannot say what its InvokeHostFunction reads. An archive at the
    /// checkpoint before it supplies that state: the entries the ledger's own pre-images record,
    /// and for the read-only entries it does not record, values made up for this test (they are
    /// not in the batch). The operation then becomes a case.
    /// </summary>
    [SharedFact]
    public async Task The_pubnet_operation_becomes_a_case_once_an_archive_supplies_the_missing_entries()
    {
        var batch = SharedData.PathOf("corpus", "pubnet");
        var alone = await Runs.MetaAsync(batch);
        var missing = Assert.IsType<NotReplayable>(Assert.Single(alone.Results)).MissingKeys;

        var ledger = Assert.Single(Replay.Stellar.Streams.LedgerCloseMetaReader.ReadFile(Directory.GetFiles(batch).Single()));
        var header = LedgerTransactions.HeaderOf(ledger).Header;
        // Every host-readable entry's first pre-image in the ledger is its value at the checkpoint.
        var live = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        void Take(IEnumerable<LedgerEntryChange> changes)
        {
            foreach (var c in changes)
            {
                if (c is LedgerEntryChange.State s && HostReadable.IsKept(s.Value))
                    live.TryAdd(StateKey.Of(s.Value).ToString(), s.Value);
            }
        }
        var v1 = (LedgerCloseMeta.V1)ledger;
        foreach (var t in v1.Value.TxProcessing)
            Take(t.FeeProcessing);
        foreach (var t in v1.Value.TxProcessing)
            Take(MetaChanges.Of(t.TxApplyProcessing));
        var settings = Runs.TestNetworkConfig.GenesisSettings(21)!;
        foreach (var key in missing)
        {
            var stateKey = StateKey.Of(key).ToString();
            if (live.ContainsKey(stateKey))
                continue;
            live[stateKey] = Made(key, header.LedgerSeq, settings);
        }

        var archive = new TestArchive(TestData.TempDirectory());
        var bucket = archive.WriteLiveBucket(live.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (BucketEntry)new BucketEntry.Liveentry(kv.Value)), 21);
        var previous = XdrCodec.Decode<LedgerHeader>(XdrCodec.Encode(header));
        previous.LedgerSeq = header.LedgerSeq - 1;
        archive.WriteHeader(previous);
        archive.WriteState(header.LedgerSeq - 1, Network.Public.Passphrase, [(bucket, null)], []);

        var bootstrap = await HistoryArchive.OpenAsync(archive.Root, null, header.LedgerSeq - 1, CancellationToken.None);
        var run = await Runs.RunAsync(new MetaSource(batch), bootstrap: bootstrap);
        var c = Assert.IsType<BuiltCase>(Assert.Single(run.Results)).Case;
        Assert.Equal($"archive checkpoint 53311999 ({archive.Root})", c.Provenance.State);
        Assert.Equal(21u, c.LedgerInfo.ProtocolVersion);
        Assert.All(c.Footprint, f => Assert.Equal(FootprintEntryState.Live, f.State));
        Assert.Equal(InvokeHostFunctionResultCode.Success, c.Recorded.OperationResult);
        Assert.True(HostCallPlan.Prepare(c).CallsHost);
        Assert.Equal(run.Summary.PreState.Checked, run.Summary.PreState.Matched);
        Assert.True(run.Summary.PreState.Checked > 0);
        Assert.Empty(run.Warnings);
    }

    /// <summary>A stand-in for an entry the batch does not record (test-only values).</summary>
    private static LedgerEntry Made(LedgerKey key, uint ledger, IReadOnlyList<ConfigSettingEntry> settings)
    {
        LedgerEntryData data = key switch
        {
            LedgerKey.ConfigSetting cs => new LedgerEntryData.ConfigSetting(settings.Single(s =>
                LedgerKeys.KeyOf(new LedgerEntryData.ConfigSetting(s)) is LedgerKey.ConfigSetting k && k.Value.ConfigSettingID == cs.Value.ConfigSettingID)),
            LedgerKey.Ttl ttl => new LedgerEntryData.Ttl(new TTLEntry { KeyHash = ttl.Value.KeyHash, LiveUntilLedgerSeq = ledger + 100_000 }),
            LedgerKey.ContractCode code => new LedgerEntryData.ContractCode(new ContractCodeEntry
            {
                Ext = ContractCodeEntryExt.V0.Instance,
                Hash = code.Value.Hash,
                Code = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00],
            }),
            LedgerKey.ContractData d => new LedgerEntryData.ContractData(new ContractDataEntry
            {
                Ext = ExtensionPoint.V0.Instance,
                Contract = d.Value.Contract,
                Key = d.Value.Key,
                Durability = d.Value.Durability,
                Val = SCVal.Void.Instance,
            }),
            _ => throw new InvalidOperationException($"no stand-in for {key.GetType().Name}"),
        };
        return new LedgerEntry { LastModifiedLedgerSeq = ledger - 10, Data = data, Ext = LedgerEntryExt.V0.Instance };
    }
}
