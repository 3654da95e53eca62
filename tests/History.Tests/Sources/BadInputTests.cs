using Replay.History.Building;
using Replay.History.Sources;
using Replay.History.State;
using Replay.History.Tests.Support;
using Replay.Stellar.Domain;
using Replay.Stellar.Xdr;

namespace Replay.History.Tests.Sources;

/// <summary>Broken history gets an error naming the ledger or the object, and nothing of a failed ledger reaches the state.</summary>
public sealed class BadInputTests
{
    private static List<LedgerCloseMeta> Ledgers() => TestData.Ledgers(TestData.CorpusFile(TestData.LongNetwork));

    private static string WriteStream(IEnumerable<LedgerCloseMeta> ledgers)
    {
        var path = Path.Combine(TestData.TempDirectory(), "network.xdr");
        File.WriteAllBytes(path, TestData.Stream(ledgers));
        return path;
    }

    [SharedFact]
    public async Task A_truncated_file_names_the_file_and_the_last_good_ledger()
    {
        var bytes = TestData.Stream(Ledgers());
        var path = Path.Combine(TestData.TempDirectory(), "truncated.xdr");
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => Runs.MetaAsync(path));
        Assert.StartsWith($"{path}: corrupt or truncated after ledger 44: at byte ", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task A_corrupt_ledger_names_the_file_and_the_offset()
    {
        var ledgers = Ledgers();
        var bytes = TestData.Stream(ledgers);
        var offset = TestData.Stream(ledgers.Take(5)).Length + 4;
        bytes[offset + 3] = 9; // LedgerCloseMeta version 9
        var path = Path.Combine(TestData.TempDirectory(), "corrupt.xdr");
        File.WriteAllBytes(path, bytes);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => Runs.MetaAsync(path));
        Assert.StartsWith($"{path}: corrupt or truncated after ledger 6: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("9 is not a declared", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task Ledgers_out_of_order_are_an_error_naming_both()
    {
        var ledgers = Ledgers();
        ledgers.Insert(12, ledgers[9]);
        var path = WriteStream(ledgers);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => Runs.MetaAsync(path));
        Assert.Equal($"{path}: ledger 11 comes after ledger 13: out of order", e.Message);

        (ledgers[10], ledgers[11]) = (ledgers[11], ledgers[10]);
        var swapped = WriteStream(ledgers);
        var gap = await Assert.ThrowsAsync<LedgerSourceException>(() => Runs.MetaAsync(swapped));
        Assert.Equal($"gap: ledger 12 is missing before ledger 13 in {swapped}", gap.Message);
    }

    [SharedFact]
    public async Task A_gap_in_a_chain_read_from_genesis_is_an_error_naming_the_missing_ledgers()
    {
        var ledgers = Ledgers();
        ledgers.RemoveRange(20, 2);
        var path = WriteStream(ledgers);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => Runs.MetaAsync(path));
        Assert.Equal($"gap: ledgers 22-23 are missing before ledger 24 in {path}", e.Message);
    }

    [SharedFact]
    public async Task A_gap_in_a_partial_chain_discards_what_was_learned_unless_a_range_was_named()
    {
        var ledgers = Ledgers().Skip(10).ToList();
        ledgers.RemoveRange(5, 2);
        var path = WriteStream(ledgers);
        var run = await Runs.MetaAsync(path);
        Assert.Contains($"gap: ledgers 17-18 are missing before ledger 19 in {path}; the partial state learned so far is discarded", run.Warnings);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => Runs.RunAsync(new MetaSource(path), new LedgerRange(14, 30), rangeGiven: true));
        Assert.Equal($"gap: ledgers 17-18 are missing before ledger 19 in {path}", e.Message);
    }

    [SharedFact]
    public async Task A_wrong_network_passphrase_is_an_error_naming_the_ledger()
    {
        var path = TestData.CorpusFile(TestData.LongNetwork);
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => Runs.RunAsync(new MetaSource(path, Network.Testnet)));
        Assert.StartsWith($"{path}: ledger 2: result 0 (transaction a6f3a931dccdb245b78c9c7cdc7f3253700d68b7df677c9aec32ba465e5e3d21) ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith($"matches no envelope of the transaction set under network id {Network.Testnet.Id}: wrong network passphrase, or a corrupt ledger", e.Message, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task A_ledger_that_fails_leaves_the_state_at_the_previous_ledger()
    {
        var ledgers = Ledgers();
        // Ledger 20's first result points at a transaction its set does not hold.
        var broken = (LedgerCloseMeta.V2)ledgers[18];
        Assert.NotEmpty(broken.Value.TxProcessing);
        broken.Value.TxProcessing[0].Result.TransactionHash = default;
        var path = WriteStream(ledgers);
        var stores = new KeptStores();
        var e = await Assert.ThrowsAsync<LedgerSourceException>(() => Runs.RunAsync(new MetaSource(path), stores: stores));
        Assert.StartsWith($"{path}: ledger 20: result 0 (transaction 0000", e.Message, StringComparison.Ordinal);
        Assert.Equal(19u, stores.Single.Chain!.LastLedger);

        var upTo19 = new KeptStores();
        await Runs.RunAsync(new MetaSource(path), new LedgerRange(0, 19), upTo19);
        Assert.Equal(Flatten(upTo19.Single), Flatten(stores.Single));
    }

    private static SortedDictionary<string, string> Flatten(InMemoryLedgerStateStore store) => new(
        store.Live.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value is null ? "" : Convert.ToHexString(XdrCodec.Encode(kv.Value))),
        StringComparer.Ordinal);

    [Fact]
    public void Source_specifications_are_checked()
    {
        var e = Assert.Throws<LedgerSourceException>(() => HistorySources.Parse("ftp://x"));
        Assert.Equal("'ftp://x' is not a source: expected meta:PATH, datalake:PATH|URL, rpc:URL, archive:PATH|URL, or sample and sample-archive (the embedded sample history's data lake and archive)", e.Message);
        Assert.Equal(("datalake", "https://example.org/lake"), HistorySources.Parse("datalake:https://example.org/lake"));
    }
}
