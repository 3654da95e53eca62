using System.Diagnostics;
using Replay.History.Cases;
using Replay.History.Http;
using Replay.History.Sources;
using Replay.History.Tests.Support;
using Replay.Stellar.Domain;

namespace Replay.History.Tests.Sources;

public sealed class DataLakeSourceTests
{
    /// <summary>Fast retries so fault tests take seconds; the attempt timeout is what a stall must exceed.</summary>
    internal static readonly NetworkOptions Quick = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(2),
        MaxRetries = 4,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromSeconds(3),
        Parallelism = 4,
    };

    private static async Task<(LoopbackServer Server, Dictionary<string, byte[]> Objects, List<Replay.Stellar.Xdr.LedgerCloseMeta> Ledgers)> ServeLakeAsync(string extension)
    {
        var ledgers = TestData.Ledgers(TestData.CorpusFile(TestData.LongNetwork));
        var objects = TestData.DataLake(ledgers, perBatch: 2, perPartition: 4, extension, Network.CoreTests.Passphrase);
        var server = await LoopbackServer.StartAsync();
        foreach (var (key, bytes) in objects)
            server.Put("lake/" + key, bytes);
        return (server, objects, ledgers);
    }

    [SharedFact]
    public async Task Every_ledger_arrives_once_and_in_order_through_500_429_stalls_truncation_and_corrupt_zstd()
    {
        var (server, objects, ledgers) = await ServeLakeAsync(".xdr.zstd");
        await using var _ = server;
        var keys = objects.Keys.Where(k => k.EndsWith(".xdr.zstd", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(22, keys.Count);
        // Partitioned keys: FFFFFFF7--8-15/FFFFFFF5--10-11.xdr.zstd holds ledgers 10 and 11.
        Assert.Contains("FFFFFFF7--8-15/FFFFFFF5--10-11.xdr.zstd", keys);
        server.Fail("lake/FFFFFFF7--8-15/FFFFFFF5--10-11.xdr.zstd", new Fault.Status(500), new Fault.Status(503));
        server.Fail("lake/FFFFFFEF--16-23/FFFFFFED--18-19.xdr.zstd", new Fault.TooManyRequests(1));
        server.Fail("lake/FFFFFFE7--24-31/FFFFFFE3--28-29.xdr.zstd", new Fault.Stall(TimeSpan.FromSeconds(6)));
        server.Fail("lake/FFFFFFDF--32-39/FFFFFFDB--36-37.xdr.zstd", new Fault.Truncate());
        server.Fail("lake/FFFFFFD7--40-47/FFFFFFD5--42-43.xdr.zstd", new Fault.CorruptZstd(), new Fault.CorruptZstd());

        using var reader = new NetworkReader(Quick);
        var lake = await DataLakeSource.OpenAsync(new Uri(server.BaseUrl, "lake").ToString(), reader, CancellationToken.None);
        Assert.Equal(Network.CoreTests.Passphrase, lake.Network.Passphrase);
        var clock = Stopwatch.StartNew();
        var delivered = await TestData.DeliveredAsync(lake, new LedgerRange(2, 45));
        Assert.Equal(Enumerable.Range(2, 44).Select(i => (uint)i), delivered);
        Assert.Equal(0, server.PendingFaults);
        Assert.Equal(3, server.Requests("lake/FFFFFFF7--8-15/FFFFFFF5--10-11.xdr.zstd"));
        Assert.Equal(2, server.Requests("lake/FFFFFFEF--16-23/FFFFFFED--18-19.xdr.zstd"));
        Assert.Equal(2, server.Requests("lake/FFFFFFE7--24-31/FFFFFFE3--28-29.xdr.zstd"));
        Assert.Equal(2, server.Requests("lake/FFFFFFDF--32-39/FFFFFFDB--36-37.xdr.zstd"));
        Assert.Equal(3, server.Requests("lake/FFFFFFD7--40-47/FFFFFFD5--42-43.xdr.zstd"));
        // Retry-After: 1 was honoured.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [SharedFact]
    public async Task Objects_are_fetched_several_at_once_and_delivered_in_order()
    {
        var (server, objects, _) = await ServeLakeAsync(".xdr.zst");
        await using var _ = server;
        // Every object answers slowly (within the attempt timeout): only fetching ahead keeps the run short.
        foreach (var key in objects.Keys.Where(k => k.EndsWith(".xdr.zst", StringComparison.Ordinal)))
            server.Fail("lake/" + key, new Fault.Stall(TimeSpan.FromMilliseconds(500)));
        using var reader = new NetworkReader(Quick with { AttemptTimeout = TimeSpan.FromSeconds(5) });
        var lake = await DataLakeSource.OpenAsync(new Uri(server.BaseUrl, "lake").ToString(), reader, CancellationToken.None);
        var delivered = await TestData.DeliveredAsync(lake, new LedgerRange(2, 45));
        Assert.Equal(Enumerable.Range(2, 44).Select(i => (uint)i), delivered);
        Assert.Equal(Quick.Parallelism, server.MaxConcurrentRequests);
    }

    [SharedFact]
    public async Task A_server_that_keeps_failing_opens_the_circuit_breaker()
    {
        var (server, _, _) = await ServeLakeAsync(".xdr.zst");
        await using var _ = server;
        const string key = "lake/FFFFFFFF--0-7/FFFFFFFD--2-3.xdr.zst";
        server.Fail(key, Enumerable.Repeat<Fault>(new Fault.Status(500), 20).ToArray());
        using var reader = new NetworkReader(Quick with { MaxRetries = 10, BreakMinimumThroughput = 4, BreakFailureRatio = 0.5, Parallelism = 1 });
        var lake = await DataLakeSource.OpenAsync(new Uri(server.BaseUrl, "lake").ToString(), reader, CancellationToken.None);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => TestData.DeliveredAsync(lake, new LedgerRange(2, 3)));
        Assert.StartsWith($"{new Uri(server.BaseUrl, key)}: not attempted: too many recent failures opened the circuit breaker", e.Message, StringComparison.Ordinal);
        Assert.True(server.Requests(key) < 11, $"{server.Requests(key)} requests");
    }

    [SharedFact]
    public async Task A_network_source_resumes_after_the_stored_state_instead_of_rereading_history()
    {
        var (server, _, _) = await ServeLakeAsync(".xdr.zst");
        await using var _ = server;
        // A generous timeout: the request count below must not depend on the machine's load.
        using var reader = new NetworkReader(Quick with { AttemptTimeout = TimeSpan.FromSeconds(30) });
        var lake = await DataLakeSource.OpenAsync(new Uri(server.BaseUrl, "lake").ToString(), reader, CancellationToken.None);
        var stores = new LastingStores();
        var first = await Runs.RunAsync(lake, new LedgerRange(0, 20), stores);
        Assert.Equal(19, first.Summary.Ledgers);
        var second = await Runs.RunAsync(lake, stores: stores);
        Assert.Equal(25, second.Summary.Ledgers);
        Assert.Equal(1, server.Requests("lake/FFFFFFFF--0-7/FFFFFFFD--2-3.xdr.zst"));
        var whole = await Runs.MetaAsync(TestData.CorpusFile(TestData.LongNetwork));
        Assert.Equal(Inputs(whole.Results), Inputs(first.Results.Concat(second.Results)));
    }

    /// <summary>In-memory stores that outlive a run, as a database does.</summary>
    private sealed class LastingStores : Replay.History.State.ILedgerStateStoreFactory
    {
        private readonly Dictionary<string, Replay.History.State.InMemoryLedgerStateStore> _stores = new(StringComparer.Ordinal);

        public string Description => "in memory, kept across runs";

        public ValueTask<Replay.History.State.ILedgerStateStore> OpenAsync(string chain, CancellationToken cancellation)
        {
            if (!_stores.TryGetValue(chain, out var store))
                _stores[chain] = store = new Replay.History.State.InMemoryLedgerStateStore();
            return ValueTask.FromResult<Replay.History.State.ILedgerStateStore>(new Lasting(store));
        }

        private sealed class Lasting(Replay.History.State.InMemoryLedgerStateStore inner) : Replay.History.State.ILedgerStateStore
        {
            public Replay.History.State.ChainState? Chain => inner.Chain;
            public bool NeedsKeys => inner.NeedsKeys;
            public ValueTask<Replay.History.State.IStateView> ViewAsync(IReadOnlyCollection<Replay.History.State.StateKey> keys, CancellationToken c) => inner.ViewAsync(keys, c);
            public ValueTask CommitAsync(Replay.History.State.LedgerDelta delta, Replay.History.State.ChainState chain, CancellationToken c) => inner.CommitAsync(delta, chain, c);
            public ValueTask ReplaceAsync(Replay.History.State.ChainState chain, IEnumerable<KeyValuePair<Replay.History.State.StateKey, Replay.Stellar.Xdr.LedgerEntry>> live,
                IEnumerable<KeyValuePair<Replay.History.State.StateKey, Replay.Stellar.Xdr.LedgerEntry>> hot, CancellationToken c) => inner.ReplaceAsync(chain, live, hot, c);
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    [SharedFact]
    public async Task Cases_from_the_data_lake_equal_cases_from_the_meta_file()
    {
        var (server, _, _) = await ServeLakeAsync(".xdr.zst");
        await using var __ = server;
        using var reader = new NetworkReader(Quick);
        var lake = await DataLakeSource.OpenAsync(new Uri(server.BaseUrl, "lake/").ToString(), reader, CancellationToken.None);
        var fromLake = await Runs.RunAsync(lake);
        var fromFile = await Runs.MetaAsync(TestData.CorpusFile(TestData.LongNetwork));
        Assert.Equal(fromFile.Summary.Cases, fromLake.Summary.Cases);
        Assert.Equal(30, fromLake.Summary.Cases);
        Assert.Equal(Inputs(fromFile.Results), Inputs(fromLake.Results));
        Assert.True(fromLake.Summary.AllChecksMatched);
    }

    /// <summary>Everything but the provenance (source and object differ by construction).</summary>
    internal static List<string> Inputs(IEnumerable<CaseBuildResult> results) => results.OfType<BuiltCase>()
        .Select(b => b.Case)
        .Select(c => CaseJson.ToJson(c).Split("\"ledger_info\"")[1])
        .ToList();

    [SharedFact]
    public async Task A_persistently_corrupt_object_is_reported_with_its_url_after_the_retries()
    {
        var (server, _, _) = await ServeLakeAsync(".xdr.zst");
        await using var _ = server;
        const string key = "lake/FFFFFFF7--8-15/FFFFFFF5--10-11.xdr.zst";
        server.Fail(key, Enumerable.Repeat<Fault>(new Fault.CorruptZstd(), 10).ToArray());
        using var reader = new NetworkReader(Quick);
        var lake = await DataLakeSource.OpenAsync(new Uri(server.BaseUrl, "lake").ToString(), reader, CancellationToken.None);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => TestData.DeliveredAsync(lake, new LedgerRange(2, 20)));
        Assert.StartsWith(new Uri(server.BaseUrl, key) + ": failed after 5 attempts: corrupt or truncated body: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("zstd data cannot be decompressed", e.Message, StringComparison.Ordinal);
        Assert.Equal(5, server.Requests(key));
    }

    [SharedFact]
    public async Task A_missing_object_inside_the_range_names_the_object_and_the_ledger()
    {
        var ledgers = TestData.Ledgers(TestData.CorpusFile(TestData.LongNetwork));
        var dir = TestData.TempDirectory();
        foreach (var (key, bytes) in TestData.DataLake(ledgers, 1, 1, ".xdr.zst", Network.CoreTests.Passphrase))
        {
            if (key != "FFFFFFF0--15.xdr.zst")
                await File.WriteAllBytesAsync(Path.Combine(dir, key), bytes);
        }
        var lake = await DataLakeSource.OpenAsync(dir, null, CancellationToken.None);
        Assert.Equal(Enumerable.Range(2, 13).Select(i => (uint)i), await TestData.DeliveredAsync(lake, new LedgerRange(2, 14)));
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => TestData.DeliveredAsync(lake, new LedgerRange(2, 20)));
        Assert.Equal($"{Path.Combine(dir, "FFFFFFF0--15.xdr.zst")}: no such object: ledger 15 is missing from the data lake (requested up to 20)", e.Message);
        // Open-ended, the lake simply ends where objects stop.
        Assert.Equal(Enumerable.Range(2, 13).Select(i => (uint)i), await TestData.DeliveredAsync(lake, new LedgerRange(2, null)));
    }

    [Fact]
    public async Task A_config_that_is_not_sep54_is_refused_naming_the_file()
    {
        var dir = TestData.TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(dir, DataLakeConfig.FileName), "{\"networkPassphrase\":\"x\",\"ledgersPerBatch\":0,\"batchesPerPartition\":1}");
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => DataLakeSource.OpenAsync(dir, null, CancellationToken.None));
        Assert.Equal($"{Path.Combine(dir, DataLakeConfig.FileName)}: not a SEP-54 data lake config: ledgersPerBatch and batchesPerPartition must be positive", e.Message);
    }

    [Theory]
    [InlineData(1u, 64000u, 53312000u, "FCD285FF--53312000-53375999/FCD285FF--53312000")]
    [InlineData(1u, 1u, 53312000u, "FCD285FF--53312000")]
    [InlineData(2u, 8u, 18u, "FFFFFFEF--16-31/FFFFFFED--18-19")]
    public void Object_keys_follow_sep54(uint perBatch, uint perPartition, uint ledger, string key)
    {
        var config = new DataLakeConfig("p", "zstd", perBatch, perPartition);
        Assert.Equal(key, config.KeyOf(config.BatchStart(ledger)));
    }
}
