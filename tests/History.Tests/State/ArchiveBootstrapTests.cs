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
